package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// slaSchema indexes what the SLA check asks: the mentions still new, by
// severity and time found (a partial index: handled ones drop out of it),
// and the deliveries of a mention, by kind.
const slaSchema = `
CREATE INDEX mentions_sla ON mentions(severity, found_at) WHERE status = 'new' AND backfill = 0;
CREATE INDEX deliveries_mention_kind ON deliveries(mention_id, kind) WHERE mention_id IS NOT NULL;
`

// DeliveryReminder is the kind of a reminder: a mention still new when
// its SLA ran out, for one target (the alert's, or alerts.escalate_to).
// Its key is "r:<mention>:<channel>:<target>", so a mention gets one
// reminder per target however many checks see it.
const DeliveryReminder = "reminder"

// SendReminder is the send kind of a reminder: one per delivery.
const SendReminder = "reminder"

// OutboxCancelled is the status of a send (and its deliveries) that was
// not sent because it no longer had a reason to be: a reminder of a
// mention handled while the reminder waited (quiet hours, an outage), an
// alert whose mentions were all marked false positives or whose source
// was muted before it went out.
const OutboxCancelled = "cancelled"

// ReminderKey is the dedup key of the reminder of mention id on channel
// and target.
func ReminderKey(id int64, channel, target string) string {
	return "r:" + strconv.FormatInt(id, 10) + ":" + channel + ":" + target
}

// Overdue is a mention whose SLA ran out while it is still new.
type Overdue struct {
	ID        int64
	Brand     string
	Severity  string
	ThreadURL string
	FoundAt   time.Time
	// Alerts are the targets its alert went to (those that did not fail
	// for good), in the order they were queued.
	Alerts []AlertTarget
}

// AlertTarget is a route, channel and target a mention was alerted on.
type AlertTarget struct {
	Route   string
	Channel string
	Target  string
	// Waiting, when set, is when the alert, not sent yet, falls due: the
	// end of its hourly or daily period, or of quiet hours.
	Waiting time.Time
}

// The SLA queries spell out status = 'new' AND backfill = 0 so that
// SQLite uses the partial index mentions_sla.
const (
	overdueSQL = `SELECT m.id, m.brand, m.severity, m.thread_url, m.found_at, d.route, d.channel, d.target, d.status,
			d.send_id, d.due_at, d.hold_until
		FROM mentions m INDEXED BY mentions_sla
		JOIN deliveries d INDEXED BY deliveries_mention_kind ON d.mention_id = m.id AND d.kind = 'mention'
		WHERE m.severity = ? AND m.status = 'new' AND m.backfill = 0 AND m.found_at >= ? AND m.found_at <= ?
			AND NOT EXISTS (SELECT 1 FROM deliveries r INDEXED BY deliveries_mention_kind
				WHERE r.mention_id = m.id AND r.kind = 'reminder')
			AND NOT EXISTS (SELECT 1 FROM muted_sources ms WHERE ms.source = m.source)
		ORDER BY m.found_at, m.id, d.id`
	nextUnansweredSQL = `SELECT MIN(found_at) FROM mentions INDEXED BY mentions_sla
		WHERE severity = ? AND status = 'new' AND backfill = 0 AND found_at > ?`
)

// Overdue returns the mentions of severity found in [from, until] that
// are still new, were alerted (they have a mention delivery: not backfill,
// not from a source muted then), whose source is not muted now, and have
// no reminder yet, oldest first.
func (s *Store) Overdue(ctx context.Context, severity string, from, until time.Time) ([]Overdue, error) {
	rows, err := s.rdb.QueryContext(ctx, overdueSQL, severity, from.UnixMilli(), until.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("store: overdue mentions: %w", err)
	}
	defer rows.Close()
	var out []Overdue
	for rows.Next() {
		var o Overdue
		var found, due int64
		var t AlertTarget
		var status string
		var send, hold sql.NullInt64
		if err := rows.Scan(&o.ID, &o.Brand, &o.Severity, &o.ThreadURL, &found, &t.Route, &t.Channel, &t.Target, &status,
			&send, &due, &hold); err != nil {
			return nil, fmt.Errorf("store: overdue mentions: %w", err)
		}
		if !send.Valid && status == OutboxPending {
			t.Waiting = time.UnixMilli(max(due, hold.Int64)).UTC()
		}
		if n := len(out); n == 0 || out[n-1].ID != o.ID {
			o.FoundAt = time.UnixMilli(found).UTC()
			out = append(out, o)
		}
		if status != OutboxFailed {
			last := &out[len(out)-1]
			last.Alerts = append(last.Alerts, t)
		}
	}
	return out, rows.Err()
}

