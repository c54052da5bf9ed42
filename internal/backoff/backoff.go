// Package backoff computes the waits between attempts that fail: a crawl
// of a broken source, an alert that Slack refused, a digest the SMTP
// server did not take. One rule for all: the first wait, doubled for each
// further failure, capped.
package backoff

import (
	"math/rand/v2"
	"time"
)

// Step returns the wait after the nth consecutive failure (1 for the
// first): initial doubled n-1 times, capped at ceiling (a ceiling below
// initial is taken as initial). n < 1 counts as 1.
func Step(n int, initial, ceiling time.Duration) time.Duration {
	if ceiling < initial {
		ceiling = initial
	}
	d := initial
	for i := 1; i < n && d < ceiling; i++ {
		d *= 2 // d < ceiling here, so no overflow before the cap
	}
	if d > ceiling || d <= 0 {
		d = ceiling
	}
	return d
}

// Jittered is Step with equal jitter — a random wait between half the
// step and the step, so that many sources failing together do not retry
// together — and never less than retryAfter, the server's own
// Retry-After, even when that exceeds the ceiling. rnd returns a number in
// [0,1); nil uses math/rand. n < 1, or no initial wait, returns
// retryAfter.
func Jittered(n int, initial, ceiling, retryAfter time.Duration, rnd func() float64) time.Duration {
	if n < 1 || initial <= 0 {
		return retryAfter
	}
	d := Step(n, initial, ceiling)
	if rnd == nil {
		rnd = rand.Float64
	}
	half := d / 2
	d = half + time.Duration(rnd()*float64(d-half))
	return max(d, retryAfter)
}
