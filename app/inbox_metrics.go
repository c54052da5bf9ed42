package app

import (
	"context"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// inboxMetrics are the inbox's Prometheus metrics.
type inboxMetrics struct {
	response *prometheus.HistogramVec
}

func newInboxMetrics(r prometheus.Registerer) *inboxMetrics {
	m := &inboxMetrics{
		response: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "mentionwatch_response_seconds",
			Help: "Time from a mention being found to its being marked handled, observed when it is handled.",
			// 1m, 5m, 15m, 30m, 1h, 2h, 4h, 8h, 1d, 2d, 1w
			Buckets: []float64{60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400, 172800, 604800},
		}, []string{"brand", "severity"}),
	}
	r.MustRegister(m.response)
	return m
}

// observeHandled records the response time of a mention an action just
// marked handled (from new; a reopened mention handled again counts
// again). Every way of handling a mention — the inbox, its API, Slack's
// buttons — calls it after store.Act.
func (d *Daemon) observeHandled(a store.Acted) {
	m := a.Mention
	if d.inboxMet == nil || !a.Changed || m.Status != model.StatusHandled || a.Before.Status == model.StatusHandled || m.HandledAt.IsZero() {
		return
	}
	d.inboxMet.response.WithLabelValues(m.Brand, m.Severity).Observe(max(m.HandledAt.Sub(m.FoundAt).Seconds(), 0))
}

type identCtxKey struct{}

func withIdent(ctx context.Context, id ident) context.Context {
	return context.WithValue(ctx, identCtxKey{}, id)
}

// identOf is who makes the request, as requireUser found.
func identOf(ctx context.Context) ident {
	id, _ := ctx.Value(identCtxKey{}).(ident)
	return id
}
