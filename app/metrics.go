package app

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// metrics are the pipeline's Prometheus metrics.
type metrics struct {
	documents *prometheus.CounterVec
	dropped   *prometheus.CounterVec
	mentions  *prometheus.CounterVec
	crawls    *prometheus.CounterVec
	failures  *prometheus.GaugeVec
	nextRun   *prometheus.GaugeVec
	lastOK    *prometheus.GaugeVec
	freshness *prometheus.HistogramVec // published → found, by source type
}

// newMetrics registers the pipeline's metrics on r.
func newMetrics(r prometheus.Registerer) *metrics {
	m := &metrics{
		documents: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mentionwatch_documents_fetched_total",
			Help: "Documents extracted from fetched sources (new or not).",
		}, []string{"source", "type"}),
		dropped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mentionwatch_posts_dropped_total",
			Help: "Oldest posts left unread because a page held more than one page yields.",
		}, []string{"source"}),
		mentions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mentionwatch_mentions_found_total",
			Help: "Mentions stored, by brand, sentiment and severity.",
		}, []string{"brand", "sentiment", "severity"}),
		crawls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mentionwatch_crawls_total",
			Help: "Crawls by source and result (ok, not_modified, error).",
		}, []string{"source", "result"}),
		failures: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "mentionwatch_source_consecutive_failures",
			Help: "Consecutive failed crawls of a source.",
		}, []string{"source"}),
		nextRun: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "mentionwatch_source_next_run_timestamp_seconds",
			Help: "When a source is crawled next (Unix time).",
		}, []string{"source"}),
		lastOK: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "mentionwatch_source_last_success_timestamp_seconds",
			Help: "When a source was last crawled successfully (Unix time).",
		}, []string{"source"}),
	}
	m.freshness = newFreshnessFound()
	if r != nil {
		r.MustRegister(m.documents, m.dropped, m.mentions, m.crawls, m.failures, m.nextRun, m.lastOK, m.freshness)
	}
	return m
}

func (m *metrics) fetched(src config.Source, n, dropped int) {
	if m == nil {
		return
	}
	m.documents.WithLabelValues(src.Name, src.Type).Add(float64(n))
	if dropped > 0 {
		m.dropped.WithLabelValues(src.Name).Add(float64(dropped))
	}
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
	m.crawls.WithLabelValues(src.Name, result).Inc()
	m.failures.WithLabelValues(src.Name).Set(float64(st.Failures))
	if !st.NextRunAt.IsZero() {
		m.nextRun.WithLabelValues(src.Name).Set(float64(st.NextRunAt.Unix()))
	}
	if !st.LastSuccessAt.IsZero() {
		m.lastOK.WithLabelValues(src.Name).Set(float64(st.LastSuccessAt.Unix()))
	}
}

// seedSources sets the per-source gauges from stored state at start-up.
func (m *metrics) seedSources(states map[string]store.SourceState) {
	if m == nil {
		return
	}
	for name, st := range states {
		m.failures.WithLabelValues(name).Set(float64(st.Failures))
		if !st.NextRunAt.IsZero() {
			m.nextRun.WithLabelValues(name).Set(float64(st.NextRunAt.Unix()))
		}
		if !st.LastSuccessAt.IsZero() {
			m.lastOK.WithLabelValues(name).Set(float64(st.LastSuccessAt.Unix()))
		}
	}
}
