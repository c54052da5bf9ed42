package app

import (
	"context"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/testenv"
)

// blockingOut is a standard output that holds the first alert written to
// it until released (a terminal or pipe that stopped reading), and notes
// a write that starts while another is held.
type blockingOut struct {
	mu       sync.Mutex
	buf      strings.Builder
	writes   int
	inFlight int
	overlap  bool
	held     chan struct{} // closed when the first write is held
	release  chan struct{}
}

func (b *blockingOut) Write(p []byte) (int, error) {
	b.mu.Lock()
	b.writes++
	first := b.writes == 1
	if b.inFlight > 0 {
		b.overlap = true
	}
	b.inFlight++
	b.mu.Unlock()
	if first {
		close(b.held)
		<-b.release
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.inFlight--
	return b.buf.Write(p)
}

func (b *blockingOut) state() (writes int, overlap bool, out string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.writes, b.overlap, b.buf.String()
}

// TestReloadNeverRunsTwoWorkers: a reload while an alert is being
// delivered stops the running outbox worker before the new config's one
// starts, so the alert is not sent a second time by the new worker while
// the first attempt is still under way.
func TestReloadNeverRunsTwoWorkers(t *testing.T) {
	h := newHarness(t)
	h.site.setFeed(item("o1", "Acme Bank is down, scam", "The Acme Bank app is down, a scam.", time.Now()))
	c, err := Load(h.path, h.log)
	if err != nil {
		t.Fatal(err)
	}
	out := &blockingOut{held: make(chan struct{}), release: make(chan struct{})}
	logs := &testenv.SyncBuffer{}
	stopping := make(chan struct{}, 1)
	log := slog.New(slog.NewTextHandler(teeLines{logs, "stopping the running outbox worker", stopping}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	d, err := New(context.Background(), c, Options{ConfigPath: h.path, Stdout: out, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	defer func() {
		cancel()
		<-done
	}()
	select {
	case <-out.held: // the critical alert is being written
	case <-time.After(patience):
		t.Fatalf("no alert written; log:\n%s", logs.String())
	}
	reloaded := make(chan bool, 1)
	go func() { reloaded <- d.Reload(ctx) }()
	// Either the reload stops the running worker first (then the held
	// write may finish), or a second worker starts writing meanwhile.
	deadline := time.After(patience)
wait:
	for {
		select {
		case <-stopping:
			break wait
		case <-deadline:
			t.Fatal("the reload neither stopped the running worker nor started another")
		default:
		}
		if _, overlap, _ := out.state(); overlap {
			break wait
		}
		runtime.Gosched()
	}
	close(out.release)
	if !<-reloaded {
		t.Fatal("reload refused")
	}
	// Whatever the first attempt left, the outbox ends empty.
	waitOutboxEmpty(ctx, t, d, nil)
	writes, overlap, text := out.state()
	if overlap {
		t.Errorf("an alert was written while the old worker's write was still held (%d writes):\n%s", writes, text)
	}
	if n := strings.Count(text, "Acme Bank is down, scam"); n != 1 {
		t.Errorf("the alert was written %d times, want once:\n%s", n, text)
	}
}

// teeLines writes to w and signals on ch each time a line containing
// marker is written.
type teeLines struct {
	w      *testenv.SyncBuffer
	marker string
	ch     chan struct{}
}

func (t teeLines) Write(p []byte) (int, error) {
	if strings.Contains(string(p), t.marker) {
		select {
		case t.ch <- struct{}{}:
		default:
		}
	}
	return t.w.Write(p)
}
