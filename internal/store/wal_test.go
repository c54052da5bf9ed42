package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/mattn/go-sqlite3"
)

// A daemon that opens a new database file while another process is
// setting it up (daemons started together on one file) waits for it,
// rather than failing with "database is locked": SQLite does not call the
// busy handler for the switch to WAL mode, which upgrades a read lock.
//
// The other process here is a connection that created a table in the new
// file, in SQLite's default rollback-journal mode, and has not committed.
func TestOpenWaitsWhileAnotherSetsUpTheFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "mw.db")
	other, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`CREATE TABLE other (a INTEGER)`); err != nil {
		t.Fatal(err)
	}

	retried := make(chan struct{})
	var once sync.Once
	type opened struct {
		s   *Store
		err error
	}
	done := make(chan opened, 1)
	go func() {
		s, err := Open(ctx, path, withWALRetried(func() { once.Do(func() { close(retried) }) }))
		done <- opened{s, err}
	}()
	select {
	case o := <-done:
		if o.s != nil {
			o.s.Close()
		}
		t.Fatalf("Open returned (%v) while another connection held the new file: want it to wait", o.err)
	case <-retried:
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	o := <-done
	if o.err != nil {
		t.Fatalf("Open after the other committed: %v", o.err)
	}
	defer o.s.Close()
	var mode string
	if err := o.s.DB().QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode = %q, %v; want wal", mode, err)
	}
	var n int
	if err := o.s.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM other`).Scan(&n); err != nil {
		t.Fatalf("the other connection's table: %v", err)
	}
}

// Opening a database already in WAL mode takes no lock to set it: it
// succeeds while another process holds the write lock (its migrations
// wait in the busy handler as every write does; here there are none left).
func TestOpenWALFileWhileAnotherWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "mw.db")
	first, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	var retries int
	err = first.Tx(ctx, func(tx *Tx) error {
		// The write lock is held for the whole of the second Open.
		if _, err := tx.ExecContext(ctx, `INSERT INTO outbox_meta (key, value) VALUES ('probe', '1')`); err != nil {
			return err
		}
		s, err := Open(ctx, path, withWALRetried(func() { retries++ }))
		if err != nil {
			return err
		}
		return s.Close()
	})
	if err != nil {
		t.Fatal(err)
	}
	if retries != 0 {
		t.Errorf("setting WAL mode on a WAL file was retried %d times: want no lock taken", retries)
	}
}

// The store's transactions begin IMMEDIATE (the writer's _txlock): they
// hold the write lock from their start, so one that reads and then writes
// never finds its snapshot stale. A deferred transaction that does the
// same after another process committed gets SQLITE_BUSY_SNAPSHOT at once:
// the busy handler cannot help it, its snapshot can only be given up.
func TestTxHoldsTheWriteLockFromItsStart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "mw.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Another process's connection, with SQLite's deferred transactions.
	other, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.SetMaxOpenConns(1)
	insert := `INSERT INTO outbox_meta (key, value) VALUES (?, '1')`

	// The failure the store avoids: read, another commits, then write.
	tx, err := other.Begin()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tx.QueryRow(`SELECT COUNT(*) FROM outbox_meta`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, insert, "by-store"); err != nil {
		t.Fatal(err)
	}
	_, err = tx.Exec(insert, "by-other")
	var se sqlite3.Error
	if !errors.As(err, &se) || se.ExtendedCode != sqlite3.ErrBusySnapshot {
		t.Fatalf("a deferred transaction writing on a stale snapshot: %v; want SQLITE_BUSY_SNAPSHOT", err)
	}
	tx.Rollback()

	// The store's transaction: the same read then write, with the other
	// connection trying to write in between. The other is the one kept
	// out (it would wait; with no busy timeout it fails at once).
	quick, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=0")
	if err != nil {
		t.Fatal(err)
	}
	defer quick.Close()
	err = s.Tx(ctx, func(tx *Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox_meta`).Scan(&n); err != nil {
			return err
		}
		if _, err := quick.Exec(insert, "between"); !isBusy(err) {
			return fmt.Errorf("another connection's write inside the store's transaction: %v; want SQLITE_BUSY (the transaction holds the write lock)", err)
		}
		_, err := tx.ExecContext(ctx, insert, "in-tx")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var keys int
	if err := s.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox_meta WHERE key IN ('by-store', 'in-tx')`).Scan(&keys); err != nil || keys != 2 {
		t.Fatalf("rows written = %d, %v; want 2", keys, err)
	}
}
