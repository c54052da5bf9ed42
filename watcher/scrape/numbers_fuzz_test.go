package scrape

import (
	"math"
	"strconv"
	"testing"
)

// FuzzParseCount: a count read from a page is between zero and
// math.MaxInt32, and a plain number reads as itself, alone or before a
// word.
func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"11", "1,234", "1 234", "2.8k comments", "37.2K", "3.9M", "1,2 тыс.", "#12", "99999999999b", "1.234k", "12 34", "0,5"} {
		f.Add(s, uint32(1234))
	}
	f.Fuzz(func(t *testing.T, s string, n uint32) {
		if got, ok := parseCount(s); ok && (got < 0 || got > math.MaxInt32) {
			t.Fatalf("parseCount(%q) = %d", s, got)
		}
		v := int(n % math.MaxInt32)
		for _, w := range []string{strconv.Itoa(v), strconv.Itoa(v) + " replies", "Replies: " + strconv.Itoa(v)} {
			if got, ok := parseCount(w); !ok || got != v {
				t.Fatalf("parseCount(%q) = %d, %v; want %d", w, got, ok, v)
			}
		}
	})
}
