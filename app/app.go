// Package app is the wiring of mentionwatch, above every part: it compiles
// a loaded config into the parts that judge documents (queries, scoring
// rules, routes, extractors; compile.go), runs the crawl pipeline
// (pipeline.go), and hosts the daemon: its parts (app.go), its lifecycle —
// start, serve, stop, one pass (lifecycle.go) — and reloads on SIGHUP
// (reloader.go), with the HTTP server (server.go) and metrics.
package app

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/redact"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/notify"
	"github.com/mentionwatch/mentionwatch/watcher"
	"github.com/mentionwatch/mentionwatch/watcher/fetch"
)

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
	pipeline *pipeline
	sched    *watcher.Scheduler
	fetchMet *fetch.Metrics
	notifMet *notify.Metrics
	inboxMet *inboxMetrics
	pusher   *pusher
	clockMet *clockMetrics // nil on SQLite (clockskew.go)

	// svcMu serializes starting and stopping the services of a config
	// (lifecycle.go); mu guards the fields below it.
	svcMu   sync.Mutex
	mu      sync.Mutex
	worker  *notify.Worker
	stopSvc func() // stops the worker and digest runner of the current config
	// slackHTTP serves Slack's button clicks for the current config (nil:
	// no alerts.slack.signing_secret).
	slackHTTP http.Handler
}

// New opens the store and builds every part from the compiled config.
func New(ctx context.Context, c *Compiled, opts Options) (*Daemon, error) {
	if opts.Clock == nil {
		opts.Clock = clock.Real{}
	}
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	// Every log line of the daemon has the secrets of the URLs it quotes
	// redacted, whatever part logs it.
	opts.Log = slog.New(redact.Handler(opts.Log.Handler()))
	d := &Daemon{opts: opts, log: opts.Log, reg: prometheus.NewRegistry()}
	c = d.clocked(c)
	d.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	st, err := store.Open(ctx, c.Cfg.Storage.Location(), store.WithClock(opts.Clock.Now))
	if err != nil {
		return nil, err
	}
	d.store = st
	d.reg.MustRegister(newFailedItems(st, opts.Log))
	d.fetchMet = fetch.NewMetrics(d.reg)
	d.notifMet = notify.NewMetrics(d.reg)
	d.inboxMet = newInboxMetrics(d.reg)
	if isPostgres(st) {
		d.clockMet = newClockMetrics(d.reg)
	}
	met := newMetrics(d.reg)
	f := d.newFetcher(c)
	d.pipeline = newPipeline(c, f, st, opts.Clock, met, d.kick, opts.Log)
	d.pipeline.after = opts.AfterCrawl
	if d.pusher, err = newPusher(ctx, st, opts.Clock, opts.Log, d.pipeline, newPushMetrics(d.reg)); err != nil {
		st.Close()
		return nil, err
	}
	d.pusher.client.UserAgent = c.Cfg.HTTP.UserAgent
	d.pipeline.discovered, d.pipeline.pollNext = d.pusher.discovered, d.pusher.pollNext
	d.pipeline.fleet = newFleetCrawl(c.Cfg.Storage.Lease.D())
	d.sched = watcher.NewScheduler(d.pipeline, opts.Clock, c.Cfg.HTTP.Workers, opts.Log)
	states, err := st.Sources(ctx)
	if err != nil {
		st.Close()
		return nil, err
	}
	met.seedSources(states)
	if err := d.sched.SetSources(c.Cfg.Sources, nextRuns(states)); err != nil {
		st.Close()
		return nil, err
	}
	return d, nil
}

// clocked returns c with a router and scoring that tell time by the
// daemon's clock, so that alert periods, waves and freshness follow the
// same clock as crawls and the outbox.
func (d *Daemon) clocked(c *Compiled) *Compiled {
	cc := *c
	cc.Router = c.Router.WithClock(d.opts.Clock.Now)
	if sc, err := newScorer(c.Cfg, d.opts.Clock.Now, d.log); err == nil {
		cc.Scorer = sc
	}
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
	n.SetInboxURL(c.Cfg.Server.BaseURL)
	return notify.NewWorker(d.store, n, notify.WorkerOptions{
		Clock: d.opts.Clock, Logger: d.log, Backoff: c.Cfg.Alerts.Retry, Location: c.Loc,
		Metrics: d.notifMet, Router: c.Router,
		Burst: c.Cfg.Alerts.Burst, BaseURL: c.Cfg.Server.BaseURL, Claim: c.Cfg.Storage.Lease.D(),
	}), nil
}
