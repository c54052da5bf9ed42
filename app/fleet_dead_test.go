package app

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// TestSourceHeldByDeadDaemonTakenOverAfterLease: a source that another
// daemon claimed and never saved (it died mid-crawl, on another machine)
// is crawled by this daemon once that lease runs out, not a whole period
// of the source's schedule later.
func TestSourceHeldByDeadDaemonTakenOverAfterLease(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>`)
	}))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	db := filepath.Join(dir, "mw.db")
	path := filepath.Join(dir, "rules.yaml")
	if err := os.WriteFile(path, []byte(fmt.Sprintf(catchUpConfig, db, srv.URL)), 0o600); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 12, 1, 10, 20, 0, 0, time.UTC)
	const lease = time.Minute // storage.lease's default

	// The other daemon claims Hourly at 10:20 and is never heard of again.
	other, err := store.Open(context.Background(), db, store.WithOwner("elsewhere-1-abcdef"),
		store.WithClock(func() time.Time { return start }))
	if err != nil {
		t.Fatal(err)
	}
	if l, _, err := other.ClaimSource(context.Background(), "Hourly", start, lease, false); l == nil || err != nil {
		t.Fatalf("claim: %v, %v", l, err)
	}
	other.Close()

	clk := clock.NewFake(start)
	d, events, stop := runAdaptive(t, path, clk)
	defer stop()
	waitCrawls(t, d, events, map[string]bool{"Daily": true})
	deadline := time.Now().Add(patience)
	var next time.Time
	for {
		next = d.sched.Next()["Hourly"]
		if next.After(start) || time.Now().After(deadline) {
			break
		}
		runtime.Gosched()
	}
	if !next.After(start) || next.After(start.Add(lease)) {
		t.Fatalf("Hourly, held by a daemon gone since 10:20, next tried at %v; want by %v (the lease's end)",
			next, start.Add(lease))
	}
	clk.Set(next.Add(time.Second))
	waitCrawls(t, d, events, map[string]bool{"Hourly": true})
}
