package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// holdWriteLock has another connection to the database of s take what a
// transaction of s must wait for — SQLite's write lock; on PostgreSQL an
// exclusive lock on the table the transaction reads — and returns the
// function that lets it go.
func holdWriteLock(t *testing.T, s *Store, loc string) (release func()) {
	t.Helper()
	ctx := context.Background()
	driver, dsn := "sqlite3", "file:"+loc+"?_busy_timeout=10000"
	lock := `BEGIN IMMEDIATE`
	if s.d == postgresDialect {
		driver, dsn = "pgx", loc
		lock = `BEGIN; LOCK TABLE schema_migrations IN ACCESS EXCLUSIVE MODE`
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	c, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ExecContext(ctx, lock); err != nil {
		t.Fatal(err)
	}
	done := false
	release = func() {
		if done {
			return
		}
		done = true
		if _, err := c.ExecContext(ctx, `ROLLBACK`); err != nil {
			t.Error(err)
		}
		c.Close()
		db.Close()
	}
	t.Cleanup(release)
	return release
}

// A transaction waiting for a lock another process holds stops waiting
// as soon as its context ends, rather than at the end of SQLite's busy
// timeout (which sqlite3_interrupt does not cut short); the lock the
// others let go in time is still waited for, and the store's writer is
// left as it was (its busy_timeout, on SQLite). PostgreSQL cancels the
// wait itself.
func TestTxWaitForLockEndsWithContext(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		for _, tc := range []struct {
			name    string
			timeout time.Duration // the context's; 0: none
			release time.Duration // when the other lets go; 0: after the Tx returned
			wantErr error
		}{
			{"context ends while waiting", 300 * time.Millisecond, 0, context.DeadlineExceeded},
			{"context already ended", time.Nanosecond, 0, context.DeadlineExceeded},
			{"lock let go while waiting", 0, 300 * time.Millisecond, nil},
			{"lock let go, context live", 5 * time.Second, 300 * time.Millisecond, nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				ctx := context.Background()
				loc := newLocation(t, "mw.db")
				s, err := Open(ctx, loc)
				if err != nil {
					t.Fatal(err)
				}
				defer s.Close()
				release := holdWriteLock(t, s, loc)
				if tc.release > 0 {
					time.AfterFunc(tc.release, release)
				}
				txCtx := ctx
				if tc.timeout > 0 {
					var cancel context.CancelFunc
					txCtx, cancel = context.WithTimeout(ctx, tc.timeout)
					defer cancel()
				}
				ran := false
				start := time.Now()
				errc := make(chan error, 1)
				go func() {
					errc <- s.Tx(txCtx, func(tx *Tx) error {
						ran = true
						var n int
						return tx.QueryRowContext(txCtx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n)
					})
				}()
				// The Tx must be over well before the busy timeout (10 s).
				var txErr error
				select {
				case txErr = <-errc:
				case <-time.After(busyWait / 2):
					release()
					t.Fatalf("the transaction still waits after %s", time.Since(start))
				}
				took := time.Since(start)
				release()
				if !errors.Is(txErr, tc.wantErr) {
					t.Fatalf("Tx: %v, want %v", txErr, tc.wantErr)
				}
				if limit := tc.timeout + tc.release + time.Second; took > limit {
					t.Errorf("the Tx took %s, want within %s", took, limit)
				}
				if tc.wantErr != nil && ran && s.d == sqliteDialect {
					t.Error("the transaction ran without the write lock")
				}
				if s.d == sqliteDialect {
					var ms int
					if err := s.DB().QueryRowContext(ctx, `PRAGMA busy_timeout`).Scan(&ms); err != nil {
						t.Fatal(err)
					}
					if ms != int(busyWait.Milliseconds()) {
						t.Errorf("busy_timeout %d ms after the Tx, want %d", ms, busyWait.Milliseconds())
					}
				}
				// The writer is usable again.
				if err := s.Tx(ctx, func(tx *Tx) error {
					_, err := tx.ExecContext(ctx, `UPDATE schema_migrations SET version = version WHERE 0 = 1`)
					return err
				}); err != nil {
					t.Errorf("a Tx after: %v", err)
				}
			})
		}
	})
}

// Beyond the busy timeout a transaction fails with SQLite's own error,
// after waiting the whole timeout, as before the wait watched its
// context.
func TestTxWaitForLockGivesUpAfterBusyTimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("waits the busy timeout (10 s)")
	}
	ctx := context.Background()
	loc := newLocation(t, "mw.db")
	s, err := Open(ctx, loc)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	holdWriteLock(t, s, loc)
	start := time.Now()
	err = s.Tx(ctx, func(*Tx) error { return nil })
	took := time.Since(start)
	if err == nil || !isBusy(err) || !strings.Contains(err.Error(), "database is locked") {
		t.Fatalf("Tx: %v, want database is locked", err)
	}
	if took < busyWait || took > busyWait+time.Second {
		t.Errorf("gave up after %s, want %s", took, busyWait)
	}
}
