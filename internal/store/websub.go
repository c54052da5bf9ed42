package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// WebSub subscription states.
const (
	// WebSubPending: asked for at the hub, the verification of intent
	// not yet come.
	WebSubPending = "pending"
	// WebSubVerified: the hub verified it; pushes are taken until it
	// expires.
	WebSubVerified = "verified"
	// WebSubDenied: the hub refused it (Reason says why).
	WebSubDenied = "denied"
	// WebSubFailed: the request to the hub failed (Reason says how).
	WebSubFailed = "failed"
	// WebSubUnsubscribing: asked the hub to end it (source removed, or
	// its push set to false).
	WebSubUnsubscribing = "unsubscribing"
)

// WebSub is a source's WebSub subscription: the hub and topic its feed
// named, the callback id and the secret the hub signs pushes with.
type WebSub struct {
	Source string
	// ID is the callback's path element (/websub/{ID}): random, and
	// unrelated to the secret.
	ID     string
	Hub    string
	Topic  string
	Secret string // never logged or shown
	State  string
	// Reason is the hub's reason for a denial, or the last request's
	// error.
	Reason      string
	Lease       time.Duration // granted by the hub
	RequestedAt time.Time     // last subscription request
	VerifiedAt  time.Time
	ExpiresAt   time.Time
	LastPushAt  time.Time
	Pushes      int // verified pushes received
	Failures    int // consecutive failed requests
	// Rev is the row's version: every change but a push's count bumps it,
	// so that daemons sharing the database change a subscription only from
	// the version they read (UpdateWebSub, CreateWebSub).
	Rev int64
}

// websubSchema keeps WebSub subscriptions (migration 14; BIGINT, not INTEGER, so that PostgreSQL keeps millisecond times).
const websubSchema = `
CREATE TABLE websub_subscriptions (
	source        TEXT PRIMARY KEY,
	id            TEXT NOT NULL UNIQUE,
	hub           TEXT NOT NULL,
	topic         TEXT NOT NULL,
	secret        TEXT NOT NULL,
	state         TEXT NOT NULL,
	reason        TEXT NOT NULL DEFAULT '',
	lease_seconds BIGINT NOT NULL DEFAULT 0,
	requested_at  BIGINT,
	verified_at   BIGINT,
	expires_at    BIGINT,
	last_push_at  BIGINT,
	pushes        BIGINT NOT NULL DEFAULT 0,
	failures      BIGINT NOT NULL DEFAULT 0
);`

// websubRevSchema versions the rows (migration 16): daemons sharing a
// database change a subscription by compare-and-set on rev.
const websubRevSchema = `ALTER TABLE websub_subscriptions ADD COLUMN rev BIGINT NOT NULL DEFAULT 0;
UPDATE websub_subscriptions SET rev = 1;`

const websubCols = `source, id, hub, topic, secret, state, reason, lease_seconds, requested_at, verified_at,
	expires_at, last_push_at, pushes, failures, rev`

func scanWebSub(sc interface{ Scan(...any) error }) (WebSub, error) {
	var w WebSub
	var lease int64
	var req, ver, exp, push sql.NullInt64
	err := sc.Scan(&w.Source, &w.ID, &w.Hub, &w.Topic, &w.Secret, &w.State, &w.Reason, &lease,
		&req, &ver, &exp, &push, &w.Pushes, &w.Failures, &w.Rev)
	w.Lease = time.Duration(lease) * time.Second
	w.RequestedAt, w.VerifiedAt, w.ExpiresAt, w.LastPushAt = fromMillis(req), fromMillis(ver), fromMillis(exp), fromMillis(push)
	return w, err
}

// WebSubs returns every subscription, by source name.
func (s *Store) WebSubs(ctx context.Context) ([]WebSub, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT `+websubCols+` FROM websub_subscriptions ORDER BY source`)
	if err != nil {
		return nil, fmt.Errorf("store: websub subscriptions: %w", err)
	}
	defer rows.Close()
	var out []WebSub
	for rows.Next() {
		w, err := scanWebSub(rows)
		if err != nil {
			return nil, fmt.Errorf("store: websub subscriptions: %w", err)
		}
		out = append(out, w)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: websub subscriptions: %w", err)
	}
	return out, nil
}

// WebSubByID returns the subscription with callback id, or ErrNotFound.
func (s *Store) WebSubByID(ctx context.Context, id string) (WebSub, error) {
	return s.webSub(ctx, `id`, id)
}

// WebSubBySource returns the named source's subscription, or ErrNotFound.
func (s *Store) WebSubBySource(ctx context.Context, source string) (WebSub, error) {
	return s.webSub(ctx, `source`, source)
}

func (s *Store) webSub(ctx context.Context, col, v string) (WebSub, error) {
	w, err := scanWebSub(s.rdb.QueryRowContext(ctx, `SELECT `+websubCols+` FROM websub_subscriptions WHERE `+col+` = ?`, v))
	if errors.Is(err, sql.ErrNoRows) {
		return WebSub{}, ErrNotFound
	}
	if err != nil {
		return WebSub{}, fmt.Errorf("store: websub subscription: %w", err)
	}
	return w, nil
}

// SaveWebSub writes a source's subscription, replacing the one it had
// whatever its version (one daemon; daemons sharing the database use
// CreateWebSub and UpdateWebSub).
func (s *Store) SaveWebSub(ctx context.Context, w WebSub) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO websub_subscriptions (`+websubCols+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
		ON CONFLICT (source) DO UPDATE SET id = excluded.id, hub = excluded.hub, topic = excluded.topic,
			secret = excluded.secret, state = excluded.state, reason = excluded.reason,
			lease_seconds = excluded.lease_seconds, requested_at = excluded.requested_at,
			verified_at = excluded.verified_at, expires_at = excluded.expires_at,
			last_push_at = excluded.last_push_at, pushes = excluded.pushes, failures = excluded.failures,
			rev = websub_subscriptions.rev + 1`,
		w.Source, w.ID, w.Hub, w.Topic, w.Secret, w.State, w.Reason, int64(w.Lease/time.Second),
		toMillis(w.RequestedAt), toMillis(w.VerifiedAt), toMillis(w.ExpiresAt), toMillis(w.LastPushAt),
		w.Pushes, w.Failures)
	if err != nil {
		return fmt.Errorf("store: save websub subscription of %q: %w", w.Source, err)
	}
	return nil
}

// DeleteWebSub forgets the subscription with callback id.
func (s *Store) DeleteWebSub(ctx context.Context, id string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM websub_subscriptions WHERE id = ?`, id); err != nil {
		return fmt.Errorf("store: delete websub subscription: %w", err)
	}
	return nil
}

