package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// OutboxEntry is one delivery not yet delivered, as `mentionwatch outbox`
// lists it: pending (waiting for its period or quiet hours to end, due, or
// being retried) or failed for good.
type OutboxEntry struct {
	// ID is the delivery's id: what `mentionwatch outbox retry` takes.
	ID int64
	// Status is OutboxPending or OutboxFailed.
	Status    string
	MentionID int64 // or 0 (a wave)
	WaveID    int64 // or 0
	Kind      string
	Brand     string
	Route     string
	Channel   string
	Target    string
	Frequency string
	// SendID is the message the delivery is part of (several for an
	// hourly or daily group), or 0 while it waits to be grouped.
	SendID int64
	// Attempts and LastError are the message's.
	Attempts  int
	LastError string
	// Next is when a pending delivery is next due: the end of its period
	// or of quiet hours, or its message's next attempt. It is zero for a
	// failed one.
	Next      time.Time
	CreatedAt time.Time
}

// OutboxEntries lists every delivery that is pending or failed, oldest
// first.
func (s *Store) OutboxEntries(ctx context.Context) ([]OutboxEntry, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT d.id, d.status, d.mention_id, d.wave_id, d.kind, d.brand,
			d.route, d.channel, d.target, d.frequency, d.due_at, d.hold_until, d.created_at,
			s.id, s.attempts, s.last_error, s.next_attempt_at
		FROM deliveries d LEFT JOIN sends s ON s.id = d.send_id
		WHERE d.status IN (?, ?, ?) ORDER BY d.id`, OutboxPending, OutboxQueued, OutboxFailed)
	if err != nil {
		return nil, fmt.Errorf("store: outbox entries: %w", err)
	}
	defer rows.Close()
	var out []OutboxEntry
	for rows.Next() {
		var e OutboxEntry
		var mention, wave, hold, send, attempts, next sql.NullInt64
		var lastErr sql.NullString
		var due, created int64
		if err := rows.Scan(&e.ID, &e.Status, &mention, &wave, &e.Kind, &e.Brand, &e.Route, &e.Channel,
			&e.Target, &e.Frequency, &due, &hold, &created, &send, &attempts, &lastErr, &next); err != nil {
			return nil, fmt.Errorf("store: outbox entries: %w", err)
		}
		e.MentionID, e.WaveID, e.SendID = mention.Int64, wave.Int64, send.Int64
		e.Attempts, e.LastError = int(attempts.Int64), lastErr.String
		e.CreatedAt = time.UnixMilli(created).UTC()
		switch {
		case e.Status == OutboxFailed:
		case send.Valid:
			e.Next = time.UnixMilli(next.Int64).UTC()
		default:
			e.Next = time.UnixMilli(max(due, hold.Int64)).UTC()
		}
		if e.Status != OutboxFailed {
			e.Status = OutboxPending
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// NotFailedError is returned by RequeueFailedDeliveries when an id is not
// a failed delivery; nothing was requeued.
type NotFailedError struct {
	Unknown []int64 // no such delivery (never, or pruned)
	Pending []int64 // not delivered yet, and not failed
	Sent    []int64 // delivered
}

func (e *NotFailedError) Error() string {
	return sayIDs(
		idList{e.Unknown, "no delivery %d in the outbox", "no deliveries %s in the outbox"},
		idList{e.Pending, "delivery %d is pending, not failed", "deliveries %s are pending, not failed"},
		idList{e.Sent, "delivery %d was sent", "deliveries %s were sent"})
}

// idList is a list of ids with how to say one of them (a format taking
// the id) and several (one taking them joined by joinIDs).
type idList struct {
	ids       []int64
	one, many string
}

// sayIDs says what each list that is not empty holds, "; " between them.
func sayIDs(lists ...idList) string {
	var parts []string
	for _, l := range lists {
		switch len(l.ids) {
		case 0:
		case 1:
			parts = append(parts, fmt.Sprintf(l.one, l.ids[0]))
		default:
			parts = append(parts, fmt.Sprintf(l.many, joinIDs(l.ids)))
		}
	}
	return strings.Join(parts, "; ")
}

func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ", ")
}

// RequeueFailedDeliveries puts the failed deliveries with the given ids
// back in the queue, in one transaction, after the cause of the failure
// (a revoked token, a deleted channel) was fixed. A message all of whose
// deliveries are requeued is attempted again as it was; deliveries taken
// out of a message that also holds others are grouped again like new
// ones, as their period and target say. When an id is not a failed
// delivery it returns a *NotFailedError and changes nothing. It returns
// how many deliveries it requeued.
func (s *Store) RequeueFailedDeliveries(ctx context.Context, now time.Time, ids []int64) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	return s.requeueFailed(ctx, now, ids)
}

// RequeueAllFailedDeliveries puts every failed delivery back in the
// queue, as RequeueFailedDeliveries does. It returns how many.
func (s *Store) RequeueAllFailedDeliveries(ctx context.Context, now time.Time) (int, error) {
	return s.requeueFailed(ctx, now, nil)
}

// requeueFailed requeues the failed deliveries with the given ids, or
// every one when ids is nil.
func (s *Store) requeueFailed(ctx context.Context, now time.Time, ids []int64) (int, error) {
	n := 0
	err := s.Tx(ctx, func(tx *Tx) error {
		n = 0
		bySend, err := failedBySend(ctx, tx, ids)
		if err != nil {
			return err
		}
		for sendID, ds := range bySend {
			var total int
			if sendID != 0 {
				if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM deliveries WHERE send_id = ?`,
					sendID).Scan(&total); err != nil {
					return fmt.Errorf("store: requeue: %w", err)
				}
			}
			if sendID != 0 && total == len(ds) {
				// The whole message: attempt it again as it was.
				if _, err := tx.ExecContext(ctx, `UPDATE sends SET status = ?, attempts = 0, next_attempt_at = ?
					WHERE id = ? AND status = ?`, OutboxPending, now.UnixMilli(), sendID, OutboxFailed); err != nil {
					return fmt.Errorf("store: requeue send %d: %w", sendID, err)
				}
				if _, err := tx.ExecContext(ctx, `UPDATE deliveries SET status = ? WHERE send_id = ?`,
					OutboxQueued, sendID); err != nil {
					return fmt.Errorf("store: requeue deliveries of send %d: %w", sendID, err)
				}
			} else {
				// Part of a message: out of it, to be grouped anew.
				for _, id := range ds {
					if _, err := tx.ExecContext(ctx, `UPDATE deliveries SET status = ?, send_id = NULL
						WHERE id = ?`, OutboxPending, id); err != nil {
						return fmt.Errorf("store: requeue delivery %d: %w", id, err)
					}
				}
			}
			n += len(ds)
		}
		return nil
	})
	return n, err
}

