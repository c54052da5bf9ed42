package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/matchers/score"
	"github.com/mentionwatch/mentionwatch/notify"
	"github.com/mentionwatch/mentionwatch/notify/digest"
	"github.com/mentionwatch/mentionwatch/notify/email"
	"github.com/mentionwatch/mentionwatch/watcher"
)

// shutdownTimeout bounds how long a stop waits for crawls and deliveries
// in flight; what does not finish in time is abandoned without loss (the
// outbox and source state are transactional) and redone at the next start.
const shutdownTimeout = 10 * time.Second

// startServices starts the outbox worker and the digest schedule of c,
// replacing those of the previous config. Everything c needs is built
// first — a config they cannot be built from leaves the running services
// alone — then the running ones are stopped, and only then are c's
// started: two outbox workers never run at once, or an alert the old one
// is still delivering would be sent again by the new one.
//
// With replace (a reload), c's services start only in place of running
// ones: a daemon that is not running — before Run, or once Run has
// stopped its services — starts none, as nothing would stop them. Starts
// and stops are serialized, so two reloads at once, or a reload during
// shutdown, never leave services of one config running unstopped.
func (d *Daemon) startServices(ctx context.Context, c *Compiled, replace bool) error {
	d.svcMu.Lock()
	defer d.svcMu.Unlock()
	if replace && !d.hasServices() {
		return nil // not running: Run starts the config it then has
	}
	w, err := d.newWorker(c)
	if err != nil {
		return err
	}
	runner, err := d.newDigestRunner(c)
	if err != nil {
		return err
	}
	in, err := newInteractor(d, c)
	if err != nil {
		return err
	}
	if d.hasServices() {
		d.log.Debug("stopping the running outbox worker and schedules for the new config")
		d.stopServicesLocked()
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
	wg.Add(1)
	go func() {
		defer wg.Done()
		d.pusher.run(sctx)
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		d.clockLoop(sctx)
	}()
	if runner != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := runner.Run(sctx); err != nil && sctx.Err() == nil {
				d.log.Error("digest schedule stopped", "err", err)
			}
		}()
	}
	slackHTTP, closeSlack := startSlack(sctx, in, c.Cfg.Alerts.Slack, &wg)
	d.mu.Lock()
	d.worker = w
	d.slackHTTP = slackHTTP
	d.stopSvc = func() { cancel(); wg.Wait(); closeSlack() }
	d.mu.Unlock()
	return nil
}

// newDigestRunner builds the weekly digest's schedule for a config, or
// returns nil when the config sends no digest.
func (d *Daemon) newDigestRunner(c *Compiled) (*digest.Runner, error) {
	if c.Cfg.Digest.Schedule == "" || c.Cfg.Digest.Email == nil {
		return nil, nil
	}
	return digest.NewRunner(d.store, c.Cfg.Digest, c.BrandNames(),
		digest.EmailSender(*c.Cfg.Digest.Email, email.WithLogger(d.log)),
		digest.WithLogger(d.log), digest.WithLocation(c.Loc))
}

// hasServices reports whether services of a config are running.
func (d *Daemon) hasServices() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.stopSvc != nil
}

