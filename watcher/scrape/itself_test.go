package scrape

import (
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// TestSelectorOnTheItemItself: "@attr", ":scope@attr" and a selector that
// matches the item ("div.post@data-id") read the item's own attribute;
// ":scope > …" reads the item's own children only; a selector that
// matches neither the item nor anything in it reads nothing.
func TestSelectorOnTheItemItself(t *testing.T) {
	const page = `<html><body>
<div class="post" data-id="/p/7" data-author="anna"><a class="u" href="/u/anna">anna</a>
  <div class="c">Acme Bank <div class="inner"><a href="/elsewhere">link</a></div></div>
  <a href="/p/7#own">#</a>
</div></body></html>`
	for _, c := range []struct {
		name, link, author string
		wantURL, wantBy    string
	}{
		{"@attr", "@data-id", "@data-author", "https://f.example/p/7", "anna"},
		{":scope@attr", ":scope@data-id", ":SCOPE@data-author", "https://f.example/p/7", "anna"},
		{"the item's selector", "div.post@data-id", "div[data-author]@data-author", "https://f.example/p/7", "anna"},
		{":scope > child", ":scope > a:not(.u)@href", ":scope > a.u", "https://f.example/p/7#own", "anna"},
		{"descendant link", "a:not(.u)@href", "", "https://f.example/elsewhere", ""},
		// Negatives: nothing matches; a selector naming the item is not
		// read as its text when it has no @attr.
		{"no match", "span@data-id", "div.post", "https://f.example/t?id=1", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			spec := Spec{Type: "forum", Source: "b", Selectors: config.Selectors{Item: "div.post", Text: "div.c", Link: c.link, Author: c.author}}
			p := extract(t, spec, page, "https://f.example/t?id=1")
			if len(p.Docs) != 1 {
				t.Fatalf("%d docs", len(p.Docs))
			}
			d := p.Docs[0]
			if d.URL != c.wantURL || d.Author != c.wantBy {
				t.Errorf("URL %q author %q, want %q %q", d.URL, d.Author, c.wantURL, c.wantBy)
			}
		})
	}
}

// TestScopeCannotBeForged: ":scope" stands for the item alone, even on a
// page whose markup carries an attribute named like the one a selector
// is compiled to (which ends in a word the page cannot know).
func TestScopeCannotBeForged(t *testing.T) {
	const page = `<html><body>
<div class="post"><div class="c">Acme Bank <div data-mentionwatch-scope><a href="/forged">x</a></div></div>
  <a href="/p/7#own">#</a>
</div></body></html>`
	spec := Spec{Type: "forum", Source: "b", Selectors: config.Selectors{Item: "div.post", Text: "div.c", Link: ":scope > a@href"}}
	p := extract(t, spec, page, "https://f.example/t?id=1")
	if len(p.Docs) != 1 || p.Docs[0].URL != "https://f.example/p/7#own" {
		t.Fatalf("docs %+v, want the item's own link", p.Docs)
	}
}
