package app

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestSignIn: without a session the pages send to /login and the API
// answers 401; a wrong password and an unknown token get 401 and no
// session; the right password gets a session cookie (HttpOnly, SameSite)
// and the inbox.
func TestSignIn(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	c := e.client()
	if r := e.do(t, c, "GET", "/", nil, nil); r.code != http.StatusSeeOther || !strings.HasPrefix(r.hdr.Get("Location"), "/login?next=") {
		t.Errorf("GET / unsigned: %d %s", r.code, r.hdr.Get("Location"))
	}
	for _, p := range []string{"/api/mentions", fmt.Sprintf("/api/mentions/%d", e.ids["card"]), "/overview"} {
		r := e.do(t, nil, "GET", p, nil, map[string]string{"Accept": "application/json"})
		if strings.HasPrefix(p, "/api/") && r.code != http.StatusUnauthorized {
			t.Errorf("GET %s unsigned: %d", p, r.code)
		}
		if strings.Contains(r.body, "Acme") {
			t.Errorf("GET %s unsigned shows mentions", p)
		}
	}
	for _, p := range []string{"/healthz", "/metrics", "/login", "/static/inbox.js"} {
		if r := e.do(t, nil, "GET", p, nil, nil); r.code != http.StatusOK {
			t.Errorf("GET %s unsigned: %d", p, r.code)
		}
	}
	r := e.login(t, c, "anna", "wrong")
	if r.code != http.StatusUnauthorized || strings.Contains(r.hdr.Get("Set-Cookie"), sessionCookie) {
		t.Errorf("wrong password: %d, Set-Cookie %q", r.code, r.hdr.Get("Set-Cookie"))
	}
	if r := e.login(t, c, "nobody", annaPassword); r.code != http.StatusUnauthorized {
		t.Errorf("unknown user: %d", r.code)
	}
	if r := e.do(t, c, "GET", "/api/mentions", nil, nil); r.code != http.StatusUnauthorized {
		t.Errorf("after failed sign-ins: %d", r.code)
	}
	for _, tok := range []string{"Bearer wrong-token-0123456789", "Bearer " + ciToken + "x", "Basic " + ciToken} {
		if r := e.do(t, nil, "GET", "/api/mentions", nil, map[string]string{"Authorization": tok}); r.code != http.StatusUnauthorized || strings.Contains(r.body, "Acme") {
			t.Errorf("%s: %d", tok, r.code)
		}
	}
	r = e.login(t, c, "Anna", annaPassword)
	sc := r.hdr.Get("Set-Cookie")
	if r.code != http.StatusSeeOther || !strings.Contains(sc, sessionCookie+"=") || !strings.Contains(sc, "HttpOnly") || !strings.Contains(sc, "SameSite=Lax") {
		t.Fatalf("sign-in: %d, Set-Cookie %q", r.code, sc)
	}
	if strings.Contains(sc, "Secure") {
		t.Errorf("Secure over plain http on loopback: %q", sc)
	}
	if r := e.do(t, c, "GET", "/", nil, nil); r.code != http.StatusOK || !strings.Contains(r.body, "Acme Bank opens an office") || !strings.Contains(r.body, `<meta name="user" content="anna">`) {
		t.Errorf("inbox after sign-in: %d", r.code)
	}
	if r := e.do(t, nil, "GET", "/api/mentions", nil, map[string]string{"Authorization": "Bearer " + ciToken}); r.code != http.StatusOK || len(mentionTitles(t, r.body)) != 4 {
		t.Errorf("token: %d %s", r.code, r.body)
	}
	// Signing out ends the session on the server, not only the cookie.
	tok := e.csrfOf(t, c, "/")
	var session string
	u, _ := url.Parse(e.srv.URL)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == sessionCookie {
			session = ck.Value
		}
	}
	if r := e.do(t, c, "POST", "/logout", strings.NewReader("csrf="+tok), map[string]string{"Content-Type": "application/x-www-form-urlencoded"}); r.code != http.StatusSeeOther {
		t.Errorf("logout: %d", r.code)
	}
	if r := e.do(t, nil, "GET", "/api/mentions", nil, map[string]string{"Cookie": sessionCookie + "=" + session}); r.code != http.StatusUnauthorized {
		t.Errorf("old session after logout: %d", r.code)
	}
	if strings.Contains(e.logs.String(), annaPassword) || strings.Contains(e.logs.String(), ciToken) || strings.Contains(e.logs.String(), session) {
		t.Error("a secret in the logs")
	}
}

