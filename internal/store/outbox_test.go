package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

var outboxT0 = time.Date(2026, 11, 20, 10, 20, 0, 0, time.UTC)

func openOutbox(t *testing.T) *Store {
	t.Helper()
	st, err := Open(context.Background(), newLocation(t, "mw.db"), WithClock(func() time.Time { return outboxT0 }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// storeMentions saves n mentions and enqueues, for each, the deliveries
// mk returns.
func storeMentions(t *testing.T, st *Store, n int, mk func(m *model.Mention) []NewDelivery) []*model.Mention {
	t.Helper()
	c := &Crawl{State: SourceState{Name: "src"}}
	for i := 0; i < n; i++ {
		u := fmt.Sprintf("https://x.example/%s/%d", t.Name(), i)
		c.Docs = append(c.Docs, model.Document{ID: "url:" + u, URL: u})
		c.Mentions = append(c.Mentions, &model.Mention{DocID: "url:" + u, Brand: "Acme", Source: "src",
			SourceType: "feed", URL: u, FoundAt: outboxT0, Sentiment: model.Negative})
	}
	stored, err := st.SaveCrawl(context.Background(), c, func(ctx context.Context, tx *Tx, m *model.Mention) error {
		for _, d := range mk(m) {
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

func delivery(m *model.Mention, target, freq string, due time.Time) NewDelivery {
	d := NewDelivery{Key: fmt.Sprintf("m:%d:slack:%s", m.ID, target), MentionID: m.ID, Kind: DeliveryMention,
		Route: "r", Channel: "slack", Target: target, Brand: m.Brand, Frequency: freq, DueAt: due}
	if freq != FrequencyAsItHappens {
		d.PeriodStart = due.Add(-time.Hour)
	}
	return d
}

func TestInsertDeliveryIdempotent(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		st := openOutbox(t)
		ms := storeMentions(t, st, 1, func(m *model.Mention) []NewDelivery {
			d := delivery(m, "#a", FrequencyAsItHappens, outboxT0)
			return []NewDelivery{d, d}
		})
		ds, err := st.Deliveries(context.Background())
		if err != nil || len(ds) != 1 || ds[0].MentionID != ms[0].ID {
			t.Fatalf("deliveries %+v %v", ds, err)
		}
	})
}

func TestBatchDeliveries(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		st := openOutbox(t)
		ctx := context.Background()
		end := outboxT0.Add(40 * time.Minute)
		storeMentions(t, st, 5, func(m *model.Mention) []NewDelivery {
			return []NewDelivery{
				delivery(m, "#now", FrequencyAsItHappens, outboxT0),
				delivery(m, "#hourly", "hourly", end),
			}
		})
		n, err := st.BatchDeliveries(ctx, outboxT0)
		if err != nil || n != 5 {
			t.Fatalf("batched %d sends, %v; want 5 single ones", n, err)
		}
		if n, _ := st.BatchDeliveries(ctx, outboxT0); n != 0 {
			t.Errorf("batched again: %d", n)
		}
		if n, _ := st.BatchDeliveries(ctx, end); n != 1 {
			t.Errorf("at the period's end: %d sends, want 1 group", n)
		}
		ss, _ := st.Sends(ctx)
		g := ss[len(ss)-1]
		if g.Kind != SendGroup || !g.PeriodEnd.Equal(end) || !g.PeriodStart.Equal(end.Add(-time.Hour)) {
			t.Errorf("group send %+v", g)
		}
		ds, _ := st.SendDeliveries(ctx, g.ID)
		if len(ds) != 5 {
			t.Errorf("group has %d deliveries", len(ds))
		}
		// Marking it sent marks its deliveries in one go.
		if err := st.MarkSendSent(ctx, g.ID, "C1", "1.2", end); err != nil {
			t.Fatal(err)
		}
		ds, _ = st.SendDeliveries(ctx, g.ID)
		for _, d := range ds {
			if d.Status != OutboxSent || !d.SentAt.Equal(end) {
				t.Errorf("delivery %+v", d)
			}
		}
	})
}

// TestHoldAndOpenGroup: neither a held delivery nor a group whose period
// has not ended is batched or counted as undelivered before its time.
func TestHoldAndOpenGroup(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		st := openOutbox(t)
		ctx := context.Background()
		end := outboxT0.Add(5 * time.Hour)
		morning := outboxT0.Add(10 * time.Hour)
		storeMentions(t, st, 1, func(m *model.Mention) []NewDelivery {
			held := delivery(m, "#held", FrequencyAsItHappens, outboxT0)
			held.HoldUntil = morning
			return []NewDelivery{held, delivery(m, "#later", "daily", end)}
		})
		if n, _ := st.BatchDeliveries(ctx, outboxT0); n != 0 {
			t.Errorf("batched %d before their time", n)
		}
		if n, _ := st.UndeliveredCount(ctx, outboxT0); n != 0 {
			t.Errorf("undelivered %d, want 0: nothing is due", n)
		}
		status, _ := st.OutboxStatus(ctx, outboxT0)
		if status.Pending != 2 || status.Held != 1 {
			t.Errorf("status %+v", status)
		}
		next, ok, _ := st.NextOutboxWake(ctx)
		if !ok || !next.Equal(end) {
			t.Errorf("next wake %v %v, want the group's end", next, ok)
		}
		if n, _ := st.UndeliveredCount(ctx, end); n != 1 {
			t.Errorf("undelivered at the period's end %d, want the group", n)
		}
		if n, _ := st.BatchDeliveries(ctx, end); n != 1 {
			t.Errorf("at the period's end: %d", n)
		}
		if n, _ := st.BatchDeliveries(ctx, morning); n != 1 {
			t.Errorf("in the morning: %d", n)
		}
	})
}

func TestSendLifecycle(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		st := openOutbox(t)
		ctx := context.Background()
		storeMentions(t, st, 3, func(m *model.Mention) []NewDelivery {
			return []NewDelivery{delivery(m, "#a", FrequencyAsItHappens, outboxT0)}
		})
		st.BatchDeliveries(ctx, outboxT0)
		due, _ := st.DueSends(ctx, outboxT0, SendCursor{}, 10)
		if len(due) != 3 {
			t.Fatalf("%d due", len(due))
		}
		id := due[0].ID
		st.MarkSendAttempt(ctx, id, outboxT0)
		s, _ := st.SendByID(ctx, id)
		if s.Status != OutboxSending || s.Attempts != 1 {
			t.Errorf("after attempt %+v", s)
		}
		// A failed attempt holds back the whole destination.
		next := outboxT0.Add(30 * time.Second)
		st.MarkSendRetry(ctx, id, next, "HTTP 503", false)
		st.DeferSends(ctx, "slack", "#a", next)
		if due, _ := st.DueSends(ctx, outboxT0, SendCursor{}, 10); len(due) != 0 {
			t.Errorf("%d due during the backoff", len(due))
		}
		if due, _ := st.DueSends(ctx, next, SendCursor{}, 10); len(due) != 3 {
			t.Errorf("%d due after the backoff", len(due))
		}
		// An uncertain failure stays "sending".
		st.MarkSendRetry(ctx, id, next, "timeout", true)
		if s, _ := st.SendByID(ctx, id); s.Status != OutboxSending {
			t.Errorf("uncertain: %+v", s)
		}
		st.MarkSendFailed(ctx, due[1].ID, "channel_not_found", outboxT0)
		status, _ := st.OutboxStatus(ctx, next)
		if status.Failed != 1 || status.Pending != 2 || status.LastError == "" {
			t.Errorf("status %+v", status)
		}
		if n, _ := st.RequeueFailedSends(ctx, next); n != 1 {
			t.Errorf("requeued %d", n)
		}
		st.MarkSendSent(ctx, id, "C1", "1.1", next)
		if ext, _ := st.LastExtChannel(ctx, "slack", "#a"); ext != "C1" {
			t.Errorf("last channel %q", ext)
		}
		if n, err := st.PruneOutbox(ctx, next.Add(time.Hour)); err != nil || n != 1 {
			t.Errorf("pruned %d, %v", n, err)
		}
	})
}

