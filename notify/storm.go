package notify

import (
	"context"
	"net/url"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// waveMark is the newest mention whose brand was checked for a wave;
// unset until the worker's first pass.
type waveMark struct {
	id  int64
	set bool
}

// checkWaves runs wave detection at the start of a pass: for every brand
// when Idle has passed since the last full check, else for the brands
// with negative mentions stored since the last pass — so that the wave a
// crawl starts is queued before the alerts it is about, and, being more
// urgent, sent before them.
func (w *Worker) checkWaves(ctx context.Context, now time.Time) {
	if !w.waveMark.set {
		// Mentions stored before the worker started are left to the
		// first full check.
		id, err := w.st.LastMentionID(ctx)
		if err != nil {
			w.waveFailed(ctx, err)
			return
		}
		w.waveMark = waveMark{id: id, set: true}
	}
	brands, mark, err := w.st.NewNegativeBrands(ctx, w.waveMark.id)
	if err != nil {
		w.waveFailed(ctx, err)
		return
	}
	var n int
	switch {
	case now.Sub(w.lastWaves) >= w.opts.Idle-time.Second:
		w.lastWaves = now
		n, err = w.router.CheckWaves(ctx, w.st)
	case len(brands) > 0:
		n, err = w.router.CheckWavesFor(ctx, w.st, brands)
	}
	if err != nil {
		w.waveFailed(ctx, err)
	} else {
		w.waveMark.id = mark
	}
	if n > 0 && w.opts.Metrics != nil {
		w.opts.Metrics.Waves.Add(float64(n))
	}
}

// waveFailed logs a failed wave check: an error, unless the pass was
// stopped (shutdown, or the end of run --once's delivery time), when the
// check is only left for the next pass.
func (w *Worker) waveFailed(ctx context.Context, err error) {
	if ctx.Err() != nil {
		w.log.Debug("wave detection left for the next pass", "reason", ctx.Err())
		return
	}
	w.log.Error("wave detection failed", "error", err)
}

// inboxURL links the inbox filtered to a fold's mentions: its brand, since
// the first of them was found. "" without server.base_url.
func inboxURL(base, brand string, items []alert.Item) string {
	base = strings.TrimRight(strings.TrimSpace(base), "/")
	if base == "" || len(items) == 0 {
		return ""
	}
	first := items[0].Mention.FoundAt
	for _, it := range items[1:] {
		if f := it.Mention.FoundAt; !f.IsZero() && (first.IsZero() || f.Before(first)) {
			first = f
		}
	}
	q := url.Values{}
	q.Set("brand", brand)
	if !first.IsZero() {
		q.Set("since", first.UTC().Truncate(time.Second).Format(time.RFC3339))
	}
	return base + "/?" + q.Encode()
}
