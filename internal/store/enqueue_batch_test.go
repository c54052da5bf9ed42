package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/internal/testenv/pgtest"
	"github.com/mentionwatch/mentionwatch/notify"
)

// The store's tests of the deliveries a notify.Router writes through
// SaveCrawlBatch: an external test package, which may import notify.

// late is in the quiet hours of batchRoutes' "questions" route.
var late = time.Date(2026, 11, 20, 23, 30, 0, 0, time.UTC)

// backends runs fn as the subtests "sqlite" and "postgres", with a
// function returning where a new, empty database of that engine is; the
// postgres one skips where PostgreSQL is not installed.
func backends(t *testing.T, fn func(t *testing.T, newLoc func(t testing.TB) string)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, sqliteLoc) })
	t.Run("postgres", func(t *testing.T) { fn(t, pgtest.URL) })
}

func backendsB(b *testing.B, fn func(b *testing.B, newLoc func(t testing.TB) string)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, sqliteLoc) })
	b.Run("postgres", func(b *testing.B) { fn(b, pgtest.URL) })
}

func sqliteLoc(t testing.TB) string { return filepath.Join(t.TempDir(), "mw.db") }

// openAt opens the store at loc, telling time by late.
func openAt(t testing.TB, loc string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), loc, store.WithClock(func() time.Time { return late }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// batchRoutes: critical mentions to #pr-alerts as they happen (and on),
// questions to #pr-alerts again and to a Telegram chat, held through
// quiet hours, and everything to an hourly #mentions group.
func batchRoutes(t testing.TB) *notify.Router {
	t.Helper()
	routes := []config.Route{
		{Name: "critical", When: `severity == "critical"`, Slack: "#pr-alerts", Continue: true},
		{Name: "questions", When: `"question" in tags`, Slack: "#pr-alerts", Telegram: "-100",
			QuietHours: config.QuietHours{Start: "22:00", End: "08:00"}, Continue: true},
		{Name: "everything", When: `true`, Slack: "#mentions", Frequency: config.FrequencyHourly},
	}
	for i := range routes {
		if routes[i].Frequency == "" {
			routes[i].Frequency = config.FrequencyAsItHappens
		}
	}
	r, err := notify.NewRouter(config.Alerts{Routes: routes, TimeZone: "UTC"},
		notify.RouterOptions{Now: func() time.Time { return late }})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// threadMention is a new mention of brand in the thread at thread ("" for
// none).
func threadMention(id, brand, thread, severity string, tags ...string) *model.Mention {
	u := "https://forum.example/p/" + id
	return &model.Mention{DocID: "url:" + u, URL: u, Brand: brand, Source: "forum", SourceType: model.SourceForum,
		ThreadURL: thread, Severity: severity, Tags: tags, Sentiment: model.Negative, Negativity: 0.6,
		Replies: -1, SourceWeight: 1, FoundAt: late, Growth: 3}
}

func crawlOf(ms ...*model.Mention) *store.Crawl {
	c := &store.Crawl{State: store.SourceState{Name: "forum", Type: "forum", Crawled: true}}
	for _, m := range ms {
		c.Docs = append(c.Docs, model.Document{ID: m.DocID, URL: m.URL})
		c.Mentions = append(c.Mentions, m)
	}
	return c
}

const (
	oldThread = "https://forum.example/t/1" // alerted by an earlier crawl
	newThread = "https://forum.example/t/2" // first alerted in the crawl
	quiet     = "https://forum.example/t/3" // never alerted as it happened
	failed    = "https://forum.example/t/4" // alerted by an earlier crawl, but the alert failed
)

// earlier is a crawl before the one compared: its critical mentions of
// Acme alert oldThread and failed on #pr-alerts (failThread then marks
// the latter failed).
func earlier() *store.Crawl {
	return crawlOf(threadMention("e1", "Acme", oldThread, model.SeverityCritical),
		threadMention("e2", "Acme", quiet, model.SeverityInfo),
		threadMention("e3", "Acme", failed, model.SeverityCritical))
}

// failThread marks the alert of the thread at failed as failed, as the worker
// does when their sends give up, and adds a wave's delivery on #pr-alerts
// carrying the thread's URL: neither is an alert of the thread that a
// later mention follows up.
func failThread(t testing.TB, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	err := st.Tx(ctx, func(tx *store.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE deliveries SET status = ? WHERE thread_url = ? AND frequency = ?`,
			store.OutboxFailed, failed, config.FrequencyAsItHappens)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return fmt.Errorf("marked %d deliveries failed (%v), want 1", n, err)
		}
		id, ok, err := store.InsertWave(ctx, tx, store.Wave{Brand: "Acme", StartedAt: late.Add(-time.Hour), Count: 5,
			Threshold: 3, Payload: "{}"})
		if err != nil || !ok {
			return fmt.Errorf("insert wave: %v (%v)", err, ok)
		}
		_, err = store.InsertDelivery(ctx, tx, store.NewDelivery{Key: fmt.Sprintf("w:%d:slack:#pr-alerts", id),
			WaveID: id, Kind: store.DeliveryWave, Route: "critical", Channel: "slack", Target: "#pr-alerts",
			Brand: "Acme", Frequency: config.FrequencyAsItHappens, Severity: model.SeverityCritical,
			ThreadURL: failed, Why: "wave", DueAt: late.Add(-time.Hour)}, late.Add(-time.Hour))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// batchCrawl has several mentions in each thread, of two brands, routed
// to repeated targets, grouped and as they happen.
func batchCrawl() *store.Crawl {
	return crawlOf(
		threadMention("a", "Acme", oldThread, model.SeverityInfo),                  // follow-up of e1
		threadMention("b", "Acme", newThread, model.SeverityInfo, "question"),      // roots newThread on #pr-alerts and -100, held
		threadMention("c", "Acme", newThread, model.SeverityInfo),                  // follow-up of b on both
		threadMention("d", "Acme", newThread, model.SeverityCritical, "question"),  // its own routes, as follow-ups
		threadMention("e", "Other", newThread, model.SeverityInfo),                 // another brand: no follow-up
		threadMention("f", "Acme", oldThread, model.SeverityCritical),              // follow-up of e1 on its own route
		threadMention("g", "Acme", quiet, model.SeverityInfo),                      // grouped only
		threadMention("h", "Acme", "", model.SeverityWarning, "question"),          // no thread
		threadMention("i", "Other", newThread, model.SeverityCritical, "question"), // roots Other's thread
		threadMention("j", "Other", newThread, model.SeverityInfo),                 // follow-up of i
		threadMention("k", "Acme", failed, model.SeverityCritical),                 // alerts failed anew
	)
}

func allDeliveries(t testing.TB, st *store.Store) []store.Delivery {
	t.Helper()
	ds, err := st.Deliveries(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// TestEnqueueBatchSameAsOneByOne: a crawl's deliveries written by
// Router.EnqueueBatch through SaveCrawlBatch are those Router.Enqueue
// writes mention by mention through SaveCrawl, field for field and in the
// same order, on both engines: follow-ups of a thread's alert of an
// earlier crawl and of the same crawl, another brand's thread apart,
// targets repeated across routes, hourly groups and quiet-hours holds, and
// a thread whose only alert failed (and a wave's delivery carries its URL)
// alerted anew rather than followed up.
func TestEnqueueBatchSameAsOneByOne(t *testing.T) {
	backends(t, func(t *testing.T, newLoc func(testing.TB) string) {
		ctx := context.Background()
		r := batchRoutes(t)
		one, batch := openAt(t, newLoc(t)), openAt(t, newLoc(t))
		for _, st := range []*store.Store{one, batch} {
			if _, err := st.SaveCrawl(ctx, earlier(), r.Enqueue); err != nil {
				t.Fatal(err)
			}
			failThread(t, st)
		}
		storedOne, err := one.SaveCrawl(ctx, batchCrawl(), r.Enqueue)
		if err != nil {
			t.Fatal(err)
		}
		storedBatch, err := batch.SaveCrawlBatch(ctx, batchCrawl(), r.EnqueueBatch)
		if err != nil {
			t.Fatal(err)
		}
		if len(storedOne) != 11 || len(storedBatch) != 11 {
			t.Fatalf("stored %d and %d mentions, want 11", len(storedOne), len(storedBatch))
		}
		want, got := allDeliveries(t, one), allDeliveries(t, batch)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("batched deliveries differ:\n got %+v\nwant %+v", got, want)
		}

		// What the crawl's deliveries are, so that the comparison is not
		// of two wrong answers.
		byDoc := map[int64]string{}
		for _, m := range storedBatch {
			byDoc[m.ID] = m.DocID[len("url:https://forum.example/p/"):]
		}
		type row struct {
			doc, route, target, freq string
			followup, held           bool
		}
		var rows []row
		for _, d := range got {
			if doc, ok := byDoc[d.MentionID]; ok {
				rows = append(rows, row{doc, d.Route, d.Target, d.Frequency, d.Followup, !d.HoldUntil.IsZero()})
			}
		}
		const aih, hourly = config.FrequencyAsItHappens, config.FrequencyHourly
		wantRows := []row{
			{"a", "everything", "#mentions", hourly, false, false},
			{"a", "critical", "#pr-alerts", aih, true, false},
			{"b", "questions", "#pr-alerts", aih, false, true},
			{"b", "questions", "-100", aih, false, true},
			{"b", "everything", "#mentions", hourly, false, false},
			{"c", "everything", "#mentions", hourly, false, false},
			{"c", "questions", "#pr-alerts", aih, true, true},
			{"c", "questions", "-100", aih, true, true},
			{"d", "critical", "#pr-alerts", aih, true, false},
			{"d", "questions", "-100", aih, true, false},
			{"d", "everything", "#mentions", hourly, false, false},
			{"e", "everything", "#mentions", hourly, false, false},
			{"f", "critical", "#pr-alerts", aih, true, false},
			{"f", "everything", "#mentions", hourly, false, false},
			{"g", "everything", "#mentions", hourly, false, false},
			{"h", "questions", "#pr-alerts", aih, false, true},
			{"h", "questions", "-100", aih, false, true},
			{"h", "everything", "#mentions", hourly, false, false},
			{"i", "critical", "#pr-alerts", aih, false, false},
			{"i", "questions", "-100", aih, false, false},
			{"i", "everything", "#mentions", hourly, false, false},
			{"j", "everything", "#mentions", hourly, false, false},
			{"j", "critical", "#pr-alerts", aih, true, false},
			{"j", "questions", "-100", aih, true, true},
			{"k", "critical", "#pr-alerts", aih, false, false},
			{"k", "everything", "#mentions", hourly, false, false},
		}
		if !reflect.DeepEqual(rows, wantRows) {
			t.Errorf("deliveries\n got %+v\nwant %+v", rows, wantRows)
		}
	})
}

// TestEnqueueBatchConcurrentCrawlsOneRoot: crawls of one thread saved at
// the same time through SaveCrawlBatch, by daemons sharing the database,
// alert the thread once per target, every other mention following up: on
// PostgreSQL the transactions that lose the race (serialization failures)
// run again, with their whole batch planned anew.
func TestEnqueueBatchConcurrentCrawlsOneRoot(t *testing.T) {
	backends(t, func(t *testing.T, newLoc func(testing.TB) string) {
		ctx := context.Background()
		r := batchRoutes(t)
		const crawls, per = 6, 4
		loc := newLoc(t)
		daemons := make([]*store.Store, crawls)
		for i := range daemons {
			daemons[i] = openAt(t, loc)
		}
		var wg sync.WaitGroup
		errs := make(chan error, crawls)
		for i := range crawls {
			wg.Go(func() {
				var ms []*model.Mention
				for j := range per {
					ms = append(ms, threadMention(fmt.Sprintf("c%d-%d", i, j), "Acme", newThread, model.SeverityInfo, "question"))
				}
				c := crawlOf(ms...)
				c.State.Name = fmt.Sprintf("forum%d", i)
				stored, err := daemons[i].SaveCrawlBatch(ctx, c, r.EnqueueBatch)
				if err == nil && len(stored) != per {
					err = fmt.Errorf("stored %d of %d", len(stored), per)
				}
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		ds := allDeliveries(t, daemons[0])
		if len(ds) != crawls*per*3 {
			t.Errorf("%d deliveries, want %d", len(ds), crawls*per*3)
		}
		roots := map[string]int{}
		for _, d := range ds {
			if d.Frequency == config.FrequencyAsItHappens && !d.Followup {
				roots[d.Target]++
			}
		}
		if want := map[string]int{"#pr-alerts": 1, "-100": 1}; !reflect.DeepEqual(roots, want) {
			t.Errorf("thread alerted %v times by target, want %v", roots, want)
		}
	})
}

// TestEnqueueBatchNULThreads: thread URLs that differ only by NUL
// characters are one thread on PostgreSQL, which stores text without
// them, and two on SQLite; batched, a crawl's mentions follow up each
// other's alerts and an earlier crawl's as they do one by one, on both
// engines.
func TestEnqueueBatchNULThreads(t *testing.T) {
	const t8, t9 = "https://forum.example/t/8", "https://forum.example/t/9"
	backends(t, func(t *testing.T, newLoc func(testing.TB) string) {
		ctx := context.Background()
		r := batchRoutes(t)
		one, batch := openAt(t, newLoc(t)), openAt(t, newLoc(t))
		before := func() *store.Crawl {
			return crawlOf(threadMention("e8", "Acme", t8+"\x00", model.SeverityCritical))
		}
		crawl := func() *store.Crawl {
			return crawlOf(
				threadMention("p", "Acme", t8, model.SeverityCritical),        // after the earlier crawl's t/8\x00
				threadMention("q", "Acme", t9+"\x00", model.SeverityCritical), // roots t/9\x00
				threadMention("r", "Acme", t9, model.SeverityCritical),        // the same thread on PostgreSQL
			)
		}
		for _, st := range []*store.Store{one, batch} {
			if _, err := st.SaveCrawl(ctx, before(), r.Enqueue); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := one.SaveCrawl(ctx, crawl(), r.Enqueue); err != nil {
			t.Fatal(err)
		}
		if _, err := batch.SaveCrawlBatch(ctx, crawl(), r.EnqueueBatch); err != nil {
			t.Fatal(err)
		}
		want, got := allDeliveries(t, one), allDeliveries(t, batch)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("batched deliveries differ:\n got %+v\nwant %+v", got, want)
		}
		// On PostgreSQL p and r follow up; on SQLite every URL is its own
		// thread and each mention alerts it.
		pg := strings.HasPrefix(one.Dialect(), "postgres")
		var followups []bool
		for _, d := range got {
			if d.Route == "critical" {
				followups = append(followups, d.Followup)
			}
		}
		wantFollowups := []bool{false, false, false, false}
		if pg {
			wantFollowups = []bool{false, true, false, true}
		}
		if !reflect.DeepEqual(followups, wantFollowups) {
			t.Errorf("critical alerts' follow-ups %v, want %v", followups, wantFollowups)
		}
	})
}

// TestThreadAlertsChunks: ThreadAlerts reads its keys in chunks of 400,
// each query pairing every brand of the chunk with every URL; a thread
// asked for in the second chunk whose brand and URL both appear in the
// first still has its one alert once, not once per chunk.
func TestThreadAlertsChunks(t *testing.T) {
	const u1, u2 = "https://forum.example/t/u1", "https://forum.example/t/u2"
	backends(t, func(t *testing.T, newLoc func(testing.TB) string) {
		ctx := context.Background()
		st := openAt(t, newLoc(t))
		if _, err := st.SaveCrawl(ctx, crawlOf(threadMention("e", "Acme", u2, model.SeverityCritical)), batchRoutes(t).Enqueue); err != nil {
			t.Fatal(err)
		}
		keys := []store.ThreadKey{{Brand: "Acme", URL: u1}, {Brand: "Other", URL: u2}}
		for i := len(keys); i < 400; i++ {
			keys = append(keys, store.ThreadKey{Brand: "Acme", URL: fmt.Sprintf("https://forum.example/t/f%d", i)})
		}
		keys = append(keys, store.ThreadKey{Brand: "Acme", URL: u2}) // the second chunk's
		err := st.Tx(ctx, func(tx *store.Tx) error {
			set, err := store.ThreadAlerts(ctx, tx, keys)
			if err != nil {
				return err
			}
			if got := set.Alerts("Acme", u2); len(got) != 1 || got[0].Target != "#pr-alerts" {
				t.Errorf("Acme's thread %s: alerts %+v, want the one on #pr-alerts", u2, got)
			}
			if got := set.Alerts("Other", u2); len(got) != 0 {
				t.Errorf("Other's thread %s: alerts %+v, want none", u2, got)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// TestEnqueueBatchRetried: on PostgreSQL a crawl whose transaction loses
// to a concurrent one (a serialization failure, SQLSTATE 40001, here
// returned by the planner after it wrote its deliveries) runs again with
// its whole batch planned anew: the deliveries are those written one by
// one, none of the lost attempt's left.
func TestEnqueueBatchRetried(t *testing.T) {
	ctx := context.Background()
	r := batchRoutes(t)
	one, batch := openAt(t, pgtest.URL(t)), openAt(t, pgtest.URL(t))
	docs := map[*store.Store]map[int64]string{one: {}, batch: {}}
	note := func(st *store.Store, ms []*model.Mention) {
		for _, m := range ms {
			docs[st][m.ID] = m.DocID
		}
	}
	for _, st := range []*store.Store{one, batch} {
		ms, err := st.SaveCrawl(ctx, earlier(), r.Enqueue)
		if err != nil {
			t.Fatal(err)
		}
		note(st, ms)
		failThread(t, st)
	}
	ms, err := one.SaveCrawl(ctx, batchCrawl(), r.Enqueue)
	if err != nil {
		t.Fatal(err)
	}
	note(one, ms)
	calls := 0
	lose := func(ctx context.Context, tx *store.Tx, ms []*model.Mention) error {
		calls++
		if err := r.EnqueueBatch(ctx, tx, ms); err != nil {
			return err
		}
		if calls == 1 {
			return fmt.Errorf("wrapped: %w", &pgconn.PgError{Code: "40001", Message: "could not serialize access"})
		}
		return nil
	}
	ms, err = batch.SaveCrawlBatch(ctx, batchCrawl(), lose)
	if err != nil {
		t.Fatal(err)
	}
	note(batch, ms)
	if calls != 2 || len(ms) != 11 {
		t.Fatalf("planner called %d times, %d mentions stored; want 2 and 11", calls, len(ms))
	}
	// The lost attempt took sequence numbers: deliveries are compared by
	// their mentions' documents, not ids.
	byDoc := func(st *store.Store) []store.Delivery {
		ds := allDeliveries(t, st)
		for i := range ds {
			d := &ds[i]
			if d.MentionID != 0 {
				doc, ok := docs[st][d.MentionID]
				if !ok {
					t.Fatalf("delivery %+v of an unknown mention", *d)
				}
				d.Key = strings.Replace(d.Key, fmt.Sprintf("m:%d:", d.MentionID), "m:"+doc+":", 1)
				d.MentionID = 0
			}
			d.Key = strings.Replace(d.Key, fmt.Sprintf("w:%d:", d.WaveID), "w:", 1)
			d.ID, d.WaveID = 0, 0
		}
		return ds
	}
	want, got := byDoc(one), byDoc(batch)
	if len(want) != 32 {
		t.Errorf("%d deliveries one by one, want 32", len(want))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("batched deliveries after a retry differ:\n got %+v\nwant %+v", got, want)
	}
}
