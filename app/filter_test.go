package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

func TestResolveName(t *testing.T) {
	names := []string{"NewsRU", "Т-Банк", "Ёлка Маркет", "Acme Bank", "Acme Bonk"}
	for _, c := range []struct{ given, want, err string }{
		{"NewsRU", "NewsRU", ""},
		{"newsru", "NewsRU", ""},
		{"т-банк", "Т-Банк", ""},
		{"Т-БАНК", "Т-Банк", ""},
		{"елка  маркет", "Ёлка Маркет", ""},
		{"newsrv", "", `no source "newsrv"; did you mean "NewsRU"?`},
		{"т-банл", "", `no source "т-банл"; did you mean "Т-Банк"?`},
		{"acme bxnk", "", `no source "acme bxnk"; did you mean "Acme Bank" or "Acme Bonk"?`},
		{"weather", "", `no source "weather"; known sources: "NewsRU", "Т-Банк", "Ёлка Маркет", "Acme Bank", "Acme Bonk"`},
	} {
		got, err := ResolveName("source", c.given, names)
		if got != c.want || (err == nil) != (c.err == "") || err != nil && err.Error() != c.err {
			t.Errorf("%q: got %q, %v; want %q, %s", c.given, got, err, c.want, c.err)
		}
	}
	// Two names equal but for case: the exact one is found, a third
	// spelling is ambiguous.
	two := []string{"NewsRU", "Newsru"}
	if got, err := ResolveName("source", "Newsru", two); got != "Newsru" || err != nil {
		t.Errorf("exact among two: %q %v", got, err)
	}
	_, err := ResolveName("source", "NEWSRU", two)
	var ne *NameError
	if !errors.As(err, &ne) || len(ne.Ambiguous) != 2 || err.Error() != `source "NEWSRU" is ambiguous: "NewsRU" or "Newsru"` {
		t.Errorf("ambiguous: %v", err)
	}
	// The config's names come before the store's.
	if got, err := ResolveName("brand", "т-банк", []string{"Т-Банк"}, []string{"т-БАНК"}); got != "Т-Банк" || err != nil {
		t.Errorf("tiers: %q %v", got, err)
	}
	if _, err := ResolveName("brand", "x", nil); err == nil || err.Error() != `no brand "x"; there are no brands` {
		t.Errorf("no names: %v", err)
	}
}

const filterConfig = `
storage: {path: %q}
brands:
  - name: Т-Банк
    query: '"Т-Банк" OR Тинькофф'
  - name: Acme Bank
    query: '"Acme Bank"'
sources:
  - name: NewsRU
    url: https://news.example/rss
alerts:
  routes: []
server: {listen: "127.0.0.1:0"}
`

// filterServer is a daemon's HTTP handler over a real SQLite store holding
// a mention of each configured brand and one of a brand since removed
// from the config.
func filterServer(t *testing.T) *httptest.Server {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	if err := os.WriteFile(path, []byte(fmt.Sprintf(filterConfig, filepath.Join(dir, "mw.db"))), 0o600); err != nil {
		t.Fatal(err)
	}
	h := &harness{path: path, log: slog.New(slog.NewTextHandler(io.Discard, nil)), out: &testenv.SyncBuffer{}}
	d := h.daemon(t)
	now := time.Now()
	var docs []model.Document
	var ms []*model.Mention
	for i, x := range []struct{ brand, title, sentiment, severity string }{
		{"Т-Банк", "Т-Банк снова списал деньги", model.Negative, "critical"},
		{"Acme Bank", "Acme Bank opens an office", model.Positive, "info"},
		{"Старый Бренд", "Старый Бренд закрылся", model.Neutral, "info"},
	} {
		id := fmt.Sprintf("guid:%d", i)
		u := fmt.Sprintf("https://news.example/%d", i)
		docs = append(docs, model.Document{ID: id, URL: u, Title: x.title, Replies: -1})
		ms = append(ms, &model.Mention{DocID: id, Brand: x.brand, Source: "NewsRU", SourceType: model.SourceFeed,
			URL: u, Title: x.title, FoundAt: now.Add(-time.Duration(i) * time.Hour), Sentiment: x.sentiment,
			Severity: x.severity, Status: model.StatusNew, Replies: -1})
	}
	crawl := &store.Crawl{State: store.SourceState{Name: "NewsRU", Type: model.SourceFeed, Crawled: true}, Docs: docs, Mentions: ms}
	if _, err := d.Store().SaveCrawl(context.Background(), crawl, nil); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(d.Handler())
	t.Cleanup(srv.Close)
	return srv
}

