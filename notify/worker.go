package notify

import (
	"context"
	"fmt"
	"github.com/mentionwatch/mentionwatch/internal/backoff"
	"github.com/mentionwatch/mentionwatch/internal/clock"
	"log/slog"
	"sync"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// WorkerOptions configure a Worker. Every field is optional.
type WorkerOptions struct {
	// Clock is the clock (default the system clock).
	Clock  clock.Clock
	Logger *slog.Logger
	// Backoff governs retries (alerts.retry): the first retry waits
	// Initial, each later one twice as long, at most Max. A Retry-After
	// answer overrides it.
	Backoff config.Backoff
	// Metrics, when set, are updated.
	Metrics *Metrics
	// Router, when set, detects negative waves: for every brand at most
	// once per Idle period, and for the brands with new negative mentions
	// at the start of every pass, before their alerts are sent.
	Router *Router
	// Location is the time zone times are shown in (default the
	// Router's, else local time).
	Location *time.Location
	// Idle is the longest the worker sleeps between passes (default 1m):
	// waves are checked at least this often.
	Idle time.Duration
	// Burst is alerts.burst: beyond this many single as-it-happens alerts
	// for one target, whatever their brand, the rest fold into one
	// message per brand (0: never fold).
	Burst int
	// BaseURL is server.base_url, where a folded message links the inbox
	// ("": no link).
	BaseURL string
	// Claim is how long a message is this daemon's to send before another
	// daemon on the same database may take it over (storage.lease; default
	// config.DefaultLease).
	Claim time.Duration
}

// Worker delivers the outbox: it binds due deliveries into messages
// (grouping hourly and daily ones), sends each message through its
// channel's notifier, retries what failed with backoff (honouring
// Retry-After, holding back the rest of that destination's queue), marks
// permanent failures, and before re-sending a message whose earlier
// attempt has no known outcome asks the notifier whether it arrived.
type Worker struct {
	st   *store.Store
	opts WorkerOptions
	log  *slog.Logger
	kick chan struct{}

	mu        sync.Mutex // one pass at a time
	notifiers Notifiers
	router    *Router
	instance  string
	lastWaves time.Time
	waveMark  waveMark        // the last mention whose brand was checked for a wave
	nextSLA   time.Time       // when the SLA check is next due (sla.go)
	streak    map[string]int  // consecutive retryable failures per destination
	reported  map[string]bool // permanent errors already logged, per destination and error
	failedNow int             // deliveries failed for good during the current Flush
	// leftOut are the mentions the send being delivered leaves out
	// (withdrawn.go): set when its message is built, recorded when it is
	// sent or fails for good.
	leftOut []int64
}

// Undelivered is what a Flush left undelivered, counted in alerts: one
// mention (or wave) for one target, as `mentionwatch outbox` lists them.
type Undelivered struct {
	// Pending alerts are due and not delivered yet (the service is down
	// or rate limiting, or the flush ran out of time): they stay in the
	// outbox and are retried by the next run.
	Pending int
	// Failed alerts failed for good during the flush (a revoked token, a
	// deleted channel): they stay failed until they are requeued, after
	// the cause is fixed (`mentionwatch outbox retry`).
	Failed int
}

// Total is how many alerts are left undelivered, pending or failed.
func (u Undelivered) Total() int { return u.Pending + u.Failed }

// NewWorker returns a worker over st's outbox.
func NewWorker(st *store.Store, n Notifiers, opts WorkerOptions) *Worker {
	if opts.Clock == nil {
		opts.Clock = clock.Real{}
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Backoff.Initial <= 0 {
		opts.Backoff.Initial = config.Duration(config.DefaultAlertRetry)
	}
	if opts.Backoff.Max < opts.Backoff.Initial {
		opts.Backoff.Max = max(opts.Backoff.Initial, config.Duration(config.DefaultAlertRetryMax))
	}
	if opts.Claim <= 0 {
		opts.Claim = config.DefaultLease
	}
	if opts.Idle <= 0 {
		opts.Idle = time.Minute
	}
	if opts.Location == nil {
		if opts.Router != nil {
			opts.Location = opts.Router.Location()
		} else {
			opts.Location = time.Local
		}
	}
	return &Worker{st: st, opts: opts, log: opts.Logger, kick: make(chan struct{}, 1), notifiers: n,
		router: opts.Router, streak: map[string]int{}, reported: map[string]bool{}}
}

// Kick wakes the worker: new deliveries were committed. It never blocks.
func (w *Worker) Kick() {
	select {
	case w.kick <- struct{}{}:
	default:
	}
}

// Run delivers until ctx ends. An attempt in flight when ctx ends is
// abandoned: its message stays in the outbox, marked as attempted, and is
// checked and sent after a restart. Run returns nil when ctx ends.
func (w *Worker) Run(ctx context.Context) error {
	w.log.Debug("outbox worker started")
	for {
		next, err := w.pass(ctx)
		if ctx.Err() != nil {
			w.log.Debug("outbox worker stopped")
			return nil
		}
		now := w.opts.Clock.Now()
		wait := w.opts.Idle
		switch {
		case err != nil:
			w.log.Error("outbox pass failed", "error", err)
			wait = min(wait, w.opts.Backoff.Initial.D())
		case !next.IsZero():
			d := next.Sub(now)
			if d <= 0 {
				d = time.Second // something due was left behind: do not spin
			}
			wait = min(wait, d)
		}
		ch, stop := w.opts.Clock.After(wait)
		select {
		case <-ctx.Done():
			stop()
			w.log.Debug("outbox worker stopped")
			return nil
		case <-w.kick:
			stop()
		case <-ch:
		}
	}
}

// Flush delivers everything due now, retrying with backoff (and
// Retry-After) until all is sent or ctx ends. It returns what remains
// undelivered: alerts still pending (they stay in the outbox for the next
// run) and alerts that failed for good during the flush. An hourly or daily group
// whose period has not ended is not due: it is neither sent nor counted,
// and goes with the first flush (or pass of Run) after its period, whole.
// Alerts held by a route's quiet hours are neither sent nor counted either
// (OutboxStatus reports them as Held). Do not run Flush and Run at once.
func (w *Worker) Flush(ctx context.Context) (Undelivered, error) {
	w.mu.Lock()
	w.failedNow = 0
	w.mu.Unlock()
	for {
		next, err := w.pass(ctx)
		if err != nil && ctx.Err() == nil {
			return w.undelivered(ctx), err
		}
		left, cerr := w.st.UndeliveredCount(context.WithoutCancel(ctx), w.opts.Clock.Now())
		if cerr != nil {
			return Undelivered{}, fmt.Errorf("notify: flush: %w", cerr)
		}
		if left == 0 || ctx.Err() != nil {
			w.mu.Lock()
			defer w.mu.Unlock()
			return Undelivered{Pending: left, Failed: w.failedNow}, nil
		}
		wait := w.opts.Backoff.Initial.D()
		if !next.IsZero() {
			wait = max(next.Sub(w.opts.Clock.Now()), 0)
		}
		ch, stop := w.opts.Clock.After(wait)
		select {
		case <-ctx.Done():
			stop()
		case <-ch:
		}
	}
}

func (w *Worker) undelivered(ctx context.Context) Undelivered {
	n, _ := w.st.UndeliveredCount(context.WithoutCancel(ctx), w.opts.Clock.Now())
	w.mu.Lock()
	defer w.mu.Unlock()
	return Undelivered{Pending: n, Failed: w.failedNow}
}

// pass does one round of work: waves (every brand when Idle has passed
// since they were last checked, else the brands with new negative
// mentions), the SLA check (when due), batching (folding storms), every
// due send, most urgent first. It
// returns when the outbox next needs attention (zero: nothing waits).
func (w *Worker) pass(ctx context.Context) (time.Time, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	now := w.opts.Clock.Now()
	if w.instance == "" {
		id, err := w.st.OutboxInstance(ctx)
		if err != nil {
			return time.Time{}, err
		}
		w.instance = id
	}
	if w.router != nil {
		w.checkWaves(ctx, now)
	}
	w.checkSLA(ctx, now)
	if _, err := w.st.BatchDeliveriesBurst(ctx, now, w.opts.Burst); err != nil {
		return time.Time{}, err
	}
	blocked := map[string]bool{}
	var after store.SendCursor
	for ctx.Err() == nil {
		sends, err := w.st.DueSends(ctx, w.opts.Clock.Now(), after, 50)
		if err != nil {
			return time.Time{}, err
		}
		if len(sends) == 0 {
			break
		}
		for _, sd := range sends {
			after = sd.After()
			dest := sd.Channel + "|" + sd.Target
			if blocked[dest] || ctx.Err() != nil {
				continue
			}
			if !w.deliver(ctx, sd) {
				blocked[dest] = true
			}
		}
	}
	w.updateGauges(ctx)
	next, ok, err := w.st.NextOutboxWake(context.WithoutCancel(ctx))
	if err != nil {
		return time.Time{}, err
	}
	if next, ok = w.slaWake(next, ok); !ok {
		return time.Time{}, nil
	}
	return next, nil
}

func (w *Worker) updateGauges(ctx context.Context) {
	if w.opts.Metrics == nil {
		return
	}
	st, err := w.st.OutboxStatus(context.WithoutCancel(ctx), w.opts.Clock.Now())
	if err != nil {
		return
	}
	w.opts.Metrics.Pending.Set(float64(st.Pending))
	w.opts.Metrics.Undeliverable.Set(float64(st.Failed))
}

// backoff is the wait before attempt number attempts+1.
func (w *Worker) backoff(attempts int) time.Duration {
	return backoff.Step(attempts, w.opts.Backoff.Initial.D(), w.opts.Backoff.Max.D())
}
