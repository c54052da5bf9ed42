package app

import (
	"context"
	"reflect"

	"github.com/mentionwatch/mentionwatch/watcher/fetch"
)

// Reload re-reads the config file. A config with problems is logged and
// ignored: the running one stays. The outbox worker and schedules are
// replaced only while Run runs them; otherwise Run starts the new
// config's.
func (d *Daemon) Reload(ctx context.Context) bool {
	old := d.pipeline.Compiled()
	c, err := Load(d.opts.ConfigPath, d.log)
	if err != nil {
		d.log.Error("reload: config has problems; keeping the running config", "problems", err.Error())
		return false
	}
	for _, w := range c.Warnings {
		d.log.Warn("reload: config", "warning", w.String())
	}
	c = d.clocked(c)
	if c.Cfg.Storage.Location() != old.Cfg.Storage.Location() {
		d.log.Warn("reload: storage.path and storage.url change at the next restart", "running", d.store.Path())
		c.Cfg.Storage.Path, c.Cfg.Storage.URL = old.Cfg.Storage.Path, old.Cfg.Storage.URL
	}
	var f *fetch.Fetcher
	if !reflect.DeepEqual(c.Cfg.HTTP, old.Cfg.HTTP) {
		f = d.newFetcher(c)
	}
	d.pipeline.swap(c, f)
	states, err := d.store.Sources(ctx)
	if err != nil {
		d.log.Error("reload: reading source state", "err", err)
	}
	if err := d.sched.SetSources(c.Cfg.Sources, nextRuns(states)); err != nil {
		d.log.Error("reload: schedule", "err", err)
	}
	if err := d.startServices(ctx, c, true); err != nil {
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
	if c.Cfg.Digest.Email != nil && !reflect.DeepEqual(c.Cfg.Digest.Email, old.Cfg.Digest.Email) {
		// Digests the mail server refused for good may have been refused
		// for the old config's sake (a wrong password, sender or
		// recipient): the digest schedule sends them again within a
		// minute.
		if n, err := d.store.RequeueAllFailedDigestRuns(ctx, d.opts.Clock.Now()); err != nil {
			d.log.Error("reload: requeueing failed digests", "err", err)
		} else if n > 0 {
			d.log.Info("reload: failed digests queued again", "count", n)
		}
	}
	d.log.Info("config reloaded", "sources", len(c.Cfg.Sources), "brands", len(c.Cfg.Brands))
	return true
}
