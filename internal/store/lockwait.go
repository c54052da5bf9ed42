package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// lockSlice is how long one attempt at SQLite's write lock waits inside
// SQLite's busy handler before beginSQLite looks at its context again:
// the longest a cancelled context is left waiting for the lock.
const lockSlice = 100 * time.Millisecond

// lockRetryFloor is the least time between two attempts at the lock,
// should SQLite answer "busy" without waiting at all.
const lockRetryFloor = 10 * time.Millisecond

// beginSQLite starts an immediate transaction on the SQLite writer. Like
// the connection's busy_timeout it waits up to busyWait for a write lock
// another process holds, and then fails with SQLite's "database is
// locked"; unlike it, it stops waiting as soon as ctx is done.
//
// SQLite's busy handler sleeps until busy_timeout has passed without
// looking at sqlite3_interrupt, which is how mattn/go-sqlite3 cancels a
// statement (mattn/go-sqlite3 issue 863): a BEGIN IMMEDIATE waiting for
// the lock went on for up to busyWait after its context ended. So the
// connection is held for the transaction, its busy_timeout is cut to
// lockSlice while BEGIN is tried again and again, and it is set back to
// busyWait once the transaction has begun or given up, so that every
// other statement (COMMIT in rollback-journal mode, the writes outside
// transactions) waits as it always did.
func (c *conn) beginSQLite(ctx context.Context) (*Tx, error) {
	sc, err := c.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	// The pragmas wait for no lock: they run without ctx, so that a
	// cancelled one still leaves the connection as it was.
	if err := setBusyTimeout(context.Background(), sc, lockSlice); err != nil {
		discard(sc)
		return nil, err
	}
	deadline := time.Now().Add(busyWait)
	var tx *sql.Tx
	for {
		began := time.Now()
		tx, err = sc.BeginTx(ctx, nil)
		if err == nil || !isBusy(err) {
			break
		}
		if ctx.Err() != nil {
			err = fmt.Errorf("wait for the write lock: %w", ctx.Err())
			break
		}
		if !time.Now().Before(deadline) {
			break
		}
		if d := lockRetryFloor - time.Since(began); d > 0 {
			if werr := sleepCtx(ctx, d); werr != nil {
				err = fmt.Errorf("wait for the write lock: %w", werr)
				break
			}
		}
	}
	if err != nil {
		if rerr := setBusyTimeout(context.Background(), sc, busyWait); rerr != nil {
			discard(sc)
			return nil, errors.Join(err, rerr)
		}
		sc.Close()
		return nil, err
	}
	if _, rerr := tx.ExecContext(context.Background(), busyTimeoutPragma(busyWait)); rerr != nil {
		_ = tx.Rollback()
		discard(sc)
		return nil, fmt.Errorf("set busy_timeout: %w", rerr)
	}
	return &Tx{tx: tx, d: c.d, conn: sc}, nil
}

// busyTimeoutPragma sets a SQLite connection's busy_timeout to d.
func busyTimeoutPragma(d time.Duration) string {
	return "PRAGMA busy_timeout = " + strconv.FormatInt(d.Milliseconds(), 10)
}

func setBusyTimeout(ctx context.Context, sc *sql.Conn, d time.Duration) error {
	if _, err := sc.ExecContext(ctx, busyTimeoutPragma(d)); err != nil {
		return fmt.Errorf("set busy_timeout: %w", err)
	}
	return nil
}

// discard closes the connection of sc rather than giving it back to the
// pool: its busy_timeout is not known to be busyWait.
func discard(sc *sql.Conn) {
	_ = sc.Raw(func(any) error { return driver.ErrBadConn })
	sc.Close()
}

// sleepCtx waits d, or until ctx is done (its error).
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
