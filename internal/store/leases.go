package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"sync"
	"time"
)

// fleetSchema lets several daemons share one database.
//
// source_leases holds, per source, which daemon crawls it (owner) and
// until when (lease_until; 0 when no daemon holds it), the next run every
// daemon goes by (next_run_at, the shared schedule), and seq, the number
// of leased crawls whose outcome was saved: a daemon that claims a source
// reads what was saved since the last seq it knows (documents carry the
// seq of the crawl that stored them in documents.crawl).
//
// sends.claimed_by and claim_until say which daemon is sending a message
// and until when no other daemon may take it over.
const fleetSchema = `
CREATE TABLE source_leases (
	source      TEXT PRIMARY KEY,
	owner       TEXT NOT NULL DEFAULT '',
	lease_until BIGINT NOT NULL DEFAULT 0,
	next_run_at BIGINT NOT NULL DEFAULT 0,
	seq         BIGINT NOT NULL DEFAULT 0
);
ALTER TABLE documents ADD COLUMN crawl BIGINT NOT NULL DEFAULT 0;
CREATE INDEX documents_source_crawl ON documents(source, crawl);
ALTER TABLE sends ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE sends ADD COLUMN claim_until BIGINT;
`

// fleet is what a Store knows of the daemons that share its database.
type fleet struct {
	once  sync.Once
	owner string

	mu sync.Mutex
	// known is, per source, the last leased crawl (seq) whose documents
	// the seen index holds and whose state the state cache holds.
	known map[string]int64
}

// WithOwner sets the identity this process claims leases under (default
// NewOwnerID()).
func WithOwner(id string) Option { return func(s *Store) { s.fleet.owner = id } }

// NewOwnerID returns a daemon identity: host name, process id and a
// random suffix, unique among the daemons sharing a database.
func NewOwnerID() string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "host"
	}
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return host + "-" + strconv.Itoa(os.Getpid()) + "-" + hex.EncodeToString(b)
}

// Owner returns the identity this process claims leases and sends under.
func (s *Store) Owner() string {
	s.fleet.once.Do(func() {
		if s.fleet.owner == "" {
			s.fleet.owner = NewOwnerID()
		}
	})
	return s.fleet.owner
}

// ErrLeaseLost is returned when a crawl is saved after its source's lease
// was taken over by another daemon (it expired): the other daemon's crawl
// counts, this one is dropped.
var ErrLeaseLost = errors.New("store: source lease lost to another daemon")

// Lease is a daemon's hold on a source for one crawl (ClaimSource).
type Lease struct {
	st     *Store
	Source string
	Owner  string
	Until  time.Time
	// Seq is how many leased crawls of the source were saved before
	// this one.
	Seq int64

	mu   sync.Mutex
	done bool
	seq  int64 // set by release
}

// claimSQL takes a source's lease when no live lease exists and the
// source is due by the shared schedule. A source never claimed has no row:
// the insert takes it. Otherwise the update applies only where its
// condition holds, and RETURNING yields no row when it does not — this is
// the whole of "one daemon crawls a due source": SQLite serializes writers,
// PostgreSQL and CockroachDB lock the conflicting row for the statement.
const claimSQL = `INSERT INTO source_leases (source, owner, lease_until, next_run_at, seq)
	VALUES (?, ?, ?, 0, 0)
	ON CONFLICT (source) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
	WHERE source_leases.lease_until <= ? AND source_leases.next_run_at <= ?
	RETURNING seq`

