package backoff

import (
	"testing"
	"time"
)

func TestStep(t *testing.T) {
	for _, tt := range []struct {
		n                  int
		initial, max, want time.Duration
	}{
		{0, time.Minute, time.Hour, time.Minute},
		{1, time.Minute, time.Hour, time.Minute},
		{2, time.Minute, time.Hour, 2 * time.Minute},
		{4, time.Minute, time.Hour, 8 * time.Minute},
		{7, time.Minute, time.Hour, time.Hour},
		{1 << 20, time.Minute, time.Hour, time.Hour},
		{3, time.Hour, time.Minute, time.Hour},
	} {
		if got := Step(tt.n, tt.initial, tt.max); got != tt.want {
			t.Errorf("Step(%d, %s, %s) = %s, want %s", tt.n, tt.initial, tt.max, got, tt.want)
		}
	}
}

func TestJittered(t *testing.T) {
	const (
		initial = time.Minute
		ceiling = time.Hour
	)
	lo := func() float64 { return 0 }
	hi := func() float64 { return 0.999999999 }
	tests := []struct {
		name       string
		failures   int
		retryAfter time.Duration
		rnd        func() float64
		want       time.Duration
		tolerance  time.Duration
	}{
		{"no failures", 0, 0, lo, 0, 0},
		{"no failures keeps retry-after", 0, 5 * time.Minute, lo, 5 * time.Minute, 0},
		{"first failure, low jitter", 1, 0, lo, 30 * time.Second, 0},
		{"first failure, high jitter", 1, 0, hi, time.Minute, time.Millisecond},
		{"third failure doubles twice", 3, 0, lo, 2 * time.Minute, 0},
		{"capped at max", 10, 0, hi, ceiling, time.Millisecond},
		{"huge failure count does not overflow", 10000, 0, lo, ceiling / 2, 0},
		{"never below retry-after", 1, 10 * time.Minute, hi, 10 * time.Minute, 0},
		{"retry-after above max wins", 10, 3 * time.Hour, hi, 3 * time.Hour, 0},
		{"retry-after below backoff ignored", 5, time.Second, lo, 8 * time.Minute, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Jittered(tt.failures, initial, ceiling, tt.retryAfter, tt.rnd)
			if d := got - tt.want; d < -tt.tolerance || d > tt.tolerance {
				t.Errorf("Jittered = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestJitteredDefaultRandomStaysInRange(t *testing.T) {
	for i := 0; i < 1000; i++ {
		got := Jittered(4, time.Second, time.Minute, 0, nil)
		if got < 4*time.Second || got > 8*time.Second {
			t.Fatalf("Jittered(4) = %s, want within [4s, 8s]", got)
		}
	}
}
