// Package dates holds what the feed reader (watcher/feed) and the
// scraper (watcher/scrape) share to read dates: one table of month names
// and one rule for Unix timestamps. Each reader keeps its own grammar:
// the feed reader tries the fixed layouts feeds write, the scraper reads
// the free-form and relative dates forum pages print.
package dates

import (
	"strconv"
	"strings"
	"time"
)

// month is one entry of the month table.
type month struct {
	m time.Month
	// other: a name in a language other than English and Russian. Their
	// abbreviations are English words ("ago" is August in Spanish, "out"
	// October in Portuguese), so only MonthAnyLanguage reads them.
	other bool
}

// months maps month names and abbreviations, lower case, to their month.
var months = map[string]month{}

func init() {
	add := func(other bool, m time.Month, words ...string) {
		for _, w := range words {
			if _, ok := months[w]; ok {
				continue // the same abbreviation in two languages ("mar")
			}
			months[w] = month{m: m, other: other}
		}
	}
	// English and Russian: every case form and abbreviation dates use.
	add(false, time.January, "january", "jan", "январь", "января", "янв")
	add(false, time.February, "february", "feb", "февраль", "февраля", "фев", "февр")
	add(false, time.March, "march", "mar", "март", "марта", "мар")
	add(false, time.April, "april", "apr", "апрель", "апреля", "апр")
	add(false, time.May, "may", "май", "мая")
	add(false, time.June, "june", "jun", "июнь", "июня", "июн")
	add(false, time.July, "july", "jul", "июль", "июля", "июл")
	add(false, time.August, "august", "aug", "август", "августа", "авг")
	add(false, time.September, "september", "sep", "sept", "сентябрь", "сентября", "сен", "сент")
	add(false, time.October, "october", "oct", "октябрь", "октября", "окт")
	add(false, time.November, "november", "nov", "ноябрь", "ноября", "ноя", "нояб")
	add(false, time.December, "december", "dec", "декабрь", "декабря", "дек")
	// Portuguese, Spanish, German, French, Italian and Greek, as feeds in
	// the wild write them.
	add(true, time.January, "janeiro", "enero", "ene", "januar", "janvier", "janv", "gennaio", "gen", "ιαν", "ιανουαρίου", "ιανουάριος")
	add(true, time.February, "fevereiro", "fev", "febrero", "februar", "février", "févr", "fevr", "febbraio", "φεβ", "φεβρουαρίου")
	add(true, time.March, "março", "marco", "marzo", "märz", "mär", "mrz", "mars", "μάρ", "μαρ", "μαρτίου")
	add(true, time.April, "abril", "abr", "avril", "avr", "aprile", "απρ", "απριλίου")
	add(true, time.May, "maio", "mai", "mayo", "maggio", "mag", "μάι", "μαι", "μαΐ", "μαΐου")
	add(true, time.June, "junho", "junio", "juni", "juin", "giugno", "giu", "ιούν", "ιουν", "ιουνίου")
	add(true, time.July, "julho", "julio", "juli", "juillet", "juil", "luglio", "lug", "ιούλ", "ιουλ", "ιουλίου")
	add(true, time.August, "agosto", "ago", "août", "aout", "αύγ", "αυγ", "αυγούστου")
	add(true, time.September, "setembro", "set", "septiembre", "septembre", "settembre", "σεπ", "σεπτεμβρίου")
	add(true, time.October, "outubro", "out", "octubre", "oktober", "okt", "octobre", "ottobre", "ott", "οκτ", "οκτωβρίου")
	add(true, time.November, "novembro", "noviembre", "novembre", "νοέ", "νοε", "νοεμβρίου")
	add(true, time.December, "dezembro", "dez", "diciembre", "dic", "dezember", "décembre", "déc", "dicembre", "δεκ", "δεκεμβρίου")
}

// Month returns the month that word, a lower-case English or Russian
// month name or abbreviation without its full stop, stands for: "march",
// "mar", "март", "марта", "мар", "сент".
func Month(word string) (time.Month, bool) {
	if e, ok := months[word]; ok && !e.other {
		return e.m, true
	}
	return 0, false
}

// MonthAnyLanguage is Month that also reads the Portuguese, Spanish,
// German, French, Italian and Greek names feeds use. Some of them are
// English words ("ago", "set", "out"): it is for fixed layouts such as
// RFC 822 dates, where a month's place is known, not for free text.
func MonthAnyLanguage(word string) (time.Month, bool) {
	e, ok := months[word]
	return e.m, ok
}

// The years a Unix timestamp may fall in: outside them a number is an
// identifier or a count, not a date.
const (
	firstYear = 1995
	lastYear  = 2100
)

// Unix reads a Unix timestamp, as feeds and data-time attributes carry
// them: 9 or 10 digits are seconds, 12 or 13 digits milliseconds, and the
// time must fall between 1995 and 2100. Eleven digits are neither (as
// seconds, past the year 2286; as milliseconds, before 1974), and signs,
// spaces inside and other lengths are not timestamps. Surrounding space
// is ignored. The time is in UTC.
func Unix(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	switch len(s) {
	case 9, 10, 12, 13:
	default:
		return time.Time{}, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return time.Time{}, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	var t time.Time
	if len(s) >= 12 {
		t = time.UnixMilli(n).UTC()
	} else {
		t = time.Unix(n, 0).UTC()
	}
	if t.Year() < firstYear || t.Year() > lastYear {
		return time.Time{}, false
	}
	return t, true
}
