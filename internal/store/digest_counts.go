package store

import (
	"context"
	"fmt"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// MentionCounts counts a brand's mentions found in [since, until) and how
// many of them are negative. Backfill mentions (stored by a source's first
// crawl, never alerted) and false positives are not counted.
func (s *Store) MentionCounts(ctx context.Context, brand string, since, until time.Time) (total, negative int, err error) {
	err = s.rdb.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN sentiment = ? THEN 1 ELSE 0 END), 0) FROM mentions
		WHERE `+s.d.nocase("brand")+` AND found_at >= ? AND found_at < ? AND backfill = 0 AND status != ?`,
		model.Negative, brand, since.UnixMilli(), until.UnixMilli(), model.StatusFalsePositive).Scan(&total, &negative)
	if err != nil {
		return 0, 0, fmt.Errorf("store: mention counts: %w", err)
	}
	return total, negative, nil
}

// UnhandledCount counts a brand's mentions of this severity found before
// before that are still new (nobody marked them handled). Backfill
// mentions are not counted.
func (s *Store) UnhandledCount(ctx context.Context, brand, severity string, before time.Time) (int, error) {
	var n int
	err := s.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM mentions
		WHERE `+s.d.nocase("brand")+` AND severity = ? AND status = ? AND found_at < ? AND backfill = 0`,
		brand, severity, model.StatusNew, before.UnixMilli()).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: unhandled count: %w", err)
	}
	return n, nil
}