// failedBySend returns the failed deliveries among ids (every one when
// ids is nil) by the send they failed in (0: none). When an id is not a
// failed delivery it returns a *NotFailedError.
func failedBySend(ctx context.Context, tx *Tx, ids []int64) (map[int64][]int64, error) {
	out := map[int64][]int64{}
	if ids == nil {
		rows, err := tx.QueryContext(ctx, `SELECT id, send_id FROM deliveries WHERE status = ? ORDER BY id`, OutboxFailed)
		if err != nil {
			return nil, fmt.Errorf("store: failed deliveries: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var send sql.NullInt64
			if err := rows.Scan(&id, &send); err != nil {
				return nil, fmt.Errorf("store: failed deliveries: %w", err)
			}
			out[send.Int64] = append(out[send.Int64], id)
		}
		return out, rows.Err()
	}
	var nf NotFailedError
	for _, id := range slices.Compact(slices.Sorted(slices.Values(ids))) {
		var status string
		var send sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT status, send_id FROM deliveries WHERE id = ?`, id).Scan(&status, &send)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			nf.Unknown = append(nf.Unknown, id)
		case err != nil:
			return nil, fmt.Errorf("store: delivery %d: %w", id, err)
		case status == OutboxFailed:
			out[send.Int64] = append(out[send.Int64], id)
		case status == OutboxSent:
			nf.Sent = append(nf.Sent, id)
		default:
			nf.Pending = append(nf.Pending, id)
		}
	}
	if nf.Unknown != nil || nf.Pending != nil || nf.Sent != nil {
		return nil, &nf
	}
	return out, nil
}
