package app

import (
	"context"
	"testing"
	"time"
)

// TestReloadStartsNoServicesOutsideRun: a reload of a daemon that is not
// running — never started, or whose Run has returned (a SIGHUP that
// arrives during shutdown) — takes the new config but starts no outbox
// worker or schedule: nothing would ever stop them.
func TestReloadStartsNoServicesOutsideRun(t *testing.T) {
	h := newHarness(t)
	d := h.daemon(t)
	if !d.Reload(context.Background()) {
		t.Fatal("reload refused")
	}
	if d.hasServices() {
		t.Error("a reload before Run started the services")
	}

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	started := make(chan struct{})
	d.opts.Ready = func(string) { close(started) }
	go func() { done <- d.Run(ctx) }()
	select {
	case <-started:
	case <-time.After(patience):
		t.Fatal("the daemon did not start")
	}
	if !d.hasServices() {
		t.Fatal("Run started no services")
	}
	cancel()
	select {
	case <-done:
	case <-time.After(shutdownTimeout):
		t.Fatal("the daemon did not stop")
	}
	if d.Reload(context.Background()); d.hasServices() {
		t.Error("a reload after Run returned started the services")
	}
}
