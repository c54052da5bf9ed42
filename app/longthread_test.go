package app

import (
	"context"
	"fmt"
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

	"github.com/mentionwatch/mentionwatch/internal/store"
)

// thread serves a forum thread whose posts have no permalinks: half have
// no link at all, half a javascript: link, as many small boards print.
type thread struct {
	mu    sync.Mutex
	posts int
	start time.Time
}

func (th *thread) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	th.mu.Lock()
	n := th.posts
	th.mu.Unlock()
	var b strings.Builder
	b.WriteString(`<html><head><title>Acme Bank: карта заблокирована</title></head><body>`)
	for i := range n {
		link := ""
		if i%2 == 1 {
			link = `<a class="perma" href="javascript:void(0)">#</a>`
		}
		fmt.Fprintf(&b, `<div class="post">%s<span class="author">user%d</span><time datetime="%s"></time><div class="content">Acme Bank: ответ номер %d</div></div>`,
			link, i%13, th.start.Add(time.Duration(i)*time.Minute).Format(time.RFC3339), i)
	}
	b.WriteString(`</body></html>`)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	io.WriteString(w, b.String())
}

// TestThreadWithoutPermalinks: a thread of 4,000 posts without permalinks,
// read once, gives 4,000 mentions; a post added later is one new mention,
// also after a restart.
func TestThreadWithoutPermalinks(t *testing.T) {
	th := &thread{posts: 4000, start: time.Now().Add(-100 * time.Hour)}
	srv := httptest.NewServer(th)
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	cfg := fmt.Sprintf(`
storage: {path: %q}
http: {min_delay: 0s, robots: false}
brands:
  - name: Acme Bank
    query: '"Acme Bank"'
sources:
  - name: Board
    type: forum
    url: %s/topic?t=1
    selectors: {item: div.post, author: span.author, date: time@datetime, text: div.content, link: a.perma@href}
alerts: {routes: []}
server: {listen: ""}
`, filepath.Join(dir, "mw.db"), srv.URL)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	pass := func() (n int) {
		t.Helper()
		onePass(t, path, log, func(d *Daemon) {
			ms, err := d.Store().Mentions(context.Background(), store.MentionFilter{})
			if err != nil {
				t.Fatal(err)
			}
			st, err := d.Store().Source(context.Background(), "Board")
			if err != nil || st.Dropped != 0 || st.ItemsSeen != len(ms) {
				t.Fatalf("source state %+v (%v) after %d mentions", st, err, len(ms))
			}
			n = len(ms)
		})
		return n
	}
	if n := pass(); n != 4000 {
		t.Fatalf("first crawl: %d mentions, want 4000", n)
	}
	th.mu.Lock()
	th.posts++
	th.mu.Unlock()
	if n := pass(); n != 4001 {
		t.Fatalf("after one post was added: %d mentions, want 4001", n)
	}
	if n := pass(); n != 4001 {
		t.Fatalf("the same page again: %d mentions, want 4001", n)
	}
}
