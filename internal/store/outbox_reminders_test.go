package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// storeSeverities saves one mention per severity given, found at
// outboxT0, each alerted on the targets alerted returns for it.
func storeSeverities(t *testing.T, st *Store, sevs []string, alerted func(i int) []string) []*model.Mention {
	t.Helper()
	c := &Crawl{State: SourceState{Name: "src"}}
	idx := map[*model.Mention]int{}
	for i, sev := range sevs {
		u := fmt.Sprintf("https://x.example/%s/%d", t.Name(), i)
		m := &model.Mention{DocID: "url:" + u, Brand: "Acme", Source: "src", SourceType: "feed", URL: u,
			FoundAt: outboxT0, Sentiment: model.Negative, Severity: sev}
		idx[m] = i
		c.Docs = append(c.Docs, model.Document{ID: "url:" + u, URL: u})
		c.Mentions = append(c.Mentions, m)
	}
	stored, err := st.SaveCrawl(context.Background(), c, func(ctx context.Context, tx *Tx, m *model.Mention) error {
		for _, target := range alerted(idx[m]) {
			d := delivery(m, target, FrequencyAsItHappens, outboxT0)
			d.Route = "route " + target
			if _, err := InsertDelivery(ctx, tx, d, outboxT0); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return stored
}

func reminder(m *model.Mention, target string) NewDelivery {
	return NewDelivery{Key: ReminderKey(m.ID, "slack", target), MentionID: m.ID, Kind: DeliveryReminder,
		Route: "r", Channel: "slack", Target: target, Brand: m.Brand, Frequency: FrequencyAsItHappens,
		Severity: m.Severity, DueAt: outboxT0}
}

// TestOverdue: the SLA query finds the mentions of one severity that were
// alerted, are still new and have no reminder; their alert targets leave
// out those that failed for good; reminders are queued once, and never
// for a mention no longer new.
func TestOverdue(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		st := openOutbox(t)
		ms := storeSeverities(t, st,
			[]string{model.SeverityCritical, model.SeverityCritical, model.SeverityWarning, model.SeverityCritical, model.SeverityCritical},
			func(i int) []string {
				switch i {
				case 1: // not alerted: muted source, or no route
					return nil
				case 4:
					return []string{"#a", "#b"}
				}
				return []string{"#a"}
			})
		alerted, unalerted, warning, handled, partly := ms[0], ms[1], ms[2], ms[3], ms[4]
		if _, err := st.Act(ctx, handled.ID, Action{Name: model.ActionHandled, User: "anna"}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.db.ExecContext(context.Background(), `UPDATE deliveries SET status = ? WHERE mention_id = ? AND target = '#a'`,
			OutboxFailed, partly.ID); err != nil {
			t.Fatal(err)
		}
		_ = unalerted
		_ = warning
		over, err := st.Overdue(ctx, model.SeverityCritical, outboxT0.Add(-time.Hour), outboxT0)
		if err != nil {
			t.Fatal(err)
		}
		if len(over) != 2 || over[0].ID != alerted.ID || over[1].ID != partly.ID {
			t.Fatalf("overdue %+v, want mentions %d and %d", over, alerted.ID, partly.ID)
		}
		if a := over[0].Alerts; len(a) != 1 || a[0] != (AlertTarget{Route: "route #a", Channel: "slack", Target: "#a", Waiting: outboxT0}) {
			t.Errorf("alerts of %d: %+v", alerted.ID, a)
		}
		if a := over[1].Alerts; len(a) != 1 || a[0].Target != "#b" {
			t.Errorf("alerts of %d: %+v (the failed one left out)", partly.ID, a)
		}
		if !over[0].FoundAt.Equal(outboxT0) || over[0].Severity != model.SeverityCritical {
			t.Errorf("overdue %+v", over[0])
		}
		// Outside the window: nothing.
		if over, _ := st.Overdue(ctx, model.SeverityCritical, outboxT0.Add(-time.Hour), outboxT0.Add(-time.Millisecond)); len(over) != 0 {
			t.Errorf("found before the window: %+v", over)
		}

		n, err := st.EnqueueReminders(ctx, []NewDelivery{reminder(alerted, "#a"), reminder(alerted, "#lead"),
			reminder(handled, "#a")}, outboxT0)
		if err != nil || n != 2 {
			t.Fatalf("EnqueueReminders = %d, %v; want 2 (none for the handled mention)", n, err)
		}
		if n, _ := st.EnqueueReminders(ctx, []NewDelivery{reminder(alerted, "#a")}, outboxT0); n != 0 {
			t.Errorf("queued again: %d", n)
		}
		over, _ = st.Overdue(ctx, model.SeverityCritical, outboxT0.Add(-time.Hour), outboxT0)
		if len(over) != 1 || over[0].ID != partly.ID {
			t.Errorf("overdue after reminders %+v", over)
		}

		at, ok, err := st.NextUnanswered(ctx, model.SeverityCritical, outboxT0.Add(-time.Minute))
		if err != nil || !ok || !at.Equal(outboxT0) {
			t.Errorf("NextUnanswered = %v, %v, %v", at, ok, err)
		}
		if _, ok, _ := st.NextUnanswered(ctx, model.SeverityCritical, outboxT0); ok {
			t.Error("NextUnanswered after the last one found something")
		}

		// A reminder is a send of its own, of kind reminder.
		if _, err := st.BatchDeliveries(ctx, outboxT0); err != nil {
			t.Fatal(err)
		}
		kinds := map[string]int{}
		for _, s := range mustSends(t, st) {
			kinds[s.Kind]++
		}
		if kinds[SendReminder] != 2 {
			t.Errorf("send kinds %v", kinds)
		}
		d, sd, found, err := st.AlertOf(ctx, alerted.ID, "slack", "#a")
		if err != nil || !found || d.Kind != DeliveryMention || sd.ID == 0 || sd.Kind != SendMention {
			t.Errorf("AlertOf = %+v, %+v, %v, %v", d, sd, found, err)
		}
		if _, _, found, _ := st.AlertOf(ctx, alerted.ID, "slack", "#lead"); found {
			t.Error("AlertOf found an alert where there was none")
		}
	})
}

// TestCancelSend: a cancelled send leaves the queue, is neither pending
// nor failed, and is pruned like a sent one.
func TestCancelSend(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		st := openOutbox(t)
		ms := storeSeverities(t, st, []string{model.SeverityCritical}, func(int) []string { return nil })
		if _, err := st.EnqueueReminders(ctx, []NewDelivery{reminder(ms[0], "#a")}, outboxT0); err != nil {
			t.Fatal(err)
		}
		if _, err := st.BatchDeliveries(ctx, outboxT0); err != nil {
			t.Fatal(err)
		}
		ss := mustSends(t, st)
		if err := st.CancelSend(ctx, ss[0].ID, "the mention was handled", outboxT0); err != nil {
			t.Fatal(err)
		}
		status, err := st.OutboxStatus(ctx, outboxT0)
		if err != nil || status.Pending != 0 || status.Failed != 0 || status.LastError != "" {
			t.Errorf("status %+v, %v", status, err)
		}
		if due, _ := st.DueSends(ctx, outboxT0.Add(time.Hour), SendCursor{}, 10); len(due) != 0 {
			t.Errorf("cancelled send still due: %+v", due)
		}
		if n, err := st.PruneOutbox(ctx, outboxT0.Add(time.Hour)); err != nil || n != 1 {
			t.Errorf("PruneOutbox = %d, %v", n, err)
		}
	})
}

