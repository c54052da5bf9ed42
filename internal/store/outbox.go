package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// outboxSchema holds the delivery outbox.
//
//   - deliveries: one row per (mention or wave, channel, target), written in
//     the transaction that stores the mention; dedup_key makes enqueueing
//     idempotent.
//   - sends: one row per message to send. Due deliveries are bound to a
//     send in one transaction (one delivery for an as-it-happens alert,
//     many for an hourly or daily group); the send is then attempted until
//     it is sent or fails for good. A send found in state "sending" was
//     attempted without a known outcome (a crash, a timeout): notifiers
//     that can look up what they posted are asked before it is sent again.
//   - waves: negative waves per brand; at most one open wave per brand.
//   - outbox_meta: the installation's random id, part of every idempotency
//     key a notifier sends.
const outboxSchema = `
CREATE TABLE outbox_meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE waves (
	id          INTEGER PRIMARY KEY,
	brand       TEXT NOT NULL,
	started_at  INTEGER NOT NULL,
	ended_at    INTEGER,
	count       INTEGER NOT NULL,
	threshold   REAL NOT NULL,
	payload     TEXT NOT NULL DEFAULT '{}'
);
CREATE UNIQUE INDEX waves_open ON waves(brand) WHERE ended_at IS NULL;

CREATE TABLE sends (
	id              INTEGER PRIMARY KEY,
	kind            TEXT NOT NULL,
	channel         TEXT NOT NULL,
	target          TEXT NOT NULL,
	brand           TEXT NOT NULL DEFAULT '',
	route           TEXT NOT NULL DEFAULT '',
	frequency       TEXT NOT NULL DEFAULT '',
	period_start    INTEGER,
	period_end      INTEGER,
	status          TEXT NOT NULL DEFAULT 'pending',
	attempts        INTEGER NOT NULL DEFAULT 0,
	next_attempt_at INTEGER NOT NULL,
	last_error      TEXT NOT NULL DEFAULT '',
	created_at      INTEGER NOT NULL,
	attempted_at    INTEGER,
	sent_at         INTEGER,
	ext_channel     TEXT NOT NULL DEFAULT '',
	ext_id          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sends_due ON sends(status, next_attempt_at);
CREATE INDEX sends_target ON sends(channel, target, status);

CREATE TABLE deliveries (
	id           INTEGER PRIMARY KEY,
	dedup_key    TEXT NOT NULL UNIQUE,
	mention_id   INTEGER REFERENCES mentions(id) ON DELETE CASCADE,
	wave_id      INTEGER REFERENCES waves(id) ON DELETE CASCADE,
	kind         TEXT NOT NULL,
	route        TEXT NOT NULL,
	channel      TEXT NOT NULL,
	target       TEXT NOT NULL,
	brand        TEXT NOT NULL,
	frequency    TEXT NOT NULL,
	severity     TEXT NOT NULL DEFAULT '',
	followup     INTEGER NOT NULL DEFAULT 0,
	thread_url   TEXT NOT NULL DEFAULT '',
	growth       INTEGER NOT NULL DEFAULT 0,
	why          TEXT NOT NULL DEFAULT '',
	period_start INTEGER,
	due_at       INTEGER NOT NULL,
	hold_until   INTEGER,
	status       TEXT NOT NULL DEFAULT 'pending',
	send_id      INTEGER REFERENCES sends(id) ON DELETE SET NULL,
	created_at   INTEGER NOT NULL,
	sent_at      INTEGER
);
CREATE INDEX deliveries_unbatched ON deliveries(due_at) WHERE send_id IS NULL AND status = 'pending';
CREATE INDEX deliveries_send ON deliveries(send_id);
CREATE INDEX deliveries_thread_roots ON deliveries(brand, thread_url)
	WHERE thread_url != '' AND kind = 'mention' AND frequency = 'as_it_happens' AND followup = 0;
`

// Delivery kinds.
const (
	DeliveryMention = "mention"
	DeliveryWave    = "wave"
)

// Send kinds: one mention, a group of mentions of one period, a wave, a
// fold (one brand's as-it-happens mentions beyond its target's
// alerts.burst, sent as one message).
const (
	SendMention = "mention"
	SendGroup   = "group"
	SendWave    = "wave"
	SendFold    = "fold"
)

// Urgencies of a send: due sends are taken in this order, then oldest
// first.
const (
	UrgencyWave     = 0
	UrgencyCritical = 1
	UrgencyNormal   = 2
)

// Outbox statuses. A delivery is pending until it is bound to a send
// (queued), then shares the send's fate. A send is pending, sending (an
// attempt was started and its outcome is not known), sent or failed.
const (
	OutboxPending = "pending"
	OutboxQueued  = "queued"
	OutboxSending = "sending"
	OutboxSent    = "sent"
	OutboxFailed  = "failed"
)

