package fetch

import (
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the fetcher's Prometheus metrics. Create them with
// NewMetrics and pass them in Options; a nil *Metrics records nothing.
type Metrics struct {
	duration *prometheus.HistogramVec
	bytes    prometheus.Counter
	errors   *prometheus.CounterVec
	inFlight prometheus.Gauge
}

// NewMetrics creates the fetcher's metrics and registers them with r
// (which may be nil, to create them unregistered):
//
//	mentionwatch_fetch_duration_seconds{class}  histogram, class = 2xx, 304, 4xx, 5xx, error
//	mentionwatch_fetch_bytes_total               counter of body bytes read (after gzip)
//	mentionwatch_fetch_errors_total{kind}        counter, kind = timeout, network, status, too_large, robots, redirect, …
//	mentionwatch_fetch_in_flight                 gauge of requests holding a worker slot
func NewMetrics(r prometheus.Registerer) *Metrics {
	m := &Metrics{
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "mentionwatch_fetch_duration_seconds",
			Help:    "Time to fetch a URL, from sending the request to the end of the body, by status class.",
			Buckets: []float64{0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 60},
		}, []string{"class"}),
		bytes: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "mentionwatch_fetch_bytes_total",
			Help: "Body bytes fetched, after decompression.",
		}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mentionwatch_fetch_errors_total",
			Help: "Failed fetches by kind of failure.",
		}, []string{"kind"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "mentionwatch_fetch_in_flight",
			Help: "Requests currently holding a fetch worker slot.",
		}),
	}
	if r != nil {
		r.MustRegister(m.duration, m.bytes, m.errors, m.inFlight)
	}
	return m
}

func statusClass(code int) string {
	switch {
	case code == 304:
		return "304"
	case code >= 100 && code < 600:
		return strconv.Itoa(code/100) + "xx"
	}
	return "error"
}

// observe records one request sent: its status (0 when no response
// came) and the body bytes read.
func (m *Metrics) observe(code int, seconds float64, n int) {
	if m == nil {
		return
	}
	class := "error"
	if code != 0 {
		class = statusClass(code)
	}
	m.duration.WithLabelValues(class).Observe(seconds)
	m.bytes.Add(float64(n))
}

// failed counts a failed fetch by kind.
func (m *Metrics) failed(err error) {
	if m == nil {
		return
	}
	if fe, ok := AsError(err); ok {
		m.errors.WithLabelValues(string(fe.Kind)).Inc()
	}
}

func (m *Metrics) flight(delta float64) {
	if m != nil {
		m.inFlight.Add(delta)
	}
}
