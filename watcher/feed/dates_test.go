package feed

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Seg, 24 Set 2018 19:42:40 -0300", "2018-09-24T22:42:40Z"}, // Portuguese
		{"Τρι, 29 Ιούν 2004 12:53:00 GMT", "2004-06-29T12:53:00Z"},  // Greek
		{"3 января 2006 г. 14:05", "2006-01-03T14:05:00Z"},          // Russian, no zone
		{"Вт, 03 янв 2006 14:55:30 +0300", "2006-01-03T11:55:30Z"},  // Russian abbreviations
		{"Mi, 17 Mär 2021 08:00:00 +0100", "2021-03-17T07:00:00Z"},  // German
		{"03 Apr 02 1500 GMT", "2002-04-03T15:00:00Z"},              // two-digit year, no colon
		{"Wed,  4 Jan 2006 10:00:00 GMT", "2006-01-04T10:00:00Z"},   // double space
		{"1518478934", "2018-02-12T23:42:14Z"},                      // epoch seconds
		{"1518478934000", "2018-02-12T23:42:14Z"},                   // epoch milliseconds
		{"2004-12-13", "2004-12-13T00:00:00Z"},                      // date only
		{"13.12.2004 09:30", "2004-12-13T09:30:00Z"},                // dotted
		{"2026-02-01 10:00:00 +0300", "2026-02-01T07:00:00Z"},
		{"Jan 5 2026", "2026-01-05T00:00:00Z"},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in)
		if !ok {
			t.Errorf("parseDate(%q) failed", tt.in)
			continue
		}
		if s := got.UTC().Format(time.RFC3339); s != tt.want {
			t.Errorf("parseDate(%q) = %s, want %s", tt.in, s, tt.want)
		}
	}
	for _, bad := range []string{"", "soon", "yesterday at noon", "12345", "32 Foo 2020"} {
		if got, ok := parseDate(bad); ok {
			t.Errorf("parseDate(%q) = %s, want failure", bad, got)
		}
	}
}
