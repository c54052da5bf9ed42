package feed

import (
	"strings"
	"testing"
	"time"
)

// FuzzParseDate: parseDate reads any string without panicking, and reads
// a date written in one of its own layouts — with a leading weekday and
// the month named in another language, as feeds do — as the instant the
// layout holds.
func FuzzParseDate(f *testing.F) {
	f.Add("Seg, 24 Set 2018 19:42:40 -0300", int64(1537818160), uint8(0), int16(-180), uint8(3))
	f.Add("3 января 2006 г. 14:05", int64(1136297100), uint8(6), int16(0), uint8(1))
	f.Add("1518478934000", int64(1518478934), uint8(9), int16(330), uint8(0))
	f.Add("Wed,  4 Jan 2006 10:00:00 GMT", int64(978307200), uint8(23), int16(60), uint8(2))
	f.Fuzz(func(t *testing.T, s string, sec int64, layoutIdx uint8, offsetMin int16, dress uint8) {
		if got, ok := parseDate(s); ok {
			again, ok2 := parseDate(s)
			if !ok2 || !again.Equal(got) {
				t.Fatalf("parseDate(%q) not deterministic", s)
			}
		}

		layout := fallbackLayouts[int(layoutIdx)%len(fallbackLayouts)]
		// Years 1970 to 2068: the two-digit-year layouts read 69..99 as
		// 19xx and 00..68 as 20xx.
		const first, last = 0, 3124137600 // 1970-01-01, 2069-01-01
		sec = first + (sec%last+last)%last
		loc := time.UTC
		if strings.Contains(layout, "-07") {
			loc = time.FixedZone("", int(offsetMin%(14*60))*60)
		}
		tm := time.Unix(sec, 0).In(loc)
		written := tm.Format(layout)
		want, err := time.Parse(layout, written)
		if err != nil {
			t.Fatalf("layout %q does not read its own %q: %v", layout, written, err)
		}
		if dress&1 != 0 {
			if m := tm.Month(); strings.Contains(written, m.String()[:3]) {
				written = strings.Replace(written, m.String()[:3], otherMonthNames[m-1][int(dress>>2)%len(otherMonthNames[m-1])], 1)
			}
		}
		if dress&2 != 0 && strings.Count(written, " ") >= 1 {
			written = []string{"Mon, ", "Пн, ", "Seg, ", "Τρι, ", "Mi. "}[int(dress>>4)%5] + written
		}
		got, ok := parseDate(written)
		if !ok || !got.Equal(want) {
			t.Fatalf("parseDate(%q) = %v, %v; want %v (layout %q)", written, got, ok, want, layout)
		}
	})
}

// otherMonthNames are the names feeds in Russian, Portuguese, German,
// French, Spanish and Greek give the months, by month.
var otherMonthNames = [12][]string{
	{"января", "янв.", "janeiro", "Januar", "janv.", "enero", "Ιαν"},
	{"февраля", "фев", "fevereiro", "Februar", "févr.", "febrero", "Φεβ"},
	{"марта", "мар", "março", "März", "mars", "marzo", "Μάρ"},
	{"апреля", "апр", "abril", "April", "avril", "abr", "Απρ"},
	{"мая", "май", "maio", "Mai", "mai", "mayo", "Μάι"},
	{"июня", "июн", "junho", "Juni", "juin", "junio", "Ιούν"},
	{"июля", "июл", "julho", "Juli", "juil.", "julio", "Ιούλ"},
	{"августа", "авг", "agosto", "August", "août", "ago", "Αύγ"},
	{"сентября", "сент.", "setembro", "September", "sept.", "septiembre", "Σεπ"},
	{"октября", "окт", "outubro", "Oktober", "oct.", "octubre", "Οκτ"},
	{"ноября", "нояб.", "novembro", "November", "nov.", "noviembre", "Νοέ"},
	{"декабря", "дек", "dezembro", "Dezember", "déc.", "diciembre", "Δεκ"},
}
