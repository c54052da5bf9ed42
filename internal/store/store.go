// Package store keeps mentionwatch's memory — source state, documents
// seen, forum threads, mentions, the delivery outbox and digest runs — in
// one SQLite file (WAL mode) by default, or in a PostgreSQL database
// (OpenURL) that several daemons share. Schema changes are ordered
// migrations, the same versions in both dialects.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"time"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

// Store is an open database.
//
// Writes go through one connection, so writers queue in the process rather
// than polling SQLite's busy handler; reads use a pool of their own, which
// WAL mode lets run beside the writer.
//
// On PostgreSQL both are one pool (see OpenURL).
type Store struct {
	db     *conn // the writer: one connection (PostgreSQL: the pool)
	rdb    *conn // readers (PostgreSQL: the same pool)
	d      dialect
	path   string // the SQLite file, or the URL without its password
	now    func() time.Time
	seen   seenIndex
	states stateCache
	fleet  fleet // leases.go: this process's identity among daemons sharing the database
	// search: the PostgreSQL schema has mentions.search (search_pg.go),
	// as every schema migrated to the end has.
	search bool

	walRetried func() // wal.go: withWALRetried
}

// Option configures Open.
type Option func(*Store)

// WithClock sets the clock used for timestamps the store writes itself.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// Open opens (creating if needed) the SQLite database at path and brings
// its schema up to date. A postgres:// or postgresql:// URL in place of
// the path opens that database (OpenURL).
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	if IsURL(path) {
		return OpenURL(ctx, path, opts...)
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("store: create directory: %w", err)
		}
	}
	q := url.Values{}
	// No _journal_mode: enableWAL sets it once, waiting for other
	// processes (the pragma on every new connection does not wait).
	q.Set("_busy_timeout", strconv.Itoa(int(busyWait.Milliseconds())))
	q.Set("_foreign_keys", "on")
	q.Set("_synchronous", "NORMAL")
	// Reuse prepared statements per connection: the same few run for every
	// crawl.
	q.Set("_stmt_cache_size", "64")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite3", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// SQLite allows one writer at a time; with a single connection, other
	// writers of this process wait their turn in database/sql's queue.
	// Other processes (the CLI beside a daemon) still meet busy_timeout.
	db.SetMaxOpenConns(1)
	s := &Store{db: &conn{db: db}, path: path, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := enableWAL(ctx, db, s.walRetried); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	q.Set("_query_only", "true")
	q.Del("_txlock")
	rdb, err := sql.Open("sqlite3", "file:"+path+"?"+q.Encode())
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	rdb.SetMaxOpenConns(4)
	rdb.SetConnMaxIdleTime(time.Minute)
	s.rdb = &conn{db: rdb}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error {
	if s.rdb == s.db {
		return s.db.Close()
	}
	return errors.Join(s.rdb.Close(), s.db.Close())
}

// DB returns the writing handle (for SQLite a single connection), for
// packages that keep tables of their own in this database. Do not hold it
// across a call to another Store method that writes. Its queries are not
// rewritten: on PostgreSQL they take $1 placeholders (see Dialect).
func (s *Store) DB() *sql.DB { return s.db.db }

// Dialect names the engine: "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.d.String() }

// Path returns the SQLite database file path, or for PostgreSQL the URL
// with its password masked.
func (s *Store) Path() string { return s.path }

// Tx runs fn in one transaction, committing if it returns nil. On
// PostgreSQL the transaction is serializable, and when it loses to a
// concurrent one (a serialization failure or a deadlock) fn runs again in
// a new transaction, a few times with short waits: fn must reset what it
// gathers outside the transaction.
func (s *Store) Tx(ctx context.Context, fn func(*Tx) error) error {
	if s.d == sqliteDialect {
		return s.tx(ctx, fn)
	}
	return retry(ctx, func() error { return s.tx(ctx, fn) })
}

func (s *Store) tx(ctx context.Context, fn func(*Tx) error) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.rollback()
		return err
	}
	if err := tx.commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// Times are stored as Unix milliseconds (UTC); the zero time as NULL.

func toMillis(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

func fromMillis(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.UnixMilli(v.Int64).UTC()
}

// ErrNotFound is returned when a looked-up row does not exist.
var ErrNotFound = errors.New("store: not found")
