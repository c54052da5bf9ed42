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
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/internal/testenv/pgtest"
)

// apiErrorOf decodes the API's error shape, {"error": …}, and reports
// whether r carries it as JSON.
func apiErrorOf(r reply) (string, bool) {
	var e struct {
		Error string `json:"error"`
	}
	if !strings.HasPrefix(r.hdr.Get("Content-Type"), "application/json") || json.Unmarshal([]byte(r.body), &e) != nil || e.Error == "" {
		return "", false
	}
	return e.Error, true
}

// TestAPIErrorsAreJSON: every error under /api/ — an unknown path, a
// method a path does not take, a bad or unknown id, a failing store —
// is answered in the API's shape {"error": …}, with Allow on a 405.
func TestAPIErrorsAreJSON(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	auth := map[string]string{"Authorization": "Bearer " + ciToken}
	id := e.ids["card"]
	for _, c := range []struct {
		method, path string
		code         int
		msg, allow   string
	}{
		{"GET", "/api/nothing", http.StatusNotFound, "no such API path: /api/nothing", ""},
		{"GET", fmt.Sprintf("/api/mentions/%d/history", id), http.StatusNotFound, "no such API path", ""},
		{"DELETE", fmt.Sprintf("/api/mentions/%d", id), http.StatusMethodNotAllowed, "method DELETE not allowed here; use GET", "GET, HEAD"},
		{"GET", fmt.Sprintf("/api/mentions/%d/actions", id), http.StatusMethodNotAllowed, "use POST", "POST"},
		{"PUT", "/api/mentions", http.StatusMethodNotAllowed, "use GET", "GET, HEAD"},
		{"GET", "/api/mentions/abc", http.StatusBadRequest, "bad mention id", ""},
		{"GET", "/api/mentions/0", http.StatusBadRequest, "bad mention id", ""},
		{"GET", "/api/mentions/999999", http.StatusNotFound, "no such mention", ""},
		{"POST", "/api/mentions/999999/handled", http.StatusNotFound, "no such mention", ""},
	} {
		r := e.do(t, nil, c.method, c.path, nil, auth)
		msg, ok := apiErrorOf(r)
		if r.code != c.code || !ok || !strings.Contains(msg, c.msg) || r.hdr.Get("Allow") != c.allow {
			t.Errorf("%s %s: %d %s %q (Allow %q); want %d, %q, Allow %q", c.method, c.path, r.code,
				r.hdr.Get("Content-Type"), r.body, r.hdr.Get("Allow"), c.code, c.msg, c.allow)
		}
	}
	// The routes themselves still answer.
	if r := e.do(t, nil, "GET", fmt.Sprintf("/api/mentions/%d", id), nil, auth); r.code != http.StatusOK {
		t.Errorf("GET the mention: %d", r.code)
	}
	// A store that fails: 500, still JSON.
	if err := e.d.Store().Close(); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/api/mentions", "/api/mentions?brand=nope", fmt.Sprintf("/api/mentions/%d", id)} {
		r := e.do(t, nil, "GET", p, nil, auth)
		if _, ok := apiErrorOf(r); r.code != http.StatusInternalServerError || !ok {
			t.Errorf("GET %s on a closed store: %d %s %q", p, r.code, r.hdr.Get("Content-Type"), r.body)
		}
	}
}

