package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/testenv/pgtest"
)

// TestServerClock: a store whose clock is an hour behind real time reads
// the PostgreSQL server's (real) clock an hour ahead of its own, and one
// on the real clock reads it within a second; either way the reading's
// uncertainty is half its round trip and the offset is surely beyond
// what that leaves.
func TestServerClock(t *testing.T) {
	url := pgtest.URL(t)
	ctx := context.Background()

	behind := clock.NewFake(time.Now().Add(-time.Hour))
	s, err := OpenURL(ctx, url, WithClock(behind.Now))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	o, err := s.ServerClock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The fake clock stands still: the round trip it measures is 0, and
	// the offset is an hour plus the real time since the clock was set.
	if o.Offset < time.Hour || o.Offset > time.Hour+time.Minute || o.RoundTrip != 0 {
		t.Errorf("an hour behind: offset %v, round trip %v", o.Offset, o.RoundTrip)
	}
	if o.Beyond() != o.Offset || !o.At.Equal(behind.Now()) {
		t.Errorf("an hour behind: beyond %v, at %v", o.Beyond(), o.At)
	}

	rs, err := OpenURL(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	o, err = rs.ServerClock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("real clock, loopback server: offset %v, round trip %v", o.Offset, o.RoundTrip)
	if o.Offset < -time.Second || o.Offset > time.Second || o.RoundTrip <= 0 || o.RoundTrip > time.Second {
		t.Errorf("real clock: offset %v, round trip %v", o.Offset, o.RoundTrip)
	}
	if o.Uncertainty() != o.RoundTrip/2 || o.Beyond() > time.Second {
		t.Errorf("real clock: uncertainty %v, beyond %v", o.Uncertainty(), o.Beyond())
	}

	// Cancelled, the reading fails with the context's error.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := rs.ServerClock(cctx); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// TestServerClockSQLite: on SQLite there is no other clock to compare.
func TestServerClockSQLite(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "mw.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.ServerClock(ctx); !errors.Is(err, ErrOneClock) {
		t.Errorf("SQLite: %v", err)
	}
}

// TestClockOffsetBeyond: the offset surely beyond is |offset| less half
// the round trip, in either direction, and never negative.
func TestClockOffsetBeyond(t *testing.T) {
	for _, c := range []struct {
		off, rt, want time.Duration
	}{
		{10 * time.Second, 2 * time.Second, 9 * time.Second},
		{-10 * time.Second, 2 * time.Second, 9 * time.Second},
		{time.Second, 4 * time.Second, 0},
		{-time.Second, 4 * time.Second, 0},
	} {
		if got := (ClockOffset{Offset: c.off, RoundTrip: c.rt}).Beyond(); got != c.want {
			t.Errorf("offset %v, round trip %v: beyond %v, want %v", c.off, c.rt, got, c.want)
		}
	}
}
