package app

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// TestSourceMetrics: the per-source series come out of /metrics as the
// counter and gauge vectors exported them: documents with the source's
// type, crawls by result, dropped posts only once some were dropped,
// gauges from the stored state, seeded sources before their first crawl.
func TestSourceMetrics(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := newMetrics(reg)
	news := config.Source{Name: "News", Type: "feed"}
	forum := config.Source{Name: "Forum", Type: "forum"}
	next := time.Unix(1_800_000_000, 0)
	m.seedSources(map[string]store.SourceState{"Old": {Name: "Old", Failures: 2, NextRunAt: next}})
	m.fetched(news, 3, 0)
	m.crawl(news, "ok", store.SourceState{NextRunAt: next, LastSuccessAt: next.Add(-time.Hour)})
	m.fetched(news, 2, 0)
	m.crawl(news, "ok", store.SourceState{NextRunAt: next, LastSuccessAt: next.Add(-time.Hour)})
	m.crawl(news, "not_modified", store.SourceState{NextRunAt: next})
	m.fetched(forum, 40, 7)
	m.crawl(forum, "error", store.SourceState{Failures: 1})
	want := `mentionwatch_crawls_total{result="error",source="Forum"} 1
mentionwatch_crawls_total{result="not_modified",source="News"} 1
mentionwatch_crawls_total{result="ok",source="News"} 2
mentionwatch_documents_fetched_total{source="Forum",type="forum"} 40
mentionwatch_documents_fetched_total{source="News",type="feed"} 5
mentionwatch_posts_dropped_total{source="Forum"} 7
mentionwatch_source_consecutive_failures{source="Forum"} 1
mentionwatch_source_consecutive_failures{source="News"} 0
mentionwatch_source_consecutive_failures{source="Old"} 2
mentionwatch_source_last_success_timestamp_seconds{source="News"} 1.7999964e+09
mentionwatch_source_next_run_timestamp_seconds{source="News"} 1.8e+09
mentionwatch_source_next_run_timestamp_seconds{source="Old"} 1.8e+09
`
	if got := gatherText(t, reg, "mentionwatch_mentions_found_total"); got != want {
		t.Errorf("metrics:\n%s\nwant:\n%s", got, want)
	}
}

// gatherText returns the series of reg but those of skip, one a line as
// name{labels} value, sorted as the registry sorts them.
func gatherText(t *testing.T, reg *prometheus.Registry, skip string) string {
	t.Helper()
	fams, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range fams {
		if f.GetName() == skip {
			continue
		}
		for _, m := range f.GetMetric() {
			var labels []string
			for _, l := range m.GetLabel() {
				labels = append(labels, fmt.Sprintf("%s=%q", l.GetName(), l.GetValue()))
			}
			v := m.GetGauge().GetValue()
			if m.Counter != nil {
				v = m.GetCounter().GetValue()
			}
			fmt.Fprintf(&b, "%s{%s} %v\n", f.GetName(), strings.Join(labels, ","), v)
		}
	}
	return b.String()
}

// TestSourceMetricsBytesPerSource guards the memory the per-source series
// take between scrapes: 10,000 sources, each crawled twice (ok and
// not_modified) with every gauge set, in at most 400 bytes a source (the
// counter and gauge vectors took about 2 KB).
func TestSourceMetricsBytesPerSource(t *testing.T) {
	const n = 10_000
	srcs := make([]config.Source, n)
	for i := range srcs {
		srcs[i] = config.Source{Name: fmt.Sprintf("feed-%05d", i), Type: "feed"}
	}
	st := store.SourceState{Failures: 0, NextRunAt: time.Unix(1_800_000_000, 0), LastSuccessAt: time.Unix(1_700_000_000, 0)}
	heap := func() uint64 {
		var ms runtime.MemStats
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	before := heap()
	m := newMetrics(prometheus.NewRegistry())
	for _, src := range srcs {
		m.fetched(src, 50, 0)
		m.crawl(src, "ok", st)
		m.crawl(src, "not_modified", st)
	}
	after := heap()
	runtime.KeepAlive(m)
	runtime.KeepAlive(srcs)
	per := float64(after-before) / n
	t.Logf("per-source metrics: %.0f bytes a source", per)
	if per > 400 {
		t.Errorf("per-source metrics take %.0f bytes a source, want at most 400", per)
	}
}
