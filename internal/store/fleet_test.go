package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// twoDaemons opens one database file twice, as two daemons on one machine
// would, with owners "a" and "b".
func twoDaemons(t *testing.T) (a, b *Store) {
	t.Helper()
	path := newLocation(t, "mw.db")
	for _, o := range []struct {
		st    **Store
		owner string
	}{{&a, "a"}, {&b, "b"}} {
		st, err := Open(context.Background(), path, WithOwner(o.owner), WithClock(func() time.Time { return t0 }))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		*o.st = st
	}
	return a, b
}

func claim(t *testing.T, st *Store, src string, now time.Time) (*Lease, time.Time) {
	t.Helper()
	l, next, err := st.ClaimSource(context.Background(), src, now, time.Minute, false)
	if err != nil {
		t.Fatal(err)
	}
	return l, next
}

func fleetDoc(src string, i int) model.Document {
	u := fmt.Sprintf("https://%s.example/p/%d", src, i)
	return model.Document{ID: "url:" + u, URL: u, Title: fmt.Sprintf("post %d", i)}
}

func leasedCrawl(l *Lease, next time.Time, docs ...model.Document) *Crawl {
	c := &Crawl{State: SourceState{Name: l.Source, URL: "https://" + l.Source + ".example/feed", NextRunAt: next, Crawled: true},
		Docs: docs, Lease: l}
	for _, d := range docs {
		c.Mentions = append(c.Mentions, &model.Mention{DocID: d.ID, Brand: "Acme", Source: l.Source,
			SourceType: "feed", URL: d.URL, FoundAt: t0})
	}
	return c
}

// TestLeaseOnePerPeriod: a due source goes to one daemon; the other learns
// the next run the first stored and gets the source once it is due.
func TestLeaseOnePerPeriod(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		a, b := twoDaemons(t)
		ctx := context.Background()
		la, _ := claim(t, a, "feed1", t0)
		if la == nil {
			t.Fatal("a could not claim a source never crawled")
		}
		if lb, next := claim(t, b, "feed1", t0); lb != nil || !next.IsZero() {
			t.Fatalf("b claimed a held source: %v, next %v", lb, next)
		}
		next := t0.Add(10 * time.Minute)
		if _, err := a.SaveCrawl(ctx, leasedCrawl(la, next, fleetDoc("feed1", 1)), nil); err != nil {
			t.Fatal(err)
		}
		// Free, but not due by the shared schedule: b moves to a's next run.
		if lb, got := claim(t, b, "feed1", t0.Add(time.Minute)); lb != nil || !got.Equal(next) {
			t.Fatalf("b after a's crawl: lease %v, next %v, want next %v", lb, got, next)
		}
		if lb, _ := claim(t, b, "feed1", next); lb == nil {
			t.Fatal("b could not claim the source when due")
		}
		ls, err := a.SourceLeases(ctx)
		if err != nil || len(ls) != 1 || ls[0].Owner != "b" || !ls[0].Held(next) || ls[0].Seq != 1 {
			t.Fatalf("leases %+v, %v", ls, err)
		}
		// A forced claim (the source's URL or schedule changed) need not wait
		// for the schedule, only for a free lease.
		if l, _, _ := a.ClaimSource(ctx, "feed1", next, time.Minute, true); l != nil {
			t.Fatal("a forced claim took a held lease")
		}
	})
}

