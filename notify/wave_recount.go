package notify

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// waveBelow is why a wave alert is not sent: re-counted when it was about
// to go out, without the mentions marked false positives or whose source
// was muted since the wave started, the wave no longer reaches its
// threshold.
type waveBelow struct {
	waveID     int64
	count, was int
	threshold  float64
}

func (e *waveBelow) Error() string {
	return fmt.Sprintf("the negative wave no longer reaches its threshold: %d of its %d negative mentions are left "+
		"once false positives and muted sources are left out (threshold %g)", e.count, e.was, e.threshold)
}

// recountWave re-counts the wave of a wave alert about to go out, from
// the mentions it counted (wv.MentionIDs): those marked false positives
// since, or whose source is muted now, are left out of its count, its
// mention ids and its threads. A wave still at or above its threshold is
// sent with the new count; one below it is a *waveBelow error. Mentions
// deleted since, and those beyond the ids the alert keeps, still count.
func (w *Worker) recountWave(ctx context.Context, waveID int64, wv *alert.Wave) error {
	if len(wv.MentionIDs) == 0 {
		return nil
	}
	ms, err := w.st.MentionsByID(ctx, wv.MentionIDs)
	if err != nil {
		return err
	}
	muted, err := w.st.MutedSources(ctx)
	if err != nil {
		return err
	}
	keep := make([]int64, 0, len(wv.MentionIDs))
	left := map[string]int{} // thread URL → mentions left out
	for _, id := range wv.MentionIDs {
		if m, ok := ms[id]; ok && withdrawn(m, muted) {
			left[cmp.Or(m.ThreadURL, m.URL)]++
			continue
		}
		keep = append(keep, id)
	}
	out := len(wv.MentionIDs) - len(keep)
	if out == 0 {
		return nil
	}
	count := max(wv.Count-out, 0)
	if float64(count) < wv.Threshold {
		return &waveBelow{waveID: waveID, count: count, was: wv.Count, threshold: wv.Threshold}
	}
	w.log.Info("negative wave re-counted before it went out: false positives or muted sources left out",
		"brand", wv.Brand, "count", count, "was", wv.Count, "threshold", wv.Threshold)
	wv.Count, wv.MentionIDs = count, keep
	threads := wv.Threads[:0:0]
	for _, t := range wv.Threads {
		t.Count -= left[t.URL]
		if t.Count > 0 {
			threads = append(threads, t)
		}
	}
	slices.SortStableFunc(threads, func(a, b alert.WaveThread) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return cmp.Compare(b.Negativity, a.Negativity)
	})
	wv.Threads = threads
	return nil
}

// withdrawWave cancels a wave alert whose wave fell below its threshold,
// with the reason, and closes the wave: a wave that then reaches its
// threshold with mentions that are real is alerted as a new one.
func (w *Worker) withdrawWave(ctx context.Context, sd store.Send, below *waveBelow) {
	w.withdraw(ctx, sd, below)
	if err := w.st.CloseWave(ctx, below.waveID, w.opts.Clock.Now()); err != nil {
		w.log.Error("cannot close a withdrawn wave", "wave", below.waveID, "error", err)
	}
}
