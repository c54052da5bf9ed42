package app

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
)

// feedSetup is the setup of an end-to-end daemon test: a site serving a
// feed, a rules.yaml watching Acme Bank in that feed (the source News),
// and daemons on one database and one fake clock, writing alerts to out.
type feedSetup struct {
	t    *testing.T
	site *site
	path string // rules.yaml
	clk  *clock.Fake
	out  *testenv.SyncBuffer
}

// newFeedSetup writes the config, with rest (the YAML that follows the
// source's url line: more source fields, scoring, alerts) varying, and
// starts the fake clock at start.
func newFeedSetup(t *testing.T, start time.Time, rest string) *feedSetup {
	t.Helper()
	st := newSite(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	cfg := fmt.Sprintf(`
storage: {path: %q}
http: {min_delay: 0s, timeout: 5s}
brands:
  - name: Acme Bank
    query: '"Acme Bank"'
sources:
  - name: News
    url: %s/feed.xml
`, filepath.Join(dir, "mw.db"), st.srv.URL) + rest
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return &feedSetup{t: t, site: st, path: path, clk: clock.NewFake(start), out: &testenv.SyncBuffer{}}
}

// daemon loads the config and starts a daemon on it, closed at the end
// of the test.
func (f *feedSetup) daemon() *Daemon {
	f.t.Helper()
	log := slog.New(slog.DiscardHandler)
	c, err := Load(f.path, log)
	if err != nil {
		f.t.Fatal(err)
	}
	d, err := New(context.Background(), c, Options{ConfigPath: f.path, Stdout: f.out, Log: log, Clock: f.clk})
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { d.Close() })
	return d
}

// pass sets the clock to at and runs one `run --once` pass of d.
func (f *feedSetup) pass(d *Daemon, at time.Time) {
	f.t.Helper()
	f.clk.Set(at)
	if err := d.RunOnce(context.Background(), 5*time.Second); err != nil {
		f.t.Fatalf("pass at %s: %v", at.Format("15:04:05"), err)
	}
}
