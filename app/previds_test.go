package app

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	docident "github.com/mentionwatch/mentionwatch/internal/ident"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// TestEarlierIdentitiesAreKnown: posts without a permalink that a store
// holds under the identities earlier versions gave them — page 2 of an IPB
// thread as a thread of its own (st=20 was not known as a page), a post
// whose date line carried an "edited" note under its text (its date was
// not read) — are not new at the next crawl; the others are.
func TestEarlierIdentitiesAreKnown(t *testing.T) {
	b, srv := newBoard(t)
	b.set("/index.php?showtopic=5", boardPage("/index.php?showtopic=5&st=20",
		boardPost("", "anna", "2026-12-01 10:00", "Acme Bank one"),
		`<div class="post"><span class="a">boris</span><span class="d">2026-12-01 10:02 <i>edited by boris 2026-12-02 09:00</i></span><div class="c">Acme Bank two</div></div>`))
	b.set("/index.php?showtopic=5&st=20", boardPage("",
		boardPost("", "boris", "2026-12-01 10:05", "Acme Bank three"),
		boardPost("", "anna", "2026-12-01 10:06", "Acme Bank four")))

	dir := t.TempDir()
	st, err := store.Open(context.Background(), filepath.Join(dir, "mw.db"))
	if err != nil {
		t.Fatal(err)
	}
	at := func(hm string) string {
		d, err := time.ParseInLocation("2006-01-02 15:04", "2026-12-01 "+hm, time.Local)
		if err != nil {
			t.Fatal(err)
		}
		return d.UTC().Format(time.RFC3339)
	}
	page2 := docident.CanonicalURL(srv.URL + "/index.php?showtopic=5&st=20")
	old := []model.Document{
		{ID: docident.ForPost("Board", "", "boris", page2+"\n"+at("10:05")), URL: page2},
		{ID: docident.ForPost("Board", "", "anna", page2+"\n"+at("10:06")), URL: page2},
		// Without a date the key was the post's own title (none) and text.
		{ID: docident.ForPost("Board", "", "boris", "\nAcme Bank two"), URL: srv.URL + "/index.php?showtopic=5"},
	}
	if _, err := st.SaveCrawl(context.Background(), &store.Crawl{State: store.SourceState{Name: "Board", Type: "forum"}, Docs: old}, nil); err != nil {
		t.Fatal(err)
	}
	st.Close()

	got := crawlBoard(t, dir, srv.URL+"/index.php?showtopic=5", 2)
	if len(got) != 1 || got["Acme Bank one"].DocID == "" {
		t.Errorf("new: %q, want only the post no earlier identity names", texts(got))
	}
}

// TestEarlierAnchorIdentityIsKnown: a post whose permalink names its page
// and its anchor was stored under that link; now known by its thread and
// anchor, it is not new again.
func TestEarlierAnchorIdentityIsKnown(t *testing.T) {
	b, srv := newBoard(t)
	b.set("/viewtopic.php?t=5&start=2", boardPage("",
		`<div class="post"><a class="perma" href="/viewtopic.php?t=5&amp;start=2#p03">#</a><span class="a">u3</span><span class="d">2026-12-01 10:03</span><div class="c">Acme Bank three</div></div>`,
		`<div class="post"><a class="perma" href="/viewtopic.php?t=5&amp;start=2#p04">#</a><span class="a">u4</span><span class="d">2026-12-01 10:04</span><div class="c">Acme Bank four</div></div>`))
	dir := t.TempDir()
	st, err := store.Open(context.Background(), filepath.Join(dir, "mw.db"))
	if err != nil {
		t.Fatal(err)
	}
	link := docident.CanonicalURL(srv.URL + "/viewtopic.php?t=5&start=2#p03")
	// Another title: its link key (URL and title) does not match; only its
	// identity can.
	old := []model.Document{{ID: "url:" + link, URL: link, Title: "old title"}}
	if _, err := st.SaveCrawl(context.Background(), &store.Crawl{State: store.SourceState{Name: "Board", Type: "forum"}, Docs: old}, nil); err != nil {
		t.Fatal(err)
	}
	st.Close()
	got := crawlBoard(t, dir, srv.URL+"/viewtopic.php?t=5&start=2", 1)
	if len(got) != 1 || got["Acme Bank four"].DocID == "" {
		t.Errorf("new: %q, want only post 4", texts(got))
	}
}

// TestEarlierIdentityAcrossPages: two posts by one author in one minute,
// one on each page of a thread, were two threads' posts to earlier
// versions (page 2's st=20 was not known as a page), each identified
// without the other. Now one thread's, the second gets an identity that
// adds its text; its earlier identity is still the plain one, so neither
// is new again.
func TestEarlierIdentityAcrossPages(t *testing.T) {
	b, srv := newBoard(t)
	b.set("/index.php?showtopic=5", boardPage("/index.php?showtopic=5&st=20",
		boardPost("", "boris", "2026-12-01 10:05", "Acme Bank two")))
	b.set("/index.php?showtopic=5&st=20", boardPage("",
		boardPost("", "boris", "2026-12-01 10:05", "Acme Bank three")))

	dir := t.TempDir()
	st, err := store.Open(context.Background(), filepath.Join(dir, "mw.db"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := time.ParseInLocation("2006-01-02 15:04", "2026-12-01 10:05", time.Local)
	if err != nil {
		t.Fatal(err)
	}
	at := d.UTC().Format(time.RFC3339)
	page1 := docident.CanonicalURL(srv.URL + "/index.php?showtopic=5")
	page2 := docident.CanonicalURL(srv.URL + "/index.php?showtopic=5&st=20")
	old := []model.Document{
		{ID: docident.ForPost("Board", "", "boris", page1+"\n"+at), URL: page1},
		{ID: docident.ForPost("Board", "", "boris", page2+"\n"+at), URL: page2},
	}
	if _, err := st.SaveCrawl(context.Background(), &store.Crawl{State: store.SourceState{Name: "Board", Type: "forum"}, Docs: old}, nil); err != nil {
		t.Fatal(err)
	}
	st.Close()

	if got := crawlBoard(t, dir, srv.URL+"/index.php?showtopic=5", 2); len(got) != 0 {
		t.Errorf("new: %q, want none", texts(got))
	}
}
