package fetch

import (
	"math/rand/v2"
	"time"
)

// Backoff returns how long to wait before the next attempt after
// failures consecutive failures (1 for the first): initial doubled for
// each further failure, capped at max, with equal jitter (a random
// duration between half the step and the step), and never less than
// retryAfter, the server's own Retry-After — even when that exceeds max.
// rnd returns a number in [0,1); nil uses math/rand. failures < 1 returns
// retryAfter.
func Backoff(failures int, initial, max time.Duration, retryAfter time.Duration, rnd func() float64) time.Duration {
	if failures < 1 || initial <= 0 {
		return retryAfter
	}
	if max < initial {
		max = initial
	}
	d := initial
	for i := 1; i < failures && d < max; i++ {
		d *= 2 // d < max here, so no overflow before the cap
	}
	if d > max || d <= 0 {
		d = max
	}
	if rnd == nil {
		rnd = rand.Float64
	}
	half := d / 2
	d = half + time.Duration(rnd()*float64(d-half))
	if d < retryAfter {
		d = retryAfter
	}
	return d
}
