package app

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/store"
)

// TestChaosSIGTERMMidCrawl: the daemon (the binary) gets SIGTERM while
// one source's answer is coming — half its feed sent, the rest held —
// after another source's mention was alerted. It exits cleanly within
// the shutdown grace (10 s); the store is whole (integrity check, no
// half-stored crawl: the held source has nothing stored and is due
// again); the next start crawls the held source, alerts its mention and
// does not alert the first one again.
func TestChaosSIGTERMMidCrawl(t *testing.T) {
	site := newSite(t)
	site.setFeed(item("1", "Acme Bank froze my card", "Acme Bank froze my card.", time.Now().Add(-time.Hour)))

	// Slow serves a feed with a mention: the first request gets half of
	// it and then waits until release; later ones get it whole.
	slowFeed := `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Slow</title>` +
		item("s1", "Acme Bank branch closed", "The Acme Bank branch on Main Street closed.", time.Now().Add(-time.Hour)) +
		`</channel></rss>`
	var mu sync.Mutex
	requests := 0
	held := make(chan struct{})
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/feed.xml" {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		requests++
		first := requests == 1
		mu.Unlock()
		w.Header().Set("Content-Type", "application/rss+xml")
		if !first {
			io.WriteString(w, slowFeed)
			return
		}
		io.WriteString(w, slowFeed[:len(slowFeed)/2])
		w.(http.Flusher).Flush()
		close(held)
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(slow.Close)
	t.Cleanup(func() {
		select {
		case <-release:
		default:
			close(release)
		}
	})

	slack := newSlackWire(t, "", "pr-alerts")
	dir := t.TempDir()
	db := filepath.Join(dir, "mw.db")
	cfg := filepath.Join(dir, "rules.yaml")
	body := fmt.Sprintf(`storage: {path: %q}
log: {level: debug, format: json}
server: {listen: ""}
http: {min_delay: 0s, timeout: 20s}
brands:
  - {name: Acme Bank, query: '"Acme Bank"'}
sources:
  - {name: News, url: %q, schedule: "@every 1h"}
  - {name: Slow, url: %q, schedule: "@every 1h"}
alerts:
  slack: {webhook_url: %q}
  retry: {initial: 100ms, max: 1s}
`, db, site.srv.URL+"/feed.xml", slow.URL+"/feed.xml", slack.webhookURL())
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}

	d1 := startProc(t, "run", "-c", cfg)
	d1.waitLog(t, "alert sent", 1)
	select {
	case <-held:
	case <-time.After(patience):
		t.Fatal("the slow source was not asked")
	}
	took, err := d1.term(t)
	if err != nil {
		t.Errorf("exit after SIGTERM: %v", err)
	}
	if took > shutdownTimeout {
		t.Errorf("took %s to stop, more than the grace of %s", took, shutdownTimeout)
	}
	close(release)

	// The store as the next start finds it.
	raw, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	var check string
	if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity check: %q, %v", check, err)
	}
	raw.Close()
	st := openStoreAt(t, db)
	ctx := context.Background()
	ms, err := st.Mentions(ctx, store.MentionFilter{})
	if err != nil || len(ms) != 1 || ms[0].Source != "News" {
		t.Fatalf("mentions after the stop: %+v, %v", ms, err)
	}
	if es, _ := st.OutboxEntries(ctx); len(es) != 0 {
		t.Errorf("outbox after the stop: %+v", es)
	}
	// Nothing of the interrupted crawl is stored: no state, or one that
	// has seen nothing.
	if s, err := st.Source(ctx, "Slow"); !errors.Is(err, store.ErrNotFound) && (err != nil || s.Crawled || s.ItemsSeen != 0) {
		t.Errorf("the interrupted source: %+v, %v", s, err)
	}
	st.Close()

	d2 := startProc(t, "run", "-c", cfg)
	d2.waitLog(t, "alert sent", 1)
	if _, err := d2.term(t); err != nil {
		t.Errorf("second stop: %v", err)
	}
	st = openStoreAt(t, db)
	if ms, _ = st.Mentions(ctx, store.MentionFilter{}); len(ms) != 2 {
		t.Errorf("%d mentions after the restart, want 2", len(ms))
	}
	seen := map[int64]int{}
	for _, p := range slack.Posts() {
		for _, id := range p.mentionIDs() {
			seen[id]++
		}
	}
	for _, m := range ms {
		if seen[m.ID] != 1 {
			t.Errorf("mention %d (%s) alerted %d times, want 1", m.ID, m.Source, seen[m.ID])
		}
	}
	if n := d2.count("alert sent"); n != 1 {
		t.Errorf("the restarted daemon sent %d alerts, want 1", n)
	}
}

