package store

import (
	"strings"
	"testing"
)

// FuzzParseCursor reads the before= and after= cursors of inbox URLs: a
// cursor that parses writes itself back as given, and the error quotes
// the value.
func FuzzParseCursor(f *testing.F) {
	for _, s := range []string{"1763632800000,42", "0,0", "-1,-1", "1763632800000, 42", "+5,1", "9223372036854775807,1", "-9223372036854775808,9", "1,2,3", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCursor(s)
		if err != nil {
			if !strings.Contains(err.Error(), "not a cursor") {
				t.Fatalf("ParseCursor(%q): %v", s, err)
			}
			return
		}
		if got := c.String(); got != s {
			t.Fatalf("ParseCursor(%q).String() = %q", s, got)
		}
	})
}
