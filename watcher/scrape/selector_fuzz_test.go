package scrape

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// FuzzCompile gives Compile the selectors a rules.yaml may hold, with or
// without a preset, and runs what compiles over a fixed page. Compile must
// not panic and must name the field of every problem; an extractor that
// compiled must not panic on the page and must return well-formed
// documents.
func FuzzCompile(f *testing.F) {
	f.Add("", "div.post", "h3", "div.body", "@data-author", "time@datetime", "a.perma@href", "a.next@href")
	f.Add("phpbb", ":scope > h3 a", "", ":scope@title", "", `span[title*="@"]@title`, "", "")
	f.Add("reddit", "", "", "", ".who", "", "", "")
	f.Add("", "li:nth-child(2n+1):not(.x)", "[data-x='a@b']", "p:contains(Acme)", "a@", "@", "@1bad", "a[rel=next]@href")
	page := []byte(customPage)
	f.Fuzz(func(t *testing.T, preset, item, title, text, author, date, link, next string) {
		spec := Spec{Type: "forum", Source: "fuzz", Preset: preset, Selectors: config.Selectors{
			Item: item, Title: title, Text: text, Author: author, Date: date, Link: link, Next: next,
		}}
		ex, err := Compile(spec)
		if err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field == "" || fe.Msg == "" {
				t.Fatalf("Compile error without a field: %v", err)
			}
			return
		}
		p, err := ex.Extract(page, "text/html", "https://f.example/board/thread?t=1", fixtureNow)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "scrape: ") {
				t.Fatalf("error without the package prefix: %v", err)
			}
			return
		}
		if p.Next != "" && !strings.HasPrefix(p.Next, "http") {
			t.Fatalf("Next %q is not absolute", p.Next)
		}
		for _, d := range p.Docs {
			if d.ID == "" || (d.Title == "" && d.Text == "") {
				t.Fatalf("bad document %+v", d)
			}
			if !utf8.ValidString(d.Title + d.Text + d.Author + d.URL) {
				t.Fatalf("invalid UTF-8 in %+v", d)
			}
			if strings.Contains(d.Text+d.Title+d.Author, scopeAttr) {
				t.Fatalf("the scope attribute leaked into %+v", d)
			}
		}
	})
}