// TestSignInWithNameAndPassword: the sign-in form posts name and
// password; a script that posts only those two fields, with or without
// the cookie of the login page, gets its session. A post from another
// origin, or with a stale token, is refused all the same.
func TestSignInWithNameAndPassword(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	form := "application/x-www-form-urlencoded"
	body := url.Values{"name": {"anna"}, "password": {annaPassword}}.Encode()
	cases := []struct {
		name     string
		getFirst bool // GET /login first (its cookie)
		extra    string
		hdr      map[string]string
		want     int
	}{
		{"bare post", false, "", map[string]string{}, http.StatusSeeOther},
		{"after the login page", true, "", map[string]string{}, http.StatusSeeOther},
		{"same origin", false, "", map[string]string{"Origin": e.srv.URL}, http.StatusSeeOther},
		{"another origin", false, "", map[string]string{"Origin": "http://evil.example"}, http.StatusForbidden},
		{"cross-site fetch", true, "", map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"foreign referer", false, "", map[string]string{"Referer": "http://evil.example/login"}, http.StatusForbidden},
		{"stale token", true, "&csrf=stale-token-of-another-page-0123456789", map[string]string{}, http.StatusForbidden},
	}
	for _, tc := range cases {
		c := e.client()
		if tc.getFirst {
			e.do(t, c, "GET", "/login", nil, nil)
		}
		tc.hdr["Content-Type"] = form
		r := e.do(t, c, "POST", "/login", strings.NewReader(body+tc.extra), tc.hdr)
		got := strings.Contains(r.hdr.Get("Set-Cookie"), sessionCookie+"=")
		if r.code != tc.want || got != (tc.want == http.StatusSeeOther) {
			t.Errorf("%s: %d, session cookie %v", tc.name, r.code, got)
			continue
		}
		if tc.want == http.StatusSeeOther {
			if r := e.do(t, c, "GET", "/api/mentions", nil, nil); r.code != http.StatusOK {
				t.Errorf("%s: the session does not open the API: %d", tc.name, r.code)
			}
		}
	}
}

// TestLoginLimit: five failures for a name lock it (429 with Retry-After,
// even with the right password) until the window passes; the address is
// limited across names too.
func TestLoginLimit(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	c := e.client()
	for i := range loginLimit {
		if r := e.login(t, c, "anna", fmt.Sprint("guess", i)); r.code != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i, r.code)
		}
	}
	r := e.login(t, c, "anna", annaPassword)
	if r.code != http.StatusTooManyRequests || r.hdr.Get("Retry-After") == "" || strings.Contains(r.hdr.Get("Set-Cookie"), sessionCookie) {
		t.Fatalf("after %d failures: %d Retry-After %q", loginLimit, r.code, r.hdr.Get("Retry-After"))
	}
	// The same address, another name: limited too.
	if r := e.login(t, c, "boris", borisPassword); r.code != http.StatusTooManyRequests {
		t.Errorf("another name from the same address: %d", r.code)
	}
	e.clock.Advance(loginWindow)
	if r := e.login(t, c, "anna", annaPassword); r.code != http.StatusSeeOther {
		t.Errorf("after the window: %d", r.code)
	}
}

