package app

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/mentionwatch/mentionwatch/internal/store"
)

// Kinds of mentionwatch_outbox_failed_items.
const (
	failedKindDelivery = "delivery" // an alert for one mention (or wave) and one target
	failedKindDigest   = "digest"   // a scheduled digest the mail server refused for good
)

// failedItemsTimeout bounds the store query of one scrape.
const failedItemsTimeout = 5 * time.Second

// failedItems is the gauge mentionwatch_outbox_failed_items{kind}: what
// failed for good and waits for a person (`mentionwatch outbox` lists it,
// `mentionwatch outbox retry` sends it again), read from the store at
// each scrape, so that it counts what every daemon sharing the store and
// every command (a retry) did. When the store cannot be read the last
// figures are served again, with a logged error.
type failedItems struct {
	st   *store.Store
	log  *slog.Logger
	desc *prometheus.Desc

	mu   sync.Mutex
	last store.FailedCounts
}

func newFailedItems(st *store.Store, log *slog.Logger) *failedItems {
	return &failedItems{st: st, log: log, desc: prometheus.NewDesc("mentionwatch_outbox_failed_items",
		"Outbox items that failed for good and are not retried until requeued, by kind: delivery "+
			"(an alert for one mention and one target) or digest (a scheduled digest the mail server refused).",
		[]string{"kind"}, nil)}
}

// Describe implements prometheus.Collector.
func (f *failedItems) Describe(ch chan<- *prometheus.Desc) { ch <- f.desc }

// Collect implements prometheus.Collector.
func (f *failedItems) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), failedItemsTimeout)
	defer cancel()
	c, err := f.st.FailedCounts(ctx)
	f.mu.Lock()
	if err != nil {
		f.log.Error("metrics: counting failed outbox items", "err", err)
		c = f.last
	}
	f.last = c
	f.mu.Unlock()
	ch <- prometheus.MustNewConstMetric(f.desc, prometheus.GaugeValue, float64(c.Deliveries), failedKindDelivery)
	ch <- prometheus.MustNewConstMetric(f.desc, prometheus.GaugeValue, float64(c.Digests), failedKindDigest)
}
