package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Thread is the remembered state of a forum thread.
type Thread struct {
	URL         string
	Source      string
	Replies     int // latest reply count, -1 unknown
	PrevReplies int // the count before the latest crawl, -1 unknown
	CheckedAt   time.Time
}

// Growth is how many replies the thread gained at its latest crawl (0 when
// either count is unknown).
func (t Thread) Growth() int { return ReplyGrowth(t.PrevReplies, t.Replies) }

// ReplyGrowth is how many replies a thread gained going from the count
// before to the count now: 0 when either is unknown (-1) or the count fell
// (posts deleted, a page read differently).
func ReplyGrowth(before, now int) int {
	if before < 0 || now < 0 || now < before {
		return 0
	}
	return now - before
}

// ThreadObservation is a thread's reply count seen at one crawl.
type ThreadObservation struct {
	URL     string
	Replies int
}

// Threads returns the stored state of the threads with these URLs.
func (s *Store) Threads(ctx context.Context, urls []string) (map[string]Thread, error) {
	out := map[string]Thread{}
	for start := 0; start < len(urls); start += chunk {
		part := urls[start:min(start+chunk, len(urls))]
		args := make([]any, len(part))
		for i, u := range part {
			args[i] = u
		}
		rows, err := s.rdb.QueryContext(ctx, `SELECT url, source, replies, prev_replies, checked_at
			FROM threads WHERE url IN (`+placeholders(len(args))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: threads: %w", err)
		}
		for rows.Next() {
			var t Thread
			var checked sql.NullInt64
			if err := rows.Scan(&t.URL, &t.Source, &t.Replies, &t.PrevReplies, &checked); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: threads: %w", err)
			}
			t.CheckedAt = fromMillis(checked)
			out[t.URL] = t
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: threads: %w", err)
		}
	}
	return out, nil
}

func saveThreads(ctx context.Context, tx *Tx, source string, obs []ThreadObservation, now time.Time) error {
	for _, o := range obs {
		_, err := tx.ExecContext(ctx, `INSERT INTO threads (url, source, replies, prev_replies, checked_at)
			VALUES (?, ?, ?, -1, ?)
			ON CONFLICT(url) DO UPDATE SET
				prev_replies = threads.replies,
				prev_checked_at = threads.checked_at,
				replies = CASE WHEN excluded.replies >= 0 THEN excluded.replies ELSE threads.replies END,
				checked_at = excluded.checked_at`,
			o.URL, source, o.Replies, now.UnixMilli())
		if err != nil {
			return fmt.Errorf("store: save thread: %w", err)
		}
	}
	return nil
}
