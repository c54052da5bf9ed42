package feed

import (
	"strconv"
	"strings"
	"time"
)

// monthNames maps month names and abbreviations in the languages feeds in
// the wild use (Russian, Portuguese, Spanish, German, French, Italian,
// Greek) to the English abbreviations Go's time layouts read.
var monthNames = func() map[string]string {
	m := map[string]string{}
	add := func(en string, names ...string) {
		for _, n := range names {
			m[n] = en
		}
	}
	add("Jan", "january", "jan", "январь", "января", "янв", "janeiro", "enero", "ene", "januar", "janvier", "janv", "gennaio", "gen", "ιαν", "ιανουαρίου", "ιανουάριος")
	add("Feb", "february", "feb", "февраль", "февраля", "фев", "fevereiro", "fev", "febrero", "februar", "février", "févr", "fevr", "febbraio", "φεβ", "φεβρουαρίου")
	add("Mar", "march", "mar", "март", "марта", "мар", "março", "marco", "marzo", "märz", "mär", "mrz", "mars", "μάρ", "μαρ", "μαρτίου")
	add("Apr", "april", "apr", "апрель", "апреля", "апр", "abril", "abr", "avril", "avr", "aprile", "απρ", "απριλίου")
	add("May", "may", "май", "мая", "maio", "mai", "mayo", "maggio", "mag", "μάι", "μαι", "μαΐ", "μαΐου", "μαΐου")
	add("Jun", "june", "jun", "июнь", "июня", "июн", "junho", "junio", "juni", "juin", "giugno", "giu", "ιούν", "ιουν", "ιουνίου")
	add("Jul", "july", "jul", "июль", "июля", "июл", "julho", "julio", "juli", "juillet", "juil", "luglio", "lug", "ιούλ", "ιουλ", "ιουλίου")
	add("Aug", "august", "aug", "август", "августа", "авг", "agosto", "ago", "août", "aout", "αύγ", "αυγ", "αυγούστου")
	add("Sep", "september", "sep", "sept", "сентябрь", "сентября", "сен", "сент", "setembro", "set", "septiembre", "septembre", "settembre", "σεπ", "σεπτεμβρίου")
	add("Oct", "october", "oct", "октябрь", "октября", "окт", "outubro", "out", "octubre", "oktober", "okt", "octobre", "ottobre", "ott", "οκτ", "οκτωβρίου")
	add("Nov", "november", "nov", "ноябрь", "ноября", "ноя", "novembro", "noviembre", "novembre", "νοέ", "νοε", "νοεμβρίου")
	add("Dec", "december", "dec", "декабрь", "декабря", "дек", "dezembro", "dez", "diciembre", "dic", "dezember", "décembre", "déc", "dicembre", "δεκ", "δεκεμβρίου")
	return m
}()

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
// in other languages, two-digit years, times without a colon, epoch
// seconds or milliseconds, doubled spaces. Dates without a zone are UTC.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if t, ok := epoch(s); ok {
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

// epoch reads Unix time in seconds (9–11 digits) or milliseconds (12–13).
func epoch(s string) (time.Time, bool) {
	if len(s) < 9 || len(s) > 13 {
		return time.Time{}, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return time.Time{}, false
	}
	if len(s) >= 12 {
		return time.UnixMilli(n).UTC(), true
	}
	return time.Unix(n, 0).UTC(), true
}

// normaliseDate drops a leading weekday, the Russian year marker "г.",
// commas and doubled spaces, and translates month names to English.
func normaliseDate(s string) string {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\u00a0' })
	out := fields[:0]
	for i, f := range fields {
		low := strings.ToLower(strings.TrimSuffix(f, "."))
		if en, ok := monthNames[low]; ok {
			out = append(out, en)
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
