package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/redact"
)

// Send is one message of the outbox: one or more deliveries sent together.
type Send struct {
	ID          int64
	Kind        string // SendMention | SendGroup | SendWave | SendFold
	Channel     string
	Target      string
	Brand       string
	Route       string
	Frequency   string
	PeriodStart time.Time
	PeriodEnd   time.Time
	Status      string
	Attempts    int
	NextAttempt time.Time
	LastError   string
	CreatedAt   time.Time
	AttemptedAt time.Time
	SentAt      time.Time
	// ExtChannel and ExtID say where the message landed (a Slack channel
	// ID and message ts, a Telegram chat and message id).
	ExtChannel string
	ExtID      string
	// Urgency orders due sends: UrgencyWave, UrgencyCritical,
	// UrgencyNormal.
	Urgency int
}

// Delivery is one stored delivery.
type Delivery struct {
	ID          int64
	Key         string
	MentionID   int64
	WaveID      int64
	Kind        string
	Route       string
	Channel     string
	Target      string
	Brand       string
	Frequency   string
	Severity    string
	Followup    bool
	ThreadURL   string
	Growth      int
	Why         string
	PeriodStart time.Time
	DueAt       time.Time
	HoldUntil   time.Time
	Status      string
	SendID      int64
	CreatedAt   time.Time
	SentAt      time.Time
}

const sendCols = `id, kind, channel, target, brand, route, frequency, period_start, period_end, status,
	attempts, next_attempt_at, last_error, created_at, attempted_at, sent_at, ext_channel, ext_id, urgency`

func scanSend(sc interface{ Scan(...any) error }) (Send, error) {
	var s Send
	var ps, pe, attempted, sent sql.NullInt64
	var next, created int64
	err := sc.Scan(&s.ID, &s.Kind, &s.Channel, &s.Target, &s.Brand, &s.Route, &s.Frequency, &ps, &pe,
		&s.Status, &s.Attempts, &next, &s.LastError, &created, &attempted, &sent, &s.ExtChannel, &s.ExtID, &s.Urgency)
	s.PeriodStart, s.PeriodEnd = fromMillis(ps), fromMillis(pe)
	s.NextAttempt, s.CreatedAt = time.UnixMilli(next).UTC(), time.UnixMilli(created).UTC()
	s.AttemptedAt, s.SentAt = fromMillis(attempted), fromMillis(sent)
	return s, err
}

const deliveryCols = `id, dedup_key, mention_id, wave_id, kind, route, channel, target, brand, frequency,
	severity, followup, thread_url, growth, why, period_start, due_at, hold_until, status, send_id,
	created_at, sent_at`

func scanDelivery(sc interface{ Scan(...any) error }) (Delivery, error) {
	var d Delivery
	var mention, wave, send, ps, hold, sent sql.NullInt64
	var due, created int64
	err := sc.Scan(&d.ID, &d.Key, &mention, &wave, &d.Kind, &d.Route, &d.Channel, &d.Target, &d.Brand,
		&d.Frequency, &d.Severity, &d.Followup, &d.ThreadURL, &d.Growth, &d.Why, &ps, &due, &hold,
		&d.Status, &send, &created, &sent)
	d.MentionID, d.WaveID, d.SendID = mention.Int64, wave.Int64, send.Int64
	d.PeriodStart, d.HoldUntil, d.SentAt = fromMillis(ps), fromMillis(hold), fromMillis(sent)
	d.DueAt, d.CreatedAt = time.UnixMilli(due).UTC(), time.UnixMilli(created).UTC()
	return d, err
}

// BatchDeliveries binds every due delivery to a send, in one transaction:
// an as-it-happens delivery or a wave gets a send of its own; grouped
// deliveries get one send per (channel, target, brand, frequency, period).
// A delivery is due when its due time has come (for a grouped one, the end
// of its period: a group is never sent before its period is over, or it
// would be split in two) and it is not held (quiet hours). It returns how
// many sends it created. It never folds (see BatchDeliveriesBurst).
func (s *Store) BatchDeliveries(ctx context.Context, now time.Time) (int, error) {
	return s.BatchDeliveriesBurst(ctx, now, 0)
}