// TestLeaseExpiresWhenADaemonDies: a daemon that stops mid-crawl keeps
// its source until the lease expires; then the other takes it, and the
// first can neither renew nor save.
func TestLeaseExpiresWhenADaemonDies(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		a, b := twoDaemons(t)
		ctx := context.Background()
		la, _ := claim(t, a, "feed1", t0)
		if err := la.Renew(ctx, t0.Add(20*time.Second), time.Minute); err != nil {
			t.Fatal(err)
		}
		if lb, _ := claim(t, b, "feed1", t0.Add(time.Minute)); lb != nil {
			t.Fatal("b took a lease renewed until 1m20s")
		}
		lb, _ := claim(t, b, "feed1", t0.Add(80*time.Second))
		if lb == nil {
			t.Fatal("b could not take an expired lease")
		}
		if err := la.Renew(ctx, t0.Add(81*time.Second), time.Minute); !errors.Is(err, ErrLeaseLost) {
			t.Fatalf("a renewed a lost lease: %v", err)
		}
		_, err := a.SaveCrawl(ctx, leasedCrawl(la, t0.Add(time.Hour), fleetDoc("feed1", 1)), nil)
		if !errors.Is(err, ErrLeaseLost) {
			t.Fatalf("a saved with a lost lease: %v", err)
		}
		if err := a.SaveSourceLeased(ctx, SourceState{Name: "feed1"}, la); !errors.Is(err, ErrLeaseLost) {
			t.Fatalf("a saved a state with a lost lease: %v", err)
		}
		if ms, _ := a.Mentions(ctx, MentionFilter{}); len(ms) != 0 {
			t.Fatalf("a's crawl stored %d mentions", len(ms))
		}
		stored, err := b.SaveCrawl(ctx, leasedCrawl(lb, t0.Add(time.Hour), fleetDoc("feed1", 1)), nil)
		if err != nil || len(stored) != 1 {
			t.Fatalf("b stored %d, %v", len(stored), err)
		}
		// Released: free for anyone once due.
		if ls, _ := b.SourceLeases(ctx); ls[0].Held(t0.Add(81*time.Second)) || !ls[0].NextRunAt.Equal(t0.Add(time.Hour)) {
			t.Fatalf("lease after b's crawl: %+v", ls[0])
		}
	})
}

// TestReleaseWithoutSave: a crawl abandoned at shutdown gives its source
// back at once, leaving the stored next run.
func TestReleaseWithoutSave(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		a, b := twoDaemons(t)
		la, _ := claim(t, a, "feed1", t0)
		if err := la.Release(context.Background(), time.Time{}); err != nil || !la.Released() {
			t.Fatalf("release: %v", err)
		}
		if lb, _ := claim(t, b, "feed1", t0.Add(time.Second)); lb == nil {
			t.Fatal("b could not claim a released source")
		}
	})
}

// TestClaimCatchesUp: when a daemon claims a source, what another daemon
// stored for it meanwhile joins its seen index and state cache, so it
// neither stores those documents again nor alerts their mentions.
func TestClaimCatchesUp(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		a, b := twoDaemons(t)
		ctx := context.Background()
		// Both have built their caches before a crawls.
		for _, st := range []*Store{a, b} {
			if _, err := st.Unseen(ctx, []model.Document{fleetDoc("feed1", 0)}); err != nil {
				t.Fatal(err)
			}
			if _, err := st.Sources(ctx); err != nil {
				t.Fatal(err)
			}
		}
		la, _ := claim(t, a, "feed1", t0)
		c := leasedCrawl(la, t0.Add(time.Minute), fleetDoc("feed1", 1), fleetDoc("feed1", 2))
		c.State.ETag = `"v1"`
		if stored, err := a.SaveCrawl(ctx, c, nil); err != nil || len(stored) != 2 {
			t.Fatalf("a stored %d, %v", len(stored), err)
		}
		lb, _ := claim(t, b, "feed1", t0.Add(time.Minute))
		if lb == nil {
			t.Fatal("b could not claim")
		}
		fresh, err := b.Unseen(ctx, []model.Document{fleetDoc("feed1", 1), fleetDoc("feed1", 2), fleetDoc("feed1", 3)})
		if err != nil || len(fresh) != 1 || fresh[0].ID != fleetDoc("feed1", 3).ID {
			t.Fatalf("b sees as new %+v, %v", fresh, err)
		}
		st, err := b.Source(ctx, "feed1")
		if err != nil || st.ETag != `"v1"` || st.ItemsSeen != 2 {
			t.Fatalf("b's state of feed1: %+v, %v", st, err)
		}
		enqueued := 0
		stored, err := b.SaveCrawl(ctx, leasedCrawl(lb, t0.Add(2*time.Minute), fleetDoc("feed1", 1), fleetDoc("feed1", 2), fleetDoc("feed1", 3)),
			func(context.Context, *Tx, *model.Mention) error { enqueued++; return nil })
		if err != nil || len(stored) != 1 || enqueued != 1 {
			t.Fatalf("b stored %d mentions, enqueued %d, %v", len(stored), enqueued, err)
		}
		var n int
		if err := a.DB().QueryRow(`SELECT COUNT(*) FROM documents WHERE source = 'feed1'`).Scan(&n); err != nil || n != 3 {
			t.Fatalf("%d documents, %v", n, err)
		}
		// a, claiming next, catches up with b's crawl the same way.
		la, _ = claim(t, a, "feed1", t0.Add(2*time.Minute))
		if fresh, _ := a.Unseen(ctx, []model.Document{fleetDoc("feed1", 3)}); la == nil || len(fresh) != 0 {
			t.Fatalf("a sees b's document as new: %v", fresh)
		}
	})
}

