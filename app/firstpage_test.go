package app

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// etagBoard serves a thread of two pages with an ETag per page version and
// answers 304 to a request that names the current one.
type etagBoard struct {
	mu    sync.Mutex
	pages map[string]string
	not   int // 304s sent
}

func (b *etagBoard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b.mu.Lock()
	defer b.mu.Unlock()
	p, ok := b.pages[r.URL.RequestURI()]
	if !ok {
		http.NotFound(w, r)
		return
	}
	etag := fmt.Sprintf(`"%x"`, len(p))
	if r.Header.Get("If-None-Match") == etag {
		b.not++
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", etag)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	io.WriteString(w, p)
}

// TestMaxPagesReadsEveryPageEachCrawl: with max_pages above 1 the first
// page is only where the crawl starts — a thread paged oldest first keeps
// its first page while new posts land on the next — so an unchanged
// first page (which a conditional GET would answer 304, with no body and
// so no "next" link) must not end the crawl: a post added to page 2 is
// found.
func TestMaxPagesReadsEveryPageEachCrawl(t *testing.T) {
	b := &etagBoard{pages: map[string]string{}}
	srv := httptest.NewServer(b)
	t.Cleanup(srv.Close)
	page1 := boardPage("/topic?id=5&page=2",
		boardPost("", "anna", "2026-12-01 10:00", "Acme Bank one"),
		boardPost("", "boris", "2026-12-01 10:05", "Acme Bank two"))
	b.pages["/topic?id=5"] = page1
	b.pages["/topic?id=5&page=2"] = boardPage("", boardPost("", "vera", "2026-12-01 11:00", "Acme Bank three"))
	dir := t.TempDir()
	if got := crawlBoard(t, dir, srv.URL+"/topic?id=5", 2); len(got) != 3 {
		t.Fatalf("first crawl: %q", texts(got))
	}
	b.mu.Lock()
	b.pages["/topic?id=5&page=2"] = boardPage("",
		boardPost("", "vera", "2026-12-01 11:00", "Acme Bank three"),
		boardPost("", "gleb", "2026-12-02 09:00", "Acme Bank four"))
	b.mu.Unlock()
	got := crawlBoard(t, dir, srv.URL+"/topic?id=5", 2)
	if _, ok := got["Acme Bank four"]; !ok || len(got) != 4 {
		t.Errorf("second crawl: %q, want the post added to page 2 too", texts(got))
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.not != 0 {
		t.Errorf("page 1 answered 304 %d times: it was not read", b.not)
	}
}