// Run runs the daemon until ctx ends: the schedule, the outbox worker, the
// digest schedule and the HTTP server. SIGHUP reloads the config.
func (d *Daemon) Run(ctx context.Context) error {
	go score.Preload() // the first mention need not wait for the lexicon
	c := d.pipeline.Compiled()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if err := d.startServices(ctx, c, false); err != nil {
		return err
	}
	var srv *http.Server
	if addr := c.Cfg.Server.Listen; addr != "" {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			d.stopServices()
			return fmt.Errorf("server: listen %s: %w", addr, err)
		}
		srv = newHTTPServer(d.Handler())
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

	d.log.Info("running", "sources", len(c.Cfg.Sources), "brands", len(c.Cfg.Brands), "db", d.store.Path(),
		"daemon", d.store.Owner(), "lease", c.Cfg.Storage.Lease.D().String())
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

// outboxKeep is how long delivered and failed alerts stay in the outbox
// (follow-ups find their thread's first alert there).
const outboxKeep = 30 * 24 * time.Hour

// pruneLoop clears old delivered alerts from the outbox, and document
// texts older than storage.keep_text, at start and then daily.
func (d *Daemon) pruneLoop(ctx context.Context) {
	for {
		if n, err := d.store.PruneOutbox(ctx, d.opts.Clock.Now().Add(-outboxKeep)); err != nil {
			if ctx.Err() == nil {
				d.log.Warn("pruning the outbox", "err", err)
			}
		} else if n > 0 {
			d.log.Info("pruned the outbox", "sends", n)
		}
		d.pruneTexts(ctx)
		wait, stop := d.opts.Clock.After(24 * time.Hour)
		select {
		case <-ctx.Done():
			stop()
			return
		case <-wait:
		}
	}
}

// stopServices stops the services of the running config, if any.
func (d *Daemon) stopServices() {
	d.svcMu.Lock()
	defer d.svcMu.Unlock()
	d.stopServicesLocked()
}

// stopServicesLocked is stopServices with svcMu held.
func (d *Daemon) stopServicesLocked() {
	d.mu.Lock()
	stop := d.stopSvc
	d.stopSvc = nil
	d.mu.Unlock()
	if stop != nil {
		stop()
	}
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
// When sources failed, the others are still crawled and the alerts still
// delivered, and it then returns a *SourcesFailedError naming them (joined
// with the *UndeliveredError when there is one too). The command warns of
// failed sources alone and exits 0: the next run tries them again.
func (d *Daemon) RunOnce(ctx context.Context, deliverTimeout time.Duration) error {
	c := d.pipeline.Compiled()
	d.checkClock(ctx)
	// One pass crawls every source, ignoring schedules and leases.
	once := watcher.CrawlFunc(func(ctx context.Context, src config.Source) (time.Time, error) {
		return d.pipeline.crawl(ctx, src, nil)
	})
	errs := watcher.RunOnce(ctx, once, c.Cfg.Sources, c.Cfg.HTTP.Workers)
	for name, err := range errs {
		d.log.Warn("source failed", "source", name, "err", err)
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var failed error
	if len(errs) > 0 {
		failed = &SourcesFailedError{Errs: errs}
	}
	w, err := d.newWorker(c)
	if err != nil {
		return errors.Join(failed, err)
	}
	dctx, cancel := context.WithTimeout(ctx, deliverTimeout)
	defer cancel()
	left, err := w.Flush(dctx)
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return errors.Join(failed, err)
	}
	d.reportOutbox(context.WithoutCancel(ctx), left)
	if left.Total() > 0 {
		return errors.Join(failed, &UndeliveredError{left})
	}
	return failed
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

// signalEcho is how soon after the first stop signal another is taken
// for the same one delivered twice, not a person asking to exit now.
const signalEcho = time.Second

// SignalContext returns a context cancelled by the first SIGINT or SIGTERM;
// a second one, a second or more after the first, exits the process at
// once.
func SignalContext(parent context.Context, log *slog.Logger) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case s := <-ch:
			log.Info("stopping", "signal", s.String(), "timeout", shutdownTimeout.String())
			cancel()
		case <-ctx.Done():
			signal.Stop(ch)
			return
		}
		first := time.Now()
		deadline := time.After(shutdownTimeout)
		for {
			select {
			case s := <-ch:
				if time.Since(first) < signalEcho {
					// One signal sent to the process and to its group
					// (timeout(1), a shell's job control) arrives twice.
					log.Debug("repeated signal ignored", "signal", s.String())
					continue
				}
				log.Warn("second signal: exiting now")
				os.Exit(1)
			case <-deadline:
				log.Warn("shutdown timed out: exiting; unfinished work is redone at the next start")
				os.Exit(1)
			}
		}
	}()
	return ctx, func() { signal.Stop(ch); cancel() }
}