// TestMentionOnceAcrossDaemons: two daemons storing the same document
// without a lease (a `run --once` beside a daemon) store its mention once
// and enqueue its alerts once: the schema keeps mentions unique.
func TestMentionOnceAcrossDaemons(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		a, b := twoDaemons(t)
		ctx := context.Background()
		enqueued := 0
		count := func(context.Context, *Tx, *model.Mention) error { enqueued++; return nil }
		for _, st := range []*Store{a, b} {
			if _, err := st.Unseen(ctx, nil); err != nil {
				t.Fatal(err)
			}
		}
		for _, st := range []*Store{a, b} {
			c := &Crawl{State: SourceState{Name: "feed1"}, Docs: []model.Document{fleetDoc("feed1", 1)},
				Mentions: []*model.Mention{{DocID: fleetDoc("feed1", 1).ID, Brand: "Acme", Source: "feed1", SourceType: "feed", FoundAt: t0}}}
			if _, err := st.SaveCrawl(ctx, c, count); err != nil {
				t.Fatal(err)
			}
		}
		if ms, _ := a.Mentions(ctx, MentionFilter{}); len(ms) != 1 || enqueued != 1 {
			t.Fatalf("%d mentions, %d enqueued", len(ms), enqueued)
		}
	})
}

// TestSendClaimedOnce: of two daemons, one sends a message; the other
// takes it over only after the first died and its claim expired, and finds
// it "sending", so that it asks whether it arrived before sending again.
func TestSendClaimedOnce(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		a, b := twoDaemons(t)
		ctx := context.Background()
		storeMentions(t, a, 1, func(m *model.Mention) []NewDelivery {
			return []NewDelivery{delivery(m, "#a", FrequencyAsItHappens, t0)}
		})
		if _, err := a.BatchDeliveries(ctx, t0); err != nil {
			t.Fatal(err)
		}
		ss, _ := a.Sends(ctx)
		id := ss[0].ID
		sd, ok, err := a.ClaimSend(ctx, id, t0, time.Minute)
		if err != nil || !ok || sd.Status != OutboxPending {
			t.Fatalf("a's claim: %v %+v %v", ok, sd, err)
		}
		if _, ok, _ := b.ClaimSend(ctx, id, t0.Add(time.Second), time.Minute); ok {
			t.Fatal("b claimed a send a is sending")
		}
		if err := a.MarkSendAttempt(ctx, id, t0); err != nil {
			t.Fatal(err)
		}
		// a dies here.
		if _, ok, _ := b.ClaimSend(ctx, id, t0.Add(59*time.Second), time.Minute); ok {
			t.Fatal("b claimed before the claim expired")
		}
		sd, ok, err = b.ClaimSend(ctx, id, t0.Add(time.Minute), time.Minute)
		if err != nil || !ok || sd.Status != OutboxSending {
			t.Fatalf("b's claim after expiry: %v %+v %v", ok, sd, err)
		}
		if err := b.MarkSendSent(ctx, id, "C1", "1.1", t0.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if c, _ := b.SendClaimOf(ctx, id); !c.Until.IsZero() || c.Owner != "b" {
			t.Fatalf("claim after sent: %+v", c)
		}
		for _, st := range []*Store{a, b} {
			if _, ok, _ := st.ClaimSend(ctx, id, t0.Add(2*time.Hour), time.Minute); ok {
				t.Fatalf("%s claimed a sent message", st.Owner())
			}
		}
	})
}

