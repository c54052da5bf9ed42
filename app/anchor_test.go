package app

import (
	"strings"
	"testing"
)

// TestAnchoredPermalinks: posts whose permalink is a fragment ("#p21"),
// read from a thread whose source URL and "next" link carry fragments
// too. Each page is fetched once, by its URL without the fragment; each
// post's URL is the page it stands on with its anchor, so it opens at the
// post; and when the posts move to another page (an early post deleted),
// none of them is new: the anchor names the post in the thread.
func TestAnchoredPermalinks(t *testing.T) {
	b, srv := newBoard(t)
	p := func(n, text string) string {
		return boardPost("p"+n, "user"+n, "2026-12-01 10:"+n, text)
	}
	b.set("/viewtopic.php?t=5", boardPage("/viewtopic.php?t=5&start=2#p3",
		p("01", "Acme Bank one"), p("02", "Acme Bank two")))
	b.set("/viewtopic.php?t=5&start=2", boardPage("",
		p("03", "Acme Bank three"), p("04", "Acme Bank four")))
	dir := t.TempDir()
	got := crawlBoard(t, dir, srv.URL+"/viewtopic.php?t=5#p2", 2)
	if len(got) != 4 {
		t.Fatalf("%d mentions, want 4: %q", len(got), texts(got))
	}
	for uri, n := range b.hits {
		if n != 1 || strings.Contains(uri, "#") {
			t.Errorf("%s fetched %d times", uri, n)
		}
	}
	for text, want := range map[string]string{
		"Acme Bank one":   "/viewtopic.php?t=5#p01",
		"Acme Bank four":  "/viewtopic.php?start=2&t=5#p04",
		"Acme Bank three": "/viewtopic.php?start=2&t=5#p03",
	} {
		if m := got[text]; m.URL != srv.URL+want {
			t.Errorf("%s: URL %q, want %q", text, m.URL, srv.URL+want)
		}
	}
	if id := got["Acme Bank four"].DocID; id != "url:"+srv.URL+"/viewtopic.php?t=5#p04" {
		t.Errorf("identity %q", id)
	}

	// Post 1 deleted: post 3 moves to page 1, post 4 to page 2's start, and
	// post 5 is new.
	b.set("/viewtopic.php?t=5", boardPage("/viewtopic.php?t=5&start=2",
		p("02", "Acme Bank two"), p("03", "Acme Bank three")))
	b.set("/viewtopic.php?t=5&start=2", boardPage("",
		p("04", "Acme Bank four"), p("05", "Acme Bank five")))
	got = crawlBoard(t, dir, srv.URL+"/viewtopic.php?t=5", 2)
	if len(got) != 5 {
		t.Errorf("after the posts moved: %d mentions, want 5: %q", len(got), texts(got))
	}
}

// TestPageAnchoredPermalinks: permalinks that name the page and the post
// ("/viewtopic.php?t=5&start=2#p03"). When a post moves to another page
// its link changes, but it is the same post: nothing is new but the one
// new post.
func TestPageAnchoredPermalinks(t *testing.T) {
	b, srv := newBoard(t)
	post := func(start, n, text string) string {
		return `<div class="post"><a class="perma" href="/viewtopic.php?t=5` + start + `#p` + n + `">#</a><span class="a">user` + n +
			`</span><span class="d">2026-12-01 10:` + n + `</span><div class="c">` + text + `</div></div>`
	}
	b.set("/viewtopic.php?t=5", boardPage("/viewtopic.php?t=5&start=2",
		post("", "01", "Acme Bank one"), post("", "02", "Acme Bank two")))
	b.set("/viewtopic.php?t=5&start=2", boardPage("",
		post("&start=2", "03", "Acme Bank three"), post("&start=2", "04", "Acme Bank four")))
	dir := t.TempDir()
	got := crawlBoard(t, dir, srv.URL+"/viewtopic.php?t=5", 2)
	if len(got) != 4 {
		t.Fatalf("%d mentions, want 4: %q", len(got), texts(got))
	}
	if m := got["Acme Bank three"]; m.URL != srv.URL+"/viewtopic.php?start=2&t=5#p03" || m.DocID != "url:"+srv.URL+"/viewtopic.php?t=5#p03" {
		t.Errorf("post 3: URL %q, identity %q", m.URL, m.DocID)
	}
	b.set("/viewtopic.php?t=5", boardPage("/viewtopic.php?t=5&start=2",
		post("", "02", "Acme Bank two"), post("", "03", "Acme Bank three")))
	b.set("/viewtopic.php?t=5&start=2", boardPage("",
		post("&start=2", "04", "Acme Bank four"), post("&start=2", "05", "Acme Bank five")))
	if got = crawlBoard(t, dir, srv.URL+"/viewtopic.php?t=5", 2); len(got) != 5 {
		t.Errorf("after the posts moved: %d mentions, want 5: %q", len(got), texts(got))
	}
}
