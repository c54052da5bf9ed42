package app

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
)

const catchUpConfig = `
storage: {path: %[1]q}
http: {min_delay: 0s, timeout: 5s}
brands: [{name: Acme, query: acme}]
sources:
  - {name: Hourly, url: "%[2]s/hourly.xml", schedule: "0 * * * *"}
  - {name: Daily, url: "%[2]s/daily.xml", schedule: "0 9 * * *"}
alerts: {routes: [{when: 'true', stdout: true}]}
server: {listen: ""}
`

// TestDueSourcesCrawledAtStart: a first start crawls every source at
// once; after a restart, a source whose next run passed while the daemon
// was down is crawled at once and one whose next run is still ahead is
// not, and each schedule goes on from there.
func TestDueSourcesCrawledAtStart(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	mux := http.NewServeMux()
	for _, name := range []string{"hourly", "daily"} {
		mux.HandleFunc("/"+name+".xml", func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			hits[name]++
			mu.Unlock()
			w.Header().Set("Content-Type", "application/rss+xml")
			io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>`)
		})
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	count := func(name string) int {
		mu.Lock()
		defer mu.Unlock()
		return hits[name]
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	if err := os.WriteFile(path, []byte(fmt.Sprintf(catchUpConfig, filepath.Join(dir, "mw.db"), srv.URL)), 0o600); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 12, 1, 10, 20, 0, 0, time.UTC) // a Tuesday, past the day's 09:00
	clk := clock.NewFake(start)

	// First start: neither source was ever crawled; both go at once.
	d, events, stop := runAdaptive(t, path, clk)
	waitCrawls(t, d, events, map[string]bool{"Hourly": true, "Daily": true})
	next := d.sched.Next()
	if want := time.Date(2026, 12, 1, 11, 0, 0, 0, time.UTC); !next["Hourly"].Equal(want) {
		t.Errorf("hourly next run %v, want %v", next["Hourly"], want)
	}
	dailyNext := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	if !next["Daily"].Equal(dailyNext) {
		t.Errorf("daily next run %v, want %v", next["Daily"], dailyNext)
	}
	stop()

	// Down from 10:20 to 13:05: the hourly run at 11:00 passed, the
	// daily one (tomorrow 09:00) did not.
	clk.Set(time.Date(2026, 12, 1, 13, 5, 0, 0, time.UTC))
	d2, events2, stop2 := runAdaptive(t, path, clk)
	waitCrawls(t, d2, events2, map[string]bool{"Hourly": true})
	next = d2.sched.Next()
	if want := time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC); !next["Hourly"].Equal(want) {
		t.Errorf("hourly next run after the catch-up %v, want %v", next["Hourly"], want)
	}
	if !next["Daily"].Equal(dailyNext) {
		t.Errorf("daily next run after the restart %v, want the stored %v", next["Daily"], dailyNext)
	}
	stop2() // waits for crawls in flight
	if h, dl := count("hourly"), count("daily"); h != 2 || dl != 1 {
		t.Errorf("feeds fetched hourly %d, daily %d times; want 2 and 1", h, dl)
	}
}