// TestSendsClaimedOnceConcurrently: two daemons racing over the same due
// sends each claim a disjoint share, and every send is claimed.
func TestSendsClaimedOnceConcurrently(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		a, b := twoDaemons(t)
		ctx := context.Background()
		storeMentions(t, a, 40, func(m *model.Mention) []NewDelivery {
			return []NewDelivery{delivery(m, "#a", FrequencyAsItHappens, t0)}
		})
		if _, err := a.BatchDeliveries(ctx, t0); err != nil {
			t.Fatal(err)
		}
		ss, _ := a.Sends(ctx)
		var mu sync.Mutex
		claimed := map[int64]string{}
		var wg sync.WaitGroup
		for _, st := range []*Store{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for _, sd := range ss {
					_, ok, err := st.ClaimSend(ctx, sd.ID, t0, time.Minute)
					if err != nil {
						t.Error(err)
						return
					}
					if ok {
						mu.Lock()
						if o, dup := claimed[sd.ID]; dup {
							t.Errorf("send %d claimed by %s and %s", sd.ID, o, st.Owner())
						}
						claimed[sd.ID] = st.Owner()
						mu.Unlock()
					}
				}
			}()
		}
		wg.Wait()
		if len(claimed) != len(ss) {
			t.Fatalf("%d of %d sends claimed", len(claimed), len(ss))
		}
	})
}

// TestGroupBatchedOnce: two daemons batching an hourly group at its
// period's end at once make one send of it. (SQLite's write lock already
// serializes the two batches; on PostgreSQL the conditional bind is what
// rolls the loser back.)
func TestGroupBatchedOnce(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		a, b := twoDaemons(t)
		ctx := context.Background()
		end := t0.Add(40 * time.Minute)
		storeMentions(t, a, 20, func(m *model.Mention) []NewDelivery {
			return []NewDelivery{delivery(m, "#hourly", "hourly", end)}
		})
		var wg sync.WaitGroup
		created := make([]int, 2)
		for i, st := range []*Store{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				n, err := st.BatchDeliveries(ctx, end)
				if err != nil {
					t.Error(err)
				}
				created[i] = n
			}()
		}
		wg.Wait()
		ss, _ := a.Sends(ctx)
		if len(ss) != 1 || created[0]+created[1] != 1 {
			t.Fatalf("%d sends (created %v), want one group", len(ss), created)
		}
		if ds, _ := a.SendDeliveries(ctx, ss[0].ID); len(ds) != 20 {
			t.Fatalf("the group holds %d deliveries", len(ds))
		}
	})
}

