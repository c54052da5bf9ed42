package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/matchers/score"
	"github.com/mentionwatch/mentionwatch/notify"
	"github.com/mentionwatch/mentionwatch/notify/digest"
	"github.com/mentionwatch/mentionwatch/notify/email"
	"github.com/mentionwatch/mentionwatch/watcher"
	"github.com/mentionwatch/mentionwatch/watcher/fetch"
)

// ShutdownTimeout bounds how long a stop waits for crawls and deliveries
// in flight; what does not finish in time is abandoned without loss (the
// outbox and source state are transactional) and redone at the next start.
const ShutdownTimeout = 10 * time.Second

// Options configure a daemon.
type Options struct {
	ConfigPath string
	Stdout     io.Writer // where alerts go when no notifier is set
	Log        *slog.Logger
	Clock      clock.Clock
	// Ready, when set, is called with the HTTP server's address once the
	// daemon is serving (tests use it to find a :0 port).
	Ready func(addr string)
	// AfterCrawl, when set, is called after every crawl of a source with
	// its outcome.
	AfterCrawl func(source string, err error)
}

// Daemon is a running mentionwatch.
type Daemon struct {
	opts     Options
	log      *slog.Logger
	reg      *prometheus.Registry
	store    *store.Store
	pipeline *Pipeline
	sched    *watcher.Scheduler
	fetchMet *fetch.Metrics
	notifMet *notify.Metrics

	mu      sync.Mutex
	worker  *notify.Worker
	stopSvc func() // stops the worker and digest runner of the current config
}

// New opens the store and builds every part from the compiled config.
func New(ctx context.Context, c *Compiled, opts Options) (*Daemon, error) {
	if opts.Clock == nil {
		opts.Clock = clock.Real{}
	}
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	d := &Daemon{opts: opts, log: opts.Log, reg: prometheus.NewRegistry()}
	c = d.clocked(c)
	d.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	st, err := store.Open(ctx, c.Cfg.Storage.Path, store.WithClock(opts.Clock.Now))
	if err != nil {
		return nil, err
	}
	d.store = st
	d.fetchMet = fetch.NewMetrics(d.reg)
	d.notifMet = notify.NewMetrics(d.reg)
	met := NewMetrics(d.reg)
	f := d.newFetcher(c)
	d.pipeline = NewPipeline(c, f, st, opts.Clock, met, d.kick, opts.Log)
	d.pipeline.after = opts.AfterCrawl
	d.sched = watcher.NewScheduler(d.pipeline, opts.Clock, c.Cfg.HTTP.Workers, opts.Log)
	states, err := st.Sources(ctx)
	if err != nil {
		st.Close()
		return nil, err
	}
	met.SeedSources(states)
	if err := d.sched.SetSources(c.Cfg.Sources, nextRuns(states)); err != nil {
		st.Close()
		return nil, err
	}
	return d, nil
}

// clocked returns c with a router that tells time by the daemon's clock,
// so that alert periods and waves follow the same clock as crawls and the
// outbox.
func (d *Daemon) clocked(c *Compiled) *Compiled {
	cc := *c
	cc.Router = c.Router.WithClock(d.opts.Clock.Now)
	return &cc
}

func nextRuns(states map[string]store.SourceState) map[string]time.Time {
	next := map[string]time.Time{}
	for n, s := range states {
		next[n] = s.NextRunAt
	}
	return next
}

func (d *Daemon) newFetcher(c *Compiled) *fetch.Fetcher {
	o := fetch.OptionsFrom(c.Cfg.HTTP)
	o.Logger = d.log
	o.Metrics = d.fetchMet
	return fetch.New(o)
}

// Store returns the daemon's store.
func (d *Daemon) Store() *store.Store { return d.store }

// Close closes the store.
func (d *Daemon) Close() error { return d.store.Close() }

func (d *Daemon) kick() {
	d.mu.Lock()
	w := d.worker
	d.mu.Unlock()
	if w != nil {
		w.Kick()
	}
}

// newWorker builds the outbox worker for a config.
func (d *Daemon) newWorker(c *Compiled) (*notify.Worker, error) {
	n, err := notify.NewNotifiers(c.Cfg.Alerts, d.opts.Stdout, nil, d.log)
	if err != nil {
		return nil, err
	}
	return notify.NewWorker(d.store, n, notify.WorkerOptions{
		Clock: d.opts.Clock, Logger: d.log, Backoff: c.Cfg.Alerts.Retry, Location: c.Loc,
		Metrics: d.notifMet, Router: c.Router,
	}), nil
}

