package scrape

import (
	"strconv"
	"strings"
	"time"
	"unicode"
)

// ParseDate parses the dates forums and social sites print: ISO 8601 /
// RFC 3339 (with or without a colon in the offset), RFC 1123 and friends,
// epoch seconds or milliseconds, English and Russian dates with month names
// ("Sep 20, 2012 11:16", "7:46 PM - 20 Jun 2016", "12 мар 2024 в 10:15",
// "Nov 9" — a date without a year is the most recent such day not in the
// future), numeric dates ("12.03.2024" day first; "03/12/2024" month first
// unless the first number is over 12), and relative ones ("5 minutes ago",
// "4 yr. ago", "just now", "yesterday at 12:30", "2 дня назад", "вчера в
// 12:30", "только что"). now anchors relative dates and years; loc is the
// zone of dates printed without one (nil: now's zone).
func ParseDate(s string, now time.Time, loc *time.Location) (time.Time, bool) {
	t, _, ok := parseDate(s, now, loc)
	return t, ok
}

// maxDateLen bounds the text the parser looks at; dates are short, and a
// long string is a selector that caught a whole post.
const maxDateLen = 200

// parseDate is ParseDate that also reports whether the date is an age
// relative to now ("5 minutes ago", "yesterday" without a time), which
// shifts between crawls and so cannot identify a post.
func parseDate(s string, now time.Time, loc *time.Location) (t time.Time, relative, ok bool) {
	if loc == nil {
		loc = now.Location()
	}
	s = cleanText(s)
	if s == "" || len(s) > maxDateLen {
		return time.Time{}, false, false
	}
	if t, ok := parseLayouts(s, loc); ok {
		return t, false, true
	}
	if t, ok := parseEpoch(s); ok {
		return t, false, true
	}
	toks := tokenize(normalizeDate(s))
	if len(toks) == 0 {
		return time.Time{}, false, false
	}
	nowIn := now.In(loc)
	if t, ok := parseAgo(toks, nowIn); ok {
		return t, true, true
	}
	if t, rel, ok := parseDayWord(toks, nowIn, loc); ok {
		return t, rel, true
	}
	if t, ok := parseAbsolute(toks, nowIn, loc); ok {
		return t, false, true
	}
	return time.Time{}, false, false
}

// layouts with a zone, then without (read in loc).
var (
	zonedLayouts = []string{
		time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05.999999999Z0700",
		"2006-01-02T15:04Z07:00", "2006-01-02T15:04Z0700",
		"2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05 Z07:00", "2006-01-02 15:04:05 -0700",
		"2006-01-02 15:04:05.999999999 -0700", "2006-01-02 15:04:05 -0700 MST",
		time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
		"Mon, 02 Jan 2006 15:04 -0700", time.RFC822Z, time.RFC822, time.RFC850, time.RubyDate,
		time.UnixDate, "2 Jan 2006 15:04:05 -0700",
	}
	localLayouts = []string{
		"2006-01-02T15:04:05", "2006-01-02T15:04:05.999999999", "2006-01-02T15:04",
		"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02", time.ANSIC,
	}
)

