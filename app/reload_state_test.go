package app

import (
	"context"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
)

// TestReloadKeepsState: a reload (SIGHUP) with a changed config keeps
// what the daemon knows — no source is crawled again for the reload,
// each keeps its next run, and an hourly group waiting in the outbox is
// sent once, by the new config's worker, when its hour ends.
func TestReloadKeepsState(t *testing.T) {
	h := newHarness(t)
	start := time.Date(2026, 12, 1, 10, 20, 0, 0, time.UTC)
	clk := clock.NewFake(start)
	h.site.setFeed(item("r1", "Acme Bank raises deposit rates", "Acme Bank raised its deposit rates today.", start.Add(-time.Minute)))
	c, err := Load(h.path, h.log)
	if err != nil {
		t.Fatal(err)
	}
	events := make(chan crawlEvent, 100)
	out, logs := &testenv.SyncBuffer{}, &testenv.SyncBuffer{}
	d, err := New(context.Background(), c, Options{ConfigPath: h.path, Stdout: out, Log: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Clock: clk, AfterCrawl: func(s string, err error) { events <- crawlEvent{s, err} }})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	defer func() {
		cancel()
		select {
		case <-done:
		case <-time.After(shutdownTimeout):
			t.Error("daemon did not stop")
		}
	}()
	waitCrawls(t, d, events, map[string]bool{"News": true, "Forum": true, "Broken": true})
	before := d.sched.Next()
	entries, err := d.Store().OutboxEntries(ctx)
	if err != nil || len(entries) != 1 || entries[0].Frequency != "hourly" {
		t.Fatalf("outbox before the reload: %+v (%v), want one hourly delivery", entries, err)
	}

	raw, _ := os.ReadFile(h.path)
	more := strings.Replace(string(raw), "brands:\n", "brands:\n  - name: Beta\n    query: beta\n", 1)
	if err := os.WriteFile(h.path, []byte(more), 0o600); err != nil {
		t.Fatal(err)
	}
	if !d.Reload(ctx) {
		t.Fatal("reload refused")
	}
	if n := len(d.pipeline.Compiled().Cfg.Brands); n != 2 {
		t.Fatalf("%d brands after the reload, want 2", n)
	}
	after := d.sched.Next()
	for name, at := range before {
		if !after[name].Equal(at) {
			t.Errorf("%s: next run %v after the reload, was %v", name, after[name], at)
		}
	}
	select {
	case e := <-events:
		t.Errorf("the reload crawled %s", e.source)
	default:
	}

	// The hour ends: the new worker sends the group, once. (Its timer
	// may be set after the fake clock moved, counting from the new time:
	// a kick starts the pass at once, as a crawl's would.)
	clk.Set(time.Date(2026, 12, 1, 11, 0, 1, 0, time.UTC))
	waitOutboxEmpty(ctx, t, d, func() string {
		return "the hourly group was not sent after the reload; stdout:\n" + out.String() + "\nlog:\n" + logs.String()
	})
	if n := strings.Count(out.String(), "=== Acme Bank —"); n != 1 || !strings.Contains(out.String(), "Acme Bank raises deposit rates") {
		t.Errorf("%d groups on stdout, want 1:\n%s", n, out.String())
	}
}
