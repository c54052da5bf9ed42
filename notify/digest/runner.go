package digest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/mentionwatch/mentionwatch/internal/backoff"
	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// SendFunc delivers a digest. An error means it was not delivered: the
// Runner tries again later. Its text is stored and logged, so it must not
// hold secrets (email.Send's errors do not).
type SendFunc func(ctx context.Context, d *Digest) error

// ErrNoSchedule is returned by NewRunner when digest.schedule is empty:
// there is nothing to run.
var ErrNoSchedule = errors.New("digest: no schedule")

// Defaults of the Runner.
const (
	DefaultRetry    = time.Minute      // first retry after a failed send
	DefaultRetryMax = time.Hour        // longest wait between retries
	DefaultLease    = 10 * time.Minute // a run being sent is not taken again before this
	// maxWait bounds one wait of the loop, so that a digest put back
	// in the queue by another process (`mentionwatch outbox retry`) is
	// sent within a minute, and a wall clock that jumped (suspend, manual
	// change) is noticed as soon. A loop with nothing due costs three
	// small queries of digest_runs.
	maxWait = time.Minute
)

// Runner sends the scheduled digest once per period. Every period end
// the schedule reaches is recorded in the store (digest_runs) before it
// is sent, and marked sent after the mail server accepted it; a failed
// send is retried with exponential backoff until it succeeds, also
// across restarts, unless the mail server refused it for good (a 5xx
// reply): that run is recorded as failed, logged once and not retried
// until `mentionwatch outbox retry` puts it back in the queue (the Runner
// then sends it within a minute, as its waits are at most that long).
// When the daemon was not running at a scheduled time, the latest missed
// period is sent when it starts (older missed periods are skipped: their
// mentions are in the store, and a pile of stale digests helps nobody).
// On its very first start the Runner owes nothing: the first digest goes
// out at the first scheduled time after it.
type Runner struct {
	st       *store.Store
	cfg      config.Digest
	brands   []string
	send     SendFunc
	sched    cron.Schedule
	loc      *time.Location
	log      *slog.Logger
	retry    time.Duration
	retryMax time.Duration
	lease    time.Duration
}

// Option configures a Runner.
type Option func(*Runner)

// WithLogger sets the logger.
func WithLogger(l *slog.Logger) Option { return func(r *Runner) { r.log = l } }

// WithLocation sets the time zone of the schedule and of the digest's days
// (default UTC); alerts.time_zone is meant for it.
func WithLocation(loc *time.Location) Option {
	return func(r *Runner) {
		if loc != nil {
			r.loc = loc
		}
	}
}

// WithBackoff sets the wait before the first retry of a failed send and
// the longest wait; each retry waits twice as long as the one before.
func WithBackoff(initial, longest time.Duration) Option {
	return func(r *Runner) {
		if initial > 0 {
			r.retry = initial
		}
		if longest > 0 {
			r.retryMax = longest
		}
	}
}

// NewRunner returns a Runner for cfg: cfg.Schedule (cron, in the
// Runner's location) says when, cfg.Since how long a period is, and
// brands are the configured brand names in config order (cfg.Brands, when
// set, narrows them). It returns ErrNoSchedule when cfg.Schedule is empty.
func NewRunner(st *store.Store, cfg config.Digest, brands []string, send SendFunc, opts ...Option) (*Runner, error) {
	if strings.TrimSpace(cfg.Schedule) == "" {
		return nil, ErrNoSchedule
	}
	if st == nil || send == nil {
		return nil, errors.New("digest: runner needs a store and a send function")
	}
	sched, err := config.ParseSchedule(cfg.Schedule)
	if err != nil {
		return nil, fmt.Errorf("digest: schedule: %w", err)
	}
	r := &Runner{
		st: st, cfg: cfg, brands: brands, send: send, sched: sched,
		loc:      time.UTC,
		log:      slog.New(slog.DiscardHandler),
		retry:    DefaultRetry,
		retryMax: DefaultRetryMax,
		lease:    DefaultLease,
	}
	for _, o := range opts {
		o(r)
	}
	return r, nil
}

