package app

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// board serves fixed pages by request URI and counts the requests.
type board struct {
	mu    sync.Mutex
	pages map[string]string
	hits  map[string]int
}

func newBoard(t *testing.T) (*board, *httptest.Server) {
	b := &board{pages: map[string]string{}, hits: map[string]int{}}
	srv := httptest.NewServer(b)
	t.Cleanup(srv.Close)
	return b, srv
}

func (b *board) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.hits[r.URL.RequestURI()]++
	p, ok := b.pages[r.URL.RequestURI()]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	io.WriteString(w, p)
}

func (b *board) set(uri, page string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.pages[uri] = page
}

// boardPost is a post without a permalink unless anchor is set.
func boardPost(anchor, author, date, text string) string {
	link := ""
	if anchor != "" {
		link = `<a class="perma" href="#` + anchor + `">#</a>`
	}
	return `<div class="post">` + link + `<span class="a">` + author + `</span><span class="d">` + date + `</span><div class="c">` + text + `</div></div>`
}

func boardPage(next string, posts ...string) string {
	s := `<html><head><title>Acme Bank: карта</title></head><body>` + strings.Join(posts, "")
	if next != "" {
		s += `<a class="next" href="` + next + `">Next</a>`
	}
	return s + `</body></html>`
}

// crawlBoard runs one pass of a config with one forum source named Board
// at url and returns the stored mentions by text.
func crawlBoard(t *testing.T, dir, url string, maxPages int) map[string]model.Mention {
	t.Helper()
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
    url: %q
    max_pages: %d
    selectors: {item: div.post, author: span.a, date: span.d, text: div.c, link: a.perma@href, next: a.next@href}
alerts: {routes: []}
server: {listen: ""}
`, filepath.Join(dir, "mw.db"), url, maxPages)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	out := map[string]model.Mention{}
	for _, m := range runOnce(t, path) {
		if _, dup := out[m.Snippet.Text]; dup {
			t.Errorf("%q stored twice", m.Snippet.Text)
		}
		out[m.Snippet.Text] = m
	}
	return out
}

func texts(ms map[string]model.Mention) []string {
	var out []string
	for k := range ms {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestPagedThreadPosts: a thread read through its "next" links, paged in
// each of the ways boards page threads. Every post of the first page and
// of the next one is stored (max_pages 2), all as posts of one thread; two
// posts by one author in one minute, one at the end of page 1 and one at
// the start of page 2, are two mentions. A post without a permalink has
// one identity whichever page it stands on: when an early post is deleted
// and the others move up a page, only the one new post is new, and so
// when page 2 is read directly.
func TestPagedThreadPosts(t *testing.T) {
	for _, c := range []struct{ name, page1, page2 string }{
		{"path page-N", "/threads/acme.5/", "/threads/acme.5/page-2"},
		{"query page", "/topic?id=5", "/topic?id=5&page=2"},
		{"phpBB start", "/viewtopic.php?t=5", "/viewtopic.php?t=5&start=20"},
		{"path page/N", "/topic/5-acme/", "/topic/5-acme/page/2/"},
		{"file name", "/forum/5-acme.html", "/forum/5-acme-page2.html"},
		{"IPB st", "/index.php?showtopic=5", "/index.php?showtopic=5&st=20"},
		{"Bitrix PAGEN", "/forum/?TID=5", "/forum/?TID=5&PAGEN_1=2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, srv := newBoard(t)
			one := boardPost("", "anna", "2026-12-01 10:00", "Acme Bank one")
			two := boardPost("", "boris", "2026-12-01 10:05", "Acme Bank two")
			three := boardPost("", "boris", "2026-12-01 10:05", "Acme Bank three")
			four := boardPost("", "anna", "2026-12-01 10:06", "Acme Bank four")
			five := boardPost("", "anna", "2026-12-01 10:09", "Acme Bank five")
			b.set(c.page1, boardPage(c.page2, one, two))
			b.set(c.page2, boardPage("", three, four))
			dir := t.TempDir()
			got := crawlBoard(t, dir, srv.URL+c.page1, 2)
			want := []string{"Acme Bank four", "Acme Bank one", "Acme Bank three", "Acme Bank two"}
			if strings.Join(texts(got), "|") != strings.Join(want, "|") {
				t.Errorf("stored %q, want %q", texts(got), want)
			}
			if got["Acme Bank two"].DocID == got["Acme Bank three"].DocID {
				t.Errorf("two posts, one identity %s", got["Acme Bank two"].DocID)
			}
			threads := map[string]bool{}
			for _, m := range got {
				threads[m.ThreadURL] = true
			}
			if len(threads) != 1 {
				t.Errorf("the posts of one thread in %d threads: %v", len(threads), threads)
			}

			// "one" deleted: "three" moves up to page 1, "four" starts
			// page 2, and "five" is new.
			b.set(c.page1, boardPage(c.page2, two, three))
			b.set(c.page2, boardPage("", four, five))
			got = crawlBoard(t, dir, srv.URL+c.page1, 2)
			want = []string{"Acme Bank five", "Acme Bank four", "Acme Bank one", "Acme Bank three", "Acme Bank two"}
			if strings.Join(texts(got), "|") != strings.Join(want, "|") {
				t.Errorf("after the posts moved up a page: %q, want %q", texts(got), want)
			}
			// Page 2 read directly: nothing new.
			if again := crawlBoard(t, dir, srv.URL+c.page2, 1); len(again) != len(want) {
				t.Errorf("page 2 read directly: %q, want the same %d", texts(again), len(want))
			}
		})
	}
}