// TestWaveOnce: two daemons finding the same wave open it once; the
// second's insert does nothing, so only the first enqueues its alert.
func TestWaveOnce(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		a, b := twoDaemons(t)
		ctx := context.Background()
		opened := 0
		for _, st := range []*Store{a, b} {
			err := st.Tx(ctx, func(tx *Tx) error {
				_, ok, err := InsertWave(ctx, tx, Wave{Brand: "Acme", StartedAt: t0, Count: 9, Threshold: 5, Payload: "{}"})
				if ok {
					opened++
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		if opened != 1 {
			t.Fatalf("wave opened %d times", opened)
		}
	})
}

// TestRemindersOnce: both daemons finding the same overdue mention queue
// one reminder.
func TestRemindersOnce(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		a, b := twoDaemons(t)
		ctx := context.Background()
		ms := storeMentions(t, a, 1, func(*model.Mention) []NewDelivery { return nil })
		r := NewDelivery{Key: ReminderKey(ms[0].ID, "slack", "#a"), MentionID: ms[0].ID, Kind: DeliveryReminder,
			Route: "r", Channel: "slack", Target: "#a", Brand: "Acme", Frequency: FrequencyAsItHappens, DueAt: t0}
		total := 0
		for _, st := range []*Store{a, b} {
			n, err := st.EnqueueReminders(ctx, []NewDelivery{r}, t0)
			if err != nil {
				t.Fatal(err)
			}
			total += n
		}
		if total != 1 {
			t.Fatalf("%d reminders queued", total)
		}
	})
}

// TestDigestOnce: both daemons scheduling the same week record one run,
// and only one of them claims it for sending.
func TestDigestOnce(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		a, b := twoDaemons(t)
		ctx := context.Background()
		run := DigestRun{Start: t0.Add(-7 * 24 * time.Hour), End: t0, NextAttemptAt: t0}
		ra, createdA, err := a.AddDigestRun(ctx, run)
		if err != nil {
			t.Fatal(err)
		}
		rb, createdB, err := b.AddDigestRun(ctx, run)
		if err != nil || createdA == createdB || ra.ID != rb.ID {
			t.Fatalf("runs %d/%v and %d/%v, %v", ra.ID, createdA, rb.ID, createdB, err)
		}
		okA, _ := a.ClaimDigestRun(ctx, ra.ID, t0, t0.Add(time.Minute))
		okB, _ := b.ClaimDigestRun(ctx, rb.ID, t0, t0.Add(time.Minute))
		if okA == okB {
			t.Fatalf("claims: a %v, b %v; want exactly one", okA, okB)
		}
	})
}

// TestClaimedFoldNotJoined: while one daemon sends a storm's fold, the
// other daemon's new alerts of that storm go into a new fold, so the
// first never marks sent an alert its message did not carry.
func TestClaimedFoldNotJoined(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		a, b := twoDaemons(t)
		ctx := context.Background()
		seq := 0
		stormMentions(t, a, &seq, "Acme", 3, 0, t0)
		if _, err := a.BatchDeliveriesBurst(ctx, t0, 1); err != nil {
			t.Fatal(err)
		}
		kinds, folds := sendsByKind(t, a, "Acme")
		if kinds[SendMention] != 1 || len(folds) != 1 || folds[0] != 2 {
			t.Fatalf("before: %v %v", kinds, folds)
		}
		ss, _ := a.Sends(ctx)
		fold := ss[len(ss)-1]
		if _, ok, err := a.ClaimSend(ctx, fold.ID, t0, time.Minute); !ok || err != nil {
			t.Fatalf("claim: %v %v", ok, err)
		}
		stormMentions(t, b, &seq, "Acme", 1, 0, t0)
		if _, err := b.BatchDeliveriesBurst(ctx, t0, 1); err != nil {
			t.Fatal(err)
		}
		if _, folds := sendsByKind(t, a, "Acme"); len(folds) != 2 || folds[0] != 2 || folds[1] != 1 {
			t.Fatalf("after: folds %v, want the claimed one untouched and a new one", folds)
		}
		// Unclaimed, an open fold is joined as before.
		if err := a.MarkSendRetry(ctx, fold.ID, t0, "x", false); err != nil {
			t.Fatal(err)
		}
		stormMentions(t, b, &seq, "Acme", 1, 0, t0)
		if _, err := b.BatchDeliveriesBurst(ctx, t0, 1); err != nil {
			t.Fatal(err)
		}
		if _, folds := sendsByKind(t, a, "Acme"); len(folds) != 2 || folds[1] != 2 {
			t.Fatalf("joined: folds %v", folds)
		}
	})
}
