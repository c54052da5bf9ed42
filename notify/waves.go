package notify

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/internal/when"
	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// waveTopThreads is how many threads a wave alert names.
const waveTopThreads = 5

// WaveStats is a brand's negative-mention count against its baseline.
type WaveStats struct {
	// Count is the number of negative mentions in the window ending now.
	Count int
	// Mean and StdDev describe the counts of the earlier windows of the
	// baseline period (empty windows count as 0).
	Mean, StdDev float64
	// Threshold is max(min_count, mean + k·σ): a wave starts when Count
	// reaches it, and ends when Count falls below half of it.
	Threshold float64
}

// waveStats counts events in the windows ending at now. An event's time
// is when it was published (or found).
func waveStats(events []store.NegativeEvent, now time.Time, cfg config.Wave) WaveStats {
	win := cfg.Window.D()
	var counts []int
	for _, e := range events {
		k := int(max(now.Sub(e.At), 0) / win)
		if k >= len(counts) {
			counts = append(counts, make([]int, k+1-len(counts))...)
		}
		counts[k]++
	}
	return waveStatsOf(counts, cfg)
}

// waveStatsOf gives the stats of the counts of the windows ending at now:
// counts[0] is the window ending now, counts[k] the k-th before it (as
// store.NegativeCounts returns them); windows past the baseline are
// ignored.
func waveStatsOf(counts []int, cfg config.Wave) WaveStats {
	win, base := cfg.Window.D(), cfg.Baseline.D()
	nb := int((base - win) / win)
	at := func(k int) int {
		if k < len(counts) {
			return counts[k]
		}
		return 0
	}
	st := WaveStats{Count: at(0)}
	if nb > 0 {
		sum := 0.0
		for k := 1; k <= nb; k++ {
			sum += float64(at(k))
		}
		st.Mean = sum / float64(nb)
		v := 0.0
		for k := 1; k <= nb; k++ {
			d := float64(at(k)) - st.Mean
			v += d * d
		}
		st.StdDev = math.Sqrt(v / float64(nb))
	}
	st.Threshold = math.Max(float64(cfg.MinCount), st.Mean+cfg.K*st.StdDev)
	return st
}

// topThreads groups the window's events by thread (or by post when they
// have no thread), most posts first, then most negative.
func topThreads(events []store.NegativeEvent, since time.Time) []alert.WaveThread {
	by := map[string]*alert.WaveThread{}
	var order []string
	for _, e := range events {
		if e.At.Before(since) {
			continue
		}
		key := e.ThreadURL
		if key == "" {
			key = e.URL
		}
		if key == "" {
			key = "mention:" + strconv.FormatInt(e.MentionID, 10)
		}
		t := by[key]
		if t == nil {
			t = &alert.WaveThread{URL: cmp.Or(e.ThreadURL, e.URL), Title: e.Title, Source: e.Source}
			by[key] = t
			order = append(order, key)
		}
		t.Count++
		t.Negativity = math.Max(t.Negativity, e.Negativity)
		if t.Title == "" {
			t.Title = e.Title
		}
	}
	out := make([]alert.WaveThread, 0, len(order))
	for _, k := range order {
		out = append(out, *by[k])
	}
	slices.SortStableFunc(out, func(a, b alert.WaveThread) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return cmp.Compare(b.Negativity, a.Negativity)
	})
	if len(out) > waveTopThreads {
		out = out[:waveTopThreads]
	}
	return out
}

// waveMentionIDs returns the ids of the mentions a wave counts: those
// whose time falls in the window after since (as NegativeCounts counts
// them), oldest first, at most alert.WaveMaxIDs.
func waveMentionIDs(events []store.NegativeEvent, since time.Time) []int64 {
	var ids []int64
	for _, e := range events {
		if !e.At.After(since) {
			continue
		}
		if len(ids) == alert.WaveMaxIDs {
			break
		}
		ids = append(ids, e.MentionID)
	}
	return ids
}

// CheckWaves looks for negative waves: for every brand with negative
// mentions in the window, it compares the window's count with the
// brand's baseline. A new wave is stored and its alert enqueued — routed
// like a critical negative mention tagged "wave", sent as it happens — in
// one transaction; an open wave is not alerted again until it subsides.
// It returns how many waves started.
func (r *Router) CheckWaves(ctx context.Context, st *store.Store) (int, error) {
	if !r.wave.IsEnabled() || r.wave.Window <= 0 || r.wave.Baseline <= r.wave.Window {
		return 0, nil
	}
	brands, err := st.NegativeBrands(ctx, r.now().Add(-r.wave.Window.D()))
	if err != nil {
		return 0, fmt.Errorf("notify: waves: %w", err)
	}
	return r.CheckWavesFor(ctx, st, brands)
}

