package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestOutboxErrorTextRedacted: an error text stored for a failed or
// retried send — shown by the outbox command and the inbox — has the
// secrets of a URL it quotes redacted.
func TestOutboxErrorTextRedacted(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		st := openOutbox(t)
		ctx := context.Background()
		end := outboxT0.Add(40 * time.Minute)
		storeMentions(t, st, 2, func(m *model.Mention) []NewDelivery {
			return []NewDelivery{delivery(m, "#now", FrequencyAsItHappens, outboxT0)}
		})
		if _, err := st.BatchDeliveries(ctx, end); err != nil {
			t.Fatal(err)
		}
		ss, _ := st.Sends(ctx)
		if len(ss) != 2 {
			t.Fatalf("%d sends", len(ss))
		}
		st.MarkSendAttempt(ctx, ss[0].ID, end)
		if _, err := st.MarkSendFailed(ctx, ss[0].ID, `webhook: Post "https://hooks.example/in?token=leak-failed": EOF`, end); err != nil {
			t.Fatal(err)
		}
		if err := st.MarkSendRetry(ctx, ss[1].ID, end.Add(time.Minute), "telegram: https://api.telegram.org/bot42:leak-retry/sendMessage: EOF", false); err != nil {
			t.Fatal(err)
		}
		got, _ := st.Sends(ctx)
		var all strings.Builder
		for _, s := range got {
			all.WriteString(s.LastError + "\n")
		}
		entries, _ := st.OutboxEntries(ctx)
		for _, e := range entries {
			all.WriteString(e.LastError + "\n")
		}
		if strings.Contains(all.String(), "leak-") || !strings.Contains(all.String(), "token=***") || !strings.Contains(all.String(), "bot42:***") {
			t.Errorf("stored error texts:\n%s", all.String())
		}
	})
}
