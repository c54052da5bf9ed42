package notify

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/store"
)

// OutboxStatus summarises the outbox at now, for `mentionwatch sources`,
// logs and health checks.
func OutboxStatus(ctx context.Context, st *store.Store, now time.Time) (store.OutboxStatus, error) {
	s, err := st.OutboxStatus(ctx, now)
	if err != nil {
		return s, fmt.Errorf("notify: %w", err)
	}
	return s, nil
}

// FormatStatus renders an outbox summary on one line:
// "alerts: 3 pending (1 held by quiet hours), 2 failed; last error: …".
func FormatStatus(s store.OutboxStatus) string {
	var b strings.Builder
	fmt.Fprintf(&b, "alerts: %d pending", s.Pending)
	if s.Held > 0 {
		fmt.Fprintf(&b, " (%d held by quiet hours)", s.Held)
	}
	fmt.Fprintf(&b, ", %d failed, %d sent", s.Failed, s.Sent)
	if s.LastError != "" {
		b.WriteString("; last error: " + s.LastError)
		if !s.LastErrorAt.IsZero() {
			b.WriteString(" (" + s.LastErrorAt.UTC().Format(time.RFC3339) + ")")
		}
	}
	return b.String()
}
