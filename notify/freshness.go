package notify

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// FreshnessBuckets are the buckets of the freshness histograms, in
// seconds: from seconds (a push, an as-it-happens alert) to a week (a
// source polled daily, a daily group).
var FreshnessBuckets = []float64{1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 2 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400}

func newFreshnessSent(f interface {
	NewHistogramVec(prometheus.HistogramOpts, []string) *prometheus.HistogramVec
}) *prometheus.HistogramVec {
	return f.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: "mentionwatch", Name: "freshness_sent_seconds",
		Help:    "Time from finding a mention to delivering its first alert, per channel and severity (an hourly or daily group waits for its period).",
		Buckets: FreshnessBuckets,
	}, []string{"channel", "severity"})
}

// observeSent records, for every mention a delivered message alerts
// (single, grouped or folded; not reminders nor waves), the time from
// when it was found to at, the delivery.
func (m *Metrics) observeSent(sd store.Send, msg *alert.Message, at time.Time) {
	if m == nil || m.FreshnessSent == nil {
		return
	}
	switch sd.Kind {
	case store.SendMention, store.SendGroup, store.SendFold:
	default:
		return
	}
	for _, it := range msg.Items {
		if it.Mention.FoundAt.IsZero() {
			continue
		}
		m.FreshnessSent.WithLabelValues(sd.Channel, it.Mention.Severity).Observe(max(at.Sub(it.Mention.FoundAt), 0).Seconds())
	}
}
