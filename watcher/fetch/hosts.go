package fetch

import (
	"context"
	"sync"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
)

// hosts keeps politeness state per host: at most perHost requests at once
// and request starts spaced by the host's minimum delay. Waiting here
// never holds one of the global worker slots, so a slow or rate-limited
// host delays only its own requests.
type hosts struct {
	perHost int
	clock   clock.Clock

	mu sync.Mutex
	m  map[string]*host
}

type host struct {
	slots chan struct{}

	mu   sync.Mutex
	next time.Time // earliest start of the next request
}

func newHosts(perHost int, clk clock.Clock) *hosts {
	return &hosts{perHost: perHost, clock: clk, m: make(map[string]*host)}
}

func (hs *hosts) get(key string) *host {
	hs.mu.Lock()
	defer hs.mu.Unlock()
	h := hs.m[key]
	if h == nil {
		h = &host{slots: make(chan struct{}, hs.perHost)}
		hs.m[key] = h
	}
	return h
}

// acquire takes one of the host's slots and waits until delay has passed
// since the previous request to the host started. The caller must call
// release when its request is done.
func (hs *hosts) acquire(ctx context.Context, h *host, delay time.Duration) error {
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	h.mu.Lock()
	now := hs.clock.Now()
	start := h.next
	if start.Before(now) {
		start = now
	}
	h.next = start.Add(delay)
	h.mu.Unlock()
	wait := start.Sub(now)
	if wait <= 0 {
		return nil
	}
	c, stop := hs.clock.After(wait)
	defer stop()
	select {
	case <-c:
		return nil
	case <-ctx.Done():
		hs.release(h)
		return ctx.Err()
	}
}

func (hs *hosts) release(h *host) { <-h.slots }