func TestOutboxInstanceStable(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		loc := newLocation(t, "mw.db")
		ctx := context.Background()
		var ids []string
		for i := 0; i < 2; i++ {
			st, err := Open(ctx, loc)
			if err != nil {
				t.Fatal(err)
			}
			id, err := st.OutboxInstance(ctx)
			st.Close()
			if err != nil || len(id) != 16 {
				t.Fatalf("instance %q %v", id, err)
			}
			ids = append(ids, id)
		}
		if ids[0] != ids[1] {
			t.Errorf("instance changed across opens: %v", ids)
		}
	})
}

func TestWaves(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		st := openOutbox(t)
		ctx := context.Background()
		var id int64
		err := st.Tx(ctx, func(tx *Tx) error {
			var ok bool
			var err error
			id, ok, err = InsertWave(ctx, tx, Wave{Brand: "Acme", StartedAt: outboxT0, Count: 9, Threshold: 5, Payload: "{}"})
			if !ok {
				t.Error("not inserted")
			}
			if _, ok, _ := InsertWave(ctx, tx, Wave{Brand: "Acme", StartedAt: outboxT0, Count: 9}); ok {
				t.Error("a second open wave of one brand")
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		st.UpdateWavePeak(ctx, id, 12)
		w, open, _ := st.OpenWave(ctx, "Acme")
		if !open || w.Count != 12 {
			t.Errorf("wave %+v", w)
		}
		st.CloseWave(ctx, id, outboxT0.Add(time.Hour))
		if _, open, _ := st.OpenWave(ctx, "Acme"); open {
			t.Error("still open")
		}
	})
}
