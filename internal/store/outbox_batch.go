package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// EnqueueBatchFunc queues the deliveries of a crawl's newly stored
// mentions, in the order they were stored, inside the transaction that
// stores them: EnqueueFunc for a whole crawl, so that a planner can read
// what it needs for all of them at once and write their deliveries in few
// statements (InsertDeliveries). As with EnqueueFunc, on PostgreSQL the
// function may be called again with the same mentions in a new
// transaction when the first one loses to a concurrent one.
type EnqueueBatchFunc func(ctx context.Context, tx *Tx, ms []*model.Mention) error

// Batch returns f as an EnqueueBatchFunc calling f for each mention in
// turn (nil when f is nil).
func (f EnqueueFunc) Batch() EnqueueBatchFunc {
	if f == nil {
		return nil
	}
	return func(ctx context.Context, tx *Tx, ms []*model.Mention) error {
		for _, m := range ms {
			if err := f(ctx, tx, m); err != nil {
				return fmt.Errorf("mention %d: %w", m.ID, err)
			}
		}
		return nil
	}
}

// deliveryInsertCols are the columns InsertDelivery and InsertDeliveries
// write.
const deliveryInsertCols = `dedup_key, mention_id, wave_id, kind, route, channel, target, brand, frequency,
	severity, followup, thread_url, growth, why, period_start, due_at, hold_until, created_at`

const deliveryInsertArgs = 18

func deliveryArgs(buf []any, d *NewDelivery, now time.Time) []any {
	return append(buf, d.Key, nullID(d.MentionID), nullID(d.WaveID), d.Kind, d.Route, d.Channel, d.Target,
		d.Brand, d.Frequency, d.Severity, d.Followup, d.ThreadURL, d.Growth, d.Why, toMillis(d.PeriodStart),
		d.DueAt.UnixMilli(), toMillis(d.HoldUntil), now.UnixMilli())
}

