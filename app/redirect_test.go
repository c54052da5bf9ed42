package app

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// TestLocalPathStaysHome: whatever next= or back= says, the Location the
// server answers with resolves to the inbox's own host. http.Redirect
// cleans the path ("/./\evil" becomes "/\evil"), and browsers read a
// backslash as a slash, so "/\evil" would leave for another host.
func TestLocalPathStaysHome(t *testing.T) {
	cases := []struct {
		next, want string
	}{
		{"/mentions/3", "/mentions/3"},
		{"/?brand=Acme+Bank&q=%5C", "/?brand=Acme+Bank&q=%5C"},
		{"/overview#top", "/overview#top"},
		{"", "/"},
		{"mentions", "/"},
		{"//evil.example", "/"},
		{"/\\evil.example", "/"},
		{"https://evil.example/", "/"},
		{"/\t/evil.example", "/"},
		{"/./\\evil.example", "/"},
		{"/a/../\\evil.example", "/"},
		{"/.\\/evil.example", "/"},
		{"/#/../\\evil.example", "/"},
		{"/x/..\\..\\evil.example", "/"},
	}
	base, _ := url.Parse("https://inbox.example/login")
	for _, tc := range cases {
		got := localPath(tc.next)
		if got != tc.want {
			t.Errorf("localPath(%q) = %q, want %q", tc.next, got, tc.want)
		}
		w := httptest.NewRecorder()
		http.Redirect(w, httptest.NewRequest("POST", "/login", nil), got, http.StatusSeeOther)
		loc := w.Header().Get("Location")
		// A browser reads "\" as "/" in an http(s) URL.
		u, err := base.Parse(strings.ReplaceAll(loc, `\`, "/"))
		if err != nil || u.Host != base.Host {
			t.Errorf("next %q: Location %q leaves the inbox (%v)", tc.next, loc, err)
		}
	}
}

// TestLoginNextStaysHome: signing in from a link whose next= is made to
// leave the inbox lands on the inbox.
func TestLoginNextStaysHome(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	for _, next := range []string{"/./\\evil.example", "/a/../\\evil.example"} {
		c := e.client()
		page := e.do(t, c, "GET", "/login?next="+url.QueryEscape(next), nil, nil)
		if strings.Contains(page.body, "evil.example") {
			t.Errorf("next %q: the login form carries it", next)
		}
		tok := e.csrfOf(t, c, "/login")
		form := url.Values{"name": {"anna"}, "password": {annaPassword}, "csrf": {tok}, "next": {next}}
		r := e.do(t, c, "POST", "/login", strings.NewReader(form.Encode()),
			map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Origin": e.srv.URL})
		loc := r.hdr.Get("Location")
		if r.code != http.StatusSeeOther || strings.Contains(loc, "evil") {
			t.Errorf("next %q: %d Location %q", next, r.code, loc)
		}
		// The page's own forms return to back= the same way.
		tok = e.csrfOf(t, c, "/")
		body := fmt.Sprintf("action=note&value=x&csrf=%s&back=%s", tok, url.QueryEscape(next))
		r = e.do(t, c, "POST", fmt.Sprintf("/mentions/%d/actions", e.ids["card"]), strings.NewReader(body),
			map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Origin": e.srv.URL})
		if loc := r.hdr.Get("Location"); r.code != http.StatusSeeOther || strings.Contains(loc, "evil") {
			t.Errorf("back %q: %d Location %q", next, r.code, loc)
		}
	}
}