// BatchDeliveriesBurst is BatchDeliveries that folds storms: once burst
// single as-it-happens alerts, of any brand, wait for one channel and
// target or went there in the last BurstWindow, further as-it-happens
// alerts to it are bound to one fold send (SendFold) per brand — the
// brand's open one while it is still pending, else a new one. Critical
// deliveries of a batch take the single places first. burst 0 never
// folds.
func (s *Store) BatchDeliveriesBurst(ctx context.Context, now time.Time, burst int) (int, error) {
	where := ` WHERE send_id IS NULL AND status = ? AND (hold_until IS NULL OR hold_until <= ?) AND due_at <= ?`
	args := []any{OutboxPending, now.UnixMilli(), now.UnixMilli()}
	// Look first, so that an idle pass takes no write lock.
	var one int
	err := s.rdb.QueryRowContext(ctx, `SELECT 1 FROM deliveries`+where+` LIMIT 1`, args...).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: due deliveries: %w", err)
	}
	created := 0
	err = s.Tx(ctx, func(tx *Tx) error {
		created = 0
		rows, err := tx.QueryContext(ctx, `SELECT `+deliveryCols+` FROM deliveries`+where+` ORDER BY id`, args...)
		if err != nil {
			return fmt.Errorf("store: due deliveries: %w", err)
		}
		var due []Delivery
		for rows.Next() {
			d, err := scanDelivery(rows)
			if err != nil {
				rows.Close()
				return fmt.Errorf("store: due deliveries: %w", err)
			}
			due = append(due, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: due deliveries: %w", err)
		}
		var folds *folder
		if burst > 0 {
			folds = newFolder(tx, burst, now)
			criticalFirst(due)
		}
		type groupKey struct {
			channel, target, brand, freq string
			period                       int64
		}
		groups := map[groupKey]int64{}
		for _, d := range due {
			var sendID int64
			switch {
			case d.Kind == DeliveryMention && d.Frequency != FrequencyAsItHappens:
				k := groupKey{d.Channel, d.Target, d.Brand, d.Frequency, d.PeriodStart.UnixMilli()}
				sendID = groups[k]
				if sendID == 0 {
					sendID, err = insertSend(ctx, tx, SendGroup, d, now, UrgencyNormal)
					if err != nil {
						return err
					}
					groups[k] = sendID
					created++
				}
			case d.Kind == DeliveryWave:
				sendID, err = insertSend(ctx, tx, SendWave, d, now, UrgencyWave)
				if err != nil {
					return err
				}
				created++
			case d.Kind == DeliveryReminder:
				u := UrgencyNormal
				if d.Severity == model.SeverityCritical {
					u = UrgencyCritical
				}
				sendID, err = insertSend(ctx, tx, SendReminder, d, now, u)
				if err != nil {
					return err
				}
				created++
			default:
				var isNew bool
				if folds != nil {
					sendID, isNew, err = folds.bind(ctx, d)
					if err != nil {
						return err
					}
				}
				if sendID == 0 {
					u, err := followupUrgency(ctx, tx, d)
					if err != nil {
						return err
					}
					sendID, err = insertSend(ctx, tx, SendMention, d, now, u)
					if err != nil {
						return err
					}
					isNew = true
				}
				if isNew {
					created++
				}
			}
			res, err := tx.ExecContext(ctx, `UPDATE deliveries SET send_id = ?, status = ? WHERE id = ? AND send_id IS NULL`,
				sendID, OutboxQueued, d.ID)
			if err != nil {
				return fmt.Errorf("store: bind delivery: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return errBatchRaced // another daemon batched it (outbox_claims.go)
			}
			// A group or fold holding a critical mention is critical.
			if u := deliveryUrgency(d); u < UrgencyNormal && d.Kind == DeliveryMention {
				if _, err := tx.ExecContext(ctx, `UPDATE sends SET urgency = ?
					WHERE id = ? AND kind IN ('group', 'fold') AND urgency > ?`, u, sendID, u); err != nil {
					return fmt.Errorf("store: send urgency: %w", err)
				}
			}
		}
		return nil
	})
	if errors.Is(err, errBatchRaced) {
		return 0, nil
	}
	return created, err
}

// deliveryUrgency is how urgent a delivery is: a wave, a critical mention,
// anything else.
func deliveryUrgency(d Delivery) int {
	switch {
	case d.Kind == DeliveryWave:
		return UrgencyWave
	case d.Severity == model.SeverityCritical:
		return UrgencyCritical
	}
	return UrgencyNormal
}

func insertSend(ctx context.Context, tx *Tx, kind string, d Delivery, now time.Time, urgency int) (int64, error) {
	var periodEnd any
	if kind == SendGroup {
		periodEnd = d.DueAt.UnixMilli()
	}
	id, _, err := tx.insertID(ctx, `INSERT INTO sends (kind, channel, target, brand, route, frequency,
		period_start, period_end, next_attempt_at, created_at, urgency) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		kind, d.Channel, d.Target, d.Brand, d.Route, d.Frequency, toMillis(d.PeriodStart), periodEnd,
		now.UnixMilli(), now.UnixMilli(), urgency)
	if err != nil {
		return 0, fmt.Errorf("store: insert send: %w", err)
	}
	return id, nil
}

// SendCursor is a position in the order of due sends (urgency, then id):
// DueSends returns the sends after it. The zero cursor is the start.
type SendCursor struct {
	Urgency int
	ID      int64
}

// After returns the cursor just past sd.
func (sd Send) After() SendCursor { return SendCursor{Urgency: sd.Urgency, ID: sd.ID} }

// dueSendsSQL takes unsent sends in urgency order. The status literals let
// SQLite use the partial index sends_urgent, which holds unsent sends only.
const dueSendsSQL = `SELECT ` + sendCols + ` FROM sends INDEXED BY sends_urgent
	WHERE status IN ('pending', 'sending') AND next_attempt_at <= ? AND (urgency, id) > (?, ?)
	ORDER BY urgency, id LIMIT ?`

// DueSends returns up to limit sends that are pending or were left
// sending, whose next attempt is due by now, most urgent first — waves,
// then anything critical, then the rest, oldest first within each — and
// after the cursor.
func (s *Store) DueSends(ctx context.Context, now time.Time, after SendCursor, limit int) ([]Send, error) {
	rows, err := s.rdb.QueryContext(ctx, dueSendsSQL, now.UnixMilli(), after.Urgency, after.ID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: due sends: %w", err)
	}
	defer rows.Close()
	var out []Send
	for rows.Next() {
		sd, err := scanSend(rows)
		if err != nil {
			return nil, fmt.Errorf("store: due sends: %w", err)
		}
		out = append(out, sd)
	}
	return out, rows.Err()
}

// SendByID returns one send, or ErrNotFound.
func (s *Store) SendByID(ctx context.Context, id int64) (Send, error) {
	sd, err := scanSend(s.rdb.QueryRowContext(ctx, `SELECT `+sendCols+` FROM sends WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return sd, ErrNotFound
	}
	if err != nil {
		return sd, fmt.Errorf("store: send %d: %w", id, err)
	}
	return sd, nil
}

// Sends lists every send, oldest first (for tests and diagnostics).
func (s *Store) Sends(ctx context.Context) ([]Send, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT `+sendCols+` FROM sends ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: sends: %w", err)
	}
	defer rows.Close()
	var out []Send
	for rows.Next() {
		sd, err := scanSend(rows)
		if err != nil {
			return nil, fmt.Errorf("store: sends: %w", err)
		}
		out = append(out, sd)
	}
	return out, rows.Err()
}

