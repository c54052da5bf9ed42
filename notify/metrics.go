package notify

import (
	"errors"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"

	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// Metrics are the delivery metrics served on /metrics.
type Metrics struct {
	// Sent counts messages delivered, by channel.
	Sent *prometheus.CounterVec
	// Retried counts attempts that did not deliver and will be tried
	// again later, by channel and reason (see retryReason): the ordinary
	// weather of rate limits and outages, not a failure.
	Retried *prometheus.CounterVec
	// Failed counts messages that failed for good (a bad token, an
	// unknown channel, a 404 webhook: given up until requeued), by
	// channel; reason is always "permanent".
	Failed *prometheus.CounterVec
	// Pending is how many alerts wait in the outbox.
	Pending prometheus.Gauge
	// Undeliverable is how many messages in the outbox failed for good.
	Undeliverable prometheus.Gauge
	// Duration is how long sends take, by channel.
	Duration *prometheus.HistogramVec
	// Waves counts negative waves detected.
	Waves prometheus.Counter
	// FreshnessSent is the time from finding a mention to alerting it.
	FreshnessSent *prometheus.HistogramVec
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
		Retried: f.NewCounterVec(prometheus.CounterOpts{
			Namespace: "mentionwatch", Name: "alerts_retried_total",
			Help: "Alert send attempts that did not deliver and are tried again later, by channel and reason (rate_limited, server_error, network, other).",
		}, []string{"channel", "reason"}),
		Failed: f.NewCounterVec(prometheus.CounterOpts{
			Namespace: "mentionwatch", Name: "alerts_failed_total",
			Help: "Alert messages that failed for good and are not retried until requeued, by channel (reason is always permanent).",
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
		FreshnessSent: newFreshnessSent(f),
	}
}

// Reasons of alerts_retried_total.
const (
	retryRateLimited = "rate_limited" // HTTP 429, or a Retry-After without a 5xx
	retryServerError = "server_error" // HTTP 5xx or 408
	retryNetwork     = "network"      // no answer: a timeout, a refused or reset connection
	retryOther       = "other"
)

// retryReason names why a retryable attempt did not deliver.
func retryReason(err error) string {
	e, ok := errors.AsType[*alert.Error](err)
	switch {
	case !ok:
		return retryOther
	case e.Status == http.StatusTooManyRequests:
		return retryRateLimited
	case e.Status >= 500 || e.Status == http.StatusRequestTimeout:
		return retryServerError
	case e.RetryAfter > 0:
		return retryRateLimited
	case e.Status == 0 && e.Uncertain:
		return retryNetwork
	}
	return retryOther
}
