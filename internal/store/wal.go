package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/mattn/go-sqlite3"
)

// busyWait is how long a SQLite connection waits for another's lock: the
// busy_timeout of every connection, and the budget of enableWAL.
const busyWait = 10 * time.Second

// withWALRetried has Open call f each time it finds the database locked
// while setting WAL mode, before it waits and tries again (tests).
func withWALRetried(f func()) Option { return func(s *Store) { s.walRetried = f } }

// enableWAL puts the SQLite database behind db in WAL mode, waiting up to
// busyWait while other processes hold it.
//
// WAL mode is kept in the file, so only the first open of a new database
// converts it; every later one finds it done without taking a lock. The
// conversion takes the database for itself from inside a read, and SQLite
// never calls the busy handler for such an upgrade: a daemon opening a new
// file while another converts it (daemons started together) got "database
// is locked" at once, whatever busy_timeout said. It is retried here, with
// the busy handler's own waits, until the other is done.
//
// retried, when not nil, is called before each wait.
func enableWAL(ctx context.Context, db *sql.DB, retried func()) error {
	deadline := time.Now().Add(busyWait)
	waits := []time.Duration{1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100}
	for try := 0; ; try++ {
		// The answer is the mode now in force: where WAL cannot be had
		// (no shared memory on the file system) SQLite keeps the
		// journal it has, and so does the store, as it always did.
		var mode string
		err := db.QueryRowContext(ctx, `PRAGMA journal_mode = WAL`).Scan(&mode)
		if err == nil {
			return nil
		}
		if !isBusy(err) || time.Now().After(deadline) {
			return fmt.Errorf("set WAL mode: %w", err)
		}
		if retried != nil {
			retried()
		}
		wait := waits[min(try, len(waits)-1)] * time.Millisecond
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("set WAL mode: %w", ctx.Err())
		case <-t.C:
		}
	}
}

// isBusy reports whether err is SQLite's SQLITE_BUSY (any extended code):
// another connection holds the lock wanted.
func isBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code == sqlite3.ErrBusy
}
