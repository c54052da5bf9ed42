package watcher

import (
	"hash/fnv"
	"math"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/backoff"
	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// Adaptive schedules (`schedule: adaptive`) poll a source by its own rate
// of new entries, as Miniflux's entry-frequency scheduler does: about
// once per entry the source is expected to have, clamped to the source's
// [min, max]. Miniflux counts the entries of the last week; here the
// count is decayed exponentially (a soft window of RateWindow), so that it
// is kept in three numbers per source (store.Rate), follows a source that
// quickens or falls silent within a day or two, and is read without
// scanning the documents table.

// RateWindow is the time constant of the decay: an entry seen a
// RateWindow ago counts 1/e of one seen now. A source silent for a few
// windows is polled at its max.
const RateWindow = 24 * time.Hour

// rateFloor is the shortest span a rate is measured over, so that the
// first crawls after the baseline do not take two posts in two minutes
// for a source that posts every minute.
const rateFloor = time.Hour

// jitterShare is how far (a share of the interval) adaptive runs are
// spread, so that sources of one host with the same rate do not all fire
// together.
const jitterShare = 0.1

// decay is the weight now of an entry counted at t.
func decay(t, now time.Time) float64 {
	if !now.After(t) {
		return 1
	}
	return math.Exp(-float64(now.Sub(t)) / float64(RateWindow))
}

// SeedRate starts the rate of a source at its first crawl from the
// publication dates of what it holds (zero: undated, left out): the
// entries after the oldest, over the span since the oldest. A source with
// no dated entries starts with no rate (polled at its max until new
// entries say otherwise).
func SeedRate(published []time.Time, now time.Time) store.Rate {
	r := store.Rate{At: now, Since: now}
	var dated []time.Time
	for _, p := range published {
		if p.IsZero() {
			continue
		}
		if p.After(now) {
			p = now // dated in the future: a clock or time zone off
		}
		dated = append(dated, p)
	}
	if len(dated) == 0 {
		return r
	}
	oldest := dated[0]
	for _, p := range dated[1:] {
		if p.Before(oldest) {
			oldest = p
		}
	}
	skipped := false
	for _, p := range dated {
		if p.Equal(oldest) && !skipped {
			skipped = true // it marks the start of the span
			continue
		}
		r.Count += decay(p, now)
	}
	r.Since = oldest
	return r
}

// Observe records n new entries found at now.
func Observe(r store.Rate, n int, now time.Time) store.Rate {
	if r.Since.IsZero() {
		r.Since = now
	}
	if !r.At.IsZero() {
		r.Count *= decay(r.At, now)
	}
	r.Count += float64(n)
	r.At = now
	return r
}

// PerDay is the estimated number of new entries a day at now.
func PerDay(r store.Rate, now time.Time) float64 {
	if r.Since.IsZero() || r.Count <= 0 {
		return 0
	}
	span := max(now.Sub(r.Since), rateFloor)
	// The decay kernel integrated over the span observed: the window the
	// count stands for (RateWindow once the span is much longer).
	w := float64(RateWindow) * (1 - math.Exp(-float64(span)/float64(RateWindow)))
	count := r.Count * decay(r.At, now)
	return count / w * float64(24*time.Hour)
}

// AdaptiveInterval is the wait before the next poll of a source with rate
// r: a day over the entries expected a day, times factor, clamped to
// [min, max]; max for a source with none.
func AdaptiveInterval(r store.Rate, lim config.Adaptive, now time.Time) time.Duration {
	lo, hi := lim.Min.D(), max(lim.Max.D(), lim.Min.D())
	perDay := PerDay(r, now) * lim.Factor
	if perDay <= 0 {
		return hi
	}
	d := float64(24*time.Hour) / perDay
	if d >= float64(hi) {
		return hi
	}
	return max(time.Duration(d), lo)
}

// NextAdaptive is when a source with rate r is polled next: its interval
// from now, spread by up to a tenth of it (shorter, or longer at min) by a
// hash of the source's name and the time, so that sources polled at the
// same rate — every silent one at max — drift apart.
func NextAdaptive(name string, r store.Rate, lim config.Adaptive, now time.Time) time.Time {
	d := AdaptiveInterval(r, lim, now)
	return now.Add(spread(name, d, lim, now))
}

// RetryDelay is the wait after the nth consecutive failure of an adaptive
// source: min doubled for each further failure, capped at max, and never
// shorter than given (the fetch backoff, or the server's Retry-After).
func RetryDelay(failures int, given time.Duration, lim config.Adaptive) time.Duration {
	return max(given, backoff.Step(failures, lim.Min.D(), max(lim.Max.D(), lim.Min.D())))
}

// AdaptiveChanged reports whether an adaptive schedule's bounds differ
// between two versions of a source.
func AdaptiveChanged(a, b config.Source) bool {
	return a.IsAdaptive() != b.IsAdaptive() || a.IsAdaptive() && a.AdaptiveLimits() != b.AdaptiveLimits()
}

// spread jitters d within [min, max]: shorter by up to a tenth, or, where
// that would go below min, longer by up to a tenth (never beyond max).
func spread(name string, d time.Duration, lim config.Adaptive, now time.Time) time.Duration {
	h := fnv.New64a()
	h.Write([]byte(name))
	var b [8]byte
	ns := now.UnixNano()
	for i := range b {
		b[i] = byte(ns >> (8 * i))
	}
	h.Write(b[:])
	frac := float64(h.Sum64()>>11) / (1 << 53) // [0,1)
	j := time.Duration(frac * jitterShare * float64(d))
	if d-j >= lim.Min.D() {
		return d - j
	}
	return min(d+j, max(lim.Max.D(), lim.Min.D()))
}
