package app

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
)

// TestSLARemindersEndToEnd: `run --once` passes of the daemon, on the
// fake clock, remind of a critical mention still new 30 minutes after it
// was found — not earlier, once across new daemons on the same database —
// and never of a mention of a muted source, which was not alerted.
func TestSLARemindersEndToEnd(t *testing.T) {
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
scoring:
  rules:
    - name: fraud
      when: 'text matches "(?i)fraud"'
      severity: critical
alerts:
  time_zone: UTC
  sla: {critical: 30m}
  escalate_to: {stdout: true}
  routes:
    - {when: 'severity == "critical"', stdout: true}
`, filepath.Join(dir, "mw.db"), st.srv.URL)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	clk := clock.NewFake(start)
	log := slog.New(slog.DiscardHandler)
	out := &testenv.SyncBuffer{}
	ctx := context.Background()
	daemon := func() *Daemon {
		c, err := Load(path, log)
		if err != nil {
			t.Fatal(err)
		}
		d, err := New(ctx, c, Options{ConfigPath: path, Stdout: out, Log: log, Clock: clk})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		return d
	}
	runOnce := func(d *Daemon, at time.Time) {
		t.Helper()
		clk.Set(at)
		if err := d.RunOnce(ctx, 5*time.Second); err != nil {
			t.Fatalf("pass at %s: %v", at.Format("15:04:05"), err)
		}
	}
	const head = "=== ⏰ Still unanswered after "

	d := daemon()
	first := item("1", "Acme Bank fraud on my card", "Acme Bank took my money: fraud.", start.Add(-5*time.Minute))
	st.setFeed(first)
	runOnce(d, start)
	ms := mentionsOf(t, d)
	if len(ms) != 1 || ms[0].Severity != model.SeverityCritical || !strings.Contains(out.String(), "Acme Bank fraud on my card") {
		t.Fatalf("mentions %+v, output:\n%s", ms, out.String())
	}
	// The source is muted after the first alert: what it brings next is
	// stored, not alerted, and never reminded of.
	if _, err := d.Store().Act(ctx, ms[0].ID, store.Action{Name: model.ActionMuteSource, User: "anna", Via: "inbox"}); err != nil {
		t.Fatal(err)
	}
	st.setFeed(first, item("2", "Acme Bank fraud again", "More fraud at Acme Bank.", start))
	runOnce(d, start.Add(5*time.Minute))
	if n := len(mentionsOf(t, d)); n != 2 {
		t.Fatalf("%d mentions, want 2", n)
	}
	runOnce(d, start.Add(30*time.Minute-time.Second))
	if strings.Contains(out.String(), head) {
		t.Fatalf("reminder before its time:\n%s", out.String())
	}
	runOnce(d, start.Add(30*time.Minute))
	got := out.String()
	if want := head + "30 min ===\nAcme Bank fraud on my card (Acme Bank, critical)\nhttps://news.example/1\n"; strings.Count(got, want) != 1 {
		t.Errorf("output:\n%s\nwant once:\n%s", got, want)
	}
	// A new daemon on the same database, hours later: nothing more.
	d.Close()
	d = daemon()
	runOnce(d, start.Add(3*time.Hour))
	runOnce(d, start.Add(5*time.Hour))
	if after := out.String(); after != got {
		t.Errorf("later passes sent more:\n%s", strings.TrimPrefix(after, got))
	}
	if strings.Contains(got, "fraud again (Acme Bank") {
		t.Errorf("reminder of a muted source's mention:\n%s", got)
	}
}
