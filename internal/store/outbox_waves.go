package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Wave is a negative wave of a brand: open until it subsides.
type Wave struct {
	ID        int64
	Brand     string
	StartedAt time.Time
	EndedAt   time.Time // zero while open
	Count     int
	Threshold float64
	Payload   string // JSON written by the notifier
}

// NegativeEvent is one negative mention as wave detection counts it.
type NegativeEvent struct {
	MentionID  int64
	At         time.Time // published, or found when unknown (never later than found)
	ThreadURL  string
	URL        string
	Title      string
	Source     string
	Negativity float64
}

// The wave queries spell out sentiment = 'negative' AND backfill = 0 so
// that SQLite uses the partial indexes mentions_negative and
// mentions_negative_found. Mentions marked false positives, and those of
// a muted source (no longer alerted), are not part of a wave.
const (
	negativeBrandsSQL = `SELECT DISTINCT brand FROM mentions INDEXED BY mentions_negative_found
			WHERE sentiment = 'negative' AND backfill = 0 AND found_at >= ?
		UNION SELECT brand FROM waves WHERE ended_at IS NULL ORDER BY 1`
	negativeEventsSQL = `SELECT id, CASE WHEN published_at < found_at THEN published_at ELSE found_at END,
			thread_url, url, title, source, negativity
		FROM mentions WHERE brand = ? AND sentiment = 'negative' AND backfill = 0 AND found_at >= ?
			AND status != 'false_positive'
			AND NOT EXISTS (SELECT 1 FROM muted_sources ms WHERE ms.source = mentions.source)
		ORDER BY 2, id`
	// negativeCountsSQL counts the same mentions by the window-long
	// bucket their time falls in, counting back from now (0: the window
	// ending now; a time after now counts as now).
	negativeCountsSQL = `SELECT k, COUNT(*) FROM (
			SELECT CASE WHEN t > ? THEN 0 ELSE (? - t) / ? END AS k FROM (
				SELECT CASE WHEN published_at < found_at THEN published_at ELSE found_at END AS t
				FROM mentions WHERE brand = ? AND sentiment = 'negative' AND backfill = 0 AND found_at >= ?
					AND status != 'false_positive'
					AND NOT EXISTS (SELECT 1 FROM muted_sources ms WHERE ms.source = mentions.source)) e) b
		GROUP BY k`
)

// FirstFound returns when brand's first mention was stored (backfill
// included): since when it has been watched. The zero time if never.
func (s *Store) FirstFound(ctx context.Context, brand string) (time.Time, error) {
	var at sql.NullInt64
	if err := s.rdb.QueryRowContext(ctx, `SELECT MIN(found_at) FROM mentions WHERE brand = ?`, brand).Scan(&at); err != nil {
		return time.Time{}, fmt.Errorf("store: first mention of %q: %w", brand, err)
	}
	return fromMillis(at), nil
}

