package store

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// ResponseGroup is how fast one brand's mentions of one severity were
// answered: the time from found to handled of those handled in a period.
type ResponseGroup struct {
	Brand, Severity string
	Handled         int
	Median, P90     time.Duration
}

// ResponseTimes returns, per brand and severity, the median and 90th
// percentile time from found to handled of the mentions handled (status
// handled, not false positives) in [since, until), sorted by brand, then
// most severe first.
func (s *Store) ResponseTimes(ctx context.Context, since, until time.Time) ([]ResponseGroup, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT brand, severity, handled_at - found_at FROM mentions
		WHERE handled_at IS NOT NULL AND handled_at >= ? AND handled_at < ? AND status = ?`,
		since.UnixMilli(), until.UnixMilli(), model.StatusHandled)
	if err != nil {
		return nil, fmt.Errorf("store: response times: %w", err)
	}
	defer rows.Close()
	type key struct{ brand, severity string }
	waits := map[key][]time.Duration{}
	for rows.Next() {
		var k key
		var ms int64
		if err := rows.Scan(&k.brand, &k.severity, &ms); err != nil {
			return nil, fmt.Errorf("store: response times: %w", err)
		}
		waits[k] = append(waits[k], time.Duration(max(ms, 0))*time.Millisecond)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: response times: %w", err)
	}
	out := make([]ResponseGroup, 0, len(waits))
	for k, ds := range waits {
		out = append(out, ResponseGroup{Brand: k.brand, Severity: k.severity, Handled: len(ds),
			Median: Quantile(ds, 0.5), P90: Quantile(ds, 0.9)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Brand != out[j].Brand {
			return out[i].Brand < out[j].Brand
		}
		return model.SeverityRank(out[i].Severity) > model.SeverityRank(out[j].Severity)
	})
	return out, nil
}

// Quantile returns the q-quantile of ds (nearest rank: the smallest value
// with at least q of them at or below it); 0 for none. It sorts ds.
func Quantile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	rank := int(q*float64(len(ds)) + 0.999999)
	return ds[min(max(rank, 1), len(ds))-1]
}

// Waiting returns the mentions still new that have waited longest (found
// first), alerted ones only (no backfill), at most limit.
func (s *Store) Waiting(ctx context.Context, limit int) ([]model.Mention, error) {
	return s.queryMentions(ctx, "waiting mentions", `SELECT `+mentionCols+` FROM mentions
		WHERE status = ? AND backfill = 0 ORDER BY found_at, id LIMIT ?`, model.StatusNew, limit)
}

// DayVolume is one brand's mentions found on one day.
type DayVolume struct {
	Brand    string
	Day      time.Time // midnight, in the location asked for
	Count    int
	Negative int
}

// Volume counts mentions per brand per day (days in loc) found in
// [since, until), oldest day first.
func (s *Store) Volume(ctx context.Context, since, until time.Time, loc *time.Location) ([]DayVolume, error) {
	_, off := until.In(loc).Zone()
	offMs := int64(off) * 1000
	rows, err := s.rdb.QueryContext(ctx, `SELECT brand, (found_at + ?) / 86400000 AS day, COUNT(*),
			SUM(CASE WHEN sentiment = ? THEN 1 ELSE 0 END) FROM mentions WHERE found_at >= ? AND found_at < ?
		GROUP BY brand, day ORDER BY day, brand`, offMs, model.Negative, since.UnixMilli(), until.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("store: volume: %w", err)
	}
	defer rows.Close()
	var out []DayVolume
	for rows.Next() {
		var v DayVolume
		var day int64
		if err := rows.Scan(&v.Brand, &day, &v.Count, &v.Negative); err != nil {
			return nil, fmt.Errorf("store: volume: %w", err)
		}
		t := time.UnixMilli(day*86400000 - offMs).In(loc)
		v.Day = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
		out = append(out, v)
	}
	return out, rows.Err()
}
