package dates

import (
	"testing"
	"time"
)

// The month names of the feed reader's and the scraper's tables.
func TestMonth(t *testing.T) {
	for word, want := range map[string]time.Month{
		"january": time.January, "jan": time.January, "январь": time.January, "января": time.January, "янв": time.January,
		"february": time.February, "feb": time.February, "февраль": time.February, "февраля": time.February, "фев": time.February, "февр": time.February,
		"march": time.March, "mar": time.March, "март": time.March, "марта": time.March, "мар": time.March,
		"april": time.April, "apr": time.April, "апрель": time.April, "апреля": time.April, "апр": time.April,
		"may": time.May, "май": time.May, "мая": time.May,
		"june": time.June, "jun": time.June, "июнь": time.June, "июня": time.June, "июн": time.June,
		"july": time.July, "jul": time.July, "июль": time.July, "июля": time.July, "июл": time.July,
		"august": time.August, "aug": time.August, "август": time.August, "августа": time.August, "авг": time.August,
		"september": time.September, "sep": time.September, "sept": time.September, "сентябрь": time.September,
		"сентября": time.September, "сен": time.September, "сент": time.September,
		"october": time.October, "oct": time.October, "октябрь": time.October, "октября": time.October, "окт": time.October,
		"november": time.November, "nov": time.November, "ноябрь": time.November, "ноября": time.November, "ноя": time.November, "нояб": time.November,
		"december": time.December, "dec": time.December, "декабрь": time.December, "декабря": time.December, "дек": time.December,
	} {
		if got, ok := Month(word); !ok || got != want {
			t.Errorf("Month(%q) = %v, %v; want %v", word, got, ok, want)
		}
		if got, ok := MonthAnyLanguage(word); !ok || got != want {
			t.Errorf("MonthAnyLanguage(%q) = %v, %v; want %v", word, got, ok, want)
		}
	}
	for word, want := range map[string]time.Month{
		"set": time.September, "ιούν": time.June, "mär": time.March, "janv": time.January, "ago": time.August,
		"out": time.October, "dez": time.December, "μαΐου": time.May, "février": time.February,
	} {
		if got, ok := MonthAnyLanguage(word); !ok || got != want {
			t.Errorf("MonthAnyLanguage(%q) = %v, %v; want %v", word, got, ok, want)
		}
		if got, ok := Month(word); ok {
			t.Errorf("Month(%q) = %v: not an English or Russian month", word, got)
		}
	}
	for _, word := range []string{"", "ago", "now", "Mar", "марте", "mon", "вчера"} {
		if got, ok := Month(word); ok {
			t.Errorf("Month(%q) = %v, want none", word, got)
		}
	}
}

// The timestamps of the feed reader's and the scraper's tests, and the
// edges of the rule.
func TestUnix(t *testing.T) {
	for in, want := range map[string]time.Time{
		"1518478934":    time.Date(2018, 2, 12, 23, 42, 14, 0, time.UTC),
		"1518478934000": time.Date(2018, 2, 12, 23, 42, 14, 0, time.UTC),
		"1466522845":    time.Date(2016, 6, 21, 15, 27, 25, 0, time.UTC),
		"1466522845000": time.Date(2016, 6, 21, 15, 27, 25, 0, time.UTC),
		" 1466522845\n": time.Date(2016, 6, 21, 15, 27, 25, 0, time.UTC),
		"999999999":     time.Date(2001, 9, 9, 1, 46, 39, 0, time.UTC), // 9 digits: seconds
		"800000000":     time.Date(1995, 5, 9, 6, 13, 20, 0, time.UTC), // 9 digits, 1995
		"1466522845123": time.Date(2016, 6, 21, 15, 27, 25, 123e6, time.UTC),
		"4102444799":    time.Date(2099, 12, 31, 23, 59, 59, 0, time.UTC),
		"4102444799999": time.Date(2099, 12, 31, 23, 59, 59, 999e6, time.UTC),
	} {
		if got, ok := Unix(in); !ok || !got.Equal(want) {
			t.Errorf("Unix(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{
		"", "12345", "2024", "12", "15184789340", "99999999999999", "123456789012345678901234567890",
		"123456789", "0000000000", "+1518478934", "-151847893", "15184 78934", "1518478934.5", "0x5a8226d6",
		"100000000000", // milliseconds in 1973
		"4133980800",   // 2101
	} {
		if got, ok := Unix(in); ok {
			t.Errorf("Unix(%q) = %v, want failure", in, got)
		}
	}
}
