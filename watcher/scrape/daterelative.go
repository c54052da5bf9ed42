package scrape

import (
	"time"

	"github.com/mentionwatch/mentionwatch/watcher/dates"
)

// parseAgo reads "5 minutes ago", "4 yr. ago", "2 дня назад", "just now",
// "только что", and the bare "20h" / "3d" / "5 мин" that timelines print.
func parseAgo(toks []token, now time.Time) (time.Time, bool) {
	allNow := true
	hasAgo, hasNow := false, false
	for _, t := range toks {
		if t.kind != tWord || !nowWords[t.word] {
			allNow = false
		}
		if t.kind == tWord && agoWords[t.word] {
			hasAgo = true
		}
		if t.kind == tWord && nowWords[t.word] {
			hasNow = true
		}
	}
	if allNow {
		return now, true
	}
	var years, monthsN, days int
	var d time.Duration
	pairs := 0
	count := -1 // pending count, -1 none
	for _, t := range toks {
		switch t.kind {
		case tNum:
			if t.n < 0 || t.hash {
				return time.Time{}, false
			}
			count = t.n
		case tWord:
			if n, ok := numberWords[t.word]; ok {
				count = n
				continue
			}
			if h, ok := halfUnits[t.word]; ok {
				years, monthsN, days, d = addUnit(years, monthsN, days, d, h.u, h.n)
				pairs++
				count = -1
				continue
			}
			if u, ok := units[t.word]; ok {
				n := count
				if n < 0 {
					n = 1 // "an hour ago" has a count; "минуту назад" does not
				}
				years, monthsN, days, d = addUnit(years, monthsN, days, d, u, n)
				pairs++
				count = -1
				continue
			}
			if agoWords[t.word] || nowWords[t.word] || t.word == "and" || t.word == "и" {
				continue
			}
			return time.Time{}, false
		default:
			return time.Time{}, false
		}
	}
	if count >= 0 { // a number with no unit
		return time.Time{}, false
	}
	if pairs == 0 {
		if hasAgo && hasNow {
			return now, true // "moments ago"
		}
		return time.Time{}, false
	}
	if !hasAgo && len(toks) > 4 {
		return time.Time{}, false
	}
	// An age of more than maxAgoYears is no post's: "70000d" is an id.
	if years > maxAgoYears || monthsN > 12*maxAgoYears || days > 366*maxAgoYears {
		return time.Time{}, false
	}
	t := now.AddDate(-years, -monthsN, -days).Add(-d)
	if t.Before(now.AddDate(-maxAgoYears, 0, 0)) {
		return time.Time{}, false
	}
	return t, true
}

// maxAgoYears bounds an age told relative to now.
const maxAgoYears = 100

// addUnit adds n units to an age kept as years, months, days and a
// duration; days and weeks count in days, so that no count can overflow
// the duration (n is capped, and 100000 hours fit).
func addUnit(years, monthsN, days int, d time.Duration, u unit, n int) (int, int, int, time.Duration) {
	if n > 100000 {
		n = 100000
	}
	switch u {
	case uSecond:
		d += time.Duration(n) * time.Second
	case uMinute:
		d += time.Duration(n) * time.Minute
	case uHour:
		d += time.Duration(n) * time.Hour
	case uDay:
		days += n
	case uWeek:
		days += 7 * n
	case uMonth:
		monthsN += n
	case uYear:
		years += n
	}
	return years, monthsN, days, d
}

// parseDayWord reads "yesterday at 12:30", "Today, 10:15 AM", "вчера в
// 12:30", "сегодня в 09:15". Without a time it is midnight of that day,
// and relative.
func parseDayWord(toks []token, now time.Time, loc *time.Location) (time.Time, bool, bool) {
	offset, found := 0, false
	var tm *token
	ampm := ""
	for i := range toks {
		t := &toks[i]
		switch t.kind {
		case tWord:
			if d, ok := dayWords[t.word]; ok {
				if found {
					return time.Time{}, false, false
				}
				offset, found = d, true
				continue
			}
			if t.word == "am" || t.word == "pm" {
				ampm = t.word
			}
			if _, ok := dates.Month(t.word); ok {
				return time.Time{}, false, false
			}
		case tTime:
			if tm != nil {
				return time.Time{}, false, false
			}
			tm = t
		case tNum:
			if !t.hash {
				return time.Time{}, false, false
			}
		case tNumDate:
			return time.Time{}, false, false
		}
	}
	if !found {
		return time.Time{}, false, false
	}
	day := now.AddDate(0, 0, offset)
	if tm == nil {
		return time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc), true, true
	}
	h, ok := hour12(tm.h, ampm)
	if !ok || tm.m > 59 || tm.sec > 59 {
		return time.Time{}, false, false
	}
	return time.Date(day.Year(), day.Month(), day.Day(), h, tm.m, tm.sec, 0, loc), false, true
}

// dayWordSkew is how far ahead of now a "today at …" may be and still be
// read as printed: clocks differ a little.
const dayWordSkew = 5 * time.Minute

// zoneStep is the step of every UTC offset in use (+05:45, +12:45).
const zoneStep = 15 * time.Minute

// notAhead returns t, a "today at …" read in the source's zone, when it
// is not later than now; a post cannot be, and one that seems to be was
// printed in another zone than the one assumed: a board ahead of it
// shows an hour still to come here, and a board far behind shows for
// "today" a day that here is yesterday. The post was then written t-d,
// for the zone difference d, a whole number of quarter hours that puts it
// no later than now; the latest such time is taken, the smallest d. (The
// page's own zone, when the source sets time_zone, makes the difference
// 0; the board may still show a signed-in user's zone.) "yesterday at …"
// can never be later than now, and a date with a day of its own is
// absolute: neither is moved. The amount depends on now, so the date as
// printed, not this one, identifies a post (dateRead).
func notAhead(t, now time.Time) time.Time {
	ahead := t.Sub(now)
	if ahead <= dayWordSkew {
		return t
	}
	d := (ahead + zoneStep - 1) / zoneStep * zoneStep
	return t.Add(-d)
}

func hour12(h int, ampm string) (int, bool) {
	switch ampm {
	case "pm":
		if h < 1 || h > 12 {
			return 0, false
		}
		if h < 12 {
			h += 12
		}
	case "am":
		if h < 1 || h > 12 {
			return 0, false
		}
		if h == 12 {
			h = 0
		}
	}
	return h, h >= 0 && h <= 23
}
