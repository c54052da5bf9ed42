package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
)

// TestSourceURLSecretsNotShown: a crawl of sources whose URLs carry
// secrets — a value from the environment, a credential query parameter, a
// password, a next page's key — that fail (an error status, a redirect to
// a failing URL, a next page that fails) logs, stores as the last error
// and exports in /metrics none of those secrets, while the server is
// asked for the real URLs.
func TestSourceURLSecretsNotShown(t *testing.T) {
	t.Setenv("MW_TEST_SOURCE_TOKEN", "envtok-9f2c41d7b")
	asked := make(chan string, 20)
	mux := http.NewServeMux()
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		asked <- r.URL.RawQuery
		http.Error(w, "down", http.StatusInternalServerError)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/gone?api_key=leak-redirect", http.StatusFound)
	})
	mux.HandleFunc("/loop-a", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop-b?sig=leak-loopb", http.StatusFound)
	})
	mux.HandleFunc("/loop-b", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop-a?token=leak-loop", http.StatusFound)
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/thread", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><body><div class="post"><a class="t" href="/thread#p1">Hello</a><div class="c">Acme Bank is fine</div></div>`+
			`<a class="next" href="/thread2?sig=leak-nextpage">next</a></body></html>`)
	})
	mux.HandleFunc("/thread2", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusInternalServerError)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	withPass := strings.Replace(srv.URL, "://", "://watcher:leak-password@", 1)

	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	cfg := fmt.Sprintf(`
storage: {path: %q}
http: {min_delay: 0s, timeout: 5s, robots: false}
brands:
  - name: Acme Bank
    query: '"Acme Bank"'
sources:
  - name: Env
    url: %s/broken?access_token=${MW_TEST_SOURCE_TOKEN}&v=5
  - name: Key
    url: %s/broken?key=leak-key
  - name: Moved
    url: %s/moved
  - name: Loop
    url: %s/loop-a?token=leak-loop
  - name: Paged
    type: forum
    url: %s/thread?auth=leak-firstpage
    max_pages: 2
    selectors: {item: div.post, title: a.t, text: div.c, link: a.t@href, next: a.next@href}
server: {listen: ""}
`, filepath.Join(dir, "mw.db"), srv.URL, withPass, srv.URL, srv.URL, srv.URL)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	logs := &testenv.SyncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var states map[string]store.SourceState
	var metrics string
	failed := onePassFailing(t, path, log, func(d *Daemon) {
		var err error
		if states, err = d.Store().Sources(context.Background()); err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		d.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
		metrics = rec.Body.String()
	})
	if want := []string{"Env", "Key", "Loop", "Moved"}; !slices.Equal(failed, want) {
		t.Errorf("failed sources %q, want %q", failed, want)
	}
	var stored strings.Builder
	for _, name := range []string{"Env", "Key", "Moved", "Loop"} {
		st := states[name]
		if st.LastError == "" {
			t.Errorf("%s: no last error stored", name)
		}
		fmt.Fprintln(&stored, st.LastError)
	}
	leaks := []string{"envtok-9f2c41d7b", "leak-key", "leak-password", "leak-redirect", "leak-nextpage", "leak-firstpage", "leak-loop"}
	for where, text := range map[string]string{"log": logs.String(), "last error": stored.String(), "metrics": metrics} {
		for _, leak := range leaks {
			if strings.Contains(text, leak) {
				t.Errorf("the %s shows %q:\n%s", where, leak, text)
			}
		}
	}
	if !strings.Contains(logs.String(), "fetching next page") || !strings.Contains(stored.String(), "HTTP 500") || !strings.Contains(stored.String(), "redirect loop back to") {
		t.Errorf("the failures were not reported:\nlog: %s\nstored: %s", logs, &stored)
	}
	close(asked)
	real := false
	for q := range asked {
		real = real || q == "access_token=envtok-9f2c41d7b&v=5"
	}
	if !real {
		t.Error("the server was not asked for the real URL")
	}
}

// TestOverviewHidesURLSecrets: the inbox overview's last error of a
// source shows no secret of a URL it quotes, even one stored before the
// rule held (a database of an older version).
func TestOverviewHidesURLSecrets(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	if err := e.d.Store().SaveSource(context.Background(), store.SourceState{Name: "News", Type: "feed", Failures: 1,
		LastError: "fetch: redirect loop back to https://news.example/rss?access_token=leak-old&v=5"}); err != nil {
		t.Fatal(err)
	}
	c := e.signedIn(t, "anna", annaPassword)
	page := e.do(t, c, "GET", "/overview", nil, nil).body
	if strings.Contains(page, "leak-old") || !strings.Contains(page, "access_token=***&amp;v=5") {
		t.Errorf("overview shows the source's last error as:\n%s", page)
	}
}
