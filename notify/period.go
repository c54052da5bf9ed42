package notify

import (
	"fmt"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// period returns the grouping period of freq that contains t, in loc:
// the hour or the day. For as_it_happens it returns zero times.
func period(freq string, t time.Time, loc *time.Location) (start, end time.Time) {
	lt := t.In(loc)
	y, m, d := lt.Date()
	switch freq {
	case config.FrequencyHourly:
		start = time.Date(y, m, d, lt.Hour(), 0, 0, 0, loc)
		// Around a DST change the wall-clock hour may not contain t.
		if start.After(t) {
			start = start.Add(-time.Hour)
		}
		return start, start.Add(time.Hour)
	case config.FrequencyDaily:
		return time.Date(y, m, d, 0, 0, 0, 0, loc), time.Date(y, m, d+1, 0, 0, 0, 0, loc)
	}
	return time.Time{}, time.Time{}
}

// quietHours is a daily quiet period [start, end) in minutes after
// midnight in loc; start > end spans midnight.
type quietHours struct {
	start, end int
	loc        *time.Location
}

func newQuietHours(q config.QuietHours, def *time.Location) (*quietHours, []*RouteError) {
	if q == (config.QuietHours{}) {
		return nil, nil
	}
	var errs []*RouteError
	qh := &quietHours{loc: def}
	var err error
	if qh.start, err = config.ParseClock(q.Start); err != nil {
		errs = append(errs, &RouteError{Field: "quiet_hours.start", Err: err})
	}
	if qh.end, err = config.ParseClock(q.End); err != nil {
		errs = append(errs, &RouteError{Field: "quiet_hours.end", Err: err})
	}
	if q.TimeZone != "" {
		if qh.loc, err = time.LoadLocation(q.TimeZone); err != nil {
			errs = append(errs, &RouteError{Field: "quiet_hours.time_zone", Err: fmt.Errorf("unknown time zone %q", q.TimeZone)})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if qh.start == qh.end {
		return nil, nil // an empty period
	}
	return qh, nil
}

// contains reports whether t falls in the quiet period.
func (q *quietHours) contains(t time.Time) bool {
	lt := t.In(q.loc)
	m := lt.Hour()*60 + lt.Minute()
	if q.start < q.end {
		return m >= q.start && m < q.end
	}
	return m >= q.start || m < q.end
}

// endAfter returns the end of the quiet period that contains t: the next
// time the clock in loc shows the end time.
func (q *quietHours) endAfter(t time.Time) time.Time {
	lt := t.In(q.loc)
	y, m, d := lt.Date()
	e := time.Date(y, m, d, q.end/60, q.end%60, 0, 0, q.loc)
	if !e.After(t) {
		e = time.Date(y, m, d+1, q.end/60, q.end%60, 0, 0, q.loc)
	}
	return e
}

// hold returns until when a delivery due at due is held by quiet hours
// (zero when it is not).
func (q *quietHours) hold(due time.Time) time.Time {
	if q == nil || !q.contains(due) {
		return time.Time{}
	}
	return q.endAfter(due)
}
