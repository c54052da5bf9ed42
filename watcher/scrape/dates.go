package scrape

import (
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/plaintext"
	"github.com/mentionwatch/mentionwatch/watcher/dates"
)

// ParseDate parses the dates forums and social sites print: ISO 8601 /
// RFC 3339 (with or without a colon in the offset), RFC 1123 and friends,
// Unix timestamps (the rule of dates.Unix), English and Russian dates with
// month names (dates.Month) such as "Sep 20, 2012 11:16", "7:46 PM - 20
// Jun 2016", "12 мар 2024 в 10:15" and "Nov 9" (a date without a year is
// the most recent such day not in the future), numeric dates (read the
// one way they are valid in: "25/03/2024" and "03.25.2024"; valid both
// ways, "12.03.2024" is day first and "03/12/2024" month first, as
// vBulletin's US default prints it; see readNumDate),
// and relative ones ("5 minutes ago", "4 yr. ago", "just now", "yesterday
// at 12:30", "2 дня назад", "вчера в 12:30", "только что"). now anchors
// relative dates and years; loc is the zone of dates printed without one
// (nil: now's zone).
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
	d, ok := parseDateIn(s, now, loc, false)
	return d.published, d.relative, ok
}

// dateRead is a date read from a page.
type dateRead struct {
	// printed is the date as the page prints it, read in the source's
	// zone: what identifies a post that has no permalink, the same at
	// every crawl. A numeric date is read here as earlier versions read
	// it (orderAsBefore), so that its identity does not change when the
	// page's order reads it otherwise; zero when they could not read it.
	printed time.Time
	// unkeyed: earlier versions could not read the date, and knew the
	// post by its text; it still is.
	unkeyed bool
	// published is when the post was written: printed, except for a
	// "today at …" still to come (notAhead), which is moved back by an
	// amount that depends on now.
	published time.Time
	// relative: an age relative to now ("5 minutes ago", "yesterday"
	// without a time), which shifts between crawls and so cannot identify
	// a post.
	relative bool
}

// parseDateIn is parseDate on a page whose numeric dates are day first
// when dayFirst (see pageDayFirst), also with slashes and dashes.
func parseDateIn(s string, now time.Time, loc *time.Location, dayFirst bool) (dateRead, bool) {
	if loc == nil {
		loc = now.Location()
	}
	s = plaintext.TidyLine(s)
	if s == "" || len(s) > maxDateLen {
		return dateRead{}, false
	}
	at := func(t time.Time) (dateRead, bool) {
		return dateRead{printed: t, published: t}, plausibleYear(t)
	}
	if t, ok := parseLayouts(s, loc); ok {
		return at(t)
	}
	if t, ok := dates.Unix(s); ok {
		return at(t)
	}
	toks := tokenize(normalizeDate(s))
	if len(toks) == 0 {
		return dateRead{}, false
	}
	nowIn := now.In(loc)
	if t, ok := parseAgo(toks, nowIn); ok {
		return dateRead{printed: t, published: t, relative: true}, true
	}
	if t, rel, ok := parseDayWord(toks, nowIn, loc); ok {
		return dateRead{printed: t, published: notAhead(t, nowIn), relative: rel}, true
	}
	order := orderMonthFirst
	if dayFirst {
		order = orderDayFirst
	}
	if t, ok := parseAbsolute(toks, nowIn, loc, order); ok {
		d, ok := at(t)
		if ok && hasNumDate(toks) {
			if p, pok := parseAbsolute(toks, nowIn, loc, orderAsBefore); pok && plausibleYear(p) {
				d.printed = p
			} else {
				d.printed, d.unkeyed = time.Time{}, true
			}
		}
		return d, ok
	}
	return dateRead{}, false
}

// hasNumDate reports whether toks hold a numeric date ("03/12/2024").
func hasNumDate(toks []token) bool {
	for _, t := range toks {
		if t.kind == tNumDate {
			return true
		}
	}
	return false
}

// plausibleYear reports whether t can be a post's date: a layout reads
// "1 May 0000" as readily as a real date.
func plausibleYear(t time.Time) bool {
	return t.Year() >= 1900 && t.Year() <= 2200
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
