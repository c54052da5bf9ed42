package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// OutboxStatus summarises the outbox for `mentionwatch sources`, logs and
// the health endpoint.
type OutboxStatus struct {
	// Pending counts alerts not yet delivered: sends waiting for an
	// attempt or a retry, and deliveries not yet grouped into a send.
	Pending int
	// Held counts deliveries held back by quiet hours (part of Pending).
	Held int
	// Failed counts sends that failed for good.
	Failed int
	// Sent counts delivered sends.
	Sent int
	// OldestPending is when the oldest pending alert was created.
	OldestPending time.Time
	// LastError is the error of the latest failed or retried send, and
	// LastErrorAt when that send was last attempted.
	LastError   string
	LastErrorAt time.Time
}

// OutboxStatus returns the outbox summary at now.
func (s *Store) OutboxStatus(ctx context.Context, now time.Time) (OutboxStatus, error) {
	var st OutboxStatus
	var oldestSend, oldestDelivery sql.NullInt64
	err := s.rdb.QueryRowContext(ctx, `SELECT
			COUNT(*) FILTER (WHERE status IN (?, ?)),
			COUNT(*) FILTER (WHERE status = ?),
			COUNT(*) FILTER (WHERE status = ?),
			MIN(created_at) FILTER (WHERE status IN (?, ?))
		FROM sends`,
		OutboxPending, OutboxSending, OutboxFailed, OutboxSent, OutboxPending, OutboxSending).
		Scan(&st.Pending, &st.Failed, &st.Sent, &oldestSend)
	if err != nil {
		return st, fmt.Errorf("store: outbox status: %w", err)
	}
	var unbatched int
	err = s.rdb.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(*) FILTER (WHERE hold_until > ?), MIN(created_at)
		FROM deliveries WHERE send_id IS NULL AND status = ?`, now.UnixMilli(), OutboxPending).
		Scan(&unbatched, &st.Held, &oldestDelivery)
	if err != nil {
		return st, fmt.Errorf("store: outbox status: %w", err)
	}
	st.Pending += unbatched
	switch {
	case oldestSend.Valid && oldestDelivery.Valid:
		st.OldestPending = time.UnixMilli(min(oldestSend.Int64, oldestDelivery.Int64)).UTC()
	case oldestSend.Valid:
		st.OldestPending = time.UnixMilli(oldestSend.Int64).UTC()
	case oldestDelivery.Valid:
		st.OldestPending = time.UnixMilli(oldestDelivery.Int64).UTC()
	}
	var at sql.NullInt64
	err = s.rdb.QueryRowContext(ctx, `SELECT last_error, attempted_at FROM sends
		WHERE last_error != '' AND status NOT IN (?, ?) ORDER BY attempted_at DESC, id DESC LIMIT 1`,
		OutboxSent, OutboxCancelled).
		Scan(&st.LastError, &at)
	if err != nil && err != sql.ErrNoRows {
		return st, fmt.Errorf("store: outbox status: %w", err)
	}
	st.LastErrorAt = fromMillis(at)
	return st, nil
}

// UndeliveredCount counts the deliveries a flush at now would still have
// to deliver: those of unsent sends, and those not yet bound to a send
// that are due (a grouped one once its period has ended) and not held by
// quiet hours.
func (s *Store) UndeliveredCount(ctx context.Context, now time.Time) (int, error) {
	var a, b int
	if err := s.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM deliveries WHERE send_id IN
		(SELECT id FROM sends WHERE status IN (?, ?))`, OutboxPending, OutboxSending).Scan(&a); err != nil {
		return 0, fmt.Errorf("store: undelivered: %w", err)
	}
	if err := s.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM deliveries
		WHERE send_id IS NULL AND status = ? AND (hold_until IS NULL OR hold_until <= ?) AND due_at <= ?`,
		OutboxPending, now.UnixMilli(), now.UnixMilli()).Scan(&b); err != nil {
		return 0, fmt.Errorf("store: undelivered: %w", err)
	}
	return a + b, nil
}

// RequeueFailedSends makes every failed send pending again (after the
// configuration that made them fail was fixed). It returns how many.
func (s *Store) RequeueFailedSends(ctx context.Context, now time.Time) (int, error) {
	var n int64
	err := s.Tx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE deliveries SET status = ? WHERE status = ? AND send_id IN
			(SELECT id FROM sends WHERE status = ?)`, OutboxQueued, OutboxFailed, OutboxFailed); err != nil {
			return fmt.Errorf("store: requeue deliveries: %w", err)
		}
		res, err := tx.ExecContext(ctx, `UPDATE sends SET status = ?, attempts = 0, next_attempt_at = ?
			WHERE status = ?`, OutboxPending, now.UnixMilli(), OutboxFailed)
		if err != nil {
			return fmt.Errorf("store: requeue sends: %w", err)
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return int(n), err
}

// PruneOutbox deletes delivered, failed and cancelled sends created before before,
// with their deliveries, and closed waves that ended before it. It returns
// how many sends it deleted.
func (s *Store) PruneOutbox(ctx context.Context, before time.Time) (int, error) {
	var n int64
	err := s.Tx(ctx, func(tx *Tx) error {
		cut := before.UnixMilli()
		if _, err := tx.ExecContext(ctx, `DELETE FROM deliveries WHERE send_id IN
			(SELECT id FROM sends WHERE status IN (?, ?, ?) AND created_at < ?)`, OutboxSent, OutboxFailed, OutboxCancelled, cut); err != nil {
			return fmt.Errorf("store: prune deliveries: %w", err)
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM sends WHERE status IN (?, ?, ?) AND created_at < ?`,
			OutboxSent, OutboxFailed, OutboxCancelled, cut)
		if err != nil {
			return fmt.Errorf("store: prune sends: %w", err)
		}
		n, _ = res.RowsAffected()
		if _, err := tx.ExecContext(ctx, `DELETE FROM waves WHERE ended_at IS NOT NULL AND ended_at < ?
			AND id NOT IN (SELECT wave_id FROM deliveries WHERE wave_id IS NOT NULL)`, cut); err != nil {
			return fmt.Errorf("store: prune waves: %w", err)
		}
		return nil
	})
	return int(n), err
}
