package notify

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
)

// runWorker starts w.Run and returns a function that stops it and waits.
// It returns once the worker has finished its first pass.
func runWorker(t *testing.T, w *Worker, clk *clock.Fake) func() {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	n := clk.Requests()
	go func() { done <- w.Run(ctx) }()
	clk.WaitForRequests(n + 1)
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
func step(clk *clock.Fake, d time.Duration) {
	n := clk.Requests()
	target := clk.Now().Add(d)
	nt, ok := clk.Next()
	if !ok || nt.After(target) {
		clk.Set(target)
		return
	}
	clk.Set(nt)
	clk.WaitForRequests(n + 1)
}

// driveFlush runs w.Flush, moving the clock to each timer it sets, until
// it returns.
func driveFlush(t *testing.T, w *Worker, clk *clock.Fake) int {
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
		asked := clk.Asked()
		if nt, ok := clk.Next(); ok {
			clk.Set(nt)
			continue
		}
		select {
		case r := <-done:
			if r.err != nil {
				t.Fatal(r.err)
			}
			return r.n
		case <-asked:
		}
	}
}

// kick wakes the worker and waits for its pass to end.
func kick(w *Worker, clk *clock.Fake) {
	n := clk.Requests()
	w.Kick()
	clk.WaitForRequests(n + 1)
}

var t0 = time.Date(2026, 11, 20, 10, 20, 0, 0, time.UTC)

func openStore(t *testing.T, clk *clock.Fake) *store.Store {
	t.Helper()
	return openStoreB(t, clk)
}

func openStoreB(t testing.TB, clk *clock.Fake) *store.Store {
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

// save stores mentions as one crawl, enqueueing them through r as the
// pipeline does (Router.EnqueueBatch).
func save(t testing.TB, st *store.Store, r *Router, clk *clock.Fake, ms ...*model.Mention) {
	t.Helper()
	c := &store.Crawl{State: store.SourceState{Name: "Banki forum", Type: "forum", Crawled: true}}
	for _, m := range ms {
		if m.FoundAt.IsZero() {
			m.FoundAt = clk.Now()
		}
		c.Docs = append(c.Docs, model.Document{ID: m.DocID, URL: m.URL})
		c.Mentions = append(c.Mentions, m)
	}
	stored, err := st.SaveCrawlBatch(context.Background(), c, r.EnqueueBatch)
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

func newRouter(t testing.TB, cfg config.Alerts, clk *clock.Fake, log *slog.Logger) *Router {
	t.Helper()
	r, err := NewRouter(cfg, RouterOptions{Now: clk.Now, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func testLogger(buf *testenv.SyncBuffer) *slog.Logger {
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

// slackDown makes chat.postMessage answer 503 while down holds (true at
// first) and counts its calls in attempts.
func slackDown(e *env) (down *atomic.Bool, attempts *atomic.Int32) {
	down, attempts = &atomic.Bool{}, &atomic.Int32{}
	down.Store(true)
	e.srv.SetBefore(func(w http.ResponseWriter, r *http.Request, method string) bool {
		if method != "chat.postMessage" {
			return false
		}
		attempts.Add(1)
		if down.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return true
		}
		return false
	})
	return down, attempts
}