// TestAssignValidated: assign takes a configured user, an API token's
// name, or a name mentions are already assigned to (a Slack user who
// took one), in any case, as written in the config; "me" is who asks and
// "" takes the mention from its assignee. Any other name is refused with
// 400 and changes nothing. In an open inbox, or one with API tokens but
// no users, any name is taken.
func TestAssignValidated(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	auth := map[string]string{"Authorization": "Bearer " + ciToken}
	id := e.ids["card"]
	// A Slack user took another mention.
	if _, err := e.d.Store().Act(t.Context(), e.ids["office"], storeActionVia("assign", "slack.anna", "slack.anna", "slack")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		value string
		code  int
		want  string // the assignee after, or the error
	}{
		{`"anna"`, 200, "anna"},
		{`"BORIS "`, 200, "boris"},
		{`"me"`, 200, "ci"},
		{`"Slack.Anna"`, 200, "slack.anna"},
		{`""`, 200, ""},
		{`"nosuchuser"`, 400, `assign: no user "nosuchuser"`},
		{`"anan"`, 400, `did you mean "anna"?`},
		{`"boris"`, 200, "boris"},
		{`null`, 200, ""},
	} {
		r := e.do(t, nil, "POST", fmt.Sprintf("/api/mentions/%d/actions", id),
			strings.NewReader(`{"action":"assign","value":`+c.value+`}`), auth)
		if r.code != c.code {
			t.Errorf("assign %s: %d %s", c.value, r.code, r.body)
			continue
		}
		if c.code != 200 {
			if msg, ok := apiErrorOf(r); !ok || !strings.Contains(msg, c.want) {
				t.Errorf("assign %s: error %q, want %q", c.value, r.body, c.want)
			}
			if got := e.mention(t, "card").Assignee; got != "" {
				t.Errorf("assign %s refused, but the assignee is %q", c.value, got)
			}
			continue
		}
		if got := e.mention(t, "card").Assignee; got != c.want {
			t.Errorf("assign %s: assignee %q, want %q", c.value, got, c.want)
		}
	}
	hist, err := e.d.Store().History(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	var values []string
	for _, h := range hist {
		values = append(values, h.Value)
	}
	if got := strings.Join(values, ","); got != "anna,boris,ci,slack.anna,,boris," {
		t.Errorf("history values %q", got)
	}
	// In bulk too: nothing is assigned to a name nobody has.
	r := e.do(t, nil, "POST", "/api/mentions/actions",
		strings.NewReader(fmt.Sprintf(`{"ids":[%d],"action":"assign","value":"ghost"}`, e.ids["again"])), auth)
	if r.code != http.StatusBadRequest || e.mention(t, "again").Assignee != "" {
		t.Errorf("bulk assign to ghost: %d %s", r.code, r.body)
	}

	// An open inbox (loopback, no users): any name.
	o := newInboxEnv(t, "")
	r = o.do(t, nil, "POST", fmt.Sprintf("/api/mentions/%d/actions", o.ids["card"]),
		strings.NewReader(`{"action":"assign","value":"whoever"}`), map[string]string{"Content-Type": "application/json"})
	if r.code != http.StatusOK || o.mention(t, "card").Assignee != "whoever" {
		t.Errorf("open inbox: %d %s", r.code, r.body)
	}

	// API tokens and no users: the config names no team, so any name.
	k := newInboxEnv(t, fmt.Sprintf("  api_tokens: [%s]\n", ciToken))
	r = k.do(t, nil, "POST", fmt.Sprintf("/api/mentions/%d/actions", k.ids["card"]),
		strings.NewReader(`{"action":"assign","value":"anna"}`), auth)
	if r.code != http.StatusOK || k.mention(t, "card").Assignee != "anna" {
		t.Errorf("tokens only: %d %s", r.code, r.body)
	}
}

func storeActionVia(name, value, user, via string) store.Action {
	a := storeAction(name, value, user)
	a.Via = via
	return a
}

// TestAPIValueOfActionsWithout: mute_source and unmute_source act on the
// mention's own source, so a value naming another source is refused and
// changes nothing, while one naming its own, in any case, is taken. The
// other actions that take no value ignore whatever value a client sends
// (true, a number, a name), and the history records none. The legacy
// /handled route ignores its body.
func TestAPIValueOfActionsWithout(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	auth := map[string]string{"Authorization": "Bearer " + ciToken}
	id := e.ids["card"] // on the source Forum
	post := func(path, body string) reply { return e.do(t, nil, "POST", path, strings.NewReader(body), auth) }
	for _, b := range []string{`{"action":"mute_source","value":"News"}`, `{"action":"unmute_source","value":"News"}`} {
		r := post(fmt.Sprintf("/api/mentions/%d/actions", id), b)
		if msg, ok := apiErrorOf(r); r.code != http.StatusBadRequest || !ok || !strings.Contains(msg, `own source "Forum"`) {
			t.Errorf("%s: %d %s", b, r.code, r.body)
		}
	}
	r := post("/api/mentions/actions", fmt.Sprintf(`{"ids":[%d],"action":"mute_source","value":"Forum"}`, id))
	if r.code != http.StatusBadRequest {
		t.Errorf("bulk mute naming a source: %d %s", r.code, r.body)
	}
	if muted, _ := e.d.Store().MutedSources(t.Context()); len(muted) != 0 {
		t.Errorf("muted by refused actions: %v", muted)
	}
	for _, c := range []struct{ body, status string }{
		{`{"action":"false_positive","value":true}`, model.StatusFalsePositive},
		{`{"action":"reopen","value":1}`, model.StatusNew},
		{`{"action":"handled","value":"anna"}`, model.StatusHandled},
		{`{"action":"reopen","value":null}`, model.StatusNew},
		{`{"action":"handled","value":""}`, model.StatusHandled},
		{`{"action":"reopen"}`, model.StatusNew},
	} {
		if r := post(fmt.Sprintf("/api/mentions/%d/actions", id), c.body); r.code != http.StatusOK {
			t.Errorf("%s: %d %s", c.body, r.code, r.body)
		}
		if got := e.mention(t, "card").Status; got != c.status {
			t.Errorf("%s: status %q, want %q", c.body, got, c.status)
		}
	}
	if r := post(fmt.Sprintf("/api/mentions/%d/actions", id), `{"action":"mute_source","value":"forum"}`); r.code != http.StatusOK {
		t.Errorf("mute naming its own source: %d %s", r.code, r.body)
	}
	if muted, _ := e.d.Store().MutedSources(t.Context()); len(muted) != 1 {
		t.Errorf("muted after mute_source: %v", muted)
	}
	hist, err := e.d.Store().History(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hist {
		if h.Value != "" {
			t.Errorf("history of an action without a value records %q", h.Value)
		}
	}
	if r := post(fmt.Sprintf("/api/mentions/%d/handled", e.ids["again"]), `{"action":"reopen","value":"x"}`); r.code != http.StatusOK ||
		e.mention(t, "again").Status != model.StatusHandled {
		t.Errorf("legacy /handled: %d %s", r.code, r.body)
	}
}

// TestAPIActionBody: the body is one JSON object with known fields;
// anything after it, an unknown field or no body is refused with 400 and
// changes nothing. A note must have a text of at most store.MaxNote
// characters; a sentiment is a label in any case.
func TestAPIActionBody(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	auth := map[string]string{"Authorization": "Bearer " + ciToken}
	path := fmt.Sprintf("/api/mentions/%d/actions", e.ids["card"])
	for _, c := range []struct {
		body string
		code int
		msg  string
	}{
		{`{"action":"handled"} {"action":"reopen"}`, 400, "nothing after it"},
		{`{"action":"handled"} trailing`, 400, "nothing after it"},
		{`{"action":"handled"},`, 400, "nothing after it"},
		{``, 400, "body: want"},
		{`{"action":"handled","by":"anna"}`, 400, `unknown field "by"`},
		{`{"action":"note","value":""}`, 400, "a note needs a text"},
		{`{"action":"note","value":"` + strings.Repeat("я", store.MaxNote+1) + `"}`, 400, "a note is at most 10000 characters (got 10001)"},
		{`{"action":"sentiment","value":"угроза"}`, 400, "sentiment takes negative, neutral or positive"},
		{`{"action":"explode"}`, 400, `unknown action "explode"`},
		{`{"action":"note","value":"` + strings.Repeat("я", store.MaxNote) + `"}`, 200, ""},
		{`{"action":"sentiment","value":"Positive"}`, 200, ""},
		{"{\"action\":\"handled\"}\n", 200, ""},
	} {
		r := e.do(t, nil, "POST", path, strings.NewReader(c.body), auth)
		msg, _ := apiErrorOf(r)
		if r.code != c.code || !strings.Contains(msg, c.msg) {
			t.Errorf("%.60s: %d %.200s; want %d %q", c.body, r.code, r.body, c.code, c.msg)
		}
	}
	m := e.mention(t, "card")
	if m.Status != model.StatusHandled || m.Label != model.Positive {
		t.Errorf("mention %+v", m)
	}
	hist, err := e.d.Store().History(t.Context(), e.ids["card"])
	if err != nil || len(hist) != 3 {
		t.Errorf("history: %d entries, %v", len(hist), err)
	}
}

// TestAPIMentionsEveryFilter: each filter of GET /api/mentions alone and
// together, values in any case, words in any case and form with ё as е,
// newest first with ties broken by the newer id, limits.
func TestAPIMentionsEveryFilter(t *testing.T) {
	onEachStore(t, func(t *testing.T, e *inboxEnv) { apiMentionsEveryFilter(t, e) })
}

// onEachStore runs fn on an inbox over SQLite and over PostgreSQL (the
// latter skipped where PostgreSQL is not installed; see pgtest): both
// give the same answers.
func onEachStore(t *testing.T, fn func(*testing.T, *inboxEnv)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, newInboxEnv(t, signIn(t))) })
	t.Run("postgres", func(t *testing.T) { fn(t, newInboxEnvOn(t, signIn(t), pgtest.URL(t))) })
}