// SendDeliveries returns the deliveries bound to a send, in order.
func (s *Store) SendDeliveries(ctx context.Context, sendID int64) ([]Delivery, error) {
	return s.deliveries(ctx, `WHERE send_id = ? ORDER BY id`, sendID)
}

// Deliveries lists every delivery, in order (for tests and diagnostics).
func (s *Store) Deliveries(ctx context.Context) ([]Delivery, error) {
	return s.deliveries(ctx, `ORDER BY id`)
}

func (s *Store) deliveries(ctx context.Context, where string, args ...any) ([]Delivery, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT `+deliveryCols+` FROM deliveries `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: deliveries: %w", err)
	}
	defer rows.Close()
	var out []Delivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, fmt.Errorf("store: deliveries: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// MarkSendAttempt records that an attempt starts now: the send is
// "sending" until its outcome is recorded, so a crash mid-attempt leaves a
// trace that the next attempt must check first.
func (s *Store) MarkSendAttempt(ctx context.Context, id int64, now time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE sends SET status = ?, attempts = attempts + 1,
		attempted_at = ?, next_attempt_at = ? WHERE id = ? AND status IN (?, ?)`,
		OutboxSending, now.UnixMilli(), now.UnixMilli(), id, OutboxPending, OutboxSending)
	if err != nil {
		return fmt.Errorf("store: mark send attempt: %w", err)
	}
	return nil
}