// TestChaosSIGTERMWhileStoreLocked: the daemon (the binary) gets SIGTERM
// while a crawl waits for the SQLite write lock another process holds.
// The wait ends with the stop, the crawl stores nothing, and the daemon
// exits cleanly (0) within its grace. Nothing is lost or sent twice: the
// next start stores and alerts the held-up mention once.
func TestChaosSIGTERMWhileStoreLocked(t *testing.T) {
	site := newSite(t)
	site.setFeed(item("1", "Acme Bank froze my card", "Acme Bank froze my card.", time.Now().Add(-time.Hour)))
	feed := `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Slow</title>` +
		item("s1", "Acme Bank branch closed", "The Acme Bank branch on Main Street closed.", time.Now().Add(-time.Hour)) +
		`</channel></rss>`
	var mu sync.Mutex
	requests := 0
	held := make(chan struct{})
	release := make(chan struct{})
	answered := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/feed.xml" {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		requests++
		first := requests == 1
		mu.Unlock()
		if first {
			close(held)
			<-release
			defer close(answered)
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, feed)
	}))
	t.Cleanup(slow.Close)

	slack := newSlackWire(t, "", "pr-alerts")
	dir := t.TempDir()
	db := filepath.Join(dir, "mw.db")
	cfg := filepath.Join(dir, "rules.yaml")
	body := fmt.Sprintf(`storage: {path: %q}
log: {level: debug, format: json}
server: {listen: ""}
http: {min_delay: 0s, timeout: 20s}
brands:
  - {name: Acme Bank, query: '"Acme Bank"'}
sources:
  - {name: News, url: %q, schedule: "@every 1h"}
  - {name: Slow, url: %q, schedule: "@every 1h"}
alerts:
  slack: {webhook_url: %q}
  retry: {initial: 100ms, max: 1s}
`, db, site.srv.URL+"/feed.xml", slow.URL+"/feed.xml", slack.webhookURL())
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}

	d1 := startProc(t, "run", "-c", cfg)
	d1.waitLog(t, "alert sent", 1)
	select {
	case <-held:
	case <-time.After(patience):
		t.Fatal("the slow source was not asked")
	}
	unlock := lockDB(t, db)
	close(release)
	<-answered
	took, err := d1.term(t)
	unlock()
	t.Logf("stopped after %s: %v", took, err)
	if err != nil {
		t.Errorf("exit %v, want a clean stop", err)
	}
	if took > shutdownTimeout {
		t.Errorf("took %s to stop, beyond the grace of %s", took, shutdownTimeout)
	}
	if n := d1.count("shutdown timed out: exiting; unfinished work is redone at the next start"); n != 0 {
		t.Errorf("the shutdown timed out (%d)", n)
	}
	if n := d1.count("new mentions"); n != 1 {
		t.Errorf("the stopped daemon stored mentions %d times, want 1 (News)", n)
	}

	d2 := startProc(t, "run", "-c", cfg)
	d2.waitLog(t, "alert sent", 1)
	if _, err := d2.term(t); err != nil {
		t.Errorf("second stop: %v", err)
	}
	st := openStoreAt(t, db)
	ms, err := st.Mentions(context.Background(), store.MentionFilter{})
	if err != nil || len(ms) != 2 {
		t.Fatalf("mentions after the restart: %+v, %v", ms, err)
	}
	seen := map[int64]int{}
	for _, p := range slack.Posts() {
		for _, id := range p.mentionIDs() {
			seen[id]++
		}
	}
	for _, m := range ms {
		if seen[m.ID] != 1 {
			t.Errorf("mention %d (%s) alerted %d times, want 1", m.ID, m.Source, seen[m.ID])
		}
	}
}
