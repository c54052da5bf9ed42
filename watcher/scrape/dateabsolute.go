package scrape

import (
	"strconv"
	"time"

	"github.com/mentionwatch/mentionwatch/watcher/dates"
)

// parseAbsolute reads dates with a month name or in numeric form, with an
// optional time, am/pm and zone; other words (weekdays, "at", "в", "by
// author") are ignored. order: see readNumDate.
func parseAbsolute(toks []token, now time.Time, loc *time.Location, order numOrder) (time.Time, bool) {
	var (
		month       time.Month
		day, year   = -1, -1
		tm          *token
		ampm        string
		zoneSet     bool
		zoneMinutes int
		numDate     *token
	)
	for i := range toks {
		t := &toks[i]
		switch t.kind {
		case tWord:
			if m, ok := dates.Month(t.word); ok {
				if month != 0 && month != m {
					return time.Time{}, false
				}
				month = m
				continue
			}
			switch {
			case t.word == "am" || t.word == "pm":
				ampm = t.word
			case zoneWord(t.word, toks, i):
				zoneSet = true
				zoneMinutes += zones[t.word]
			}
		case tOffset:
			zoneSet = true
			zoneMinutes += t.n
		case tTime:
			if tm != nil {
				return time.Time{}, false
			}
			tm = t
		case tNumDate:
			if numDate != nil {
				return time.Time{}, false
			}
			numDate = t
		case tNum:
			if t.hash {
				continue
			}
			switch {
			case t.digits == 4 && t.n >= 1970 && t.n <= 2100 && year < 0:
				year = t.n
			case t.digits <= 2 && t.n >= 1 && t.n <= 31 && day < 0:
				day = t.n
			default:
				return time.Time{}, false
			}
		}
	}
	if numDate != nil {
		if month != 0 || day >= 0 || year >= 0 {
			return time.Time{}, false
		}
		var ok bool
		year, month, day, ok = readNumDate(numDate, tm != nil, now, order)
		if !ok {
			return time.Time{}, false
		}
	}
	if month == 0 {
		if tm == nil || day >= 0 || year >= 0 {
			return time.Time{}, false
		}
		// A time alone (channels print only the time for today's posts):
		// today, or yesterday if that time has not come yet.
		month, day, year = now.Month(), now.Day(), now.Year()
		t, ok := build(year, month, day, tm, ampm, zoneSet, zoneMinutes, loc)
		if ok && t.After(now.Add(time.Minute)) {
			t = t.AddDate(0, 0, -1)
		}
		return t, ok
	}
	if day < 0 {
		if year < 0 {
			return time.Time{}, false
		}
		day = 1
	}
	if year >= 0 {
		return build(year, month, day, tm, ampm, zoneSet, zoneMinutes, loc)
	}
	// No year: this year's, unless that day is still to come.
	year = now.Year()
	if month > now.Month() || month == now.Month() && day > now.Day() {
		year--
	}
	return build(year, month, day, tm, ampm, zoneSet, zoneMinutes, loc)
}

// zoneWord reports whether toks[i] is a zone abbreviation. A lone "z" or
// "m"-like letter is a zone only right after a time.
func zoneWord(w string, toks []token, i int) bool {
	if _, ok := zones[w]; !ok {
		return false
	}
	if len(w) > 1 {
		return true
	}
	return i > 0 && toks[i-1].kind == tTime
}

// numOrder is how readNumDate orders the day and month of a numeric date.
type numOrder int

const (
	// orderMonthFirst reads a date valid both ways with slashes or
	// dashes month first (the US order, vBulletin's default "03-12-2024").
	orderMonthFirst numOrder = iota
	// orderDayFirst reads it day first (a page in Russian or another
	// day-first language, see pageDayFirst).
	orderDayFirst
	// orderAsBefore is the reading of earlier versions, which identifies a
	// post without a link of its own (dateRead.printed): dots day first,
	// slashes and dashes month first unless the first number is over 12,
	// and no other order tried when that one is not a valid date.
	orderAsBefore
)

// readNumDate reads a numeric date: year first when the first part has
// four digits. Otherwise day and month are read in the order they are
// valid in ("25/03/2024" is day first, "03/25/2024" and "03.25.2024" month
// first, "31/02/2024" neither); a date valid both ways is day first with
// dots (the European "12.03.2024"), and with slashes or dashes as order
// says (orderAsBefore: see there). Two parts (12.03) need dots and a time
// beside them, and take the year from now.
func readNumDate(t *token, withTime bool, now time.Time, order numOrder) (int, time.Month, int, bool) {
	nums := make([]int, len(t.parts))
	for i, p := range t.parts {
		n, err := strconv.Atoi(p)
		if err != nil || len(p) > 4 {
			return 0, 0, 0, false
		}
		nums[i] = n
	}
	switch len(nums) {
	case 2:
		if t.sep != '.' || !withTime || len(t.parts[0]) > 2 || len(t.parts[1]) > 2 {
			return 0, 0, 0, false
		}
		d, m := nums[0], nums[1]
		if order != orderAsBefore && !validDay(2000, m, d) && validDay(2000, d, m) { // 2000: a leap year, so 29.02 reads
			d, m = m, d
		}
		y := now.Year()
		if mo := time.Month(m); mo > now.Month() || mo == now.Month() && d > now.Day() {
			y--
		}
		return y, time.Month(m), d, true
	case 3:
	default:
		return 0, 0, 0, false
	}
	if len(t.parts[0]) == 4 {
		y, m, d := nums[0], nums[1], nums[2]
		if y < 1970 || y > 2100 || m < 1 || m > 12 {
			return 0, 0, 0, false
		}
		return y, time.Month(m), d, true
	}
	y := nums[2]
	switch len(t.parts[2]) {
	case 2:
		y += 2000
		if y > now.Year()+1 {
			y -= 100
		}
	case 4:
	default:
		return 0, 0, 0, false
	}
	if y < 1970 || y > 2100 {
		return 0, 0, 0, false
	}
	a, b := nums[0], nums[1]
	dm, md := validDay(y, b, a), validDay(y, a, b)
	if order == orderAsBefore {
		dm, md = t.sep == '.' || a > 12, t.sep != '.' && a <= 12 // one order, valid or not
	}
	switch {
	case dm && md:
		if t.sep == '.' || order == orderDayFirst {
			return y, time.Month(b), a, true
		}
		return y, time.Month(a), b, true
	case dm:
		return y, time.Month(b), a, true
	case md:
		return y, time.Month(a), b, true
	}
	return 0, 0, 0, false
}

// validDay reports whether day d of month m is in the calendar of year y.
func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	return time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC).Day() == d
}

func build(y int, m time.Month, d int, tm *token, ampm string, zoneSet bool, zoneMinutes int, loc *time.Location) (time.Time, bool) {
	var h, mi, s int
	if tm != nil {
		var ok bool
		if h, ok = hour12(tm.h, ampm); !ok || tm.m > 59 || tm.sec > 59 {
			return time.Time{}, false
		}
		mi, s = tm.m, tm.sec
	}
	if zoneSet {
		if zoneMinutes < -14*60 || zoneMinutes > 14*60 {
			return time.Time{}, false
		}
		loc = time.FixedZone("", zoneMinutes*60)
	}
	t := time.Date(y, m, d, h, mi, s, 0, loc)
	if t.Day() != d || t.Month() != m {
		return time.Time{}, false // 31 February
	}
	return t, true
}
