package app

import (
	"sync"

	"github.com/prometheus/client_golang/prometheus"
)

// sourceMetrics exports the per-source series (documents fetched, posts
// dropped, crawls by result, consecutive failures, next run, last success)
// from one small record a source, built into metrics only when /metrics is
// scraped. A CounterVec or GaugeVec keeps a metric with its label pairs
// and a created timestamp for every series: about 2 KB a source over the
// six of them, 20 MB for 10,000 sources; the records take about 150 bytes.
type sourceMetrics struct {
	mu      sync.Mutex
	sources map[string]*sourceRecord

	documents, dropped, crawls, failures, nextRun, lastOK *prometheus.Desc
}

type sourceRecord struct {
	typ       string // the source's type, the documents counter's label
	documents float64
	dropped   float64
	crawls    []resultCount // by result, in the order first seen
	failures  float64
	nextRun   float64 // Unix seconds, 0 when unknown
	lastOK    float64
	fetched   bool // documents has a series
	failSet   bool // failures has a series
}

// resultCount is the crawls counter of one result (ok, not_modified, error).
type resultCount struct {
	result string
	n      float64
}

// crawled counts a crawl with result.
func (r *sourceRecord) crawled(result string) {
	for i := range r.crawls {
		if r.crawls[i].result == result {
			r.crawls[i].n++
			return
		}
	}
	r.crawls = append(r.crawls, resultCount{result, 1})
}

func newSourceMetrics() *sourceMetrics {
	return &sourceMetrics{
		sources: map[string]*sourceRecord{},
		documents: prometheus.NewDesc("mentionwatch_documents_fetched_total",
			"Documents extracted from fetched sources (new or not).", []string{"source", "type"}, nil),
		dropped: prometheus.NewDesc("mentionwatch_posts_dropped_total",
			"Oldest posts left unread because a page held more than one page yields.", []string{"source"}, nil),
		crawls: prometheus.NewDesc("mentionwatch_crawls_total",
			"Crawls by source and result (ok, not_modified, error).", []string{"source", "result"}, nil),
		failures: prometheus.NewDesc("mentionwatch_source_consecutive_failures",
			"Consecutive failed crawls of a source.", []string{"source"}, nil),
		nextRun: prometheus.NewDesc("mentionwatch_source_next_run_timestamp_seconds",
			"When a source is crawled next (Unix time).", []string{"source"}, nil),
		lastOK: prometheus.NewDesc("mentionwatch_source_last_success_timestamp_seconds",
			"When a source was last crawled successfully (Unix time).", []string{"source"}, nil),
	}
}

// update changes the record of source name under the lock.
func (m *sourceMetrics) update(name string, fn func(r *sourceRecord)) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r := m.sources[name]
	if r == nil {
		r = &sourceRecord{}
		m.sources[name] = r
	}
	fn(r)
}

// Describe implements prometheus.Collector.
func (m *sourceMetrics) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{m.documents, m.dropped, m.crawls, m.failures, m.nextRun, m.lastOK} {
		ch <- d
	}
}

// Collect implements prometheus.Collector: the series each source has had
// a value for, as a CounterVec or GaugeVec would export them.
func (m *sourceMetrics) Collect(ch chan<- prometheus.Metric) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for name, r := range m.sources {
		if r.fetched {
			ch <- prometheus.MustNewConstMetric(m.documents, prometheus.CounterValue, r.documents, name, r.typ)
		}
		if r.dropped > 0 {
			ch <- prometheus.MustNewConstMetric(m.dropped, prometheus.CounterValue, r.dropped, name)
		}
		for _, c := range r.crawls {
			ch <- prometheus.MustNewConstMetric(m.crawls, prometheus.CounterValue, c.n, name, c.result)
		}
		if r.failSet {
			ch <- prometheus.MustNewConstMetric(m.failures, prometheus.GaugeValue, r.failures, name)
		}
		if r.nextRun != 0 {
			ch <- prometheus.MustNewConstMetric(m.nextRun, prometheus.GaugeValue, r.nextRun, name)
		}
		if r.lastOK != 0 {
			ch <- prometheus.MustNewConstMetric(m.lastOK, prometheus.GaugeValue, r.lastOK, name)
		}
	}
}
