package fetch

import (
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
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
			got := Backoff(tt.failures, initial, ceiling, tt.retryAfter, tt.rnd)
			if d := got - tt.want; d < -tt.tolerance || d > tt.tolerance {
				t.Errorf("Backoff = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestBackoffDefaultRandomStaysInRange(t *testing.T) {
	for i := 0; i < 1000; i++ {
		got := Backoff(4, time.Second, time.Minute, 0, nil)
		if got < 4*time.Second || got > 8*time.Second {
			t.Fatalf("Backoff(4) = %s, want within [4s, 8s]", got)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := map[string]time.Duration{
		"":                               0,
		"0":                              0,
		"-5":                             0,
		"30":                             30 * time.Second,
		" 3600 ":                         time.Hour,
		"Sun, 01 Mar 2026 12:02:00 GMT":  2 * time.Minute,
		"Sun, 01 Mar 2026 11:00:00 GMT":  0, // in the past
		"Sunday, 01-Mar-26 12:00:30 GMT": 30 * time.Second,
		"tomorrow":                       0,
		"99999999999999":                 365 * 24 * time.Hour,
	}
	for in, want := range tests {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestFormatSize(t *testing.T) {
	tests := map[int64]string{5 << 20: "5.0 MiB", 1536: "1.5 KiB", 100: "100 bytes", 3 << 30: "3.0 GiB"}
	for n, want := range tests {
		if got := formatSize(n); got != want {
			t.Errorf("formatSize(%d) = %q, want %q", n, got, want)
		}
	}
}
