package notify

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// fakeClock moves only when told to. It counts the timers asked of it, so
// a test knows when the worker has finished a pass and gone to sleep.
type fakeClock struct {
	mu     sync.Mutex
	cond   *sync.Cond
	now    time.Time
	timers []*fakeTimer
	afters int
	signal chan struct{} // receives after each After (coalesced)
}

type fakeTimer struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock(t time.Time) *fakeClock {
	c := &fakeClock{now: t, signal: make(chan struct{}, 1)}
	c.cond = sync.NewCond(&c.mu)
	return c
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) (<-chan time.Time, func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{at: c.now.Add(d), ch: make(chan time.Time, 1)}
	if d <= 0 {
		t.ch <- c.now
	} else {
		c.timers = append(c.timers, t)
	}
	c.afters++
	c.cond.Broadcast()
	select {
	case c.signal <- struct{}{}:
	default:
	}
	return t.ch, func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		for i, x := range c.timers {
			if x == t {
				c.timers = append(c.timers[:i], c.timers[i+1:]...)
				break
			}
		}
	}
}

// afterCount is how many timers were asked for so far.
func (c *fakeClock) afterCount() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.afters
}

// waitAfters blocks until at least n timers were asked for.
func (c *fakeClock) waitAfters(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for c.afters < n {
		c.cond.Wait()
	}
}

// set moves the clock to t (never back), firing due timers.
func (c *fakeClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t.After(c.now) {
		c.now = t
	}
	sort.SliceStable(c.timers, func(i, j int) bool { return c.timers[i].at.Before(c.timers[j].at) })
	keep := c.timers[:0]
	for _, x := range c.timers {
		if !x.at.After(c.now) {
			x.ch <- c.now
		} else {
			keep = append(keep, x)
		}
	}
	c.timers = keep
}

func (c *fakeClock) advance(d time.Duration) { c.set(c.Now().Add(d)) }

// next returns the earliest waiting timer's time.
func (c *fakeClock) next() (time.Time, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.timers) == 0 {
		return time.Time{}, false
	}
	m := c.timers[0].at
	for _, x := range c.timers {
		if x.at.Before(m) {
			m = x.at
		}
	}
	return m, true
}

// runWorker starts w.Run and returns a function that stops it and waits.
// It returns once the worker has finished its first pass.
func runWorker(t *testing.T, w *Worker, clk *fakeClock) func() {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	n := clk.afterCount()
	go func() { done <- w.Run(ctx) }()
	clk.waitAfters(n + 1)
	stop := func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}
	t.Cleanup(func() {
		select {
		case <-ctx.Done():
		default:
			stop()
		}
	})
	return stop
}

// step advances the clock by d, or to the worker's next wake-up when
// that comes first; in that case it waits until the worker has gone to
// sleep again.
func step(clk *fakeClock, d time.Duration) {
	n := clk.afterCount()
	target := clk.Now().Add(d)
	nt, ok := clk.next()
	if !ok || nt.After(target) {
		clk.set(target)
		return
	}
	clk.set(nt)
	clk.waitAfters(n + 1)
}

// driveFlush runs w.Flush, moving the clock to each timer it sets, until
// it returns.
func driveFlush(t *testing.T, w *Worker, clk *fakeClock) int {
	t.Helper()
	type result struct {
		n   int
		err error
	}
	done := make(chan result, 1)
	go func() {
		n, err := w.Flush(context.Background())
		done <- result{n.Total(), err}
	}()
	for {
		select {
		case r := <-done:
			if r.err != nil {
				t.Fatal(r.err)
			}
			return r.n
		case <-clk.signal:
			if nt, ok := clk.next(); ok {
				clk.set(nt)
			}
		}
	}
}

// kick wakes the worker and waits for its pass to end.
func kick(w *Worker, clk *fakeClock) {
	n := clk.afterCount()
	w.Kick()
	clk.waitAfters(n + 1)
}

var t0 = time.Date(2026, 11, 20, 10, 20, 0, 0, time.UTC)

func openStore(t *testing.T, clk *fakeClock) *store.Store {
	t.Helper()
	return openStoreB(t, clk)
}

func openStoreB(t testing.TB, clk *fakeClock) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "mw.db"), store.WithClock(clk.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

var docSeq int

// newMention returns a mention of brand; set fields after.
func newMention(brand, title string) *model.Mention {
	docSeq++
	return &model.Mention{
		DocID: fmt.Sprintf("url:https://forum.example/p/%d", docSeq), Brand: brand, Source: "Banki forum",
		SourceType: model.SourceForum, URL: fmt.Sprintf("https://forum.example/p/%d", docSeq), Title: title,
		Snippet: model.Snippet{Text: title + " — some text"}, Lang: "ru", Sentiment: model.Neutral,
		Negativity: 0.3, Importance: 0.3, Severity: model.SeverityInfo, Replies: -1, SourceWeight: 1,
	}
}

// save stores mentions as one crawl, enqueueing them through r.
func save(t testing.TB, st *store.Store, r *Router, clk *fakeClock, ms ...*model.Mention) {
	t.Helper()
	c := &store.Crawl{State: store.SourceState{Name: "Banki forum", Type: "forum", Crawled: true}}
	for _, m := range ms {
		if m.FoundAt.IsZero() {
			m.FoundAt = clk.Now()
		}
		c.Docs = append(c.Docs, model.Document{ID: m.DocID, URL: m.URL})
		c.Mentions = append(c.Mentions, m)
	}
	stored, err := st.SaveCrawl(context.Background(), c, r.Enqueue)
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) != len(ms) {
		t.Fatalf("stored %d of %d mentions", len(stored), len(ms))
	}
}

// alertsConfig is an alerts section with the defaults applied.
func alertsConfig(routes ...config.Route) config.Alerts {
	for i := range routes {
		if routes[i].Frequency == "" {
			routes[i].Frequency = config.FrequencyAsItHappens
		}
		if routes[i].Name == "" {
			routes[i].Name = fmt.Sprintf("route %d", i+1)
		}
		if routes[i].When == "" {
			routes[i].When = "true"
		}
	}
	return config.Alerts{
		Routes: routes,
		Retry:  config.Backoff{Initial: config.Duration(5 * time.Second), Max: config.Duration(5 * time.Minute)},
		Wave: config.Wave{Window: config.Duration(time.Hour), Baseline: config.Duration(14 * 24 * time.Hour),
			K: 3, MinCount: 5},
		TimeZone: "UTC",
	}
}

func newRouter(t testing.TB, cfg config.Alerts, clk *fakeClock, log *slog.Logger) *Router {
	t.Helper()
	r, err := NewRouter(cfg, RouterOptions{Now: clk.Now, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// syncBuffer is a bytes.Buffer safe for concurrent writes (log output).
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func testLogger(buf *syncBuffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func deliveries(t *testing.T, st *store.Store) []store.Delivery {
	t.Helper()
	ds, err := st.Deliveries(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func sends(t *testing.T, st *store.Store) []store.Send {
	t.Helper()
	ss, err := st.Sends(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ss
}
