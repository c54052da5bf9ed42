package app

import (
	"context"
	"fmt"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// site is a real HTTP server with a feed (conditional GET) and a forum
// thread in windows-1251 whose posts can grow between crawls.
type site struct {
	t   *testing.T
	srv *httptest.Server

	mu          sync.Mutex
	feed        string
	posts       []post
	conditional int // requests answered 304
	requests    map[string]int
}

type post struct{ id, author, date, text string }

func newSite(t *testing.T) *site {
	s := &site{t: t, requests: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	})
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.requests["feed"]++
		etag := fmt.Sprintf(`"%x"`, len(s.feed))
		if r.Header.Get("If-None-Match") == etag {
			s.conditional++
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, s.feed)
	})
	mux.HandleFunc("/viewtopic.php", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.requests["forum"]++
		var b strings.Builder
		b.WriteString(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><title>Форум</title></head><body>`)
		for _, p := range s.posts {
			fmt.Fprintf(&b, `<div class="post" id="p%s"><h3><a href="#p%s">Re: тема</a></h3><p class="author"><a class="username">%s</a> <time datetime="%s">%s</time></p><div class="content">%s</div></div>`,
				p.id, p.id, p.author, p.date, p.date, p.text)
		}
		fmt.Fprintf(&b, `<div class="stat">Ответов: %d</div></body></html>`, len(s.posts)-1)
		enc, err := charmap.Windows1251.NewEncoder().String(b.String())
		if err != nil {
			t.Errorf("encoding page: %v", err)
		}
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, enc)
	})
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down for maintenance", http.StatusInternalServerError)
	})
	s.srv = httptest.NewServer(mux)
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) setFeed(items ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.feed = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>News</title><link>` + s.srv.URL + `/</link>` +
		strings.Join(items, "") + `</channel></rss>`
}

func item(guid, title, text string, date time.Time) string {
	return fmt.Sprintf(`<item><guid>%s</guid><title>%s</title><link>https://news.example/%s</link><description>%s</description><pubDate>%s</pubDate></item>`,
		guid, title, guid, text, date.Format(time.RFC1123Z))
}

func (s *site) addPost(p post) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.posts = append(s.posts, p)
}

// patience is how long a test waits for something the daemon does on its
// own goroutines before it fails: a guard against a hang, not a delay —
// generous, because a loaded machine running the race detector is slow.
const patience = 30 * time.Second

const testConfig = `
storage: {path: %q}
http: {min_delay: 0s, timeout: 5s, retry: {initial: 1m, max: 1h}}
brands:
  - name: Acme Bank
    query: '"Acme Bank" OR "Акме Банк" OR acmebank'
sources:
  - name: News
    url: %s/feed.xml
  - name: Forum
    type: forum
    url: %s/viewtopic.php?t=7
    selectors:
      item: div.post
      title: h3 a
      text: div.content
      author: .author .username
      date: time@datetime
      link: h3 a@href
      replies: div.stat
  - name: Broken
    url: %s/broken
scoring:
  rules:
    - name: fraud accusation
      when: 'text matches "(?i)мошенн|scam|fraud"'
      negativity: +0.3
      tags: [fraud]
alerts:
  routes:
    - when: 'severity == "critical"'
      stdout: true
    - when: 'true'
      stdout: true
      frequency: hourly
server: {listen: ""}
`

type harness struct {
	site *site
	path string
	out  *testenv.SyncBuffer
	log  *slog.Logger
	// clock, when set, is the daemon's clock.
	clock clock.Clock
}

