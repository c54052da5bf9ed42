// Package watcher owns the sources: it decides when each one is crawled
// (cron schedules, backoff after failures, catching up after downtime) and
// runs the crawls on a bounded pool of workers. What a crawl does — fetch,
// extract, match, score, store — is the Crawler's business.
package watcher

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/config"
)

// Crawler crawls one source and returns when it should next run; a zero
// time, or one not after the crawl ends, leaves it to the schedule.
type Crawler interface {
	Crawl(ctx context.Context, src config.Source) (next time.Time, err error)
}

// CrawlFunc adapts a function to Crawler.
type CrawlFunc func(ctx context.Context, src config.Source) (time.Time, error)

// Crawl calls f.
func (f CrawlFunc) Crawl(ctx context.Context, src config.Source) (time.Time, error) {
	return f(ctx, src)
}

// Scheduler runs every enabled source when it is due. A source is never
// crawled twice at once, and at most Workers crawls run together.
type Scheduler struct {
	crawler Crawler
	clock   clock.Clock
	log     *slog.Logger
	workers int

	mu      sync.Mutex
	sources map[string]*entry
	kick    chan struct{}

	// crawled, when set, is told of every finished crawl and its next
	// run (tests use it to know when the schedule has moved on).
	crawled func(name string, next time.Time)
}

type entry struct {
	src     config.Source
	sched   cron.Schedule
	next    time.Time
	running bool
	gen     int // bumped when the source's config changes
}

// NewScheduler returns a scheduler that crawls with c, at most workers at
// a time.
func NewScheduler(c Crawler, clk clock.Clock, workers int, log *slog.Logger) *Scheduler {
	if workers < 1 {
		workers = 1
	}
	return &Scheduler{crawler: c, clock: clk, log: log, workers: workers,
		sources: map[string]*entry{}, kick: make(chan struct{}, 1)}
}

// SetSources replaces the set of sources (at start and on reload). next
// gives each source's stored next run; a source without one — never
// crawled — is due at once, as is one whose next run passed while the
// daemon was down. Crawls in flight finish; removed sources are not
// crawled again.
func (s *Scheduler) SetSources(srcs []config.Source, next map[string]time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	keep := map[string]bool{}
	for _, src := range srcs {
		if !src.IsEnabled() {
			continue
		}
		sch, err := config.SourceSchedule(src)
		if err != nil {
			return err
		}
		keep[src.Name] = true
		e, ok := s.sources[src.Name]
		if !ok {
			e = &entry{next: next[src.Name]}
			s.sources[src.Name] = e
		}
		if ok && (e.src.Schedule != src.Schedule || e.src.URL != src.URL || AdaptiveChanged(e.src, src)) {
			// A new URL or schedule: crawl soon rather than waiting for
			// the old schedule's next run.
			e.next = time.Time{}
		}
		e.src, e.sched = src, sch
		e.gen++
	}
	for name := range s.sources {
		if !keep[name] {
			delete(s.sources, name)
		}
	}
	s.signal()
	return nil
}

func (s *Scheduler) signal() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// Next returns when each source runs next (zero: due now).
func (s *Scheduler) Next() map[string]time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]time.Time, len(s.sources))
	for n, e := range s.sources {
		out[n] = e.next
	}
	return out
}

// Run crawls sources as they come due until ctx ends, then waits for the
// crawls in flight (which see ctx cancelled) to return.
func (s *Scheduler) Run(ctx context.Context) error {
	sem := make(chan struct{}, s.workers)
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		now := s.clock.Now()
		var due []*entry
		var wake time.Time
		s.mu.Lock()
		for _, e := range s.sources {
			if e.running {
				continue
			}
			if !e.next.After(now) {
				due = append(due, e)
				e.running = true
				continue
			}
			if wake.IsZero() || e.next.Before(wake) {
				wake = e.next
			}
		}
		s.mu.Unlock()

		for _, e := range due {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				s.mu.Lock()
				e.running = false
				s.mu.Unlock()
				continue
			}
			wg.Add(1)
			go func(e *entry) {
				defer wg.Done()
				defer func() { <-sem }()
				s.runOne(ctx, e)
			}(e)
		}
		if ctx.Err() != nil {
			return nil
		}

		var timer <-chan time.Time
		stop := func() {}
		if !wake.IsZero() {
			timer, stop = s.clock.At(wake)
		}
		select {
		case <-ctx.Done():
			stop()
			return nil
		case <-s.kick:
		case <-timer:
		}
		stop()
	}
}

func (s *Scheduler) runOne(ctx context.Context, e *entry) {
	s.mu.Lock()
	src, sched, gen := e.src, e.sched, e.gen
	s.mu.Unlock()
	next, err := s.crawler.Crawl(ctx, src)
	now := s.clock.Now()
	if !next.After(now) {
		// No time, or one already past (a backoff that ran out while
		// the crawl was slow): the schedule decides, so that a source is
		// never crawled back to back in a loop.
		next = sched.Next(now)
	}
	if err != nil && ctx.Err() == nil {
		s.log.Warn("crawl failed", "source", src.Name, "err", err, "next", next.Format(time.RFC3339))
	}
	s.mu.Lock()
	if e.gen == gen || !e.next.IsZero() {
		e.next = next
	}
	e.running = false
	s.mu.Unlock()
	if s.crawled != nil {
		s.crawled(src.Name, next)
	}
	s.signal()
}

// RunOnce crawls every enabled source once, ignoring schedules, at most
// Workers at a time, and returns when all are done.
func RunOnce(ctx context.Context, c Crawler, srcs []config.Source, workers int) map[string]error {
	if workers < 1 {
		workers = 1
	}
	var mu sync.Mutex
	errs := map[string]error{}
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	for _, src := range srcs {
		if !src.IsEnabled() {
			continue
		}
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return errs
		}
		wg.Add(1)
		go func(src config.Source) {
			defer wg.Done()
			defer func() { <-sem }()
			if _, err := c.Crawl(ctx, src); err != nil {
				mu.Lock()
				errs[src.Name] = err
				mu.Unlock()
			}
		}(src)
	}
	wg.Wait()
	return errs
}