func apiMentionsEveryFilter(t *testing.T, e *inboxEnv) {
	// Two more, found at the same minute, and one with ё.
	e.add(t, "News", []fixture{
		{"tie1", "Acme Bank tie one", "Acme Bank.", "", model.Neutral, model.SeverityInfo, nil, 20},
		{"tie2", "Acme Bank tie two", "Acme Bank.", "", model.Neutral, model.SeverityInfo, nil, 20},
		{"yo", "Ёлка у Акме Банк", "Ёжики пришли в Акме Банк.", "", model.Positive, model.SeverityInfo, []string{"praise"}, 10},
	})
	ctx := t.Context()
	for _, a := range []struct{ name, action, value string }{
		{"card", "assign", "anna"}, {"again", "assign", "ci"}, {"again", "note", "support answered"},
		{"office", "handled", ""}, {"xss", "false_positive", ""},
	} {
		if _, err := e.d.Store().Act(ctx, e.ids[a.name], storeAction(a.action, a.value, "boris")); err != nil {
			t.Fatal(err)
		}
	}
	auth := map[string]string{"Authorization": "Bearer " + ciToken}
	titleOf := map[string]string{}
	for name, id := range e.ids {
		titleOf[fmt.Sprint(id)] = name
	}
	q := func(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }
	all := "card again office xss tie2 tie1 yo"
	for _, c := range []struct{ query, want string }{
		{"", all},
		{"limit=0", all},
		{"limit=2", "card again"},
		{"limit=5&severity=info", "office xss tie2 tie1 yo"},
		{"brand=" + q("ACME BANK"), all},
		{"sentiment=negative", "card again"},
		{"sentiment=Positive", "office yo"},
		{"severity=CRITICAL", "card"},
		{"status=new", "card again tie2 tie1 yo"},
		{"status=handled", "office"},
		{"status=false_positive", "xss"},
		{"tag=complaint", "card again"},
		{"tag=PRAISE", "yo"},
		{"assignee=anna", "card"},
		{"assignee=Anna", "card"},
		{"assignee=me", "again"},
		{"assignee=nobody", "office xss tie2 tie1 yo"},
		{"source=forum", "card again xss"},
		{"source_type=feed", "office tie2 tie1 yo"},
		{"q=" + q("КАРТУ"), "card"},
		{"q=" + q("карта"), "card"},
		{"q=" + q("акме банк"), "card yo"},
		{"q=" + q("елка"), "yo"},
		{"q=" + q("ЁЛКА"), "yo"},
		{"q=" + q("ежики"), "yo"},
		{"q=" + q("SUPPORT answers"), "again"},
		{"q=" + q("tie"), "tie2 tie1"},
		{"since=1h", "card again"},
		{"since=75m", "card again office"},
		{"since=" + q(inboxT0.Add(30*time.Minute).Format(time.RFC3339)), "card again office xss"},
		{"since=1d&limit=1", "card"},
		{"brand=acme%20bank&sentiment=negative&severity=warning&status=new&tag=complaint&assignee=ci&source=Forum&source_type=forum&q=support&since=2h&limit=10", "again"},
		{"sentiment=negative&status=handled", ""},
		{"tag=praise&source=forum", ""},
		{"q=" + q("несуществующее"), ""},
	} {
		r := e.do(t, nil, "GET", "/api/mentions?"+c.query, nil, auth)
		if r.code != http.StatusOK {
			t.Errorf("?%s: %d %s", c.query, r.code, r.body)
			continue
		}
		var got []string
		for _, line := range strings.Split(strings.TrimSpace(r.body), "\n") {
			if line == "" {
				continue
			}
			var m struct {
				ID int64 `json:"id"`
			}
			if err := json.Unmarshal([]byte(line), &m); err != nil {
				t.Fatalf("?%s: %v in %s", c.query, err, line)
			}
			got = append(got, titleOf[fmt.Sprint(m.ID)])
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("?%s: got %q, want %q", c.query, g, c.want)
		}
	}
}

