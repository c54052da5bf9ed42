package app

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/notify"
)

// futureSkew is how far in the future a publication date may lie and
// still count as published now (clocks differ a little); a date further
// ahead is wrong (a time zone off) and is left out of the freshness.
const futureSkew = 5 * time.Minute

func newFreshnessFound() *prometheus.HistogramVec {
	return prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "mentionwatch_freshness_found_seconds",
		Help: "Time from a document's publication to the crawl that stored it, by source type " +
			"(dated documents only; not those of a source's first crawl).",
		Buckets: notify.FreshnessBuckets,
	}, []string{"type"})
}

// found records how long after their publication the new documents of a
// crawl at now were found. The first crawl of a source (baseline) is left
// out: its documents say when the source was added, not how fresh the
// crawl is.
func (m *metrics) found(srcType string, docs []model.Document, baseline bool, now time.Time) {
	if m == nil || m.freshness == nil || baseline {
		return
	}
	h := m.freshness.WithLabelValues(srcType)
	for _, d := range docs {
		if d.PublishedAt.IsZero() || d.PublishedAt.After(now.Add(futureSkew)) {
			continue
		}
		h.Observe(max(now.Sub(d.PublishedAt), 0).Seconds())
	}
}
