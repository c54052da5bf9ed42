package app

import (
	"context"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/watcher"
)

// adapt updates an adaptive source's rate of new entries after a
// successful crawl that fetched docs (none: unchanged, a 304) and sets its
// next run from it. The first crawl — or the first since the source became
// adaptive — seeds the rate from the entries' publication dates; later
// ones count the entries not seen before.
func (p *pipeline) adapt(ctx context.Context, src config.Source, st store.SourceState, docs []model.Document, now time.Time) store.SourceState {
	if !st.Crawled || st.Rate.Since.IsZero() {
		pub := make([]time.Time, len(docs))
		for i, d := range docs {
			pub[i] = d.PublishedAt
		}
		st.Rate = watcher.SeedRate(pub, now)
	} else {
		fresh, err := p.store.Unseen(ctx, docs)
		if err != nil {
			p.log.Warn("counting new entries for the adaptive schedule", "source", src.Name, "err", err)
		}
		st.Rate = watcher.Observe(st.Rate, len(fresh), now)
	}
	st.NextRunAt = watcher.NextAdaptive(src.Name, st.Rate, src.AdaptiveLimits(), now)
	return st
}

// adaptRetry sets the next run of an adaptive source after a failed crawl:
// its backoff, as long as min doubled per failure (capped at max) at least.
func adaptRetry(src config.Source, st store.SourceState, now time.Time) time.Time {
	return now.Add(watcher.RetryDelay(st.Failures, st.NextRunAt.Sub(now), src.AdaptiveLimits()))
}