// startServices starts the outbox worker and the digest schedule of c,
// replacing those of the previous config.
func (d *Daemon) startServices(ctx context.Context, c *Compiled) error {
	w, err := d.newWorker(c)
	if err != nil {
		return err
	}
	sctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := w.Run(sctx); err != nil && sctx.Err() == nil {
			d.log.Error("outbox worker stopped", "err", err)
		}
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		d.pruneLoop(sctx)
	}()
	if c.Cfg.Digest.Schedule != "" && c.Cfg.Digest.Email != nil {
		r, err := digest.NewRunner(d.store, c.Cfg.Digest, c.BrandNames(),
			digest.EmailSender(*c.Cfg.Digest.Email, email.WithLogger(d.log)),
			digest.WithLogger(d.log), digest.WithLocation(c.Loc))
		if err != nil {
			cancel()
			wg.Wait()
			return err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := r.Run(sctx); err != nil && sctx.Err() == nil {
				d.log.Error("digest schedule stopped", "err", err)
			}
		}()
	}
	d.mu.Lock()
	old := d.stopSvc
	d.worker = w
	d.stopSvc = func() { cancel(); wg.Wait() }
	d.mu.Unlock()
	if old != nil {
		old()
	}
	return nil
}

// Run runs the daemon until ctx ends: the schedule, the outbox worker, the
// digest schedule and the HTTP server. SIGHUP reloads the config.
func (d *Daemon) Run(ctx context.Context) error {
	go score.Preload() // the first mention need not wait for the lexicon
	c := d.pipeline.Compiled()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if err := d.startServices(ctx, c); err != nil {
		return err
	}
	var srv *http.Server
	if addr := c.Cfg.Server.Listen; addr != "" {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			d.stopServices()
			return fmt.Errorf("server: listen %s: %w", addr, err)
		}
		srv = &http.Server{Handler: d.Handler(), ReadHeaderTimeout: 10 * time.Second}
		go func() {
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				d.log.Error("http server", "err", err)
			}
		}()
		d.log.Info("serving", "addr", ln.Addr().String())
		if d.opts.Ready != nil {
			d.opts.Ready(ln.Addr().String())
		}
	} else if d.opts.Ready != nil {
		d.opts.Ready("")
	}

	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				d.Reload(ctx)
			}
		}
	}()

	d.log.Info("running", "sources", len(c.Cfg.Sources), "brands", len(c.Cfg.Brands), "db", c.Cfg.Storage.Path)
	if len(c.Cfg.Brands) == 0 || len(c.Cfg.Sources) == 0 {
		d.log.Warn("nothing to watch: rules.yaml has no brands or no sources", "brands", len(c.Cfg.Brands), "sources", len(c.Cfg.Sources))
	}
	err := d.sched.Run(ctx) // returns when ctx ends, after crawls in flight
	if srv != nil {
		sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
		_ = srv.Shutdown(sctx)
		scancel()
	}
	d.stopServices()
	return err
}

// OutboxKeep is how long delivered and failed alerts stay in the outbox
// (follow-ups find their thread's first alert there).
const OutboxKeep = 30 * 24 * time.Hour

// pruneLoop clears old delivered alerts from the outbox at start and then
// daily.
func (d *Daemon) pruneLoop(ctx context.Context) {
	for {
		if n, err := d.store.PruneOutbox(ctx, d.opts.Clock.Now().Add(-OutboxKeep)); err != nil {
			if ctx.Err() == nil {
				d.log.Warn("pruning the outbox", "err", err)
			}
		} else if n > 0 {
			d.log.Info("pruned the outbox", "sends", n)
		}
		wait, stop := d.opts.Clock.After(24 * time.Hour)
		select {
		case <-ctx.Done():
			stop()
			return
		case <-wait:
		}
	}
}

func (d *Daemon) stopServices() {
	d.mu.Lock()
	stop := d.stopSvc
	d.stopSvc = nil
	d.mu.Unlock()
	if stop != nil {
		stop()
	}
}

// Reload re-reads the config file. A config with problems is logged and
// ignored: the running one stays.
func (d *Daemon) Reload(ctx context.Context) bool {
	old := d.pipeline.Compiled()
	c, err := Load(d.opts.ConfigPath, d.log)
	if err != nil {
		d.log.Error("reload: config has problems; keeping the running config", "problems", err.Error())
		return false
	}
	c = d.clocked(c)
	if c.Cfg.Storage.Path != old.Cfg.Storage.Path {
		d.log.Warn("reload: storage.path changes at the next restart", "running", old.Cfg.Storage.Path)
		c.Cfg.Storage.Path = old.Cfg.Storage.Path
	}
	var f *fetch.Fetcher
	if !reflect.DeepEqual(c.Cfg.HTTP, old.Cfg.HTTP) {
		f = d.newFetcher(c)
	}
	d.pipeline.Swap(c, f)
	states, err := d.store.Sources(ctx)
	if err != nil {
		d.log.Error("reload: reading source state", "err", err)
	}
	if err := d.sched.SetSources(c.Cfg.Sources, nextRuns(states)); err != nil {
		d.log.Error("reload: schedule", "err", err)
	}
	if err := d.startServices(ctx, c); err != nil {
		d.log.Error("reload: alerts", "err", err)
	}
	if !reflect.DeepEqual(c.Cfg.Alerts, old.Cfg.Alerts) {
		// Alerts that failed for good may have failed for the old
		// config's sake (a wrong channel or token): try them again.
		if n, err := d.store.RequeueFailedSends(ctx, d.opts.Clock.Now()); err != nil {
			d.log.Error("reload: requeueing failed alerts", "err", err)
		} else if n > 0 {
			d.log.Info("reload: failed alerts queued again", "count", n)
		}
	}
	d.log.Info("config reloaded", "sources", len(c.Cfg.Sources), "brands", len(c.Cfg.Brands))
	return true
}

