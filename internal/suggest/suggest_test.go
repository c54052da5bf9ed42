package suggest

import "testing"

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"", "abc", 3}, {"kitten", "sitting", 3},
		{"newsru", "newsrv", 1}, {"банк", "банка", 1}, {"мегафон", "мегафон", 0}, {"ёж", "еж", 1},
	} {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestNearest(t *testing.T) {
	names := []string{"brand", "source", "title", "tilte"}
	for _, tc := range []struct{ key, want string }{
		{"Brnad", "brand"},  // in lower case, two edits
		{"titel", "title"},  // a tie: the first in names
		{"sorce", "source"}, // one edit
		{"language", ""},    // too far from every name
		{"", ""},            // nothing is near the empty key
	} {
		if got := Nearest(tc.key, names); got != tc.want {
			t.Errorf("Nearest(%q) = %q, want %q", tc.key, got, tc.want)
		}
	}
}
