package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
)

// TestPermanentFailuresBackOff: sources that fail in a way classed
// permanent — a 404, a robots.txt rule refusing the page, a body over
// http.max_body — are retried with the same backoff as a 5xx: waits that
// double from retry.initial (within the equal jitter) up to retry.max,
// not retry.max at once. A working source on the same site keeps its
// schedule.
func TestPermanentFailuresBackOff(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	})
	mux.HandleFunc("/gone.xml", http.NotFound)
	mux.HandleFunc("/private/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("a page robots.txt refuses was fetched")
	})
	mux.HandleFunc("/big.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<rss><channel><title>`+strings.Repeat("x", 256<<10)+`</title></channel></rss>`)
	})
	mux.HandleFunc("/down.xml", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	cfg := fmt.Sprintf(`storage: {path: %q}
server: {listen: ""}
http: {min_delay: 0s, max_body: 64KiB, retry: {initial: 1m, max: 1h}}
brands:
  - {name: Acme Bank, query: '"Acme Bank"'}
sources:
  - {name: NotFound, url: %q, schedule: "@every 10m"}
  - {name: Refused, url: %q, schedule: "@every 10m"}
  - {name: TooLarge, url: %q, schedule: "@every 10m"}
  - {name: Down, url: %q, schedule: "@every 10m"}
alerts:
  routes: [{stdout: true}]
`, filepath.Join(dir, "mw.db"), srv.URL+"/gone.xml", srv.URL+"/private/feed.xml", srv.URL+"/big.xml", srv.URL+"/down.xml")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	clk := clock.NewFake(start)
	d, events, stop := runDaemon(t, path, slog.New(slog.DiscardHandler), clk)
	defer stop()

	names := []string{"NotFound", "Refused", "TooLarge", "Down"}
	crawls := map[string][]time.Time{}
	due := map[string]bool{}
	for _, n := range names {
		due[n] = true
	}
	end := start.Add(4 * time.Hour)
	for {
		waitCrawls(t, d, events, due)
		for n := range due {
			crawls[n] = append(crawls[n], clk.Now())
		}
		next := time.Time{}
		for _, at := range d.sched.Next() {
			if next.IsZero() || at.Before(next) {
				next = at
			}
		}
		if next.After(end) {
			break
		}
		clk.Set(next)
		due = map[string]bool{}
		for n, at := range d.sched.Next() {
			if !at.After(next) {
				due[n] = true
			}
		}
	}

	wantErr := map[string]string{"NotFound": "404", "Refused": "robots.txt", "TooLarge": "64.0 KiB", "Down": "503"}
	for _, n := range names {
		at := crawls[n]
		// 1+2+4+8+16+32 min, then hourly: at least 8 crawls in 4 hours.
		if len(at) < 8 {
			t.Errorf("%s crawled %d times in 4 hours, want at least 8: %v", n, len(at), at)
		}
		for i := 1; i < len(at); i++ {
			wait := at[i].Sub(at[i-1])
			step := min(time.Minute<<(i-1), time.Hour) // retry.initial doubled, up to retry.max
			if lo, hi := step/2, step; wait < lo || wait > hi {
				t.Errorf("%s: wait %d is %s, want within [%s, %s]", n, i, wait, lo, hi)
			}
		}
		st, err := d.Store().Source(context.Background(), n)
		if err != nil {
			t.Fatal(err)
		}
		if st.Failures != len(at) || !strings.Contains(st.LastError, wantErr[n]) {
			t.Errorf("%s: %d failures, last error %q; want %d and %q", n, st.Failures, st.LastError, len(at), wantErr[n])
		}
	}
}
