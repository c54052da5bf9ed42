package scrape

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// threadPage is a thread page of n posts without permalinks, oldest
// first, each dated a minute after the one before; date=false leaves the
// dates out.
func threadPage(n int, dated bool) string {
	var b strings.Builder
	b.WriteString("<html><body><h1>Карта заблокирована</h1>")
	start := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		b.WriteString(`<div class="post"><span class="who">user`)
		fmt.Fprint(&b, i%7)
		b.WriteString(`</span>`)
		if dated {
			fmt.Fprintf(&b, `<time datetime="%s"></time>`, start.Add(time.Duration(i)*time.Minute).Format(time.RFC3339))
		}
		fmt.Fprintf(&b, `<div class="body">post %d</div></div>`, i)
	}
	b.WriteString("</body></html>")
	return b.String()
}

var threadSpec = Spec{Type: "forum", Source: "board", Selectors: config.Selectors{
	Item: "div.post", Author: "span.who", Date: "time@datetime", Text: "div.body"}}

// TestLongPageReadWhole: a thread page of 10,000 posts without permalinks
// gives 10,000 documents with 10,000 identities.
func TestLongPageReadWhole(t *testing.T) {
	p := extract(t, threadSpec, threadPage(10_000, true), "https://f.example/t/1")
	if len(p.Docs) != 10_000 || p.Dropped != 0 {
		t.Fatalf("%d docs, %d dropped; want 10000 and 0", len(p.Docs), p.Dropped)
	}
	ids := map[string]bool{}
	for _, d := range p.Docs {
		ids[d.ID] = true
	}
	if len(ids) != 10_000 {
		t.Fatalf("%d identities for 10000 posts", len(ids))
	}
	if p.Docs[9999].Text != "post 9999" {
		t.Fatalf("last post = %q", p.Docs[9999].Text)
	}
}

// TestPageOverTheLimitKeepsTheNewest: where a limit applies, the newest
// posts are kept and the rest counted — by date when every post has one,
// else by the page's order (a thread runs oldest first, a list or a
// channel newest first).
func TestPageOverTheLimitKeepsTheNewest(t *testing.T) {
	cases := []struct {
		name  string
		spec  Spec
		page  string
		first string // the oldest post kept
		last  string
	}{
		{"thread, dated", threadSpec, threadPage(50, true), "post 40", "post 49"},
		{"thread, undated", threadSpec, threadPage(50, false), "post 40", "post 49"},
		{"channel, undated: newest first", Spec{Type: "profile", Source: "p", Selectors: config.Selectors{Item: "div.post", Text: "div.body"}},
			threadPage(50, false), "post 0", "post 9"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.spec.MaxItems = 10
			p := extract(t, tc.spec, tc.page, "https://f.example/t/1")
			if len(p.Docs) != 10 || p.Dropped != 40 {
				t.Fatalf("%d docs, %d dropped; want 10 and 40", len(p.Docs), p.Dropped)
			}
			if p.Docs[0].Text != tc.first || p.Docs[9].Text != tc.last {
				t.Fatalf("kept %q … %q, want %q … %q", p.Docs[0].Text, p.Docs[9].Text, tc.first, tc.last)
			}
		})
	}
	// Dates decide over position: a page that shows its newest post first.
	page := `<div class="post"><time datetime="2026-11-03T00:00:00Z"></time><div class="body">newest</div></div>` +
		`<div class="post"><time datetime="2026-11-01T00:00:00Z"></time><div class="body">oldest</div></div>` +
		`<div class="post"><time datetime="2026-11-02T00:00:00Z"></time><div class="body">middle</div></div>`
	spec := threadSpec
	spec.MaxItems = 2
	p := extract(t, spec, page, "https://f.example/t/1")
	if len(p.Docs) != 2 || p.Docs[0].Text != "newest" || p.Docs[1].Text != "middle" || p.Dropped != 1 {
		t.Fatalf("docs = %+v, dropped %d", p.Docs, p.Dropped)
	}
}

// TestPostsSharingAnIdentityStayApart: one author's two posts of one day
// on a board that prints only the day get one identity from author and
// date; they are still two documents, each the same on the next crawl.
func TestPostsSharingAnIdentityStayApart(t *testing.T) {
	page := `<div class="post"><span class="who">anna</span><span class="d">12.11.2026</span><div class="body">Карту заблокировали</div></div>` +
		`<div class="post"><span class="who">anna</span><span class="d">12.11.2026</span><div class="body">Разблокировали, спасибо</div></div>` +
		`<div class="post"><span class="who">anna</span><span class="d">12.11.2026</span><div class="body">Разблокировали, спасибо</div></div>`
	spec := Spec{Type: "forum", Source: "board", Selectors: config.Selectors{Item: "div.post", Author: "span.who", Date: "span.d", Text: "div.body"}}
	p1 := extract(t, spec, page, "https://f.example/t/1")
	p2 := extract(t, spec, page, "https://f.example/t/1")
	if len(p1.Docs) != 2 || p1.Docs[0].ID == p1.Docs[1].ID {
		t.Fatalf("docs = %+v, want two posts apart (the exact repeat dropped)", p1.Docs)
	}
	for i := range p1.Docs {
		if p1.Docs[i].ID != p2.Docs[i].ID {
			t.Fatalf("post %d: identity %q, then %q", i, p1.Docs[i].ID, p2.Docs[i].ID)
		}
	}
}
