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

const websubCols = `source, id, hub, topic, secret, state, reason, lease_seconds, requested_at, verified_at,
	expires_at, last_push_at, pushes, failures`

func scanWebSub(sc interface{ Scan(...any) error }) (WebSub, error) {
	var w WebSub
	var lease int64
	var req, ver, exp, push sql.NullInt64
	err := sc.Scan(&w.Source, &w.ID, &w.Hub, &w.Topic, &w.Secret, &w.State, &w.Reason, &lease,
		&req, &ver, &exp, &push, &w.Pushes, &w.Failures)
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

// SaveWebSub writes a source's subscription, replacing the one it had.
func (s *Store) SaveWebSub(ctx context.Context, w WebSub) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO websub_subscriptions (`+websubCols+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (source) DO UPDATE SET id = excluded.id, hub = excluded.hub, topic = excluded.topic,
			secret = excluded.secret, state = excluded.state, reason = excluded.reason,
			lease_seconds = excluded.lease_seconds, requested_at = excluded.requested_at,
			verified_at = excluded.verified_at, expires_at = excluded.expires_at,
			last_push_at = excluded.last_push_at, pushes = excluded.pushes, failures = excluded.failures`,
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