// InsertDeliveries enqueues ds in tx, in order, as InsertDelivery does
// one by one: a delivery whose key is stored already is skipped. On
// PostgreSQL they go in multi-row statements (chunks as in crawl_pg.go),
// on SQLite one prepared row at a time, which in process costs less.
func InsertDeliveries(ctx context.Context, tx *Tx, ds []NewDelivery, now time.Time) error {
	for i := range ds {
		if ds[i].Key == "" {
			return errors.New("store: delivery without a key")
		}
	}
	if len(ds) == 0 {
		return nil
	}
	if tx.d == postgresDialect {
		err := pgInsertRows(ctx, tx, `INSERT INTO deliveries (`+deliveryInsertCols+`)`, `ON CONFLICT DO NOTHING`,
			deliveryInsertArgs, len(ds), func(buf []any, i int) []any { return deliveryArgs(buf, &ds[i], now) }, nil)
		if err != nil {
			return fmt.Errorf("store: insert deliveries: %w", err)
		}
		return nil
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO deliveries (`+deliveryInsertCols+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
	if err != nil {
		return fmt.Errorf("store: prepare: %w", err)
	}
	defer ins.Close()
	args := make([]any, 0, deliveryInsertArgs)
	for i := range ds {
		if _, err := ins.ExecContext(ctx, deliveryArgs(args[:0], &ds[i], now)...); err != nil {
			return fmt.Errorf("store: insert delivery: %w", err)
		}
	}
	return nil
}

// ThreadKey is a thread of one brand: the mentions of brand in the thread
// at URL.
type ThreadKey struct {
	Brand string
	URL   string
}

// ThreadAlert is an as-it-happens alert, not a follow-up, of a mention in
// a thread: what ThreadAlerted reads.
type ThreadAlert struct {
	MentionID int64
	ThreadTarget
}

// ThreadAlertSet is what ThreadAlerts read: the as-it-happens alerts of
// threads, by brand and thread URL as the store compares them. On
// PostgreSQL, which stores text without NUL characters (pgArgs), URLs
// that differ only by them are one thread, as they are for ThreadAlerted.
type ThreadAlertSet struct {
	norm func(string) string
	m    map[ThreadKey][]ThreadAlert
}

func (s *ThreadAlertSet) key(brand, url string) ThreadKey {
	return ThreadKey{s.norm(brand), s.norm(url)}
}

// Alerts returns the alerts of brand's mentions in the thread at url,
// oldest first (nil for none or url "").
func (s *ThreadAlertSet) Alerts(brand, url string) []ThreadAlert {
	if url == "" {
		return nil
	}
	return s.m[s.key(brand, url)]
}

// Add appends a to the alerts of brand's thread at url (nothing when url
// is ""): an alert planned since the set was read, which ThreadAlerted
// would see once inserted.
func (s *ThreadAlertSet) Add(brand, url string, a ThreadAlert) {
	if url == "" {
		return
	}
	k := s.key(brand, url)
	s.m[k] = append(s.m[k], a)
}

// ThreadAlerts returns, for each of keys with a URL, the as-it-happens
// alerts of the brand's mentions in the thread that are not follow-ups
// (sent or on their way), oldest first: for many threads at once what
// ThreadAlerted reads for one, which FirstAlerts then reduces for a
// mention.
func ThreadAlerts(ctx context.Context, tx *Tx, keys []ThreadKey) (*ThreadAlertSet, error) {
	set := &ThreadAlertSet{norm: func(s string) string { return s }, m: map[ThreadKey][]ThreadAlert{}}
	if tx.d == postgresDialect {
		set.norm = func(s string) string { return strings.ReplaceAll(s, "\x00", "") }
	}
	seen := map[ThreadKey]bool{}
	var uniq []ThreadKey
	for _, k := range keys {
		if k.URL == "" {
			continue
		}
		if n := set.key(k.Brand, k.URL); !seen[n] {
			seen[n] = true
			uniq = append(uniq, n)
		}
	}
	for start := 0; start < len(uniq); start += chunk {
		part := uniq[start:min(start+chunk, len(uniq))]
		inPart := make(map[ThreadKey]bool, len(part))
		for _, k := range part {
			inPart[k] = true
		}
		brands, urls := distinct(part, func(k ThreadKey) string { return k.Brand }), distinct(part, func(k ThreadKey) string { return k.URL })
		// Lists padded to powers of two (repeating their last value) keep
		// the statement texts few, for the statement caches.
		brands, urls = padPow2(brands), padPow2(urls)
		args := make([]any, 0, len(brands)+len(urls)+1)
		for _, b := range brands {
			args = append(args, b)
		}
		for _, u := range urls {
			args = append(args, u)
		}
		args = append(args, OutboxFailed)
		// The literals let SQLite use the partial index of thread roots.
		rows, err := tx.QueryContext(ctx, `SELECT mention_id, brand, thread_url, route, channel, target FROM deliveries
			WHERE brand IN (`+placeholders(len(brands))+`) AND thread_url IN (`+placeholders(len(urls))+`)
				AND thread_url != '' AND kind = 'mention' AND frequency = 'as_it_happens' AND followup = 0
				AND status != ? AND mention_id IS NOT NULL
			ORDER BY id`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: thread alerts: %w", err)
		}
		for rows.Next() {
			var a ThreadAlert
			var k ThreadKey
			if err := rows.Scan(&a.MentionID, &k.Brand, &k.URL, &a.Route, &a.Channel, &a.Target); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: thread alerts: %w", err)
			}
			// The lists pair every brand of the chunk with every URL:
			// a row of a pair not asked for, or asked for in another
			// chunk (which reads it itself), is passed over.
			if inPart[k] {
				set.m[k] = append(set.m[k], a)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: thread alerts: %w", err)
		}
	}
	return set, nil
}

// FirstAlerts reduces a thread's alerts (ThreadAlerts, oldest first) to
// what ThreadAlerted returns for the mention exclude: each channel and
// target's first alert by another mention, in the order they were first
// alerted.
func FirstAlerts(alerts []ThreadAlert, exclude int64) []ThreadTarget {
	var out []ThreadTarget
	for _, a := range alerts {
		if a.MentionID == exclude {
			continue
		}
		dup := false
		for _, t := range out {
			if t.Channel == a.Channel && t.Target == a.Target {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, a.ThreadTarget)
		}
	}
	return out
}

func distinct(keys []ThreadKey, f func(ThreadKey) string) []string {
	seen := make(map[string]bool, len(keys))
	var out []string
	for _, k := range keys {
		if s := f(k); !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// padPow2 pads s, not empty, to a power of two of elements by repeating
// its last one.
func padPow2(s []string) []string {
	n := 1
	for n < len(s) {
		n <<= 1
	}
	for len(s) < n {
		s = append(s, s[len(s)-1])
	}
	return s
}