func getPath(t *testing.T, srv *httptest.Server, path string) (int, string, string) {
	t.Helper()
	res, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, res.Header.Get("Content-Type"), string(b)
}

// mentionTitles returns the titles of the mention JSON lines in body.
func mentionTitles(t *testing.T, body string) []string {
	t.Helper()
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(body), "\n") {
		if l == "" {
			continue
		}
		var m struct{ Title string }
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		out = append(out, m.Title)
	}
	return out
}

func TestAPIMentionsFilters(t *testing.T) {
	srv := filterServer(t)
	q := url.QueryEscape
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"", []string{"Т-Банк снова списал деньги", "Acme Bank opens an office", "Старый Бренд закрылся"}},
		{"brand=" + q("т-банк"), []string{"Т-Банк снова списал деньги"}},
		{"brand=" + q("Т-БАНК"), []string{"Т-Банк снова списал деньги"}},
		{"brand=" + q("acme bank"), []string{"Acme Bank opens an office"}},
		// A brand no longer in the config, found through the store.
		{"brand=" + q("старый бренд"), []string{"Старый Бренд закрылся"}},
		{"sentiment=NEGATIVE", []string{"Т-Банк снова списал деньги"}},
		{"severity=critical&status=new", []string{"Т-Банк снова списал деньги"}},
		{"status=handled", nil},
		{"source=newsru&limit=1", []string{"Т-Банк снова списал деньги"}},
		{"since=90m", []string{"Т-Банк снова списал деньги", "Acme Bank opens an office"}},
		{"q=" + q("СПИСАЛИ деньгами"), []string{"Т-Банк снова списал деньги"}},
		{"q=office&source_type=FEED", []string{"Acme Bank opens an office"}},
		{"assignee=nobody&severity=info", []string{"Acme Bank opens an office", "Старый Бренд закрылся"}},
		{"since=" + q(time.Now().Add(-90*time.Minute).UTC().Format(time.RFC3339)), []string{"Т-Банк снова списал деньги", "Acme Bank opens an office"}},
		// A time with an offset, its "+" escaped and not (a query reads
		// an unescaped "+" as a space).
		{"since=" + q(time.Now().Add(-90*time.Minute).In(time.FixedZone("MSK", 3*3600)).Format(time.RFC3339)), []string{"Т-Банк снова списал деньги", "Acme Bank opens an office"}},
		{"since=" + time.Now().Add(-90*time.Minute).In(time.FixedZone("MSK", 3*3600)).Format(time.RFC3339), []string{"Т-Банк снова списал деньги", "Acme Bank opens an office"}},
		{"since=" + time.Now().Add(-150*time.Minute).In(time.FixedZone("", -5*3600)).Format(time.RFC3339), []string{"Т-Банк снова списал деньги", "Acme Bank opens an office", "Старый Бренд закрылся"}},
		{"since=7d", []string{"Т-Банк снова списал деньги", "Acme Bank opens an office", "Старый Бренд закрылся"}},
		{"brand=&sentiment=", []string{"Т-Банк снова списал деньги", "Acme Bank opens an office", "Старый Бренд закрылся"}},
	} {
		code, _, body := getPath(t, srv, "/api/mentions?"+c.query)
		if code != http.StatusOK {
			t.Errorf("?%s: %d %s", c.query, code, body)
			continue
		}
		if got := mentionTitles(t, body); strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("?%s: got %q, want %q", c.query, got, c.want)
		}
	}
}