// CheckWavesFor is CheckWaves for these brands only: those a crawl just
// brought new negative mentions of.
func (r *Router) CheckWavesFor(ctx context.Context, st *store.Store, brands []string) (int, error) {
	if !r.wave.IsEnabled() || r.wave.Window <= 0 || r.wave.Baseline <= r.wave.Window {
		return 0, nil
	}
	now := r.now()
	win := r.wave.Window.D()
	started := 0
	for _, brand := range brands {
		counts, err := st.NegativeCounts(ctx, brand, now, win, now.Add(-r.wave.Baseline.D()))
		if err != nil {
			return started, fmt.Errorf("notify: waves: %w", err)
		}
		stats := waveStatsOf(counts, r.wave)
		open, isOpen, err := st.OpenWave(ctx, brand)
		if err != nil {
			return started, fmt.Errorf("notify: waves: %w", err)
		}
		if isOpen {
			if float64(stats.Count) < stats.Threshold/2 {
				if err := st.CloseWave(ctx, open.ID, now); err != nil {
					return started, fmt.Errorf("notify: waves: %w", err)
				}
				r.log.Info("negative wave subsided", "brand", brand, "count", stats.Count, "peak", open.Count)
			} else if stats.Count > open.Count {
				if err := st.UpdateWavePeak(ctx, open.ID, stats.Count); err != nil {
					return started, fmt.Errorf("notify: waves: %w", err)
				}
			}
			continue
		}
		if float64(stats.Count) < stats.Threshold {
			continue
		}
		// A brand watched for less than a day has no baseline of its
		// own yet: a first crawl that finds a few negative posts is not
		// a wave.
		first, err := st.FirstFound(ctx, brand)
		if err != nil {
			return started, fmt.Errorf("notify: waves: %w", err)
		}
		if now.Sub(first) < WaveWarmUp*win {
			continue
		}
		// Only a wave that starts needs the window's mentions themselves.
		events, err := st.NegativeEvents(ctx, brand, now.Add(-win))
		if err != nil {
			return started, fmt.Errorf("notify: waves: %w", err)
		}
		w := alert.Wave{Brand: brand, Count: stats.Count, WindowStart: now.Add(-win).UTC(), WindowEnd: now.UTC(),
			Mean: round2(stats.Mean), StdDev: round2(stats.StdDev), Threshold: round2(stats.Threshold),
			Threads: topThreads(events, now.Add(-win)), MentionIDs: waveMentionIDs(events, now.Add(-win))}
		ok, err := r.startWave(ctx, st, w, events, now)
		if err != nil {
			return started, err
		}
		if ok {
			started++
		}
	}
	return started, nil
}

// WaveWarmUp is how many windows a brand must have been watched (since
// its first stored mention) before a wave can start.
const WaveWarmUp = 24

func (r *Router) startWave(ctx context.Context, st *store.Store, w alert.Wave, events []store.NegativeEvent, now time.Time) (bool, error) {
	payload, err := json.Marshal(w)
	if err != nil {
		return false, fmt.Errorf("notify: waves: %w", err)
	}
	maxNeg := 0.0
	for _, e := range events {
		if !e.At.Before(w.WindowStart) {
			maxNeg = math.Max(maxNeg, e.Negativity)
		}
	}
	env := when.Env{Brand: w.Brand, Title: "Negative wave: " + w.Brand, Text: alert.WaveSummary(&w),
		Source:    when.Source{Name: "mentionwatch", Type: "wave", Weight: 1},
		Tags:      []string{"wave"},
		Sentiment: model.Negative, Negativity: maxNeg, Importance: 1, Severity: model.SeverityCritical,
		Replies: -1, AgeHours: 0}
	routes := r.match(&env)
	started := false
	err = st.Tx(ctx, func(tx *store.Tx) error {
		started = false
		id, ok, err := store.InsertWave(ctx, tx, store.Wave{Brand: w.Brand, StartedAt: now, Count: w.Count,
			Threshold: w.Threshold, Payload: string(payload)})
		if err != nil || !ok {
			return err
		}
		started = true
		seen := map[Target]bool{}
		for _, rt := range routes {
			for _, t := range rt.targets {
				if seen[t] {
					continue
				}
				seen[t] = true
				_, err := store.InsertDelivery(ctx, tx, store.NewDelivery{
					Key:    "w:" + strconv.FormatInt(id, 10) + ":" + t.Channel + ":" + t.Target,
					WaveID: id, Kind: store.DeliveryWave, Route: rt.name, Channel: t.Channel, Target: t.Target,
					Brand: w.Brand, Frequency: config.FrequencyAsItHappens, Severity: model.SeverityCritical,
					Why: fmt.Sprintf("route %q (%s)", rt.name, rt.when.String()), DueAt: now,
				}, now)
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("notify: waves: %w", err)
	}
	if started {
		r.log.Warn("negative wave", "brand", w.Brand, "count", w.Count, "mean", w.Mean, "stddev", w.StdDev,
			"threshold", w.Threshold, "routes", len(routes))
	}
	return started, nil
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }
