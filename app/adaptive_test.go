package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
	"github.com/mentionwatch/mentionwatch/watcher"
)

const adaptiveConfig = `
storage: {path: %[1]q}
http: {min_delay: 0s, timeout: 5s, retry: {initial: 1m, max: 1h}}
brands: [{name: Acme, query: acme}]
sources:
  - {name: Busy, url: "%[2]s/busy.xml", schedule: adaptive, adaptive: {min: 2m, max: 3h}}
  - {name: Quiet, url: "%[2]s/quiet.xml", schedule: adaptive, adaptive: {min: 2m, max: 3h}}
  - {name: Down, url: "%[2]s/down", schedule: adaptive, adaptive: {min: 5m, max: 1h}}
alerts: {routes: [{when: 'true', stdout: true}]}
server: {listen: ""}
`

// adaptiveSite serves a busy feed with an entry every minute of the fake
// clock (its latest 30), a feed whose three entries are months old, and a
// source that always fails.
func adaptiveSite(t *testing.T, clk clock.Clock) *httptest.Server {
	mux := http.NewServeMux()
	feed := func(w http.ResponseWriter, items []time.Time) {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>`)
		for _, at := range items {
			fmt.Fprintf(&b, `<item><guid>p%d</guid><title>post %d</title><link>https://site.example/p%d</link><pubDate>%s</pubDate></item>`,
				at.Unix(), at.Unix(), at.Unix(), at.Format(time.RFC1123Z))
		}
		b.WriteString(`</channel></rss>`)
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, b.String())
	}
	mux.HandleFunc("/busy.xml", func(w http.ResponseWriter, r *http.Request) {
		now := clk.Now().Truncate(time.Minute)
		var items []time.Time
		for i := 0; i < 30; i++ {
			items = append(items, now.Add(-time.Duration(i)*time.Minute))
		}
		feed(w, items)
	})
	mux.HandleFunc("/quiet.xml", func(w http.ResponseWriter, r *http.Request) {
		feed(w, []time.Time{t0a.AddDate(0, -2, 0), t0a.AddDate(0, -5, 0), t0a.AddDate(-1, 0, 0)})
	})
	mux.HandleFunc("/down", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

var t0a = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

type crawlEvent struct {
	source string
	err    error
}

// runAdaptive starts a daemon on the config at path with the fake clock;
// it returns the daemon, its crawl events and a stop function.
func runAdaptive(t *testing.T, path string, clk *clock.Fake) (*Daemon, chan crawlEvent, func()) {
	t.Helper()
	return runDaemon(t, path, slog.New(slog.NewTextHandler(io.Discard, nil)), clk)
}

// runDaemon starts a daemon on the config at path, logging to log, with
// the fake clock; it returns the daemon, its crawl events and a function
// that stops and closes it.
func runDaemon(t *testing.T, path string, log *slog.Logger, clk *clock.Fake) (*Daemon, chan crawlEvent, func()) {
	t.Helper()
	c, err := Load(path, log)
	if err != nil {
		t.Fatal(err)
	}
	events := make(chan crawlEvent, 100)
	d, err := New(context.Background(), c, Options{ConfigPath: path, Stdout: &testenv.SyncBuffer{}, Log: log, Clock: clk,
		AfterCrawl: func(s string, err error) { events <- crawlEvent{s, err} }})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	stop := func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Error(err)
			}
		case <-time.After(shutdownTimeout):
			t.Fatal("daemon did not stop")
		}
		d.Close()
	}
	return d, events, stop
}

// waitCrawls waits for a crawl of each named source and for the
// scheduler to take the next run it stored (the crawl reports before the
// scheduler reads the clock again; moving the clock in between would
// make the next run look past).
func waitCrawls(t *testing.T, d *Daemon, events chan crawlEvent, names map[string]bool) {
	t.Helper()
	deadline := time.After(patience)
	wait := map[string]bool{}
	for n := range names {
		wait[n] = true
	}
	for len(wait) > 0 {
		select {
		case e := <-events:
			delete(wait, e.source)
		case <-deadline:
			t.Fatalf("no crawl of %v", wait)
		}
	}
	for n := range names {
		for {
			st, err := d.Store().Source(context.Background(), n)
			if err != nil {
				t.Fatal(err)
			}
			if d.sched.Next()[n].Equal(st.NextRunAt) {
				break
			}
			select {
			case <-deadline:
				t.Fatalf("%s: the scheduler did not take the stored next run %v", n, st.NextRunAt)
			default:
				runtime.Gosched()
			}
		}
	}
}