func TestAPIMentionsRefusesBadFilters(t *testing.T) {
	srv := filterServer(t)
	q := url.QueryEscape
	for _, c := range []struct{ query, param, msg string }{
		{"sentiment=bogus", "sentiment", `sentiment: unknown value "bogus"; use "negative", "neutral" or "positive"`},
		{"severity=urgent", "severity", `severity: unknown value "urgent"`},
		{"status=done", "status", `status: unknown value "done"`},
		{"brand=" + q("т-банл"), "brand", `brand: no brand "т-банл"; did you mean "Т-Банк"?`},
		{"brand=Nope", "brand", `brand: no brand "Nope"; known brands: "Т-Банк", "Acme Bank", "Старый Бренд"`},
		{"source=Bogus", "source", `source: no source "Bogus"; known sources: "NewsRU"`},
		{"limit=ten", "limit", `limit: "ten" is not a whole number`},
		{"limit=-1", "limit", `limit: "-1" is not a whole number`},
		{"limit=1.5", "limit", `limit: "1.5" is not a whole number`},
		{"limit=99999999999999999999", "limit", `limit: "99999999999999999999" is too large; 0 lists all mentions`},
		{"limit=-99999999999999999999", "limit", `limit: "-99999999999999999999" is not a whole number`},
		{"since=yesterday", "since", `since: bad duration "yesterday"`},
		{"since=" + q("2026-11-20 12:00"), "since", `since: bad duration "2026-11-20 12:00"`},
		{"sentiment=negative&colour=red", "colour", "colour: unknown parameter; the filters are brand, sentiment"},
		{"tag=nosuchtag", "tag", `tag: no tag "nosuchtag"`},
		{"source_type=blog", "source_type", `source_type: unknown value "blog"; use "feed", "forum" or "profile"`},
		{"assignee=nobodyknows", "assignee", `assignee: no assignee "nobodyknows"`},
		{"before=yesterday", "before", `before: not a cursor`},
		{"brand=a&brand=b", "brand", "brand: given more than once"},
	} {
		code, ct, body := getPath(t, srv, "/api/mentions?"+c.query)
		var e struct {
			Error, Param string
			Allowed      []string
		}
		if code != http.StatusBadRequest || !strings.HasPrefix(ct, "application/json") || json.Unmarshal([]byte(body), &e) != nil {
			t.Errorf("?%s: %d %s %s", c.query, code, ct, body)
			continue
		}
		if e.Param != c.param || !strings.HasPrefix(e.Error, c.msg) {
			t.Errorf("?%s: param %q, error %q; want %q, %q…", c.query, e.Param, e.Error, c.param, c.msg)
		}
	}
	code, _, body := getPath(t, srv, "/api/mentions?sentiment=bogus")
	if code != http.StatusBadRequest || !strings.Contains(body, `"allowed":["negative","neutral","positive"]`) {
		t.Errorf("allowed values: %s", body)
	}
}

func TestInboxFilters(t *testing.T) {
	srv := filterServer(t)
	code, _, body := getPath(t, srv, "/?brand="+url.QueryEscape("т-банк"))
	if code != http.StatusOK || !strings.Contains(body, "Т-Банк снова списал деньги") || strings.Contains(body, "Acme Bank opens") {
		t.Errorf("inbox ?brand=т-банк: %d\n%s", code, body)
	}
	code, ct, body := getPath(t, srv, "/?sentiment=bogus")
	if code != http.StatusBadRequest || !strings.HasPrefix(ct, "text/plain") || !strings.Contains(body, `sentiment: unknown value "bogus"`) {
		t.Errorf("inbox ?sentiment=bogus: %d %s %s", code, ct, body)
	}
	// The page is for browsers: parameters it does not know (a tracking
	// tag on a shared link) are left alone.
	if code, _, body := getPath(t, srv, "/?utm_source=slack"); code != http.StatusOK || !strings.Contains(body, "Acme Bank opens") {
		t.Errorf("inbox ?utm_source: %d", code)
	}
}