// NegativeBrands returns the brands with a negative mention found since
// since (backfill excluded), and the brands with an open wave.
func (s *Store) NegativeBrands(ctx context.Context, since time.Time) ([]string, error) {
	rows, err := s.rdb.QueryContext(ctx, negativeBrandsSQL, since.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("store: negative brands: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var b string
		if err := rows.Scan(&b); err != nil {
			return nil, fmt.Errorf("store: negative brands: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// NegativeEvents returns brand's negative mentions (backfill excluded)
// found since since, oldest first by their time.
func (s *Store) NegativeEvents(ctx context.Context, brand string, since time.Time) ([]NegativeEvent, error) {
	rows, err := s.rdb.QueryContext(ctx, negativeEventsSQL, brand, since.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("store: negative events: %w", err)
	}
	defer rows.Close()
	var out []NegativeEvent
	for rows.Next() {
		var e NegativeEvent
		var at int64
		if err := rows.Scan(&e.MentionID, &at, &e.ThreadURL, &e.URL, &e.Title, &e.Source, &e.Negativity); err != nil {
			return nil, fmt.Errorf("store: negative events: %w", err)
		}
		e.At = time.UnixMilli(at).UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// NegativeCounts counts brand's negative mentions (backfill excluded)
// found since since by the window-long bucket their time (published, or
// found) falls in, counting back from now: counts[0] is the window ending
// now, counts[k] the k-th before it. It answers what NegativeEvents would
// be counted for, in one row per bucket instead of one per mention.
func (s *Store) NegativeCounts(ctx context.Context, brand string, now time.Time, window time.Duration, since time.Time) ([]int, error) {
	win := window.Milliseconds()
	if win <= 0 {
		return nil, fmt.Errorf("store: negative counts: window %v", window)
	}
	n := now.UnixMilli()
	rows, err := s.rdb.QueryContext(ctx, negativeCountsSQL, n, n, win, brand, since.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("store: negative counts: %w", err)
	}
	defer rows.Close()
	var counts []int
	for rows.Next() {
		var k int64
		var c int
		if err := rows.Scan(&k, &c); err != nil {
			return nil, fmt.Errorf("store: negative counts: %w", err)
		}
		if k >= int64(len(counts)) {
			counts = append(counts, make([]int, int(k)+1-len(counts))...)
		}
		counts[k] += c
	}
	return counts, rows.Err()
}

// OpenWave returns brand's open wave, and false when there is none.
func (s *Store) OpenWave(ctx context.Context, brand string) (Wave, bool, error) {
	var w Wave
	var started int64
	var ended sql.NullInt64
	err := s.rdb.QueryRowContext(ctx, `SELECT id, brand, started_at, ended_at, count, threshold, payload
		FROM waves WHERE brand = ? AND ended_at IS NULL`, brand).
		Scan(&w.ID, &w.Brand, &started, &ended, &w.Count, &w.Threshold, &w.Payload)
	if errors.Is(err, sql.ErrNoRows) {
		return w, false, nil
	}
	if err != nil {
		return w, false, fmt.Errorf("store: open wave: %w", err)
	}
	w.StartedAt, w.EndedAt = time.UnixMilli(started).UTC(), fromMillis(ended)
	return w, true, nil
}

// WaveByID returns one wave, or ErrNotFound.
func (s *Store) WaveByID(ctx context.Context, id int64) (Wave, error) {
	var w Wave
	var started int64
	var ended sql.NullInt64
	err := s.rdb.QueryRowContext(ctx, `SELECT id, brand, started_at, ended_at, count, threshold, payload
		FROM waves WHERE id = ?`, id).
		Scan(&w.ID, &w.Brand, &started, &ended, &w.Count, &w.Threshold, &w.Payload)
	if errors.Is(err, sql.ErrNoRows) {
		return w, ErrNotFound
	}
	if err != nil {
		return w, fmt.Errorf("store: wave %d: %w", id, err)
	}
	w.StartedAt, w.EndedAt = time.UnixMilli(started).UTC(), fromMillis(ended)
	return w, nil
}

// InsertWave opens a wave in tx. It reports false when the brand already
// has an open wave.
func InsertWave(ctx context.Context, tx *Tx, w Wave) (int64, bool, error) {
	id, ok, err := tx.insertID(ctx, `INSERT INTO waves (brand, started_at, count, threshold, payload)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		w.Brand, w.StartedAt.UnixMilli(), w.Count, w.Threshold, w.Payload)
	if err != nil {
		return 0, false, fmt.Errorf("store: insert wave: %w", err)
	}
	return id, ok, nil
}

// UpdateWavePeak raises an open wave's recorded count.
func (s *Store) UpdateWavePeak(ctx context.Context, id int64, count int) error {
	_, err := s.db.ExecContext(ctx, `UPDATE waves SET count = ? WHERE id = ? AND count < ?`, count, id, count)
	if err != nil {
		return fmt.Errorf("store: update wave: %w", err)
	}
	return nil
}

// CloseWave marks a wave as subsided at ended.
func (s *Store) CloseWave(ctx context.Context, id int64, ended time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE waves SET ended_at = ? WHERE id = ? AND ended_at IS NULL`,
		ended.UnixMilli(), id)
	if err != nil {
		return fmt.Errorf("store: close wave: %w", err)
	}
	return nil
}

// newNegativeSQL reads the mentions stored after a watermark: a range of
// the rowid, so it costs nothing when no mention is new (NOT INDEXED keeps
// SQLite from scanning all of mentions_negative instead).
const newNegativeSQL = `SELECT brand, MAX(id) FROM mentions NOT INDEXED
	WHERE id > ? AND sentiment = 'negative' AND backfill = 0 GROUP BY brand ORDER BY brand`

// NewNegativeBrands returns the brands with a negative mention (backfill
// excluded) stored after the mention afterID, and the highest such
// mention's id (afterID when there is none): the watermark for the next
// call. A crawl that stores negative mentions leads the outbox to check
// those brands for a wave before it sends their alerts.
func (s *Store) NewNegativeBrands(ctx context.Context, afterID int64) ([]string, int64, error) {
	rows, err := s.rdb.QueryContext(ctx, newNegativeSQL, afterID)
	if err != nil {
		return nil, afterID, fmt.Errorf("store: new negative brands: %w", err)
	}
	defer rows.Close()
	var out []string
	last := afterID
	for rows.Next() {
		var b string
		var id int64
		if err := rows.Scan(&b, &id); err != nil {
			return nil, afterID, fmt.Errorf("store: new negative brands: %w", err)
		}
		out = append(out, b)
		last = max(last, id)
	}
	if err := rows.Err(); err != nil {
		return nil, afterID, fmt.Errorf("store: new negative brands: %w", err)
	}
	return out, last, nil
}

// LastMentionID returns the id of the newest mention (0: none).
func (s *Store) LastMentionID(ctx context.Context) (int64, error) {
	var id sql.NullInt64
	if err := s.rdb.QueryRowContext(ctx, `SELECT MAX(id) FROM mentions`).Scan(&id); err != nil {
		return 0, fmt.Errorf("store: last mention: %w", err)
	}
	return id.Int64, nil
}