// Run sends digests on the schedule until ctx is done, then returns nil.
// A store error is logged and the work is tried again later: Run only
// ends with ctx.
func (r *Runner) Run(ctx context.Context) error {
	r.log.Info("digest schedule started", "schedule", r.cfg.Schedule, "since", r.since().String(),
		"time_zone", r.loc.String())
	for {
		next, err := r.step(ctx)
		if ctx.Err() != nil {
			return nil
		}
		now := time.Now()
		if err != nil {
			r.log.Error("digest schedule", "err", err)
			next = now.Add(r.retry)
		}
		wait := min(max(next.Sub(now), 0), maxWait)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}

func (r *Runner) since() time.Duration {
	if s := r.cfg.Since.D(); s > 0 {
		return s
	}
	return config.DefaultDigestSince
}

// step records a newly due period, attempts every due run and returns
// when there is next something to do.
func (r *Runner) step(ctx context.Context) (time.Time, error) {
	if err := r.plan(ctx, time.Now()); err != nil {
		return time.Time{}, err
	}
	due, err := r.st.DueDigestRuns(ctx, time.Now())
	if err != nil {
		return time.Time{}, err
	}
	for _, run := range due {
		if ctx.Err() != nil {
			break
		}
		r.attempt(ctx, run)
	}
	now := time.Now()
	next := r.sched.Next(now.In(r.loc))
	if next.IsZero() {
		next = now.Add(maxWait)
	}
	at, ok, err := r.st.NextDigestAttempt(ctx)
	if err != nil {
		return time.Time{}, err
	}
	if ok && at.Before(next) {
		next = at
	}
	return next, nil
}

// plan records the latest scheduled period end at or before now that has
// no run yet.
func (r *Runner) plan(ctx context.Context, now time.Time) error {
	last, err := r.st.LastDigestRun(ctx)
	if errors.Is(err, store.ErrNotFound) {
		// First start: nothing is owed for the time before it.
		_, _, err = r.st.AddDigestRun(ctx, store.DigestRun{Start: now.Add(-r.since()), End: now,
			Status: store.DigestSkipped, NextAttemptAt: now, CreatedAt: now})
		if err == nil {
			r.log.Info("first digest scheduled", "at", r.sched.Next(now.In(r.loc)).Format(time.RFC3339))
		}
		return err
	}
	if err != nil {
		return err
	}
	due := r.latestFire(last.End, now)
	if due.IsZero() {
		return nil
	}
	run, created, err := r.st.AddDigestRun(ctx, store.DigestRun{Start: due.Add(-r.since()), End: due,
		NextAttemptAt: now, CreatedAt: now})
	if err != nil || !created {
		return err
	}
	log := r.log.With("period_start", run.Start.In(r.loc).Format(time.RFC3339), "period_end", run.End.In(r.loc).Format(time.RFC3339))
	if first := r.sched.Next(last.End.In(r.loc)); first.Before(due) {
		log.Warn("digests were missed while mentionwatch was not running; sending the latest only",
			"first_missed", first.Format(time.RFC3339))
	} else if now.Sub(due) > time.Minute {
		log.Info("sending a digest missed while mentionwatch was not running")
	}
	return nil
}

// latestFire returns the latest time in (after, now] the schedule fires
// at, or the zero time. It looks back over windows that double in length,
// so it is quick for any schedule and any downtime.
func (r *Runner) latestFire(after, now time.Time) time.Time {
	if !now.After(after) {
		return time.Time{}
	}
	for l := time.Second; ; l *= 2 {
		from := now.Add(-l)
		if !from.After(after) {
			from = after
		}
		t := r.sched.Next(from.In(r.loc))
		if !t.IsZero() && !t.After(now) {
			for n := r.sched.Next(t); !n.IsZero() && !n.After(now); n = r.sched.Next(n) {
				t = n
			}
			return t
		}
		if from.Equal(after) {
			return time.Time{}
		}
	}
}

// attempt claims a due run, builds and sends its digest, and records the
// outcome: sent, or failed with the time of the next try.
func (r *Runner) attempt(ctx context.Context, run store.DigestRun) {
	now := time.Now()
	ok, err := r.st.ClaimDigestRun(ctx, run.ID, now, now.Add(r.lease))
	if err != nil {
		r.log.Error("digest: claim run", "err", err)
		return
	}
	if !ok {
		return
	}
	n := run.Attempts + 1
	log := r.log.With("period_end", run.End.In(r.loc).Format(time.RFC3339), "attempt", n)
	d, err := r.sendRun(ctx, run)
	bg := context.WithoutCancel(ctx)
	if err == nil {
		if err := r.st.DigestRunSent(bg, run.ID, time.Now()); err != nil {
			log.Error("digest sent but not recorded; it may be sent again", "err", err)
			return
		}
		total, neg := d.Totals()
		log.Info("digest sent", "subject", d.Subject(), "brands", len(d.Brands), "mentions", total, "negative", neg)
		return
	}
	if permanent(err) {
		if err2 := r.st.DigestRunGaveUp(bg, run.ID, err.Error()); err2 != nil {
			log.Error("digest: record failure", "err", err2)
			return
		}
		log.Error("digest failed for good; not retried", "err", err)
		return
	}
	wait := r.backoff(n)
	next := time.Now().Add(wait)
	if ctx.Err() != nil {
		next = time.Now() // stopping: try again as soon as the daemon is back
	}
	if err2 := r.st.DigestRunFailed(bg, run.ID, err.Error(), next); err2 != nil {
		log.Error("digest: record failure", "err", err2)
	}
	if ctx.Err() == nil {
		log.Warn("digest not sent; will retry", "err", err, "retry_in", wait.String())
	}
}

// sendRun builds and sends a claimed period's digest within the claim's
// lease, so that no other sender takes the period over while it runs.
func (r *Runner) sendRun(ctx context.Context, run store.DigestRun) (*Digest, error) {
	ctx, cancel := context.WithTimeout(ctx, r.lease)
	defer cancel()
	d, err := Build(ctx, r.st, r.brands, r.cfg, run.End, run.End.Sub(run.Start), r.loc)
	if err != nil {
		return nil, err
	}
	return d, r.send(ctx, d)
}

// permanent reports whether a send failed for good: the mail server
// refused it with a 5xx reply (a rejected sender or recipient, refused
// authentication), which the same message meets again however often it
// is tried. Anything else — a 4xx reply, a connection failure, a store
// error — may pass.
func permanent(err error) bool {
	var t interface{ Temporary() bool }
	return errors.As(err, &t) && !t.Temporary()
}

// backoff is the wait after the nth failed attempt: retry, 2·retry,
// 4·retry, … at most retryMax.
func (r *Runner) backoff(n int) time.Duration { return backoff.Step(n, r.retry, r.retryMax) }
