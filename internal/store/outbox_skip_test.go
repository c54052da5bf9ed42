package store

import (
	"context"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestSkipDeliveries: deliveries taken out of a group before it goes out
// are cancelled, no longer part of it, neither pending nor failed, and
// stay cancelled when the rest is sent; taking out none changes nothing.
func TestSkipDeliveries(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		st := openOutbox(t)
		ctx := context.Background()
		end := outboxT0.Add(40 * time.Minute)
		ms := storeMentions(t, st, 3, func(m *model.Mention) []NewDelivery {
			return []NewDelivery{delivery(m, "#hourly", "hourly", end)}
		})
		if n, err := st.BatchDeliveries(ctx, end); err != nil || n != 1 {
			t.Fatalf("batched %d, %v; want 1 group", n, err)
		}
		g := mustSends(t, st)[0]
		if n, err := st.SkipDeliveries(ctx, g.ID, nil); err != nil || n != 0 {
			t.Fatalf("SkipDeliveries(none) = %d, %v", n, err)
		}
		if n, err := st.SkipDeliveries(ctx, g.ID, []int64{ms[0].ID, 999999}); err != nil || n != 1 {
			t.Fatalf("SkipDeliveries = %d, %v; want 1", n, err)
		}
		ds, err := st.SendDeliveries(ctx, g.ID)
		if err != nil || len(ds) != 2 {
			t.Fatalf("group has %d deliveries, %v; want 2", len(ds), err)
		}
		if err := st.MarkSendSent(ctx, g.ID, "C1", "1.2", end); err != nil {
			t.Fatal(err)
		}
		all, err := st.Deliveries(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range all {
			want := OutboxSent
			if d.MentionID == ms[0].ID {
				want = OutboxCancelled
			}
			if d.Status != want {
				t.Errorf("delivery of mention %d is %s, want %s", d.MentionID, d.Status, want)
			}
		}
		status, err := st.OutboxStatus(ctx, end)
		if err != nil || status.Pending != 0 || status.Failed != 0 {
			t.Errorf("status %+v, %v", status, err)
		}
		if n, err := st.UndeliveredCount(ctx, end.Add(time.Hour)); err != nil || n != 0 {
			t.Errorf("undelivered %d, %v", n, err)
		}
	})
}
