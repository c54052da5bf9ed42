package feed

import (
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/watcher/dates"
)

// fallbackLayouts are tried, in order, on a normalised date string.
var fallbackLayouts = []string{
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 -07:00",
	"2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05",
	"2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04 MST",
	"2 Jan 2006 15:04",
	"2 Jan 06 15:04:05 -0700",
	"2 Jan 06 15:04:05 MST",
	"2 Jan 06 1504 MST",
	"2 Jan 06 15:04 MST",
	"2 Jan 2006 1504 MST",
	"Jan 2 2006 15:04:05 -0700",
	"Jan 2 2006 15:04:05 MST",
	"Jan 2 2006 15:04",
	"Jan 2 2006",
	"2 Jan 2006",
	"2 Jan 06",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02T15:04:05",
	"2006-01-02",
	"02.01.2006 15:04:05",
	"02.01.2006 15:04",
	"02.01.2006",
	"2006/01/02 15:04:05",
	"2006/01/02",
}

// parseDate reads the dates gofeed gives up on: month and weekday names
// in other languages, two-digit years, times without a colon, Unix
// timestamps (dates.Unix), doubled spaces. Dates without a zone are UTC.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if t, ok := dates.Unix(s); ok {
		return t, true
	}
	norm := normaliseDate(s)
	for _, layout := range fallbackLayouts {
		if t, err := time.Parse(layout, norm); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// normaliseDate drops a leading weekday, the Russian year marker "г.",
// commas and doubled spaces, and translates month names to English.
func normaliseDate(s string) string {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\u00a0' })
	out := fields[:0]
	for i, f := range fields {
		low := strings.ToLower(strings.TrimSuffix(f, "."))
		if m, ok := dates.MonthAnyLanguage(low); ok {
			out = append(out, m.String()[:3]) // the abbreviation Go's layouts read
			continue
		}
		if low == "г" || low == "года" {
			continue
		}
		if i == 0 && !strings.ContainsAny(f, "0123456789") && len(fields) > 2 {
			continue // a weekday, in whatever language
		}
		out = append(out, f)
	}
	return strings.Join(out, " ")
}