// NextUnanswered returns when the first mention of severity found after
// after and still new was found, and false when there is none.
func (s *Store) NextUnanswered(ctx context.Context, severity string, after time.Time) (time.Time, bool, error) {
	var at sql.NullInt64
	if err := s.rdb.QueryRowContext(ctx, nextUnansweredSQL, severity, after.UnixMilli()).Scan(&at); err != nil {
		return time.Time{}, false, fmt.Errorf("store: next unanswered mention: %w", err)
	}
	return fromMillis(at), at.Valid, nil
}

// EnqueueReminders queues reminder deliveries in one transaction, each
// only while its mention is still new and its source not muted (a
// mention handled, or whose source was muted, since it was found overdue
// gets none). It returns how many it queued; a key already queued is
// skipped.
func (s *Store) EnqueueReminders(ctx context.Context, ds []NewDelivery, now time.Time) (int, error) {
	n := 0
	err := s.Tx(ctx, func(tx *Tx) error {
		n = 0
		open := map[int64]bool{}
		for _, d := range ds {
			isNew, seen := open[d.MentionID]
			if !seen {
				var status string
				var muted int
				err := tx.QueryRowContext(ctx, `SELECT m.status,
						CASE WHEN EXISTS (SELECT 1 FROM muted_sources ms WHERE ms.source = m.source) THEN 1 ELSE 0 END
					FROM mentions m WHERE m.id = ?`, d.MentionID).Scan(&status, &muted)
				if err != nil && !errors.Is(err, sql.ErrNoRows) {
					return fmt.Errorf("store: reminder of mention %d: %w", d.MentionID, err)
				}
				isNew = status == model.StatusNew && muted == 0
				open[d.MentionID] = isNew
			}
			if !isNew {
				continue
			}
			ok, err := InsertDelivery(ctx, tx, d, now)
			if err != nil {
				return err
			}
			if ok {
				n++
			}
		}
		return nil
	})
	return n, err
}

// SLASince returns since when reminders of severity have been checked:
// the first time this database was asked, which it remembers. Mentions
// already overdue then get no reminder (turning alerts.sla on does not
// remind of the whole backlog).
func (s *Store) SLASince(ctx context.Context, severity string, now time.Time) (time.Time, error) {
	key := "sla_since:" + severity
	read := func(db *conn) (time.Time, error) {
		var v string
		if err := db.QueryRowContext(ctx, `SELECT value FROM outbox_meta WHERE key = ?`, key).Scan(&v); err != nil {
			return time.Time{}, err
		}
		ms, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("store: sla start %q: %w", v, err)
		}
		return time.UnixMilli(ms).UTC(), nil
	}
	// Look first, so that a check takes no write lock once it is known.
	t, err := read(s.rdb)
	if !errors.Is(err, sql.ErrNoRows) {
		return t, err
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO outbox_meta (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING`,
		key, strconv.FormatInt(now.UnixMilli(), 10)); err != nil {
		return time.Time{}, fmt.Errorf("store: sla start: %w", err)
	}
	if t, err = read(s.db); err != nil {
		return time.Time{}, fmt.Errorf("store: sla start: %w", err)
	}
	return t, nil
}

// AlertOf returns the alert delivery of mention id on channel and target
// (kind mention) and its send when it has been bound to one; found is
// false when the mention was not alerted there.
func (s *Store) AlertOf(ctx context.Context, id int64, channel, target string) (d Delivery, sd Send, found bool, err error) {
	d, err = scanDelivery(s.rdb.QueryRowContext(ctx, `SELECT `+deliveryCols+` FROM deliveries
		WHERE mention_id = ? AND kind = 'mention' AND channel = ? AND target = ? ORDER BY id LIMIT 1`,
		id, channel, target))
	if errors.Is(err, sql.ErrNoRows) {
		return d, sd, false, nil
	}
	if err != nil {
		return d, sd, false, fmt.Errorf("store: alert of mention %d: %w", id, err)
	}
	if d.SendID != 0 {
		if sd, err = s.SendByID(ctx, d.SendID); err != nil {
			return d, sd, false, err
		}
	}
	return d, sd, true, nil
}

// CancelSend records that a send will not be sent, with its deliveries:
// it leaves the queue without counting as a failure. The send keeps why
// in its last_error (not reported as an error by OutboxStatus).
func (s *Store) CancelSend(ctx context.Context, id int64, why string, now time.Time) error {
	return s.Tx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE sends SET status = ?, last_error = ?, next_attempt_at = ?,
			claim_until = NULL WHERE id = ?`, OutboxCancelled, why, now.UnixMilli(), id); err != nil {
			return fmt.Errorf("store: cancel send: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE deliveries SET status = ? WHERE send_id = ?`, OutboxCancelled, id); err != nil {
			return fmt.Errorf("store: cancel deliveries: %w", err)
		}
		return nil
	})
}
