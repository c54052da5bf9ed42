package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
)

// The inbox's tests run the real daemon's handler over a real SQLite file
// holding a few mentions, one of them hostile.

const inboxConfig = `
storage: %s
brands:
  - name: Acme Bank
    query: '"Acme Bank" OR "Акме Банк"'
sources:
  - name: News
    url: https://news.example/rss
  - name: Forum
    type: forum
    preset: phpbb
    url: https://forum.example/viewtopic.php?t=1
alerts: {routes: []}
server:
  listen: 127.0.0.1:0
%s
`

// Users and their passwords in the inbox's tests.
const (
	annaPassword  = "anna-secret-1"
	borisPassword = "boris-secret-2"
	ciToken       = "ci-token-0123456789abcdef"
)

var inboxT0 = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

// inboxEnv is a daemon serving the inbox on a loopback httptest server.
type inboxEnv struct {
	d     *Daemon
	srv   *httptest.Server
	clock *clock.Fake
	ids   map[string]int64 // by fixture name
	logs  *testenv.SyncBuffer
}

// signIn is the server section with two users and a token.
func signIn(t testing.TB) string {
	t.Helper()
	a, err := bcrypt.GenerateFromPassword([]byte(annaPassword), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := bcrypt.GenerateFromPassword([]byte(borisPassword), bcrypt.MinCost)
	return fmt.Sprintf("  users:\n    - {name: anna, password_hash: %q}\n    - {name: boris, password_hash: %q}\n"+
		"  api_tokens: [{name: ci, token: %s}]\n", a, b, ciToken)
}

// hostile is the title, link, author and text of a mention written to
// attack the page that shows it.
const (
	hostileTitle  = `<img src=x onerror=alert(1)>`
	hostileURL    = `javascript:alert(document.cookie)`
	hostileAuthor = `<script>alert(2)</script>`
	hostileText   = `"><svg onload=alert(3)> Acme Bank </textarea><a href="javascript:alert(4)">x</a>`
)

func newInboxEnv(t testing.TB, server string) *inboxEnv {
	t.Helper()
	return newInboxEnvOn(t, server, "")
}

// newInboxEnvOn is newInboxEnv on the PostgreSQL database at pgURL, or
// on a SQLite file when pgURL is "".
func newInboxEnvOn(t testing.TB, server, pgURL string) *inboxEnv {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	storage := fmt.Sprintf("{path: %q}", filepath.Join(dir, "mw.db"))
	if pgURL != "" {
		storage = fmt.Sprintf("{url: %q}", pgURL)
	}
	if err := os.WriteFile(path, []byte(fmt.Sprintf(inboxConfig, storage, server)), 0o600); err != nil {
		t.Fatal(err)
	}
	logs := &testenv.SyncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	c, err := Load(path, log)
	if err != nil {
		t.Fatal(err)
	}
	fc := clock.NewFake(inboxT0.Add(2 * time.Hour))
	d, err := New(context.Background(), c, Options{ConfigPath: path, Stdout: io.Discard, Log: log, Clock: fc})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	e := &inboxEnv{d: d, clock: fc, ids: map[string]int64{}, logs: logs}
	e.add(t, "Forum", []fixture{
		{"card", "Акме Банк заблокировал карту", "Третий раз Акме Банк блокирует карту без причины.", "ivan", model.Negative, model.SeverityCritical, []string{"complaint"}, 90},
		{"again", "Acme Bank again", "Acme Bank support never answers.", "ivan", model.Negative, model.SeverityWarning, []string{"complaint"}, 60},
		{"xss", hostileTitle, hostileText, hostileAuthor, model.Neutral, model.SeverityInfo, nil, 30},
	})
	e.add(t, "News", []fixture{
		{"office", "Acme Bank opens an office", "Acme Bank opens a new office downtown.", "", model.Positive, model.SeverityInfo, nil, 45},
	})
	e.srv = httptest.NewServer(d.Handler())
	t.Cleanup(e.srv.Close)
	return e
}

type fixture struct {
	name, title, text, author, sentiment, severity string
	tags                                           []string
	minutes                                        int // after inboxT0
}

func (e *inboxEnv) add(t testing.TB, source string, fs []fixture) {
	t.Helper()
	var docs []model.Document
	var ms []*model.Mention
	for _, f := range fs {
		u := "https://" + strings.ToLower(source) + ".example/" + f.name
		if f.name == "xss" {
			u = hostileURL
		}
		docs = append(docs, model.Document{ID: "guid:" + f.name, URL: u, Title: f.title, Replies: -1})
		typ := model.SourceFeed
		if source == "Forum" {
			typ = model.SourceForum
		}
		i := strings.Index(f.text, "Acme Bank")
		if i < 0 {
			i = strings.Index(f.text, "Акме Банк")
		}
		snip := model.Snippet{Text: f.text}
		if i >= 0 {
			snip.Marks = [][2]int{{i, i + len("Acme Bank")}}
			if strings.HasPrefix(f.text[i:], "Акме") {
				snip.Marks = [][2]int{{i, i + len("Акме Банк")}}
			}
		}
		ms = append(ms, &model.Mention{DocID: "guid:" + f.name, Brand: "Acme Bank", Source: source, SourceType: typ,
			URL: u, Title: f.title, Text: f.text, Author: f.author, Snippet: snip, Matched: []string{"acme bank"},
			FoundAt: inboxT0.Add(time.Duration(f.minutes) * time.Minute), PublishedAt: inboxT0.Add(time.Duration(f.minutes-20) * time.Minute),
			Sentiment: f.sentiment, Severity: f.severity, Tags: f.tags, Negativity: 0.8, Importance: 0.5, Replies: -1,
			Rules: []model.FiredRule{{Name: "fraud accusation", Effect: "negativity +0.3"}}})
	}
	crawl := &store.Crawl{State: store.SourceState{Name: source, Crawled: true}, Docs: docs, Mentions: ms}
	if _, err := e.d.Store().SaveCrawl(context.Background(), crawl, nil); err != nil {
		t.Fatal(err)
	}
	for i, f := range fs {
		e.ids[f.name] = ms[i].ID
	}
}

// client is a browser-like client: it keeps cookies and does not follow
// redirects (tests look at them).
func (e *inboxEnv) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

type reply struct {
	code int
	hdr  http.Header
	body string
}

func (e *inboxEnv) do(t testing.TB, c *http.Client, method, path string, body io.Reader, hdr map[string]string) reply {
	t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	if c == nil {
		c = e.client()
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return reply{res.StatusCode, res.Header, string(b)}
}

var csrfMeta = regexp.MustCompile(`<meta name="csrf-token" content="([^"]*)">`)

// csrfOf returns the CSRF token of the page at path.
func (e *inboxEnv) csrfOf(t testing.TB, c *http.Client, path string) string {
	t.Helper()
	r := e.do(t, c, "GET", path, nil, nil)
	m := csrfMeta.FindStringSubmatch(r.body)
	if r.code != http.StatusOK || m == nil || m[1] == "" {
		t.Fatalf("GET %s: %d, no CSRF token\n%.300s", path, r.code, r.body)
	}
	return m[1]
}

// login signs c in as name and reports the answer's status.
func (e *inboxEnv) login(t testing.TB, c *http.Client, name, password string) reply {
	t.Helper()
	tok := e.csrfOf(t, c, "/login")
	form := url.Values{"name": {name}, "password": {password}, "csrf": {tok}, "next": {"/"}}
	return e.do(t, c, "POST", "/login", strings.NewReader(form.Encode()),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Origin": e.srv.URL})
}

// signedIn returns a new client signed in as name; the test fails if the
// sign-in does not succeed.
func (e *inboxEnv) signedIn(t testing.TB, name, password string) *http.Client {
	t.Helper()
	c := e.client()
	if r := e.login(t, c, name, password); r.code != http.StatusSeeOther {
		t.Fatalf("sign-in as %s: %d", name, r.code)
	}
	return c
}

func (e *inboxEnv) mention(t testing.TB, name string) model.Mention {
	t.Helper()
	m, err := e.d.Store().Mention(context.Background(), e.ids[name])
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func storeAction(name, value, user string) store.Action {
	return store.Action{Name: name, Value: value, User: user, Via: "inbox"}
}