// ClaimSource tries to take the lease of source for d from now. With
// force, the source need not be due by the shared schedule (its URL or
// schedule changed: it is crawled soon), only free. It
// returns the lease, or nil and the source's next run by the shared
// schedule when another daemon holds the source or it is not due yet
// (next is the zero time when the other daemon's crawl has not stored one:
// the caller's own schedule decides).
//
// Before returning a lease it brings this Store's caches up to date with
// what other daemons saved for the source since this Store last looked:
// the documents they stored join the seen index, and the source's state
// is read again.
func (s *Store) ClaimSource(ctx context.Context, source string, now time.Time, d time.Duration, force bool) (*Lease, time.Time, error) {
	if err := s.seenReady(ctx); err != nil {
		return nil, time.Time{}, err
	}
	owner := s.Owner()
	until := now.Add(d)
	dueBy := now.UnixMilli()
	if force {
		dueBy = math.MaxInt64
	}
	var seq int64
	err := s.db.QueryRowContext(ctx, claimSQL, source, owner, until.UnixMilli(), now.UnixMilli(), dueBy).Scan(&seq)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		var next, held int64
		var holder string
		err := s.db.QueryRowContext(ctx, `SELECT owner, lease_until, next_run_at FROM source_leases WHERE source = ?`, source).
			Scan(&holder, &held, &next)
		if err != nil {
			return nil, time.Time{}, fmt.Errorf("store: lease of %q: %w", source, err)
		}
		taken := false
		if held > now.UnixMilli() && next <= dueBy && ownerGone(holder) {
			// Held by a process of this host that is gone (this daemon
			// before a crash and restart): take it over now rather than
			// at its expiry, on the condition that the row is unchanged.
			err = s.db.QueryRowContext(ctx, `UPDATE source_leases SET owner = ?, lease_until = ?
				WHERE source = ? AND owner = ? AND lease_until = ? RETURNING seq`,
				owner, until.UnixMilli(), source, holder, held).Scan(&seq)
			switch {
			case err == nil:
				taken = true
			case !errors.Is(err, sql.ErrNoRows):
				return nil, time.Time{}, fmt.Errorf("store: claim %q: %w", source, err)
			}
		}
		if !taken {
			if next <= now.UnixMilli() {
				return nil, time.Time{}, nil
			}
			return nil, time.UnixMilli(next).UTC(), nil
		}
	case err != nil:
		return nil, time.Time{}, fmt.Errorf("store: claim %q: %w", source, err)
	}
	l := &Lease{st: s, Source: source, Owner: owner, Until: until, Seq: seq}
	if err := s.catchUp(ctx, source, seq); err != nil {
		// Without the catch-up the crawl could store documents twice:
		// give the source back.
		_ = l.Release(context.WithoutCancel(ctx), time.Time{})
		return nil, time.Time{}, err
	}
	return l, time.Time{}, nil
}

// catchUp reads what leased crawls of source after the last one this
// Store knows saved: their documents into the seen index and the
// source's state into the state cache.
func (s *Store) catchUp(ctx context.Context, source string, seq int64) error {
	f := &s.fleet
	f.mu.Lock()
	known := f.known[source]
	f.mu.Unlock()
	if seq <= known {
		return nil
	}
	x := &s.seen
	var keys []uint64
	rows, err := s.rdb.QueryContext(ctx, `SELECT id, link_key FROM documents WHERE source = ? AND crawl > ?`, source, known)
	if err != nil {
		return fmt.Errorf("store: catch up %q: %w", source, err)
	}
	defer rows.Close()
	var id, link string
	for rows.Next() {
		if err := rows.Scan(&id, &link); err != nil {
			return fmt.Errorf("store: catch up %q: %w", source, err)
		}
		keys = append(keys, x.idKey(id))
		if link != "" {
			keys = append(keys, x.linkKey(link))
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: catch up %q: %w", source, err)
	}
	x.publish(keys)
	st, err := scanSource(s.rdb.QueryRowContext(ctx, `SELECT `+sourceCols+` FROM source_state WHERE name = ?`, source))
	switch {
	case err == nil:
		s.states.remember(st)
	case !errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("store: catch up %q: %w", source, err)
	}
	f.mu.Lock()
	f.known[source] = max(f.known[source], seq)
	f.mu.Unlock()
	return nil
}

// fleetMark records how far each source's leased crawls go, just before
// the seen index is built from the documents table (which then holds at
// least those crawls' documents), and has the state cache read afresh
// after it.
func (s *Store) fleetMark(ctx context.Context) error {
	known := map[string]int64{}
	rows, err := s.rdb.QueryContext(ctx, `SELECT source, seq FROM source_leases`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var src string
		var seq int64
		if err := rows.Scan(&src, &seq); err != nil {
			return err
		}
		known[src] = seq
	}
	if err := rows.Err(); err != nil {
		return err
	}
	s.fleet.mu.Lock()
	s.fleet.known = known
	s.fleet.mu.Unlock()
	s.states.mu.Lock()
	s.states.loaded = false
	s.states.mu.Unlock()
	return nil
}

// Renew extends the lease to d from now. It returns ErrLeaseLost when
// another daemon has taken the source meanwhile (the lease had expired).
func (l *Lease) Renew(ctx context.Context, now time.Time, d time.Duration) error {
	until := now.Add(d)
	res, err := l.st.db.ExecContext(ctx, `UPDATE source_leases SET lease_until = ?
		WHERE source = ? AND owner = ? AND lease_until > 0`, until.UnixMilli(), l.Source, l.Owner)
	if err != nil {
		return fmt.Errorf("store: renew lease of %q: %w", l.Source, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrLeaseLost
	}
	l.mu.Lock()
	l.Until = until
	l.mu.Unlock()
	return nil
}

// Released reports whether the lease was given back.
func (l *Lease) Released() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.done
}

// release gives the lease back in tx, storing next as the source's next
// run (a zero next leaves the stored one) and, when saved, counting a
// saved crawl. It fails with ErrLeaseLost
// when the lease is no longer this daemon's.
func (l *Lease) release(ctx context.Context, q interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}, next time.Time, saved bool) (int64, error) {
	var seq int64
	var err error
	bump := 0
	if saved {
		bump = 1
	}
	if next.IsZero() {
		err = q.QueryRowContext(ctx, `UPDATE source_leases SET lease_until = 0, seq = seq + ?
			WHERE source = ? AND owner = ? AND lease_until > 0 RETURNING seq`, bump, l.Source, l.Owner).Scan(&seq)
	} else {
		err = q.QueryRowContext(ctx, `UPDATE source_leases SET lease_until = 0, next_run_at = ?, seq = seq + ?
			WHERE source = ? AND owner = ? AND lease_until > 0 RETURNING seq`,
			next.UnixMilli(), bump, l.Source, l.Owner).Scan(&seq)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrLeaseLost
	}
	if err != nil {
		return 0, fmt.Errorf("store: release lease of %q: %w", l.Source, err)
	}
	l.mu.Lock()
	l.seq = seq
	l.mu.Unlock()
	return seq, nil
}

