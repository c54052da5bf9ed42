package app

import (
	"context"
	"database/sql"
	"errors"
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

	// Slow's first answer is half its feed, then nothing until release;
	// later ones are whole.
	slow := newHeldFeed(t, time.Now().Add(-time.Hour), true)
	slack := newSlackWire(t, "", "pr-alerts")
	cfg, db := twoSourceConfig(t, site.srv.URL+"/feed.xml", slow.url(), slack.webhookURL())

	d1 := startProc(t, "run", "-c", cfg)
	d1.waitLog(t, "alert sent", 1)
	slow.waitHeld(t)
	took, err := d1.term(t)
	if err != nil {
		t.Errorf("exit after SIGTERM: %v", err)
	}
	if took > shutdownTimeout {
		t.Errorf("took %s to stop, more than the grace of %s", took, shutdownTimeout)
	}
	slow.letGo()

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
	alertedOnce(t, slack.Posts(), ms)
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
	slow := newHeldFeed(t, time.Now().Add(-time.Hour), false)
	slack := newSlackWire(t, "", "pr-alerts")
	cfg, db := twoSourceConfig(t, site.srv.URL+"/feed.xml", slow.url(), slack.webhookURL())

	d1 := startProc(t, "run", "-c", cfg)
	d1.waitLog(t, "alert sent", 1)
	slow.waitHeld(t)
	unlock := lockDB(t, db)
	slow.letGo()
	<-slow.answered
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
	alertedOnce(t, slack.Posts(), ms)
}