// FrequencyAsItHappens is the frequency of deliveries sent one by one; any
// other frequency is grouped per (channel, target, brand, period).
const FrequencyAsItHappens = "as_it_happens"

// NewDelivery is a delivery to enqueue.
type NewDelivery struct {
	// Key identifies the delivery: enqueueing the same key twice stores
	// it once (e.g. "m:42:slack:#pr-alerts").
	Key       string
	MentionID int64 // or 0
	WaveID    int64 // or 0
	Kind      string
	Route     string
	Channel   string // slack | webhook | telegram | stdout
	Target    string // channel name, chat id, "default" or a secret's key
	Brand     string
	Frequency string
	// Severity is the mention's severity when it was enqueued.
	Severity string
	// Followup marks a mention in a thread that already alerted on this
	// channel and target.
	Followup  bool
	ThreadURL string
	// Growth is how many replies the thread gained at this crawl.
	Growth int
	// Why names the route and its expression.
	Why string
	// PeriodStart is the start of a grouped delivery's period.
	PeriodStart time.Time
	// DueAt is when the delivery may be sent (the end of its period for a
	// grouped one); HoldUntil, when set, holds it longer (quiet hours),
	// even when the outbox is flushed.
	DueAt     time.Time
	HoldUntil time.Time
}

// InsertDelivery enqueues d in tx. It reports false when a delivery with
// the same key already exists.
func InsertDelivery(ctx context.Context, tx *Tx, d NewDelivery, now time.Time) (bool, error) {
	if d.Key == "" {
		return false, errors.New("store: delivery without a key")
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO deliveries (dedup_key, mention_id, wave_id, kind,
		route, channel, target, brand, frequency, severity, followup, thread_url, growth, why, period_start,
		due_at, hold_until, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`,
		d.Key, nullID(d.MentionID), nullID(d.WaveID), d.Kind, d.Route, d.Channel, d.Target, d.Brand,
		d.Frequency, d.Severity, d.Followup, d.ThreadURL, d.Growth, d.Why, toMillis(d.PeriodStart),
		d.DueAt.UnixMilli(), toMillis(d.HoldUntil), now.UnixMilli())
	if err != nil {
		return false, fmt.Errorf("store: insert delivery: %w", err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// ThreadTarget is a channel and target on which a thread has alerted.
type ThreadTarget struct {
	Route   string
	Channel string
	Target  string
}

// ThreadAlerted returns the channels and targets where a mention of brand
// in the thread has an as-it-happens alert (sent or on its way), other than
// the mention exclude itself, in the order they were first alerted.
func ThreadAlerted(ctx context.Context, tx *Tx, brand, threadURL string, exclude int64) ([]ThreadTarget, error) {
	if threadURL == "" {
		return nil, nil
	}
	// The literals let SQLite use the partial index of thread roots. Each
	// channel and target's first alert says its route.
	rows, err := tx.QueryContext(ctx, `SELECT route, channel, target FROM deliveries WHERE id IN (
		SELECT MIN(id) FROM deliveries
		WHERE brand = ? AND thread_url = ? AND thread_url != '' AND kind = 'mention'
			AND frequency = 'as_it_happens' AND followup = 0 AND status NOT IN (?, ?) AND mention_id != ?
		GROUP BY channel, target) ORDER BY id`,
		brand, threadURL, OutboxFailed, OutboxCancelled, exclude)
	if err != nil {
		return nil, fmt.Errorf("store: thread alerts: %w", err)
	}
	defer rows.Close()
	var out []ThreadTarget
	for rows.Next() {
		var t ThreadTarget
		if err := rows.Scan(&t.Route, &t.Channel, &t.Target); err != nil {
			return nil, fmt.Errorf("store: thread alerts: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// OutboxInstance returns the random id of this database's outbox, created
// on first use. Notifiers put it into idempotency keys so that two
// installations posting to one channel never mistake each other's messages.
func (s *Store) OutboxInstance(ctx context.Context) (string, error) {
	var id string
	err := s.rdb.QueryRowContext(ctx, `SELECT value FROM outbox_meta WHERE key = 'instance'`).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("store: outbox instance: %w", err)
	}
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("store: outbox instance: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO outbox_meta (key, value) VALUES ('instance', ?) ON CONFLICT DO NOTHING`,
		hex.EncodeToString(b)); err != nil {
		return "", fmt.Errorf("store: outbox instance: %w", err)
	}
	if err := s.rdb.QueryRowContext(ctx, `SELECT value FROM outbox_meta WHERE key = 'instance'`).Scan(&id); err != nil {
		return "", fmt.Errorf("store: outbox instance: %w", err)
	}
	return id, nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
