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

// TestMuteSourceLaterCrawls: once its source is muted from a mention, a
// source's new documents are stored and listed but alerted nowhere, also
// by a daemon started afterwards; once unmuted, its next documents are
// alerted again.
func TestMuteSourceLaterCrawls(t *testing.T) {
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
    backfill: 1000h
alerts:
  routes:
    - {when: 'true', stdout: true}
`, filepath.Join(dir, "mw.db"), st.srv.URL)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	clk := clock.NewFake(start)
	out := &testenv.SyncBuffer{}
	ctx := context.Background()
	daemon := func() *Daemon {
		c, err := Load(path, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		d, err := New(ctx, c, Options{ConfigPath: path, Stdout: out, Log: slog.New(slog.DiscardHandler), Clock: clk})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		return d
	}
	pass := func(d *Daemon, at time.Time) {
		t.Helper()
		clk.Set(at)
		if err := d.RunOnce(ctx, 5*time.Second); err != nil {
			t.Fatalf("pass at %s: %v", at.Format("15:04"), err)
		}
	}
	var items []string
	post := func(n int, at time.Time) {
		items = append(items, item(fmt.Sprint(n), fmt.Sprintf("Acme Bank post %d", n), "About Acme Bank.", at))
		st.setFeed(items...)
	}
	alerted := func(n int) bool { return strings.Contains(out.String(), fmt.Sprintf("Acme Bank post %d", n)) }

	d := daemon()
	post(1, start.Add(-time.Minute))
	pass(d, start)
	ms := mentionsOf(t, d)
	if len(ms) != 1 || !alerted(1) {
		t.Fatalf("first pass: %d mentions, output:\n%s", len(ms), out.String())
	}
	if _, err := d.Store().Act(ctx, ms[0].ID, store.Action{Name: model.ActionMuteSource, User: "anna", Via: "inbox"}); err != nil {
		t.Fatal(err)
	}
	post(2, start.Add(9*time.Minute))
	pass(d, start.Add(10*time.Minute))
	// A daemon started later still knows the source is muted.
	d.Close()
	d = daemon()
	post(3, start.Add(19*time.Minute))
	pass(d, start.Add(20*time.Minute))
	if n := len(mentionsOf(t, d)); n != 3 {
		t.Fatalf("%d mentions stored, want 3", n)
	}
	if alerted(2) || alerted(3) {
		t.Fatalf("a muted source's mentions were alerted:\n%s", out.String())
	}
	if entries, err := d.Store().OutboxEntries(ctx); err != nil || len(entries) != 0 {
		t.Errorf("outbox: %+v %v", entries, err)
	}
	if _, err := d.Store().Act(ctx, ms[0].ID, store.Action{Name: model.ActionUnmuteSource, User: "anna", Via: "inbox"}); err != nil {
		t.Fatal(err)
	}
	post(4, start.Add(29*time.Minute))
	pass(d, start.Add(30*time.Minute))
	if !alerted(4) || alerted(2) || alerted(3) {
		t.Errorf("after the unmute, output:\n%s", out.String())
	}
}
