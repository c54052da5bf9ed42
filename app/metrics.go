package app

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// metrics are the pipeline's Prometheus metrics. The per-source series
// are kept by sources (source_metrics.go).
type metrics struct {
	mentions  *prometheus.CounterVec
	sources   *sourceMetrics
	freshness *prometheus.HistogramVec // published → found, by source type
}

// newMetrics registers the pipeline's metrics on r.
func newMetrics(r prometheus.Registerer) *metrics {
	m := &metrics{
		mentions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mentionwatch_mentions_found_total",
			Help: "Mentions stored, by brand, sentiment and severity.",
		}, []string{"brand", "sentiment", "severity"}),
		sources: newSourceMetrics(),
	}
	m.freshness = newFreshnessFound()
	if r != nil {
		r.MustRegister(m.mentions, m.sources, m.freshness)
	}
	return m
}

func (m *metrics) fetched(src config.Source, n, dropped int) {
	if m == nil {
		return
	}
	m.sources.update(src.Name, func(r *sourceRecord) {
		r.typ, r.fetched = src.Type, true
		r.documents += float64(n)
		r.dropped += float64(dropped)
	})
}

func (m *metrics) mention(x *model.Mention) {
	if m == nil {
		return
	}
	m.mentions.WithLabelValues(x.Brand, x.Sentiment, x.Severity).Inc()
}

func (m *metrics) crawl(src config.Source, result string, st store.SourceState) {
	if m == nil {
		return
	}
	m.sources.update(src.Name, func(r *sourceRecord) {
		r.crawled(result)
		r.setState(st)
	})
}

// seedSources sets the per-source gauges from stored state at start-up.
func (m *metrics) seedSources(states map[string]store.SourceState) {
	if m == nil {
		return
	}
	for name, st := range states {
		m.sources.update(name, func(r *sourceRecord) { r.setState(st) })
	}
}

// setState sets the gauges that follow a source's stored state.
func (r *sourceRecord) setState(st store.SourceState) {
	r.failures, r.failSet = float64(st.Failures), true
	if !st.NextRunAt.IsZero() {
		r.nextRun = float64(st.NextRunAt.Unix())
	}
	if !st.LastSuccessAt.IsZero() {
		r.lastOK = float64(st.LastSuccessAt.Unix())
	}
}