func newHarness(t *testing.T) *harness {
	st := newSite(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	cfg := fmt.Sprintf(testConfig, filepath.Join(dir, "mw.db"), st.srv.URL, st.srv.URL, st.srv.URL)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return &harness{site: st, path: path, out: &testenv.SyncBuffer{}, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

func (h *harness) daemon(t *testing.T) *Daemon {
	t.Helper()
	c, err := Load(h.path, h.log)
	if err != nil {
		t.Fatal(err)
	}
	d, err := New(context.Background(), c, Options{ConfigPath: h.path, Stdout: h.out, Log: h.log, Clock: h.clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func mentionsOf(t *testing.T, d *Daemon) []model.Mention {
	t.Helper()
	ms, err := d.Store().Mentions(context.Background(), store.MentionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

func TestRunOnceEndToEnd(t *testing.T) {
	h := newHarness(t)
	now := time.Now()
	clk := clock.NewFake(now)
	h.clock = clk
	h.site.setFeed(
		item("1", "Акме Банк заблокировал карту", "Акме Банка больше не будет в моей жизни: заблокировали карту без объяснений, верните деньги!", now.Add(-time.Hour)),
		item("2", "Acme Bank opens a new office", "Acme Bank opened its new office in Riga today.", now.Add(-2*time.Hour)),
		item("3", "Weather", "Sunny all week.", now.Add(-time.Hour)),
		item("4", "Old news about acmebank", "An archived story from years ago about acmebank.", now.Add(-30*24*time.Hour)),
	)
	h.site.addPost(post{"101", "Светлана", now.Add(-time.Hour).Format(time.RFC3339), "Акме Банк списал деньги дважды, это мошенничество!"})
	h.site.addPost(post{"102", "Пётр", now.Add(-30 * time.Minute).Format(time.RFC3339), "У меня то же самое было в прошлом месяце."})

	d := h.daemon(t)
	wantFailed(t, d, context.Background(), "Broken")
	ms := mentionsOf(t, d)
	byURL := map[string]model.Mention{}
	for _, m := range ms {
		byURL[m.URL] = m
	}
	if len(ms) != 4 {
		t.Fatalf("want 4 mentions (3 feed entries, 1 forum post), got %d: %+v", len(ms), ms)
	}
	ru := byURL["https://news.example/1"]
	if ru.Sentiment != model.Negative || ru.Lang != "ru" || !model.HasTag(ru.Tags, "complaint") || ru.Backfill {
		t.Errorf("Russian complaint: %+v", ru)
	}
	if !strings.Contains(ru.Snippet.Markdown(), "**Акме Банк") {
		t.Errorf("snippet does not mark the brand: %q", ru.Snippet.Markdown())
	}
	if old := byURL["https://news.example/4"]; !old.Backfill {
		t.Errorf("a 30-day-old entry on the first crawl must be backfill (stored, not alerted): %+v", old)
	}
	var forum model.Mention
	for _, m := range ms {
		if m.Source == "Forum" {
			forum = m
		}
	}
	if forum.Author != "Светлана" || !model.HasTag(forum.Tags, "fraud") || forum.ThreadURL == "" {
		t.Errorf("forum mention: %+v", forum)
	}

	// Only the fraud accusation is critical (a fraud tag is critical out
	// of the box) and goes out at once; the rest go to the hourly route,
	// whose group waits for the hour to end.
	if out := h.out.String(); strings.Count(out, "===") != 2 || !strings.Contains(out, "мошенничество") || !strings.Contains(out, "· critical ===") {
		t.Errorf("before the hour ended, want only the critical fraud accusation:\n%s", out)
	}

	// The broken source failed without stopping the others, and backs off.
	st, err := d.Store().Source(context.Background(), "Broken")
	if err != nil {
		t.Fatal(err)
	}
	if st.Failures != 1 || st.LastStatus != "500" || !strings.Contains(st.LastError, "500") || !st.NextRunAt.After(clk.Now()) {
		t.Errorf("broken source state: %+v", st)
	}

	// Second pass: the feed answers 304, the thread grew by one post that
	// does not name the brand — a reply in a thread already mentioning
	// it, so it is a mention too.
	h.site.addPost(post{"103", "Анна", now.Format(time.RFC3339), "Пишите жалобу, мне помогло."})
	wantFailed(t, d, context.Background(), "Broken")
	if h.site.conditional != 1 {
		t.Errorf("feed was not fetched conditionally (304s: %d)", h.site.conditional)
	}
	ms2 := mentionsOf(t, d)
	if len(ms2) != 5 {
		t.Fatalf("second pass: want 5 mentions, got %d", len(ms2))
	}
	reply := ms2[0]
	if reply.Author != "Анна" || !model.HasTag(reply.Tags, "thread_reply") || reply.Brand != "Acme Bank" {
		t.Errorf("thread reply: %+v", reply)
	}
	news, _ := d.Store().Source(context.Background(), "News")
	if news.LastStatus != "304" || news.ItemsSeen != 4 || news.Failures != 0 {
		t.Errorf("news state after 304: %+v", news)
	}

	// A third pass changes nothing and alerts nothing.
	before := h.out.String()
	wantFailed(t, d, context.Background(), "Broken")
	if got := mentionsOf(t, d); len(got) != 5 {
		t.Errorf("third pass stored %d mentions", len(got)-5)
	}
	if h.out.String() != before {
		t.Errorf("third pass alerted again:\n%s", strings.TrimPrefix(h.out.String(), before))
	}

	// Once the hour has ended, the next pass sends its group: every
	// mention of the hour, the thread reply too, in one message.
	clk.Advance(time.Hour)
	wantFailed(t, d, context.Background(), "Broken")
	out := h.out.String()
	for _, want := range []string{"Акме Банк заблокировал карту", "Acme Bank opens a new office", "мошенничество", "Пишите жалобу"} {
		if !strings.Contains(out, want) {
			t.Errorf("the hour's group lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "=== Acme Bank —"); n != 1 {
		t.Errorf("%d groups, want 1:\n%s", n, out)
	}
	if strings.Contains(out, "Old news about acmebank") {
		t.Errorf("backfill entry was alerted:\n%s", out)
	}
}

func TestReloadKeepsRunningConfigWhenNewOneIsBad(t *testing.T) {
	h := newHarness(t)
	d := h.daemon(t)
	ctx := context.Background()
	good, _ := os.ReadFile(h.path)
	bad := strings.Replace(string(good), `query: '"Acme Bank"`, `query: '("Acme Bank"`, 1)
	if err := os.WriteFile(h.path, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	if d.Reload(ctx) {
		t.Fatal("a config with an unbalanced query was accepted")
	}
	if d.pipeline.Compiled().Cfg.Brands[0].Query != `"Acme Bank" OR "Акме Банк" OR acmebank` {
		t.Fatal("running config replaced")
	}
	more := strings.Replace(string(good), "brands:\n", "brands:\n  - name: Beta\n    query: beta\n", 1)
	if err := os.WriteFile(h.path, []byte(more), 0o600); err != nil {
		t.Fatal(err)
	}
	if !d.Reload(ctx) {
		t.Fatal("a good config was refused")
	}
	if n := len(d.pipeline.Compiled().Cfg.Brands); n != 2 {
		t.Fatalf("brands after reload: %d", n)
	}
}

func TestDaemonServesAndStops(t *testing.T) {
	h := newHarness(t)
	h.site.setFeed(item("1", "Acme Bank is down again", "The Acme Bank app has been down all day, worst service ever.", time.Now()))
	raw, _ := os.ReadFile(h.path)
	if err := os.WriteFile(h.path, []byte(strings.Replace(string(raw), `server: {listen: ""}`, `server: {listen: "127.0.0.1:0"}`, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(h.path, h.log)
	if err != nil {
		t.Fatal(err)
	}
	ready := make(chan string, 1)
	crawled := make(chan string, 10)
	d, err := New(context.Background(), c, Options{ConfigPath: h.path, Stdout: h.out, Log: h.log,
		Ready: func(a string) { ready <- a }, AfterCrawl: func(s string, _ error) { crawled <- s }})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	addr := <-ready
	// Every source is due at once on a first start.
	seen := map[string]bool{}
	for len(seen) < 3 {
		seen[<-crawled] = true
	}
	get := func(path string) string {
		res, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			t.Fatalf("GET %s: %d %s", path, res.StatusCode, b)
		}
		return string(b)
	}
	if got := get("/healthz"); got != "ok\n" {
		t.Errorf("healthz = %q", got)
	}
	metrics := get("/metrics")
	for _, want := range []string{`mentionwatch_documents_fetched_total{source="News",type="feed"} 1`,
		`mentionwatch_mentions_found_total{brand="Acme Bank"`, `mentionwatch_source_consecutive_failures{source="Broken"} 1`,
		"mentionwatch_fetch_duration_seconds"} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if api := get("/api/mentions?brand=acme%20bank"); !strings.Contains(api, `"title":"Acme Bank is down again"`) {
		t.Errorf("api/mentions = %s", api)
	}
	if inbox := get("/"); !strings.Contains(inbox, "Acme Bank is down again") {
		t.Errorf("inbox lacks the mention")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(shutdownTimeout):
		t.Fatal("daemon did not stop within the shutdown timeout")
	}
}

func TestCompileProblemsCarryLines(t *testing.T) {
	cfg, probs := config.Parse("rules.yaml", []byte(`
brands:
  - name: A
    query: 'acme NEAR/x bank'
sources:
  - name: F
    type: forum
    url: https://f.example/t/1
    preset: phpbb
    selectors: {date: "time[@"}
scoring:
  rules:
    - {name: r, when: 'negativity > "high"', importance: +0.1}
alerts:
  routes:
    - {when: 'nosuchvar', stdout: true}
`))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	_, more := compile(cfg, slog.New(slog.DiscardHandler))
	got := more.Error()
	for _, want := range []string{
		`rules.yaml:4: brands[0].query: col 6:`,
		`rules.yaml:10: sources[0].selectors.date: bad selector`,
		`rules.yaml:13: scoring.rules[0].when: bad expression`,
		`rules.yaml:16: alerts.routes[0].when: bad expression: unknown name nosuchvar`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

// TestRunOnceKeepsAnHourTogether: two `run --once` passes within one hour
// send nothing for an hourly route; the first pass after the hour ends
// sends one group with both mentions — not one group per pass.
func TestRunOnceKeepsAnHourTogether(t *testing.T) {
	start := time.Date(2026, 11, 20, 10, 20, 0, 0, time.UTC)
	f := newFeedSetup(t, start, `alerts:
  time_zone: UTC
  routes:
    - {when: 'true', stdout: true, frequency: hourly}
`)
	d := f.daemon()

	first := item("1", "Acme Bank opens a new office", "Acme Bank opened its new office in Riga today.", start.Add(-10*time.Minute))
	f.site.setFeed(first)
	f.pass(d, start)
	f.site.setFeed(first, item("2", "Acme Bank extends its hours", "Acme Bank branches now open on Saturdays.", start.Add(20*time.Minute)))
	f.pass(d, start.Add(25*time.Minute))
	if got := f.out.String(); got != "" {
		t.Fatalf("a group went out before its hour ended:\n%s", got)
	}
	if n := len(mentionsOf(t, d)); n != 2 {
		t.Fatalf("%d mentions stored, want 2", n)
	}

	f.pass(d, time.Date(2026, 11, 20, 11, 0, 30, 0, time.UTC))
	got := f.out.String()
	if n := strings.Count(got, "=== Acme Bank —"); n != 1 {
		t.Fatalf("%d groups for the hour, want 1:\n%s", n, got)
	}
	if !strings.Contains(got, "=== Acme Bank — 2 mentions, 20 Nov 2026 10:00–11:00 UTC") ||
		!strings.Contains(got, "opens a new office") || !strings.Contains(got, "extends its hours") {
		t.Errorf("the group lacks a mention of the hour:\n%s", got)
	}
	// A later pass sends the hour again neither.
	f.pass(d, time.Date(2026, 11, 20, 11, 10, 0, 0, time.UTC))
	if after := f.out.String(); after != got {
		t.Errorf("a later pass sent more:\n%s", strings.TrimPrefix(after, got))
	}
}
