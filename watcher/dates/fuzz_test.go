package dates

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzUnix: a timestamp Unix accepts is all digits, falls between 1995
// and 2100 in UTC, and is the number it was written as, in seconds or in
// milliseconds by its length; a timestamp written from such a time reads
// back as that time.
func FuzzUnix(f *testing.F) {
	for _, s := range []string{"1518478934", "1518478934000", " 999999999 ", "09999999999", "-151847893", "4102444800", "+518478934", "1.5e9"} {
		f.Add(s, int64(1518478934123))
	}
	first, last := time.Date(firstYear, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(lastYear+1, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string, ms int64) {
		if got, ok := Unix(s); ok {
			d := strings.TrimSpace(s)
			n, err := strconv.ParseInt(d, 10, 64)
			if err != nil || strings.TrimLeft(d, "0123456789") != "" {
				t.Fatalf("Unix(%q) accepted a non-number", s)
			}
			back := got.Unix()
			if len(d) >= 12 {
				back = got.UnixMilli()
			}
			if back != n || got.Location() != time.UTC || got.Before(first) || !got.Before(last) {
				t.Fatalf("Unix(%q) = %v", s, got)
			}
		}
		span := last.UnixMilli() - first.UnixMilli()
		tm := time.UnixMilli(first.UnixMilli() + (ms%span+span)%span).UTC()
		for _, w := range []struct {
			s    string
			want time.Time
		}{{strconv.FormatInt(tm.Unix(), 10), tm.Truncate(time.Second)}, {strconv.FormatInt(tm.UnixMilli(), 10), tm}} {
			if len(w.s) == 11 {
				continue // neither seconds nor milliseconds
			}
			if got, ok := Unix(w.s); !ok || !got.Equal(w.want) {
				t.Fatalf("Unix(%q) = %v, %v; want %v", w.s, got, ok, w.want)
			}
		}
	})
}