// TestSLAQueriesUseTheirIndexes: the SLA check reads the partial index of
// new mentions, not the whole table.
func TestSLAQueriesUseTheirIndexes(t *testing.T) {
	st := openOutbox(t)
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{overdueSQL, []any{"critical", 0, 1}},
		{nextUnansweredSQL, []any{"critical", 0}},
	} {
		rows, err := st.DB().Query(`EXPLAIN QUERY PLAN `+q.sql, q.args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		p := strings.Join(plan, "\n")
		t.Logf("%s", p)
		if !strings.Contains(p, "mentions_sla") || strings.Contains(p, "SCAN m ") || strings.Contains(p, "SCAN mentions") {
			t.Errorf("plan of %q:\n%s", q.sql, p)
		}
	}
}

func mustSends(t *testing.T, st *Store) []Send {
	t.Helper()
	ss, err := st.Sends(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ss
}

// BenchmarkSLACheck measures the SLA check's two queries in steady state:
// 100 000 mentions over ten days, all critical, alerted and still new
// (nobody handles anything), each reminded of except the latest few.
func BenchmarkSLACheck(b *testing.B) { eachBackendB(b, benchSLACheck) }

func benchSLACheck(b *testing.B) {
	ctx := context.Background()
	st, err := Open(ctx, newLocation(b, "mw.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	const n = 100_000
	start := outboxT0.Add(-10 * 24 * time.Hour)
	for batch := 0; batch < n/1000; batch++ {
		c := &Crawl{State: SourceState{Name: "src"}}
		for i := 0; i < 1000; i++ {
			k := batch*1000 + i
			u := fmt.Sprintf("https://x.example/%d", k)
			c.Docs = append(c.Docs, model.Document{ID: "url:" + u, URL: u})
			c.Mentions = append(c.Mentions, &model.Mention{DocID: "url:" + u, Brand: "Acme", Source: "src",
				SourceType: "feed", URL: u, FoundAt: start.Add(time.Duration(k) * (10 * 24 * time.Hour / n)),
				Sentiment: model.Negative, Severity: model.SeverityCritical})
		}
		_, err := st.SaveCrawl(ctx, c, func(ctx context.Context, tx *Tx, m *model.Mention) error {
			if _, err := InsertDelivery(ctx, tx, delivery(m, "#a", FrequencyAsItHappens, m.FoundAt), m.FoundAt); err != nil {
				return err
			}
			if m.FoundAt.Before(outboxT0.Add(-time.Hour)) {
				_, err := InsertDelivery(ctx, tx, reminder(m, "#a"), m.FoundAt)
				return err
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	if onPostgres(b) {
		// What autovacuum does after a bulk load: without statistics the
		// planner takes the mentions_sla index for a small table.
		if _, err := st.db.ExecContext(ctx, `ANALYZE`); err != nil {
			b.Fatal(err)
		}
	}
	until := outboxT0.Add(-30 * time.Minute)
	b.ResetTimer()
	for b.Loop() {
		over, err := st.Overdue(ctx, model.SeverityCritical, until.Add(-24*time.Hour), until)
		if err != nil || len(over) < 200 || len(over) > 210 {
			b.Fatal(len(over), err)
		}
		if _, _, err := st.NextUnanswered(ctx, model.SeverityCritical, until); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSLASince: the first check of a severity is remembered, also by a
// store opened again on the same file.
func TestSLASince(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		st := openOutbox(t)
		first, err := st.SLASince(ctx, "critical", outboxT0)
		if err != nil || !first.Equal(outboxT0) {
			t.Fatalf("SLASince = %v, %v", first, err)
		}
		st.Close()
		st2, err := Open(ctx, st.Path())
		if err != nil {
			t.Fatal(err)
		}
		defer st2.Close()
		if again, err := st2.SLASince(ctx, "critical", outboxT0.Add(time.Hour)); err != nil || !again.Equal(outboxT0) {
			t.Errorf("after reopening: %v, %v", again, err)
		}
		if other, _ := st2.SLASince(ctx, "warning", outboxT0.Add(time.Hour)); !other.Equal(outboxT0.Add(time.Hour)) {
			t.Errorf("warning since %v", other)
		}
	})
}
