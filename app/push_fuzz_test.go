package app

import (
	"strconv"
	"testing"
	"time"
)

// FuzzHubLease reads the hub.lease_seconds of a hub's verification: the
// lease is positive and at most pushMaxLease whatever the hub writes, and
// a number of seconds in that range is taken as it is.
func FuzzHubLease(f *testing.F) {
	for _, s := range []string{"", "864000", "0", "-5", "abc", "10000000000", "18446744074", "9223372036854775807", "+60", " 60", "1e6"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got := hubLease(raw)
		if got <= 0 || got > pushMaxLease {
			t.Fatalf("hubLease(%q) = %s", raw, got)
		}
		n, err := strconv.ParseInt(raw, 10, 64)
		if err == nil && n > 0 && n <= int64(pushMaxLease/time.Second) {
			if got != time.Duration(n)*time.Second {
				t.Fatalf("hubLease(%q) = %s, want %d s", raw, got, n)
			}
		}
	})
}