// TestAPIMentionInboxFields: assignee, handled_by and handled_at are
// absent from a mention's JSON until set, and gone again once unset;
// status follows every action; the answer to an action is the mention
// after it, with its history.
func TestAPIMentionInboxFields(t *testing.T) {
	onEachStore(t, apiMentionInboxFields)
}

func apiMentionInboxFields(t *testing.T, e *inboxEnv) {
	auth := map[string]string{"Authorization": "Bearer " + ciToken}
	id := e.ids["card"]
	fields := func(body string) map[string]any {
		t.Helper()
		var m map[string]any
		if err := json.Unmarshal([]byte(body), &m); err != nil {
			t.Fatalf("%v in %s", err, body)
		}
		return m
	}
	absent := func(m map[string]any, keys ...string) bool {
		for _, k := range keys {
			if _, ok := m[k]; ok {
				return false
			}
		}
		return true
	}
	get := fields(e.do(t, nil, "GET", fmt.Sprintf("/api/mentions/%d", id), nil, auth).body)
	if get["status"] != "new" || !absent(get, "assignee", "handled_by", "handled_at") {
		t.Errorf("a new mention: %v", get)
	}
	e.clock.Set(inboxT0.Add(130 * time.Minute))
	for _, c := range []struct {
		body   string
		status string
		set    []string // fields present
		unset  []string // fields absent
	}{
		{`{"action":"assign","value":"anna"}`, "new", []string{"assignee"}, []string{"handled_by", "handled_at"}},
		{`{"action":"handled"}`, "handled", []string{"assignee", "handled_by", "handled_at"}, nil},
		{`{"action":"reopen"}`, "new", []string{"assignee"}, []string{"handled_by", "handled_at"}},
		{`{"action":"false_positive"}`, "false_positive", []string{"handled_by", "handled_at"}, nil},
		{`{"action":"reopen"}`, "new", nil, nil},
		{`{"action":"assign","value":""}`, "new", nil, []string{"assignee", "handled_by", "handled_at"}},
	} {
		r := e.do(t, nil, "POST", fmt.Sprintf("/api/mentions/%d/actions", id), strings.NewReader(c.body), auth)
		m := fields(r.body)
		if r.code != http.StatusOK || m["status"] != c.status || !absent(m, c.unset...) {
			t.Errorf("%s: %d %v", c.body, r.code, m)
			continue
		}
		for _, k := range c.set {
			if _, ok := m[k]; !ok {
				t.Errorf("%s: no %q in %v", c.body, k, m)
			}
		}
		if h, ok := m["history"].([]any); !ok || len(h) == 0 {
			t.Errorf("%s: no history in the answer", c.body)
		}
		if m["handled_at"] != nil && m["handled_at"] != "2026-11-20T12:10:00Z" {
			t.Errorf("%s: handled_at %v", c.body, m["handled_at"])
		}
		if m["handled_by"] != nil && m["handled_by"] != "ci" {
			t.Errorf("%s: handled_by %v", c.body, m["handled_by"])
		}
	}
	// The history: at, user, action, value of each, oldest first.
	var got struct {
		History []map[string]string `json:"history"`
	}
	if err := json.Unmarshal([]byte(e.do(t, nil, "GET", fmt.Sprintf("/api/mentions/%d", id), nil, auth).body), &got); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, h := range got.History {
		lines = append(lines, h["at"]+" "+h["user"]+" "+h["action"]+" "+h["value"])
	}
	want := "2026-11-20T12:10:00Z ci assign anna|2026-11-20T12:10:00Z ci handled |2026-11-20T12:10:00Z ci reopen |" +
		"2026-11-20T12:10:00Z ci false_positive |2026-11-20T12:10:00Z ci reopen |2026-11-20T12:10:00Z ci assign "
	if g := strings.Join(lines, "|"); g != want {
		t.Errorf("history:\n%s\nwant\n%s", g, want)
	}
}

