package digest

import (
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// templateElements are the elements the HTML template itself writes;
// nothing from a mention may add another.
var templateElements = map[atom.Atom]bool{
	atom.Html: true, atom.Head: true, atom.Meta: true, atom.Title: true, atom.Body: true, atom.Div: true,
	atom.Table: true, atom.Tbody: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.P: true, atom.A: true, atom.Span: true, atom.Br: true, atom.B: true,
}

// FuzzRender renders a digest holding one mention made of arbitrary
// text: the HTML part never gains elements, links other than http(s), or
// bold text other than the marked words, and the text part keeps the
// title.
func FuzzRender(f *testing.F) {
	for _, fx := range fixture[:4] {
		f.Add(fx.title, fx.url, fx.author, fx.text, fx.marks[0])
	}
	f.Add(`<script>alert(1)</script>`, "javascript:alert(1)", `"><img src=x>`, `<b>x</b> Acme & <i>`, "Acme")
	f.Add("", "data:text/html,<b>", "", "\u202eAcme\u0000", "Acme")
	f.Fuzz(func(t *testing.T, title, link, author, body, word string) {
		if !utf8.ValidString(title + link + author + body + word) {
			t.Skip()
		}
		m := model.Mention{
			Brand: "Acme", Source: "src", SourceType: model.SourceForum, URL: link, Title: title, Author: author,
			FoundAt: fixtureEnd.Add(-time.Hour), Sentiment: model.Negative,
			Severity: model.SeverityCritical, Tags: []string{"complaint"},
		}
		m.Snippet = model.Snippet{Text: body}
		if word != "" {
			m.Snippet = snip(body, word)
		}
		d := &Digest{ID: "x", Start: fixtureEnd.Add(-fixtureWeek), End: fixtureEnd, Location: moscow, Prefix: DefaultPrefix,
			Year: 2026, Week: 47, Brands: []Brand{{Name: "Acme", Total: 1, Negative: 1, Days: days(fixtureEnd.Add(-fixtureWeek), fixtureEnd),
				Sections: []Section{{Kind: KindNegative, Title: "Negative", Total: 1, Mentions: []model.Mention{m}}}}}}
		d.Brands[0].Days[6].Total, d.Brands[0].Days[6].Negative = 1, 1

		doc, err := html.Parse(strings.NewReader(d.HTML()))
		if err != nil {
			t.Fatal(err)
		}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			if !templateElements[n.DataAtom] {
				t.Fatalf("<%s> in the HTML part", n.Data)
			}
			for _, a := range n.Attr {
				if a.Key == "href" {
					if u, err := url.Parse(a.Val); err == nil && u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
						t.Fatalf("link with scheme %q", a.Val)
					}
				}
				if strings.HasPrefix(a.Key, "on") {
					t.Fatalf("event handler attribute %s", a.Key)
				}
			}
			// An HTML parser drops NUL from text, so the bold text is the word without it.
			if n.DataAtom == atom.B && text(n) != strings.ReplaceAll(word, "\x00", "") {
				t.Fatalf("bold %q, want only %q", text(n), word)
			}
		}
		if tt := strings.TrimSpace(title); tt != "" && utf8.RuneCountInString(tt) < 100 && !strings.Contains(d.Text(), tt) {
			t.Fatalf("text part lacks the title %q", tt)
		}
	})
}
