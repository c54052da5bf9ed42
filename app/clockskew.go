package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/notify/digest"
)

// clockCheckEvery is how often, on the daemon's clock, a daemon on
// PostgreSQL compares its clock with the database server's.
const clockCheckEvery = 5 * time.Minute

// clockCheckTimeout bounds one reading of the server's clock, so that a
// stalled connection holds up neither the loop nor run --once.
const clockCheckTimeout = 10 * time.Second

// clockMetrics are the gauges of the last comparison of this daemon's
// clock with the database server's (PostgreSQL only: on SQLite every
// daemon reads its host's one clock), and how long a reading may take.
type clockMetrics struct {
	offset, uncertainty, checked prometheus.Gauge
	timeout                      time.Duration // clockCheckTimeout but in tests
}

func newClockMetrics(r prometheus.Registerer) *clockMetrics {
	m := &clockMetrics{
		timeout: clockCheckTimeout,
		offset: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "mentionwatch_clock_offset_seconds",
			Help: "The database server's clock less this daemon's, at the last check (positive: this daemon's clock is behind).",
		}),
		uncertainty: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "mentionwatch_clock_offset_uncertainty_seconds",
			Help: "How far the true clock offset may lie from mentionwatch_clock_offset_seconds: half the round trip of the reading.",
		}),
		checked: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "mentionwatch_clock_offset_checked_timestamp_seconds",
			Help: "When, on this daemon's clock, the clock offset was last read (Unix seconds; 0 until a reading succeeds): the offset gauges keep their last reading while readings fail.",
		}),
	}
	r.MustRegister(m.offset, m.uncertainty, m.checked)
	return m
}

// clockLimits returns the clock offsets beyond which a daemon warns and
// errs: a quarter and a half of the shortest lease or claim another daemon
// may take over by its own clock — storage.lease (crawl leases, send and
// fold claims) or the digest run's lease, whichever is shorter. A lease
// not above 0 is config.DefaultLease, as the fleet and the worker take it.
func clockLimits(lease time.Duration) (warn, fail time.Duration) {
	if lease <= 0 {
		lease = config.DefaultLease
	}
	shortest := min(lease, digest.DefaultLease)
	return shortest / 4, shortest / 2
}

// checkClock compares the daemon's clock with the database server's once:
// it sets the gauges when the reading succeeds (the checked timestamp
// says when: a failed reading leaves all three as they were), and logs a
// warning when the offset surely exceeds a quarter of the shortest lease
// (an error beyond half of it). Nothing is checked on SQLite.
func (d *Daemon) checkClock(ctx context.Context) {
	if d.clockMet == nil {
		return
	}
	rctx, cancel := context.WithTimeout(ctx, d.clockMet.timeout)
	o, err := d.store.ServerClock(rctx)
	cancel()
	if err != nil {
		if ctx.Err() == nil {
			d.log.Warn("cannot read the database server's clock", "err", err)
		}
		return
	}
	d.clockMet.offset.Set(o.Offset.Seconds())
	d.clockMet.uncertainty.Set(o.Uncertainty().Seconds())
	d.clockMet.checked.Set(float64(o.At.UnixMilli()) / 1e3)
	lease := d.pipeline.Compiled().Cfg.Storage.Lease.D()
	warn, fail := clockLimits(lease)
	beyond := o.Beyond()
	if beyond <= warn {
		return
	}
	level, limit := slog.LevelWarn, warn
	if beyond > fail {
		level, limit = slog.LevelError, fail
	}
	way := "behind"
	if o.Offset < 0 {
		way = "ahead of"
	}
	d.log.Log(ctx, level, "this machine's clock is "+way+" the database server's: another daemon may take over "+
		"a crawl or an alert still in hand, and an alert may be sent twice; check NTP on both",
		"offset", o.Offset.Round(time.Millisecond).String(),
		"uncertainty", o.Uncertainty().Round(time.Millisecond).String(),
		"limit", limit.String(), "lease", lease.String())
}

// clockLoop checks the clock at once and then every clockCheckEvery, on
// the daemon's clock, until ctx ends.
func (d *Daemon) clockLoop(ctx context.Context) {
	if d.clockMet == nil {
		return
	}
	for {
		d.checkClock(ctx)
		wait, stop := d.opts.Clock.After(clockCheckEvery)
		select {
		case <-ctx.Done():
			stop()
			return
		case <-wait:
		}
	}
}

// isPostgres reports whether st is on PostgreSQL, where daemons on other
// machines share it.
func isPostgres(st *store.Store) bool { return st.Dialect() == "postgres" }