// TestBulkActionAllOrNothing: a bulk action naming an unknown mention
// changes none of the others and says which id is unknown; on the list
// page as through the API.
func TestBulkActionAllOrNothing(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	auth := map[string]string{"Authorization": "Bearer " + ciToken}
	r := e.do(t, nil, "POST", "/api/mentions/actions",
		strings.NewReader(fmt.Sprintf(`{"ids":[%d,999999,%d],"action":"handled"}`, e.ids["card"], e.ids["again"])), auth)
	if msg, ok := apiErrorOf(r); r.code != http.StatusNotFound || !ok || msg != "no such mention: 999999" {
		t.Errorf("bulk with an unknown id: %d %s %s", r.code, r.hdr.Get("Content-Type"), r.body)
	}
	for _, n := range []string{"card", "again"} {
		if m := e.mention(t, n); m.Status != model.StatusNew {
			t.Errorf("%s changed by a refused bulk action: %+v", n, m)
		}
	}
	// The list page's form.
	c := e.signedIn(t, "anna", annaPassword)
	tok := e.csrfOf(t, c, "/")
	form := url.Values{"csrf": {tok}, "do": {"bulk"}, "action": {"handled"}, "back": {"/"},
		"id": {fmt.Sprint(e.ids["card"]), "999999"}}
	r = e.do(t, c, "POST", "/mentions/bulk", strings.NewReader(form.Encode()),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Origin": e.srv.URL})
	if r.code != http.StatusNotFound || e.mention(t, "card").Status != model.StatusNew {
		t.Errorf("page bulk with an unknown id: %d %s", r.code, r.body)
	}
	// All known: all acted on, one line each.
	r = e.do(t, nil, "POST", "/api/mentions/actions",
		strings.NewReader(fmt.Sprintf(`{"ids":[%d,%d],"action":"assign","value":"boris"}`, e.ids["card"], e.ids["again"])), auth)
	if r.code != http.StatusOK || strings.Count(r.body, "\n") != 2 || e.mention(t, "again").Assignee != "boris" {
		t.Errorf("bulk: %d %s", r.code, r.body)
	}
}