// MarkSendSent records a delivered send and its deliveries in one
// transaction, with where it landed.
func (s *Store) MarkSendSent(ctx context.Context, id int64, extChannel, extID string, now time.Time) error {
	return s.Tx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE sends SET status = ?, sent_at = ?, last_error = '',
			ext_channel = ?, ext_id = ?, claim_until = NULL WHERE id = ?`, OutboxSent, now.UnixMilli(), extChannel, extID, id); err != nil {
			return fmt.Errorf("store: mark send sent: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE deliveries SET status = ?, sent_at = ? WHERE send_id = ?`,
			OutboxSent, now.UnixMilli(), id); err != nil {
			return fmt.Errorf("store: mark deliveries sent: %w", err)
		}
		return nil
	})
}

// MarkSendRetry schedules another attempt at next. When the failed
// attempt may still have reached its destination (uncertain), the send
// stays "sending" so that the next attempt checks first.
func (s *Store) MarkSendRetry(ctx context.Context, id int64, next time.Time, errText string, uncertain bool) error {
	status := OutboxPending
	if uncertain {
		status = OutboxSending
	}
	_, err := s.db.ExecContext(ctx, `UPDATE sends SET status = ?, next_attempt_at = ?, last_error = ?,
		claim_until = NULL WHERE id = ?`, status, next.UnixMilli(), redact.Text(errText), id)
	if err != nil {
		return fmt.Errorf("store: mark send retry: %w", err)
	}
	return nil
}

// MarkSendFailed records a send that failed for good, and its deliveries.
// It returns how many deliveries failed with it.
func (s *Store) MarkSendFailed(ctx context.Context, id int64, errText string, now time.Time) (int, error) {
	var n int64
	err := s.Tx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE sends SET status = ?, last_error = ?, next_attempt_at = ?,
			claim_until = NULL WHERE id = ?`, OutboxFailed, redact.Text(errText), now.UnixMilli(), id); err != nil {
			return fmt.Errorf("store: mark send failed: %w", err)
		}
		res, err := tx.ExecContext(ctx, `UPDATE deliveries SET status = ? WHERE send_id = ?`, OutboxFailed, id)
		if err != nil {
			return fmt.Errorf("store: mark deliveries failed: %w", err)
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return int(n), err
}

// DeferSends postpones, to until, the next attempt of every unsent send to
// channel and target that is due earlier — the way one failure (an outage,
// a rate limit) holds back the rest of that destination's queue.
func (s *Store) DeferSends(ctx context.Context, channel, target string, until time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE sends SET next_attempt_at = ?
		WHERE channel = ? AND target = ? AND status IN (?, ?) AND next_attempt_at < ?`,
		until.UnixMilli(), channel, target, OutboxPending, OutboxSending, until.UnixMilli())
	if err != nil {
		return fmt.Errorf("store: defer sends: %w", err)
	}
	return nil
}

