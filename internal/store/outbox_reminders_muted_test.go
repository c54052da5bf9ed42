package store

import (
	"context"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestOverdueMutedSource: a mention whose source was muted after it was
// alerted is not overdue and gets no reminder queued; once the source is
// unmuted it is overdue again. A false positive is neither.
func TestOverdueMutedSource(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		st := openOutbox(t)
		ms := storeSeverities(t, st, []string{model.SeverityCritical, model.SeverityCritical},
			func(int) []string { return []string{"#a"} })
		m, fp := ms[0], ms[1]
		if _, err := st.Act(ctx, fp.ID, Action{Name: model.ActionFalsePositive, User: "anna"}); err != nil {
			t.Fatal(err)
		}
		overdue := func() []int64 {
			t.Helper()
			over, err := st.Overdue(ctx, model.SeverityCritical, outboxT0.Add(-time.Hour), outboxT0)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, o := range over {
				ids = append(ids, o.ID)
			}
			return ids
		}
		if ids := overdue(); len(ids) != 1 || ids[0] != m.ID {
			t.Fatalf("overdue %v, want [%d]", ids, m.ID)
		}
		if _, err := st.Act(ctx, m.ID, Action{Name: model.ActionMuteSource, User: "anna"}); err != nil {
			t.Fatal(err)
		}
		if ids := overdue(); len(ids) != 0 {
			t.Errorf("overdue with the source muted: %v", ids)
		}
		n, err := st.EnqueueReminders(ctx, []NewDelivery{reminder(m, "#a"), reminder(fp, "#a")}, outboxT0)
		if err != nil || n != 0 {
			t.Errorf("EnqueueReminders = %d, %v; want none queued", n, err)
		}
		if _, err := st.Act(ctx, m.ID, Action{Name: model.ActionUnmuteSource, User: "anna"}); err != nil {
			t.Fatal(err)
		}
		if ids := overdue(); len(ids) != 1 || ids[0] != m.ID {
			t.Errorf("overdue after the unmute %v, want [%d]", ids, m.ID)
		}
		if n, err := st.EnqueueReminders(ctx, []NewDelivery{reminder(m, "#a")}, outboxT0); err != nil || n != 1 {
			t.Errorf("EnqueueReminders after the unmute = %d, %v; want 1", n, err)
		}
	})
}
