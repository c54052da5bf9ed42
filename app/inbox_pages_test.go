package app

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var (
	rowIDRe  = regexp.MustCompile(`<li class="m status-[a-z_]+" data-id="(\d+)">`)
	nextRe   = regexp.MustCompile(`<a href="([^"]*)" rel="next">`)
	topAttrs = regexp.MustCompile(`id="mentions" data-top="([^"]*)" data-query="([^"]*)"`)
)

// TestListPagesThroughOlder: the list's "older mentions" link keeps the
// filters and the limit the list was drawn with, and following it lists
// every mention once, newest first.
func TestListPagesThroughOlder(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	c := e.client()
	if r := e.login(t, c, "anna", annaPassword); r.code != 303 {
		t.Fatalf("login: %d", r.code)
	}
	names := map[string]string{}
	for n, id := range e.ids {
		names[itoa(id)] = n
	}
	for _, tc := range []struct {
		start string
		pages []string
	}{
		{"/?limit=1&source=forum", []string{"card", "again", "xss"}},
		{"/?limit=2", []string{"card again", "office xss"}},
		{"/?limit=3&brand=acme+bank&utm_source=slack", []string{"card again office", "xss"}},
	} {
		var pages []string
		for path, n := tc.start, 0; path != "" && n < 10; n++ {
			r := e.do(t, c, "GET", path, nil, nil)
			if r.code != 200 {
				t.Fatalf("GET %s: %d", path, r.code)
			}
			var got []string
			for _, m := range rowIDRe.FindAllStringSubmatch(r.body, -1) {
				got = append(got, names[m[1]])
			}
			if len(got) > 0 {
				pages = append(pages, strings.Join(got, " "))
			}
			path = ""
			if m := nextRe.FindStringSubmatch(r.body); m != nil {
				path = html.UnescapeString(m[1])
				for _, kept := range strings.Split(strings.TrimPrefix(tc.start, "/?"), "&") {
					if !strings.HasPrefix(kept, "utm_") && !strings.Contains(path, kept) {
						t.Errorf("%s: next %q lost %q", tc.start, path, kept)
					}
				}
			}
		}
		if g, w := strings.Join(pages, " | "), strings.Join(tc.pages, " | "); g != w {
			t.Errorf("%s: pages %q, want %q", tc.start, g, w)
		}
	}
	// The poll's query keeps the filters, not the paging.
	r := e.do(t, c, "GET", "/?limit=2&source=forum", nil, nil)
	if m := topAttrs.FindStringSubmatch(r.body); m == nil || m[1] == "" || html.UnescapeString(m[2]) != "source=forum" {
		t.Errorf("poll attributes: %v", m)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
