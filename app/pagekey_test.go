package app

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	docident "github.com/mentionwatch/mentionwatch/internal/ident"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
)

// TestPageKeyNotInMentionLinks: posts with no link of their own take
// their page's URL as their link; when the source URL carries a key
// (?key=…, ?sig=…, user:password@), the page is fetched with it, but the
// mention's URL and thread URL — stored, alerted (webhook, stdout),
// listed by the API — do not hold it. A post stored before, under the
// URL with the key, keeps its identity: it is not new again, and a new
// reply in its thread still joins it as that thread's mention.
func TestPageKeyNotInMentionLinks(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Minute)
	post := func(author, text string, ago time.Duration) string {
		return fmt.Sprintf(`<div class="post"><span class="a">%s</span><time datetime="%s">x</time><div class="c">%s</div></div>`,
			author, now.Add(-ago).Format(time.RFC3339), text)
	}
	var mu sync.Mutex
	second := false // the board's page shows its reply
	var asked []string
	mux := http.NewServeMux()
	mux.HandleFunc("/board", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.RawQuery)
		more := second
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html")
		body := post("ivan", "Acme Bank blocked my card again.", 50*time.Minute)
		if more {
			body += post("petr", "Same here, third time this month.", 10*time.Minute)
		}
		fmt.Fprint(w, "<html><body>"+body+"</body></html>")
	})
	mux.HandleFunc("/fresh", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.RawQuery)
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><body>"+post("olga", "Acme Bank lost my transfer.", 20*time.Minute)+"</body></html>")
	})
	var hooks []string
	mux.HandleFunc("/hook", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		hooks = append(hooks, string(b))
		mu.Unlock()
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	withPass := strings.Replace(srv.URL, "://", "://watcher:leak-password@", 1)
	boardURL := srv.URL + "/board?t=5&key=leak-boardkey"

	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	cfg := fmt.Sprintf(`
storage: {path: %q}
http: {min_delay: 0s, timeout: 5s, robots: false}
brands:
  - name: Acme Bank
    query: '"Acme Bank"'
alerts:
  webhook: {url: %s/hook}
  routes:
    - {webhook: true, continue: true}
    - {stdout: true}
sources:
  - name: Board
    type: forum
    url: %s
    selectors: {item: div.post, text: div.c, author: span.a, date: time}
  - name: Fresh
    type: forum
    url: %s/fresh?sig=leak-freshsig&auth_token=leak-freshtoken
    selectors: {item: div.post, text: div.c, author: span.a, date: time}
server: {listen: ""}
`, filepath.Join(dir, "mw.db"), srv.URL, boardURL, withPass)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}

	// What an earlier version stored of the board: its post, under the
	// page's URL with the key, as link and thread.
	prev := previewOf(t, path, "Board")
	if len(prev) != 1 {
		t.Fatalf("board preview: %d documents", len(prev))
	}
	if strings.Contains(prev[0].URL, "leak-") || strings.Contains(prev[0].ThreadURL, "leak-") {
		t.Errorf("preview shows the key: %s %s", prev[0].URL, prev[0].ThreadURL)
	}
	rawThread := docident.CanonicalURL(boardURL)
	if !strings.Contains(rawThread, "leak-boardkey") {
		t.Fatalf("the thread URL before: %s", rawThread)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	{
		c, err := Load(path, log)
		if err != nil {
			t.Fatal(err)
		}
		d, err := New(context.Background(), c, Options{ConfigPath: path, Stdout: io.Discard, Log: log})
		if err != nil {
			t.Fatal(err)
		}
		old := prev[0].Document
		old.URL, old.ThreadURL = rawThread, rawThread
		m := &model.Mention{DocID: old.ID, Brand: "Acme Bank", Source: "Board", SourceType: model.SourceForum,
			URL: rawThread, ThreadURL: rawThread, Text: old.Text, Author: old.Author, PublishedAt: old.PublishedAt,
			FoundAt: now.Add(-40 * time.Minute), Matched: []string{"acme bank"}, Sentiment: model.Negative,
			Severity: model.SeverityWarning, Status: model.StatusNew, Replies: -1}
		crawl := &store.Crawl{State: store.SourceState{Name: "Board", Type: model.SourceForum, URL: boardURL, Crawled: true},
			Docs: []model.Document{old}, Mentions: []*model.Mention{m},
			Threads: []store.ThreadObservation{{URL: rawThread, Replies: -1}}}
		if _, err := d.Store().SaveCrawl(context.Background(), crawl, nil); err != nil {
			t.Fatal(err)
		}
		d.Close()
	}

	mu.Lock()
	second = true
	mu.Unlock()
	out := &testenv.SyncBuffer{}
	c, err := Load(path, log)
	if err != nil {
		t.Fatal(err)
	}
	d, err := New(context.Background(), c, Options{ConfigPath: path, Stdout: out, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.RunOnce(context.Background(), 5*time.Second); err != nil {
		t.Fatal(err)
	}
	ms, err := d.Store().Mentions(context.Background(), store.MentionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	d.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://127.0.0.1/api/mentions", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("API: %d %s", rec.Code, rec.Body)
	}

	byAuthor := map[string]model.Mention{}
	var views strings.Builder
	for _, m := range ms {
		byAuthor[m.Author] = m
		b, _ := json.Marshal(m.View())
		fmt.Fprintln(&views, string(b))
	}
	if len(ms) != 3 {
		t.Fatalf("%d mentions, want ivan's (stored before), petr's reply and olga's:\n%s", len(ms), &views)
	}
	public := docident.CanonicalURL(srv.URL + "/board?t=5")
	if r := byAuthor["petr"]; r.URL != public || r.ThreadURL != public || !slices.Contains(r.Tags, "thread_reply") {
		t.Errorf("the reply: url %s thread %s tags %v; want %s, a thread_reply", r.URL, r.ThreadURL, r.Tags, public)
	}
	if f := byAuthor["olga"]; f.URL != docident.CanonicalURL(srv.URL+"/fresh") {
		t.Errorf("the fresh post's link: %s", f.URL)
	}
	mu.Lock()
	hookText := strings.Join(hooks, "\n")
	askedText := strings.Join(asked, "\n")
	mu.Unlock()
	// The post stored before keeps its link in the store, but is shown
	// without the key too.
	page := httptest.NewRecorder()
	d.Handler().ServeHTTP(page, httptest.NewRequest(http.MethodGet, fmt.Sprintf("http://127.0.0.1/mentions/%d", byAuthor["ivan"].ID), nil))
	if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), "source-link") {
		t.Fatalf("the stored post's page: %d", page.Code)
	}
	var stored strings.Builder
	for _, m := range ms {
		if m.Author != "ivan" {
			fmt.Fprintln(&stored, m.URL, m.ThreadURL)
		}
	}
	for where, text := range map[string]string{"new mentions' links": stored.String(), "mention JSON": views.String(),
		"webhook": hookText, "stdout": out.String(), "API": rec.Body.String(), "inbox page": page.Body.String()} {
		for _, leak := range []string{"leak-boardkey", "leak-freshsig", "leak-freshtoken", "leak-password"} {
			if strings.Contains(text, leak) {
				t.Errorf("the %s show %q:\n%s", where, leak, text)
			}
		}
	}
	if !strings.Contains(hookText, "Same here") || !strings.Contains(hookText, "lost my transfer") || strings.Contains(hookText, "blocked my card") {
		t.Errorf("webhook: want the reply and the fresh post alerted, and the stored post not again:\n%s", hookText)
	}
	if !strings.Contains(askedText, "key=leak-boardkey") || !strings.Contains(askedText, "sig=leak-freshsig") {
		t.Errorf("the pages were not fetched with their keys: %s", askedText)
	}
}