// TestAdaptivePollingEndToEnd runs the daemon with the fake clock over
// eight hours of three adaptive sources, moving the clock to each next
// run the crawls store: the busy feed (an entry a minute) is polled every
// min, the feed silent for months at max, the failing source backs off
// from its min to its max; after a restart the daemon keeps each stored
// next run and rate.
func TestAdaptivePollingEndToEnd(t *testing.T) {
	dir := t.TempDir()
	clk := clock.NewFake(t0a)
	srv := adaptiveSite(t, clk)
	path := filepath.Join(dir, "rules.yaml")
	if err := os.WriteFile(path, []byte(fmt.Sprintf(adaptiveConfig, filepath.Join(dir, "mw.db"), srv.URL)), 0o600); err != nil {
		t.Fatal(err)
	}
	d, events, stop := runAdaptive(t, path, clk)
	ctx := context.Background()
	waitCrawls(t, d, events, map[string]bool{"Busy": true, "Quiet": true, "Down": true})

	at := map[string][]time.Time{"Busy": {t0a}, "Quiet": {t0a}, "Down": {t0a}}
	end := t0a.Add(8 * time.Hour)
	for {
		states, err := d.Store().Sources(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var next time.Time
		for _, st := range states {
			if next.IsZero() || st.NextRunAt.Before(next) {
				next = st.NextRunAt
			}
		}
		if next.After(end) {
			break
		}
		due := map[string]bool{}
		for n, st := range states {
			if !st.NextRunAt.After(next) {
				due[n] = true
				at[n] = append(at[n], next)
			}
		}
		clk.Set(next)
		waitCrawls(t, d, events, due)
	}
	gaps := func(name string) []time.Duration {
		var out []time.Duration
		for i := 1; i < len(at[name]); i++ {
			out = append(out, at[name][i].Sub(at[name][i-1]))
		}
		return out
	}

	t.Logf("polls in 8h: busy %d (first gaps %v), quiet %d %v, down %d %v",
		len(gaps("Busy")), gaps("Busy")[:min(5, len(gaps("Busy")))], len(gaps("Quiet")), gaps("Quiet"), len(gaps("Down")), gaps("Down"))
	// Busy: seeded from its 30 dated entries, then at min (jittered up to
	// a tenth above it) for the rest of the eight hours.
	busy := gaps("Busy")
	if len(busy) < 200 {
		t.Fatalf("busy source polled %d times in 8h, want about 240", len(busy))
	}
	for i, g := range busy[5:] {
		if g < 2*time.Minute || g > 2*time.Minute*11/10 {
			t.Fatalf("busy poll %d came after %v, want min (2m, jittered to 2m12s)", i+5, g)
		}
	}
	// Quiet: nothing new for months, polled at max less its jitter.
	quiet := gaps("Quiet")
	if len(quiet) < 2 || len(quiet) > 3 {
		t.Errorf("quiet source polled %d times in 8h (gaps %v), want 2 or 3 at max 3h", len(quiet), quiet)
	}
	for _, g := range quiet {
		if g > 3*time.Hour || g < 3*time.Hour*9/10 {
			t.Errorf("quiet gaps %v, want within a tenth below max", quiet)
		}
	}
	// Down: 5m, 10m, 20m, 40m, then the max of 1h.
	down := gaps("Down")
	want := []time.Duration{5 * time.Minute, 10 * time.Minute, 20 * time.Minute, 40 * time.Minute, time.Hour, time.Hour}
	for i, w := range want {
		if i >= len(down) || down[i] != w {
			t.Fatalf("failing source gaps %v, want %v then hourly", down, want)
		}
	}

	// A restart keeps every next run and the rate behind it.
	before, err := d.Store().Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	stop()
	d2, events2, stop2 := runAdaptive(t, path, clk)
	defer stop2()
	next := d2.sched.Next()
	for n, st := range before {
		if !next[n].Equal(st.NextRunAt.Truncate(time.Millisecond)) { // stored in ms
			t.Errorf("%s after restart: next run %v, stored %v", n, next[n], st.NextRunAt)
		}
	}
	b := before["Busy"]
	if perDay := watcher.PerDay(b.Rate, clk.Now()); perDay < 1200 || perDay > 1700 {
		t.Errorf("busy rate %.0f a day, want about 1440", perDay)
	}
	clk.Set(b.NextRunAt)
	waitCrawls(t, d2, events2, map[string]bool{"Busy": true})
	st, err := d2.Store().Source(ctx, "Busy")
	if err != nil {
		t.Fatal(err)
	}
	if g := st.NextRunAt.Sub(b.NextRunAt); g < 2*time.Minute || g > 2*time.Minute*11/10 {
		t.Errorf("first busy poll after the restart set the next one %v later, want min", g)
	}
}
