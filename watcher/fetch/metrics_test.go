package fetch

import (
	"io"
	"net/http"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

func TestMetrics(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, "0123456789")
	})
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg)
	f := newFetcher(t, func(o *Options) { o.Metrics = m })
	mustFetch(t, f, Request{URL: s.URL + "/feed"})
	mustFetch(t, f, Request{URL: s.URL + "/feed"})
	mustFail(t, f, s.URL+"/missing", KindStatus)
	mustFail(t, f, "nope", KindInvalid)

	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*dto.MetricFamily{}
	for _, mf := range families {
		byName[mf.GetName()] = mf
	}
	label := func(m *dto.Metric, name string) string {
		for _, l := range m.GetLabel() {
			if l.GetName() == name {
				return l.GetValue()
			}
		}
		return ""
	}
	counts := map[string]uint64{}
	for _, mm := range byName["mentionwatch_fetch_duration_seconds"].GetMetric() {
		counts[label(mm, "class")] = mm.GetHistogram().GetSampleCount()
	}
	if counts["2xx"] != 2 || counts["4xx"] != 1 {
		t.Errorf("duration samples by class = %v, want 2xx:2 4xx:1", counts)
	}
	if got := byName["mentionwatch_fetch_bytes_total"].GetMetric()[0].GetCounter().GetValue(); got != 20 {
		t.Errorf("bytes = %v, want 20", got)
	}
	errs := map[string]float64{}
	for _, mm := range byName["mentionwatch_fetch_errors_total"].GetMetric() {
		errs[label(mm, "kind")] = mm.GetCounter().GetValue()
	}
	if errs["status"] != 1 || errs["invalid"] != 1 {
		t.Errorf("errors by kind = %v", errs)
	}
	if got := byName["mentionwatch_fetch_in_flight"].GetMetric()[0].GetGauge().GetValue(); got != 0 {
		t.Errorf("in flight after all fetches = %v", got)
	}
}
