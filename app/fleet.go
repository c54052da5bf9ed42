package app

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// leaseReleaseWait bounds, at shutdown, the wait to give back the lease of
// an abandoned crawl (another process may hold the SQLite write lock), so
// that the daemon stops within its grace (shutdownTimeout). A lease left
// held is taken over by the next start on this host, or expires.
const leaseReleaseWait = shutdownTimeout / 4

// fleetCrawl is how a daemon shares its sources with the other daemons on
// its database: before crawling a source it claims the source's lease
// (store.ClaimSource) for storage.lease, renews it every third of that
// while the crawl runs, and saves the crawl only while it still holds the
// lease, releasing it in the same transaction with the source's next run.
// A daemon that loses the claim moves its own next run to the stored one.
type fleetCrawl struct {
	lease time.Duration

	mu sync.Mutex
	// config is, per source, the URL and schedule of its last crawl by
	// this daemon: one that changed (a reload) is crawled soon, as the
	// scheduler asks, even when the shared schedule says later.
	config map[string]string
}

func newFleetCrawl(lease time.Duration) *fleetCrawl {
	if lease <= 0 {
		lease = config.DefaultLease
	}
	return &fleetCrawl{lease: lease, config: map[string]string{}}
}

// changed reports whether src's URL or schedule differs from its last
// crawl by this daemon, and records the new ones.
func (f *fleetCrawl) changed(src config.Source) bool {
	k := src.URL + "\x00" + src.Schedule
	f.mu.Lock()
	defer f.mu.Unlock()
	old, ok := f.config[src.Name]
	f.config[src.Name] = k
	return ok && old != k
}

// leasedCrawl is Crawl with a lease.
func (p *pipeline) leasedCrawl(ctx context.Context, src config.Source) (next time.Time, err error) {
	f := p.fleet
	now := p.clock.Now()
	lease, stored, err := p.store.ClaimSource(ctx, src.Name, now, f.lease, f.changed(src))
	if err != nil {
		if store.IsConflict(err) {
			// The claim lost to another daemon's transaction: try again
			// shortly rather than at the next scheduled run.
			return afterStoreError(now, err), err
		}
		return time.Time{}, err
	}
	if lease == nil {
		// Another daemon crawls it, or crawled it this period.
		if stored.IsZero() {
			// Held, and its crawl has stored no next run yet: look again
			// when the lease would run out, so that a daemon that died
			// mid-crawl leaves the source to this one within a lease,
			// not a whole period of the schedule later.
			stored = now.Add(f.lease)
			if sched, err := config.SourceSchedule(src); err == nil {
				if own := sched.Next(now); own.Before(stored) {
					stored = own
				}
			}
		}
		p.log.Debug("source taken by another daemon", "source", src.Name, "next", stored)
		return stored, nil
	}
	if p.after != nil {
		defer func() { p.after(src.Name, err) }()
	}
	cctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		p.renew(cctx, lease, f.lease, cancel)
	}()
	next, err = p.crawl(cctx, src, lease)
	cancel(nil)
	wg.Wait()
	if errors.Is(context.Cause(cctx), store.ErrLeaseLost) || errors.Is(err, store.ErrLeaseLost) {
		if ctx.Err() == nil {
			p.log.Warn("source lease lost to another daemon; its crawl counts, this one is dropped", "source", src.Name)
			return time.Time{}, nil
		}
	}
	if !lease.Released() {
		// Abandoned (shutdown) or failed before saving: give the source
		// back, at once when shutting down.
		rnext := next
		rctx := context.WithoutCancel(ctx)
		if ctx.Err() != nil {
			rnext = time.Time{}
			var rcancel context.CancelFunc
			rctx, rcancel = context.WithTimeout(rctx, leaseReleaseWait)
			defer rcancel()
		}
		if rerr := lease.Release(rctx, rnext); rerr != nil && !errors.Is(rerr, store.ErrLeaseLost) {
			p.log.Warn("releasing source lease", "source", src.Name, "err", rerr)
		}
	}
	return next, err
}

// renew extends lease every third of d until ctx ends; when the lease is
// lost it cancels the crawl with store.ErrLeaseLost.
func (p *pipeline) renew(ctx context.Context, lease *store.Lease, d time.Duration, cancel context.CancelCauseFunc) {
	for {
		ch, stop := p.clock.After(d / 3)
		select {
		case <-ctx.Done():
			stop()
			return
		case <-ch:
		}
		err := lease.Renew(ctx, p.clock.Now(), d)
		switch {
		case errors.Is(err, store.ErrLeaseLost):
			cancel(store.ErrLeaseLost)
			return
		case err != nil && ctx.Err() == nil:
			p.log.Warn("renewing source lease", "source", lease.Source, "err", err)
		}
	}
}
