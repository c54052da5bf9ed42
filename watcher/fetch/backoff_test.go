package fetch

import (
	"testing"
	"time"
)

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
