package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrOneClock is returned by ServerClock for a SQLite store: every process
// on a SQLite file runs on its host, so all of them read one clock and
// there is no other to compare with.
var ErrOneClock = errors.New("store: SQLite: every daemon shares the host's clock")

// ClockOffset is how far the database server's clock was from the store's
// clock (WithClock) at one reading.
type ClockOffset struct {
	// Offset is the server's time less the midpoint of the two local
	// readings around the query: positive when this process's clock is
	// behind the server's.
	Offset time.Duration
	// RoundTrip is the time between the two local readings. The server
	// read its clock somewhere within it, so the true offset lies within
	// Uncertainty (half of it) of Offset.
	RoundTrip time.Duration
	// At is the midpoint of the local readings, on the store's clock.
	At time.Time
}

// Uncertainty is how far the true offset may lie from Offset: half the
// round trip.
func (o ClockOffset) Uncertainty() time.Duration { return o.RoundTrip / 2 }

// Beyond returns how much the offset surely exceeds, in either direction:
// |Offset| less the Uncertainty, never below 0.
func (o ClockOffset) Beyond() time.Duration {
	a := o.Offset
	if a < 0 {
		a = -a
	}
	if a -= o.Uncertainty(); a < 0 {
		return 0
	}
	return a
}

// clockSamples is how many readings ServerClock takes on one connection;
// it keeps the one with the shortest round trip.
const clockSamples = 3

// ServerClock reads the PostgreSQL (or CockroachDB) server's clock,
// outside any transaction, between two readings of the store's clock, and
// returns the offset of the reading with the shortest round trip of a few
// on one connection. On SQLite it returns ErrOneClock.
//
// Leases and claims compare times one daemon wrote with another's clock;
// comparing each daemon's clock with the one server's bounds how far any
// two daemons disagree.
func (s *Store) ServerClock(ctx context.Context) (ClockOffset, error) {
	if s.d == sqliteDialect {
		return ClockOffset{}, ErrOneClock
	}
	c, err := s.rdb.db.Conn(ctx)
	if err != nil {
		return ClockOffset{}, fmt.Errorf("store: read the server's clock: %w", err)
	}
	defer c.Close()
	// The first round trip on a connection may include its set-up; a
	// ping makes sure it is open before the readings.
	if err := c.PingContext(ctx); err != nil {
		return ClockOffset{}, fmt.Errorf("store: read the server's clock: %w", err)
	}
	var best ClockOffset
	for i := range clockSamples {
		var server time.Time
		before := s.now()
		// clock_timestamp() is the time of the call; now() would be the
		// start of the statement's transaction, the same here.
		if err := c.QueryRowContext(ctx, `SELECT clock_timestamp()`).Scan(&server); err != nil {
			return ClockOffset{}, fmt.Errorf("store: read the server's clock: %w", err)
		}
		after := s.now()
		rt := after.Sub(before)
		if rt < 0 {
			rt = 0
		}
		mid := before.Add(rt / 2)
		o := ClockOffset{Offset: server.Sub(mid), RoundTrip: rt, At: mid}
		if i == 0 || o.RoundTrip < best.RoundTrip {
			best = o
		}
	}
	return best, nil
}