// released records a committed release: this Store saved the crawl seq,
// so its caches hold it.
func (l *Lease) released() {
	l.mu.Lock()
	l.done = true
	seq := l.seq
	l.mu.Unlock()
	f := &l.st.fleet
	f.mu.Lock()
	if f.known != nil && f.known[l.Source] >= l.Seq {
		f.known[l.Source] = max(f.known[l.Source], seq)
	}
	f.mu.Unlock()
}

// Release gives the lease back without saving a crawl (the crawl was
// abandoned, or saved through SaveSourceLeased or SaveCrawl, which release
// it themselves: then Release does nothing). A non-zero next is stored as
// the source's next run; a zero next leaves the stored one, so that
// another daemon may crawl the source at once.
//
// On SQLite the release is a transaction of its own, so that its wait for
// another process's write lock ends with ctx (see beginSQLite).
func (l *Lease) Release(ctx context.Context, next time.Time) error {
	if l == nil || l.Released() {
		return nil
	}
	var err error
	if l.st.d == sqliteDialect {
		err = l.st.Tx(ctx, func(tx *Tx) error {
			_, err := l.release(ctx, tx, next, false)
			return err
		})
	} else {
		_, err = l.release(ctx, l.st.db, next, false)
	}
	if err != nil {
		return err
	}
	l.released()
	return nil
}

// SaveSourceLeased writes a source's state and releases its lease in one
// transaction, storing st.NextRunAt as its next run (see Crawl.Lease). A
// nil lease is SaveSource.
func (s *Store) SaveSourceLeased(ctx context.Context, st SourceState, l *Lease) error {
	if l == nil {
		return s.SaveSource(ctx, st)
	}
	err := s.Tx(ctx, func(tx *Tx) error {
		if _, err := l.release(ctx, tx, st.NextRunAt, true); err != nil {
			return err
		}
		return saveSource(ctx, tx, st)
	})
	if err != nil {
		return err
	}
	s.states.remember(st)
	l.released()
	return nil
}

// SourceLease is a source's row of source_leases (for tests and status).
type SourceLease struct {
	Source    string
	Owner     string // the daemon that holds it, or last held it
	Until     time.Time
	NextRunAt time.Time
	Seq       int64
}

// Held reports whether the lease is live at now.
func (l SourceLease) Held(now time.Time) bool { return l.Until.After(now) }

// SourceLeases lists every source's lease, by source.
func (s *Store) SourceLeases(ctx context.Context) ([]SourceLease, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT source, owner, lease_until, next_run_at, seq FROM source_leases ORDER BY source`)
	if err != nil {
		return nil, fmt.Errorf("store: leases: %w", err)
	}
	defer rows.Close()
	var out []SourceLease
	for rows.Next() {
		var l SourceLease
		var until, next int64
		if err := rows.Scan(&l.Source, &l.Owner, &until, &next, &l.Seq); err != nil {
			return nil, fmt.Errorf("store: leases: %w", err)
		}
		if until > 0 {
			l.Until = time.UnixMilli(until).UTC()
		}
		if next > 0 {
			l.NextRunAt = time.UnixMilli(next).UTC()
		}
		out = append(out, l)
	}
	return out, rows.Err()
}