func parseLayouts(s string, loc *time.Location) (time.Time, bool) {
	// Cheap gate: the ISO layouts start with "YYYY-", the others with a
	// weekday or a day and have a time; skip the rest without trying.
	iso := len(s) >= 10 && isDigit(rune(s[0])) && isDigit(rune(s[3])) && s[4] == '-'
	if !iso && !strings.Contains(s, ":") {
		return time.Time{}, false
	}
	for _, l := range zonedLayouts {
		if iso != strings.HasPrefix(l, "2006-") {
			continue
		}
		if t, err := time.Parse(l, s); err == nil {
			// A zone abbreviation Go does not know parses with a zero
			// offset in a made-up zone; take its offset from our table.
			if name, off := t.Zone(); off == 0 && name != "UTC" && name != "GMT" && name != "" {
				if m, ok := zones[strings.ToLower(name)]; ok && m != 0 {
					t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.FixedZone(strings.ToUpper(name), m*60))
				}
			}
			return t, true
		}
	}
	for _, l := range localLayouts {
		if iso != strings.HasPrefix(l, "2006-") {
			continue
		}
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// parseEpoch reads Unix seconds (9–10 digits) or milliseconds (12–13).
func parseEpoch(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 9 || len(s) > 13 || len(s) == 11 {
		return time.Time{}, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return time.Time{}, false
	}
	var t time.Time
	if len(s) >= 12 {
		t = time.UnixMilli(n).UTC()
	} else {
		t = time.Unix(n, 0).UTC()
	}
	if t.Year() < 1995 || t.Year() > 2100 {
		return time.Time{}, false
	}
	return t, true
}

var dateReplacer = strings.NewReplacer("ё", "е", "a.m.", "am", "p.m.", "pm", "−", "-", "–", "-", "—", "-")

func normalizeDate(s string) string {
	return dateReplacer.Replace(strings.ToLower(s))
}

type tokKind int

const (
	tWord tokKind = iota
	tNum
	tTime
	tNumDate
	tOffset
)

type token struct {
	kind   tokKind
	word   string
	n      int // number value, offset minutes
	digits int
	hash   bool // "#12", "№12": an ordinal, not part of a date
	// time
	h, m, sec int
	// numeric date
	parts []string
	sep   byte
}

func tokenize(s string) []token {
	rs := []rune(s)
	var toks []token
	hash := false
	for i := 0; i < len(rs); {
		c := rs[i]
		switch {
		case unicode.IsLetter(c):
			j := i
			for j < len(rs) && unicode.IsLetter(rs[j]) {
				j++
			}
			word := string(rs[i:j])
			if j < len(rs) && isDigit(rs[j]) {
				// "user42": a name, not a word and a number.
				for j < len(rs) && (unicode.IsLetter(rs[j]) || isDigit(rs[j])) {
					j++
				}
				word = "\x00" + string(rs[i:j])
			}
			toks = append(toks, token{kind: tWord, word: word})
			i = j
			hash = false
		case c >= '0' && c <= '9':
			t, j := readNumber(rs, i)
			t.hash = hash
			hash = false
			toks = append(toks, t)
			i = j
		case (c == '+' || c == '-') && i+1 < len(rs) && isDigit(rs[i+1]) && offsetContext(toks):
			t, j, ok := readOffset(rs, i)
			if !ok {
				i++
				continue
			}
			toks = append(toks, t)
			i = j
		case c == '#' || c == '№':
			hash = true
			i++
		default:
			if !unicode.IsSpace(c) {
				hash = false
			}
			i++
		}
		if len(toks) > 64 {
			return nil // not a date
		}
	}
	return toks
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func digitsAt(rs []rune, i int) int {
	j := i
	for j < len(rs) && isDigit(rs[j]) {
		j++
	}
	return j
}

// readNumber reads a number, a time (10:15, 10:15:32) or a numeric date
// (12.03.2024, 03/12/24, 2024-03-12) starting at i.
func readNumber(rs []rune, i int) (token, int) {
	j := digitsAt(rs, i)
	first := string(rs[i:j])
	if j+1 < len(rs) && rs[j] == ':' && isDigit(rs[j+1]) {
		k := digitsAt(rs, j+1)
		t := token{kind: tTime}
		t.h, _ = strconv.Atoi(first)
		t.m, _ = strconv.Atoi(string(rs[j+1 : k]))
		if k-(j+1) != 2 || j-i > 2 {
			t.h = 99 // not a time of day
		}
		if k+1 < len(rs) && rs[k] == ':' && isDigit(rs[k+1]) {
			l := digitsAt(rs, k+1)
			t.sec, _ = strconv.Atoi(string(rs[k+1 : l]))
			k = l
		}
		return t, k
	}
	if j+1 < len(rs) && (rs[j] == '.' || rs[j] == '/' || rs[j] == '-') && isDigit(rs[j+1]) {
		sep := rs[j]
		parts := []string{first}
		k := j
		for len(parts) < 3 && k+1 < len(rs) && rs[k] == sep && isDigit(rs[k+1]) {
			l := digitsAt(rs, k+1)
			parts = append(parts, string(rs[k+1:l]))
			k = l
		}
		return token{kind: tNumDate, parts: parts, sep: byte(sep)}, k
	}
	n, err := strconv.Atoi(first)
	if err != nil || len(first) > 9 {
		n = -1
	}
	return token{kind: tNum, n: n, digits: len(first)}, j
}

// offsetContext reports whether a sign here starts a zone offset: right
// after a time, "am/pm" or a zone name.
func offsetContext(toks []token) bool {
	if len(toks) == 0 {
		return false
	}
	t := toks[len(toks)-1]
	if t.kind == tTime {
		return true
	}
	if t.kind == tWord {
		_, zone := zones[t.word]
		return zone || t.word == "am" || t.word == "pm"
	}
	return false
}

// readOffset reads +3, +03, +0300, +03:00.
func readOffset(rs []rune, i int) (token, int, bool) {
	sign := 1
	if rs[i] == '-' {
		sign = -1
	}
	j := digitsAt(rs, i+1)
	d := string(rs[i+1 : j])
	var h, m int
	switch len(d) {
	case 1, 2:
		h, _ = strconv.Atoi(d)
		if j+2 < len(rs) && rs[j] == ':' && isDigit(rs[j+1]) && isDigit(rs[j+2]) {
			m, _ = strconv.Atoi(string(rs[j+1 : j+3]))
			j += 3
		}
	case 4:
		h, _ = strconv.Atoi(d[:2])
		m, _ = strconv.Atoi(d[2:])
	default:
		return token{}, 0, false
	}
	if h > 14 || m > 59 {
		return token{}, 0, false
	}
	return token{kind: tOffset, n: sign * (h*60 + m)}, j, true
}

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
	var years, monthsN int
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
				years, monthsN, d = addUnit(years, monthsN, d, h.u, h.n)
				pairs++
				count = -1
				continue
			}
			if u, ok := units[t.word]; ok {
				n := count
				if n < 0 {
					n = 1 // "an hour ago" has a count; "минуту назад" does not
				}
				years, monthsN, d = addUnit(years, monthsN, d, u, n)
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
	if years > 200 || monthsN > 2400 {
		return time.Time{}, false
	}
	return now.AddDate(-years, -monthsN, 0).Add(-d), true
}

func addUnit(years, monthsN int, d time.Duration, u unit, n int) (int, int, time.Duration) {
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
		d += time.Duration(n) * 24 * time.Hour
	case uWeek:
		d += time.Duration(n) * 7 * 24 * time.Hour
	case uMonth:
		monthsN += n
	case uYear:
		years += n
	}
	return years, monthsN, d
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
			if months[t.word] != 0 {
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

// parseAbsolute reads dates with a month name or in numeric form, with an
// optional time, am/pm and zone; other words (weekdays, "at", "в", "by
// author") are ignored.
func parseAbsolute(toks []token, now time.Time, loc *time.Location) (time.Time, bool) {
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
			if m, ok := months[t.word]; ok {
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
		year, month, day, ok = readNumDate(numDate, tm != nil, now)
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

// readNumDate reads a numeric date: year first when the first part has
// four digits; day first with dots; otherwise month first (US), unless the
// first number cannot be a month. Two parts (12.03) need a time beside
// them and take the year from now.
func readNumDate(t *token, withTime bool, now time.Time) (int, time.Month, int, bool) {
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
		y := now.Year()
		if m := time.Month(nums[1]); m > now.Month() || m == now.Month() && nums[0] > now.Day() {
			y--
		}
		return y, time.Month(nums[1]), nums[0], true
	case 3:
	default:
		return 0, 0, 0, false
	}
	var y, m, d int
	switch {
	case len(t.parts[0]) == 4:
		y, m, d = nums[0], nums[1], nums[2]
	case t.sep == '.':
		d, m, y = nums[0], nums[1], nums[2]
	case nums[0] > 12:
		d, m, y = nums[0], nums[1], nums[2]
	default:
		m, d, y = nums[0], nums[1], nums[2]
	}
	if len(t.parts[0]) != 4 {
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
	}
	if m < 1 || m > 12 || y < 1970 || y > 2100 {
		return 0, 0, 0, false
	}
	return y, time.Month(m), d, true
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