// WebSubPushed records a verified push on the subscription with callback
// id at the given time.
func (s *Store) WebSubPushed(ctx context.Context, id string, at time.Time) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE websub_subscriptions SET last_push_at = ?, pushes = pushes + 1 WHERE id = ?`,
		toMillis(at), id); err != nil {
		return fmt.Errorf("store: websub push: %w", err)
	}
	return nil
}

// CreateWebSub records w as its source's new subscription (a new callback
// id and secret) in place of the version prev the caller read (0: the
// caller saw none). It reports false, writing nothing, when the source's
// row is no longer that version: another daemon changed it first, and the
// caller reads it again. On success the returned WebSub carries its
// version.
func (s *Store) CreateWebSub(ctx context.Context, w WebSub, prev int64) (WebSub, bool, error) {
	// The conflict clause applies the update only where the row is the
	// version read; with none read, only the insert may apply.
	const q = `INSERT INTO websub_subscriptions (` + websubCols + `)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
		ON CONFLICT (source) DO UPDATE SET id = excluded.id, hub = excluded.hub, topic = excluded.topic,
			secret = excluded.secret, state = excluded.state, reason = excluded.reason,
			lease_seconds = excluded.lease_seconds, requested_at = excluded.requested_at,
			verified_at = excluded.verified_at, expires_at = excluded.expires_at,
			last_push_at = excluded.last_push_at, pushes = excluded.pushes, failures = excluded.failures,
			rev = websub_subscriptions.rev + 1
		WHERE websub_subscriptions.rev = ?
		RETURNING rev`
	var rev int64
	err := s.db.QueryRowContext(ctx, q, w.Source, w.ID, w.Hub, w.Topic, w.Secret, w.State, w.Reason,
		int64(w.Lease/time.Second), toMillis(w.RequestedAt), toMillis(w.VerifiedAt), toMillis(w.ExpiresAt),
		toMillis(w.LastPushAt), w.Pushes, w.Failures, prev).Scan(&rev)
	if errors.Is(err, sql.ErrNoRows) {
		return WebSub{}, false, nil
	}
	if err != nil {
		return WebSub{}, false, fmt.Errorf("store: create websub subscription of %q: %w", w.Source, err)
	}
	w.Rev = rev
	return w, true, nil
}

// UpdateWebSub writes w over its source's row if that row is still the
// version w was read at (w.Rev) and has w's callback id: a compare-and-set,
// so that of several daemons acting on one subscription (sending its
// request, recording its verification) one does and the others see it.
// It reports false, writing nothing, when the row changed; on success the
// returned WebSub carries the new version. The push count and time are
// left as stored (WebSubPushed keeps them).
func (s *Store) UpdateWebSub(ctx context.Context, w WebSub) (WebSub, bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE websub_subscriptions SET hub = ?, topic = ?, secret = ?, state = ?,
			reason = ?, lease_seconds = ?, requested_at = ?, verified_at = ?, expires_at = ?, failures = ?,
			rev = rev + 1
		WHERE source = ? AND id = ? AND rev = ?`,
		w.Hub, w.Topic, w.Secret, w.State, w.Reason, int64(w.Lease/time.Second), toMillis(w.RequestedAt),
		toMillis(w.VerifiedAt), toMillis(w.ExpiresAt), w.Failures, w.Source, w.ID, w.Rev)
	if err != nil {
		return WebSub{}, false, fmt.Errorf("store: update websub subscription of %q: %w", w.Source, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return WebSub{}, false, fmt.Errorf("store: update websub subscription of %q: %w", w.Source, err)
	}
	if n == 0 {
		return WebSub{}, false, nil
	}
	w.Rev++
	return w, true, nil
}