// DeferSend postpones one send without counting an attempt.
func (s *Store) DeferSend(ctx context.Context, id int64, until time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE sends SET next_attempt_at = ?, claim_until = NULL WHERE id = ?`, until.UnixMilli(), id)
	if err != nil {
		return fmt.Errorf("store: defer send: %w", err)
	}
	return nil
}

// ThreadRoot returns the send that first alerted the thread (a mention of
// brand with this thread URL, as it happened) on channel and target, and
// false when there is none.
func (s *Store) ThreadRoot(ctx context.Context, brand, threadURL, channel, target string) (Send, bool, error) {
	sd, err := scanSend(s.rdb.QueryRowContext(ctx, `SELECT `+prefixed("s.", sendCols)+`
		FROM deliveries d JOIN sends s ON s.id = d.send_id
		WHERE d.brand = ? AND d.thread_url = ? AND d.thread_url != '' AND d.channel = ? AND d.target = ?
			AND d.kind = 'mention' AND d.frequency = 'as_it_happens' AND d.followup = 0 AND s.status NOT IN (?, ?)
		ORDER BY s.id LIMIT 1`,
		brand, threadURL, channel, target, OutboxFailed, OutboxCancelled))
	if errors.Is(err, sql.ErrNoRows) {
		return sd, false, nil
	}
	if err != nil {
		return sd, false, fmt.Errorf("store: thread root: %w", err)
	}
	return sd, true, nil
}

// ThreadRootPending reports whether a root alert of the thread on channel
// and target is still waiting to be bound to a send.
func (s *Store) ThreadRootPending(ctx context.Context, brand, threadURL, channel, target string) (bool, error) {
	var one int
	err := s.rdb.QueryRowContext(ctx, `SELECT 1 FROM deliveries
		WHERE brand = ? AND thread_url = ? AND thread_url != '' AND channel = ? AND target = ?
			AND kind = 'mention' AND frequency = 'as_it_happens' AND followup = 0 AND send_id IS NULL
			AND status = ? LIMIT 1`,
		brand, threadURL, channel, target, OutboxPending).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: thread root pending: %w", err)
	}
	return true, nil
}

// LastExtChannel returns where the latest delivered send to channel and
// target landed (e.g. the Slack channel ID of "#pr-alerts"), or "".
func (s *Store) LastExtChannel(ctx context.Context, channel, target string) (string, error) {
	var ext string
	err := s.rdb.QueryRowContext(ctx, `SELECT ext_channel FROM sends
		WHERE channel = ? AND target = ? AND status = ? AND ext_channel != '' ORDER BY id DESC LIMIT 1`,
		channel, target, OutboxSent).Scan(&ext)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: last channel: %w", err)
	}
	return ext, nil
}

// NextOutboxWake returns the earliest time something in the outbox becomes
// due: a delivery's due or hold time, or a send's next attempt. ok is
// false when nothing is waiting.
func (s *Store) NextOutboxWake(ctx context.Context) (next time.Time, ok bool, err error) {
	var a, b sql.NullInt64
	err = s.rdb.QueryRowContext(ctx, `SELECT MIN(CASE WHEN hold_until > due_at THEN hold_until ELSE due_at END) FROM deliveries
		WHERE send_id IS NULL AND status = ?`, OutboxPending).Scan(&a)
	if err != nil {
		return next, false, fmt.Errorf("store: next wake: %w", err)
	}
	err = s.rdb.QueryRowContext(ctx, `SELECT MIN(next_attempt_at) FROM sends WHERE status IN (?, ?)`,
		OutboxPending, OutboxSending).Scan(&b)
	if err != nil {
		return next, false, fmt.Errorf("store: next wake: %w", err)
	}
	switch {
	case a.Valid && b.Valid:
		return time.UnixMilli(min(a.Int64, b.Int64)).UTC(), true, nil
	case a.Valid:
		return time.UnixMilli(a.Int64).UTC(), true, nil
	case b.Valid:
		return time.UnixMilli(b.Int64).UTC(), true, nil
	}
	return next, false, nil
}

func prefixed(p, cols string) string {
	out := make([]byte, 0, len(cols)*2)
	start := true
	for i := 0; i < len(cols); i++ {
		c := cols[i]
		if start && c != ' ' && c != '\t' && c != '\n' && c != ',' {
			out = append(out, p...)
			start = false
		}
		if c == ',' {
			start = true
		}
		out = append(out, c)
	}
	return string(out)
}
