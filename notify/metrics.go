package notify

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// Metrics are the delivery metrics served on /metrics.
type Metrics struct {
	// Sent counts messages delivered, by channel.
	Sent *prometheus.CounterVec
	// Failed counts failed attempts, by channel and reason: "retry" (a
	// 5xx, a 429, a network error: tried again later) or "permanent" (a
	// bad token, an unknown channel, a 404 webhook: given up).
	Failed *prometheus.CounterVec
	// Pending is how many alerts wait in the outbox.
	Pending prometheus.Gauge
	// Undeliverable is how many messages in the outbox failed for good.
	Undeliverable prometheus.Gauge
	// Duration is how long sends take, by channel.
	Duration *prometheus.HistogramVec
	// Waves counts negative waves detected.
	Waves prometheus.Counter
}

// NewMetrics creates the metrics and registers them on reg (which may be
// nil: unregistered metrics, for tests).
func NewMetrics(reg prometheus.Registerer) *Metrics {
	f := promauto.With(reg)
	return &Metrics{
		Sent: f.NewCounterVec(prometheus.CounterOpts{
			Namespace: "mentionwatch", Name: "alerts_sent_total",
			Help: "Alert messages delivered, by channel.",
		}, []string{"channel"}),
		Failed: f.NewCounterVec(prometheus.CounterOpts{
			Namespace: "mentionwatch", Name: "alerts_failed_total",
			Help: "Failed alert deliveries, by channel and reason (retry: tried again later; permanent: given up).",
		}, []string{"channel", "reason"}),
		Pending: f.NewGauge(prometheus.GaugeOpts{
			Namespace: "mentionwatch", Name: "outbox_pending",
			Help: "Alerts waiting in the outbox (due, retrying, grouped until their period ends, or held by quiet hours).",
		}),
		Undeliverable: f.NewGauge(prometheus.GaugeOpts{
			Namespace: "mentionwatch", Name: "outbox_failed",
			Help: "Alert messages in the outbox that failed for good.",
		}),
		Duration: f.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "mentionwatch", Name: "alert_send_duration_seconds",
			Help:    "Time taken by one attempt to send an alert, by channel.",
			Buckets: []float64{.05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"channel"}),
		Waves: f.NewCounter(prometheus.CounterOpts{
			Namespace: "mentionwatch", Name: "negative_waves_total",
			Help: "Negative waves detected.",
		}),
	}
}