// TestCSRF: with a session, a change without the page's token, a
// cross-site form post and a no-cors fetch from another origin change
// nothing; the page's own request with its token does. A Bearer call
// needs no token.
func TestCSRF(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	c := e.signedIn(t, "anna", annaPassword)
	tok := e.csrfOf(t, c, "/")
	id := e.ids["card"]
	form := "application/x-www-form-urlencoded"
	attacks := []struct {
		name, method, path, body string
		hdr                      map[string]string
	}{
		{"no token", "POST", fmt.Sprintf("/api/mentions/%d/handled", id), "", map[string]string{}},
		{"wrong token", "POST", fmt.Sprintf("/api/mentions/%d/actions", id), `{"action":"handled"}`, map[string]string{"X-CSRF-Token": "x" + tok}},
		{"cross-site form post", "POST", fmt.Sprintf("/mentions/%d/actions", id), "action=handled&csrf=" + tok,
			map[string]string{"Content-Type": form, "Origin": "http://127.0.0.1:9", "Sec-Fetch-Site": "same-site"}},
		{"cross-site form post, no token", "POST", "/mentions/bulk", fmt.Sprintf("do=handled:%d", id),
			map[string]string{"Content-Type": form, "Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}},
		{"no-cors fetch", "POST", fmt.Sprintf("/api/mentions/%d/handled", id), "",
			map[string]string{"Content-Type": "text/plain", "Origin": "http://localhost:3000", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Site": "same-site"}},
		{"foreign referer", "POST", fmt.Sprintf("/mentions/%d/actions", id), "action=handled&csrf=" + tok,
			map[string]string{"Content-Type": form, "Referer": "http://evil.example/page"}},
	}
	for _, a := range attacks {
		r := e.do(t, c, a.method, a.path, strings.NewReader(a.body), a.hdr)
		if r.code != http.StatusForbidden {
			t.Errorf("%s: %d %s", a.name, r.code, r.body)
		}
	}
	if m := e.mention(t, "card"); m.Status != model.StatusNew {
		t.Fatalf("an attack changed the mention: %s by %s", m.Status, m.HandledBy)
	}
	r := e.do(t, c, "POST", fmt.Sprintf("/mentions/%d/actions", id), strings.NewReader("action=handled&csrf="+tok),
		map[string]string{"Content-Type": form, "Origin": e.srv.URL, "Sec-Fetch-Site": "same-origin"})
	if r.code != http.StatusSeeOther {
		t.Fatalf("own form: %d %s", r.code, r.body)
	}
	if m := e.mention(t, "card"); m.Status != model.StatusHandled || m.HandledBy != "anna" {
		t.Errorf("after the page's own post: %s by %q", m.Status, m.HandledBy)
	}
	// A script with a token needs no CSRF token and acts as the token's name.
	r = e.do(t, nil, "POST", fmt.Sprintf("/api/mentions/%d/actions", e.ids["again"]), strings.NewReader(`{"action":"assign","value":"boris"}`),
		map[string]string{"Authorization": "Bearer " + ciToken})
	var got mentionJSON
	if r.code != http.StatusOK || json.Unmarshal([]byte(r.body), &got) != nil || got.Assignee != "boris" ||
		len(got.History) != 1 || got.History[0].User != "ci" || got.History[0].Via != "api" {
		t.Errorf("token action: %d %s", r.code, r.body)
	}
}

// TestActionsAPIForm: POST /api/mentions/{id}/actions also takes a form
// (action, value and the page's csrf field) from a signed-in browser; a
// JSON body sent as a form, as curl -d sends it, is still read as JSON.
func TestActionsAPIForm(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	c := e.signedIn(t, "anna", annaPassword)
	tok := e.csrfOf(t, c, "/")
	form := map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Origin": e.srv.URL}
	path := fmt.Sprintf("/api/mentions/%d/actions", e.ids["card"])
	cases := []struct {
		name, body string
		code       int
		assignee   string
	}{
		{"form without the token", "action=assign&value=boris", http.StatusForbidden, ""},
		{"form with a wrong token", "action=assign&value=boris&csrf=x" + tok, http.StatusForbidden, ""},
		{"form with the token", "action=assign&value=boris&csrf=" + tok, http.StatusOK, "boris"},
		{"form, unknown action", "action=explode&csrf=" + tok, http.StatusBadRequest, "boris"},
		{"form, no action", "value=anna&csrf=" + tok, http.StatusBadRequest, "boris"},
	}
	for _, tc := range cases {
		r := e.do(t, c, "POST", path, strings.NewReader(tc.body), form)
		if r.code != tc.code || e.mention(t, "card").Assignee != tc.assignee {
			t.Errorf("%s: %d %s, assignee %q", tc.name, r.code, r.body, e.mention(t, "card").Assignee)
		}
		if tc.code == http.StatusOK {
			var got mentionJSON
			if err := json.Unmarshal([]byte(r.body), &got); err != nil || got.Assignee != tc.assignee || len(got.History) == 0 {
				t.Errorf("%s: answer %s", tc.name, r.body)
			}
		}
	}
	r := e.do(t, nil, "POST", path, strings.NewReader(`{"action":"assign","value":"anna"}`),
		map[string]string{"Authorization": "Bearer " + ciToken, "Content-Type": "application/x-www-form-urlencoded"})
	if r.code != http.StatusOK || e.mention(t, "card").Assignee != "anna" {
		t.Errorf("JSON sent as a form: %d %s", r.code, r.body)
	}
}

// TestOpenInboxOnLoopback: with no users and no tokens, on loopback, the
// inbox is open and a script may still mark a mention handled as before;
// a browser's cross-site post is refused all the same.
func TestOpenInboxOnLoopback(t *testing.T) {
	e := newInboxEnv(t, "")
	id := e.ids["card"]
	r := e.do(t, nil, "POST", fmt.Sprintf("/mentions/%d/actions", id), strings.NewReader("action=handled"),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Origin": "http://evil.example"})
	if r.code != http.StatusForbidden || e.mention(t, "card").Status != model.StatusNew {
		t.Fatalf("cross-site post to an open inbox: %d", r.code)
	}
	r = e.do(t, nil, "POST", fmt.Sprintf("/api/mentions/%d/handled", id), nil, nil)
	if r.code != http.StatusOK || e.mention(t, "card").HandledBy != openUser {
		t.Errorf("script's handled: %d %s", r.code, r.body)
	}
	// The browser's own page, with its token.
	c := e.client()
	tok := e.csrfOf(t, c, "/")
	r = e.do(t, c, "POST", fmt.Sprintf("/api/mentions/%d/actions", id), strings.NewReader(`{"action":"reopen"}`),
		map[string]string{"X-CSRF-Token": tok, "Origin": e.srv.URL})
	if r.code != http.StatusOK || e.mention(t, "card").Status != model.StatusNew {
		t.Errorf("own page's reopen: %d %s", r.code, r.body)
	}
}

// TestHostAndHeaders: a foreign Host (DNS rebinding) is refused; every
// answer carries the security headers.
func TestHostAndHeaders(t *testing.T) {
	e := newInboxEnv(t, "")
	for _, h := range []string{"evil.example", "evil.example:80", "127.0.0.1.evil.example"} {
		if r := e.do(t, nil, "GET", "/api/mentions", nil, map[string]string{"Host": h}); r.code != http.StatusMisdirectedRequest || strings.Contains(r.body, "Acme") {
			t.Errorf("Host %s: %d", h, r.code)
		}
	}
	for _, h := range []string{"localhost:8080", "127.0.0.1"} {
		if r := e.do(t, nil, "GET", "/api/mentions", nil, map[string]string{"Host": h}); r.code != http.StatusOK {
			t.Errorf("Host %s: %d", h, r.code)
		}
	}
	r := e.do(t, nil, "GET", "/", nil, nil)
	csp := r.hdr.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP %q", csp)
	}
	if r.hdr.Get("X-Content-Type-Options") != "nosniff" || r.hdr.Get("Referrer-Policy") == "" {
		t.Errorf("headers %v", r.hdr)
	}
	if !strings.Contains(r.body, `name="viewport"`) || strings.Contains(r.body, "<script>") {
		t.Error("page: no viewport, or an inline script")
	}
}

// TestActionsAPI: every action through the API, recorded with its user,
// the history in GET /api/mentions/{id}, bulk actions, bad actions 400,
// and the response time on /metrics.
func TestActionsAPI(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	auth := map[string]string{"Authorization": "Bearer " + ciToken}
	post := func(path, body string) reply { return e.do(t, nil, "POST", path, strings.NewReader(body), auth) }
	id := e.ids["card"]
	e.clock.Set(inboxT0.Add(90*time.Minute + 35*time.Minute))
	for _, b := range []string{`{"action":"assign","value":"anna"}`, `{"action":"sentiment","value":"neutral"}`,
		`{"action":"note","value":"called back"}`, `{"action":"handled"}`, `{"action":"handled"}`} {
		if r := post(fmt.Sprintf("/api/mentions/%d/actions", id), b); r.code != http.StatusOK {
			t.Fatalf("%s: %d %s", b, r.code, r.body)
		}
	}
	r := e.do(t, nil, "GET", fmt.Sprintf("/api/mentions/%d", id), nil, auth)
	var m mentionJSON
	if err := json.Unmarshal([]byte(r.body), &m); err != nil {
		t.Fatal(err)
	}
	if m.Status != model.StatusHandled || m.Assignee != "anna" || m.Label != model.Neutral || m.HandledBy != "ci" || len(m.History) != 4 {
		t.Errorf("mention after actions: %+v", m)
	}
	// Every history entry has the four fields, value "" when the action
	// takes none.
	var raw struct {
		History []map[string]any `json:"history"`
	}
	if err := json.Unmarshal([]byte(r.body), &raw); err != nil {
		t.Fatal(err)
	}
	for i, h := range raw.History {
		for _, k := range []string{"at", "user", "action", "value"} {
			if _, ok := h[k]; !ok {
				t.Errorf("history[%d] %v: no %q", i, h, k)
			}
		}
	}
	if len(raw.History) == 4 && (raw.History[3]["action"] != "handled" || raw.History[3]["value"] != "") {
		t.Errorf("history of handled: %v", raw.History[3])
	}
	for _, c := range []struct {
		body string
		code int
	}{{`{"action":"explode"}`, 400}, {`{"action":"sentiment","value":"angry"}`, 400}, {`{"actoin":"handled"}`, 400}} {
		if r := post(fmt.Sprintf("/api/mentions/%d/actions", id), c.body); r.code != c.code {
			t.Errorf("%s: %d", c.body, r.code)
		}
	}
	if r := post("/api/mentions/99999/actions", `{"action":"handled"}`); r.code != http.StatusNotFound {
		t.Errorf("unknown mention: %d", r.code)
	}
	r = post("/api/mentions/actions", fmt.Sprintf(`{"ids":[%d,%d],"action":"false_positive"}`, e.ids["office"], e.ids["xss"]))
	if r.code != http.StatusOK || e.mention(t, "office").Status != model.StatusFalsePositive || e.mention(t, "xss").Status != model.StatusFalsePositive {
		t.Errorf("bulk: %d %s", r.code, r.body)
	}
	// Mute and undo.
	if r := post(fmt.Sprintf("/api/mentions/%d/actions", id), `{"action":"mute_source"}`); r.code != http.StatusOK {
		t.Errorf("mute: %d", r.code)
	}
	muted, _ := e.d.Store().MutedSources(t.Context())
	if _, ok := muted["Forum"]; !ok {
		t.Error("Forum not muted")
	}
	post(fmt.Sprintf("/api/mentions/%d/actions", id), `{"action":"unmute_source"}`)
	if muted, _ := e.d.Store().MutedSources(t.Context()); len(muted) != 0 {
		t.Error("still muted after the undo")
	}
	// Handled 35 minutes after it was found: once on the histogram.
	metrics := e.do(t, nil, "GET", "/metrics", nil, nil).body
	if !strings.Contains(metrics, `mentionwatch_response_seconds_count{brand="Acme Bank",severity="critical"} 1`) ||
		!strings.Contains(metrics, `mentionwatch_response_seconds_sum{brand="Acme Bank",severity="critical"} 2100`) {
		t.Errorf("response histogram:\n%s", grepLines(metrics, "mentionwatch_response_seconds"))
	}
	// The overview's response table.
	page := e.do(t, nil, "GET", "/overview", nil, auth).body
	if !strings.Contains(page, "<td>Acme Bank</td><td><span class=\"sev sev-critical\">critical</span></td><td>1</td><td>35m</td><td>35m</td>") {
		t.Errorf("overview response table:\n%s", page)
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
