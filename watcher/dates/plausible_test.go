package dates

import (
	"testing"
	"time"
)

func TestPlausible(t *testing.T) {
	now := time.Date(2026, 1, 27, 14, 30, 0, 0, time.UTC)
	tests := []struct {
		t    time.Time
		want bool
	}{
		{now, true},
		{now.Add(-time.Hour), true},
		{time.Date(2003, 5, 1, 9, 0, 0, 0, time.UTC), true},
		{time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{now.Add(14 * time.Hour), true}, // a zone off
		{now.Add(MaxAhead), true},
		{time.Time{}, false},
		{time.Date(1, 6, 15, 0, 0, 0, 0, time.UTC), false},
		{time.Unix(0, 0).UTC(), false},
		{time.Date(1989, 12, 31, 23, 0, 0, 0, time.UTC), false},
		{now.Add(MaxAhead + time.Second), false},
		{time.Date(2999, 12, 31, 0, 0, 0, 0, time.UTC), false},
	}
	for _, tt := range tests {
		if got := Plausible(tt.t, now); got != tt.want {
			t.Errorf("Plausible(%v) = %v, want %v", tt.t, got, tt.want)
		}
	}
}