// ErrUndelivered is returned by RunOnce, as an *UndeliveredError, when
// alerts remain undelivered.
var ErrUndelivered = errors.New("alerts remain undelivered")

// UndeliveredError says what a RunOnce left undelivered: alerts pending
// (kept in the outbox and retried by the next run) and alerts that failed
// for good (kept failed until `mentionwatch outbox retry`).
type UndeliveredError struct {
	notify.Undelivered
}

func (e *UndeliveredError) Error() string {
	var parts []string
	if e.Pending > 0 {
		parts = append(parts, fmt.Sprintf("%d pending, kept in the outbox and retried by the next run", e.Pending))
	}
	if e.Failed > 0 {
		parts = append(parts, fmt.Sprintf("%d failed for good, kept failed until `mentionwatch outbox retry` "+
			"once the cause is fixed (`mentionwatch outbox` lists them with their errors)", e.Failed))
	}
	return ErrUndelivered.Error() + ": " + strings.Join(parts, "; ")
}

// Is makes errors.Is(err, ErrUndelivered) hold.
func (e *UndeliveredError) Is(target error) bool { return target == ErrUndelivered }

// RunOnce crawls every enabled source once, then delivers every alert
// that is due, retrying for up to deliverTimeout. An hourly or daily group
// is due once its period has ended: it goes, whole, with the first run
// after that. When alerts remain undelivered — pending ones stay in the
// outbox for the next run, ones that failed for good stay failed until
// requeued — it returns an *UndeliveredError saying how many of each.
func (d *Daemon) RunOnce(ctx context.Context, deliverTimeout time.Duration) error {
	c := d.pipeline.Compiled()
	errs := watcher.RunOnce(ctx, d.pipeline, c.Cfg.Sources, c.Cfg.HTTP.Workers)
	for name, err := range errs {
		d.log.Warn("source failed", "source", name, "err", err)
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	w, err := d.newWorker(c)
	if err != nil {
		return err
	}
	dctx, cancel := context.WithTimeout(ctx, deliverTimeout)
	defer cancel()
	left, err := w.Flush(dctx)
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	d.reportOutbox(context.WithoutCancel(ctx), left)
	if left.Total() > 0 {
		return &UndeliveredError{left}
	}
	return nil
}

// reportOutbox logs what a RunOnce leaves in the outbox besides what it
// could not deliver (left): alerts that failed in an earlier run, and
// alerts that are not due yet.
func (d *Daemon) reportOutbox(ctx context.Context, left notify.Undelivered) {
	entries, err := d.store.OutboxEntries(ctx)
	if err != nil {
		d.log.Warn("cannot read the outbox", "err", err)
		return
	}
	now := d.opts.Clock.Now()
	failed, waiting := 0, 0
	var next time.Time
	for _, e := range entries {
		switch {
		case e.Status == store.OutboxFailed:
			failed++
		case e.SendID == 0 && e.Next.After(now):
			waiting++
			if next.IsZero() || e.Next.Before(next) {
				next = e.Next
			}
		}
	}
	if earlier := failed - left.Failed; earlier > 0 {
		d.log.Warn("alerts that failed for good in an earlier run stay failed until `mentionwatch outbox retry`",
			"count", earlier)
	}
	if waiting > 0 {
		d.log.Info("alerts wait for their hourly or daily period, or quiet hours, to end; the first run after that sends them",
			"count", waiting, "next", next)
	}
}

// SignalContext returns a context cancelled by the first SIGINT or SIGTERM;
// a second one exits the process at once.
func SignalContext(parent context.Context, log *slog.Logger) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case s := <-ch:
			log.Info("stopping", "signal", s.String(), "timeout", ShutdownTimeout.String())
			cancel()
		case <-ctx.Done():
			signal.Stop(ch)
			return
		}
		select {
		case <-ch:
			log.Warn("second signal: exiting now")
			os.Exit(1)
		case <-time.After(ShutdownTimeout):
			log.Warn("shutdown timed out: exiting; unfinished work is redone at the next start")
			os.Exit(1)
		}
	}()
	return ctx, func() { signal.Stop(ch); cancel() }
}
