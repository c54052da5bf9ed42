package scrape

import "testing"

func TestParseCount(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"11", 11, true},
		{"11 Replies", 11, true},
		{"Replies: 11", 11, true},
		{"#42", 42, true},
		{"1,234", 1234, true},
		{"1 234 ответа", 1234, true},
		{"1\u00a0234", 1234, true},
		{"2.8k comments", 2800, true},
		{"37.2K", 37200, true},
		{"3.9M", 3900000, true},
		{"1,2 тыс.", 1200, true},
		{"5 тыс", 5000, true},
		{"3,817 likes", 3817, true},
		{"12 posts • Page 1 of 2", 12, true},
		{"3 сообщения", 3, true},
		{"Reply (124 replies)", 124, true},
		{"0", 0, true},
		{"", 0, false},
		{"no replies yet", 0, false},
		{"99999999999999999999", 2147483647, true},
	}
	for _, tt := range tests {
		got, ok := parseCount(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("parseCount(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
