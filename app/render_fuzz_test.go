package app

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// pageElements are the elements the inbox's templates write; nothing from
// a mention may add another.
var pageElements = map[atom.Atom]bool{
	atom.Html: true, atom.Head: true, atom.Meta: true, atom.Title: true, atom.Link: true, atom.Script: true,
	atom.Body: true, atom.Header: true, atom.Nav: true, atom.Main: true, atom.A: true, atom.Span: true,
	atom.Form: true, atom.Input: true, atom.Button: true, atom.Label: true, atom.Select: true, atom.Option: true,
	atom.P: true, atom.Div: true, atom.Ol: true, atom.Ul: true, atom.Li: true, atom.B: true, atom.I: true,
	atom.Time: true, atom.Mark: true, atom.Datalist: true, atom.Article: true, atom.H1: true, atom.H2: true,
	atom.Section: true, atom.Textarea: true,
}

// FuzzRender renders the list and one mention's page with a mention made
// of arbitrary text: no element beyond the templates' own, no event
// handler attribute, no inline script, and no link but http(s) and the
// inbox's own paths.
func FuzzRender(f *testing.F) {
	f.Add(hostileTitle, hostileURL, hostileAuthor, hostileText, "Acme Bank")
	f.Add("Acme Bank", "https://forum.example/t?a=1&b=<x>", "ivan", "Acme Bank is <b>fine</b>", "acme")
	f.Add(`</title><script>alert(1)</script>`, " JaVaScRiPt:alert(1)", `" onmouseover="x`, "\u202eAcme\u0000 ё Ё", "ё")
	f.Add("x", "data:text/html,<b>x</b>", "", `{{.CSRF}} </textarea><img src=x>`, "<")
	f.Fuzz(func(t *testing.T, title, link, author, text, word string) {
		if !utf8.ValidString(title + link + author + text + word) {
			t.Skip()
		}
		at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
		i := strings.Index(text, word)
		snip := model.Snippet{Text: text}
		if i >= 0 && word != "" {
			snip.Marks = [][2]int{{i, i + len(word)}}
		}
		m := model.Mention{ID: 7, Brand: "Acme " + word, Source: author, SourceType: model.SourceForum, URL: link,
			Title: title, Text: text, Author: author, Snippet: snip, Matched: []string{word}, FoundAt: at,
			PublishedAt: at, Sentiment: model.Negative, Severity: model.SeverityCritical, Tags: []string{word},
			Status: model.StatusNew, Assignee: author, ThreadURL: link, Replies: 3,
			Rules: []model.FiredRule{{Name: title, Effect: text}}}
		p := page{Title: title, User: author, CSRF: "tok", Now: at}
		lists := listData{Mentions: []model.Mention{m}, Q: text, Back: "/", Users: []string{author},
			Facets: []facet{{Param: "tag", Label: "Tag", Options: []facetOption{{Value: word, Label: word, Count: 1}}}}}
		one := mentionData{M: m, Words: markedWords(m), Users: []string{author}, ByAuthor: []model.Mention{m},
			History:    []model.ActionRecord{{At: at, User: author, Action: "note", Value: text, Via: "inbox"}},
			Deliveries: []store.MentionDelivery{{Route: title, Channel: "slack", Target: author, LastError: text}}}
		for name, data := range map[string]any{"list": lists, "mention": one} {
			p.Data = data
			var b strings.Builder
			if err := pages[name].ExecuteTemplate(&b, "layout.html", p); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			checkInert(t, name, b.String(), alert.LinkURL(link))
		}
	})
}

// checkInert fails when page has an element, attribute or link that the
// templates do not write themselves.
func checkInert(t *testing.T, name, page, link string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if !pageElements[tok.DataAtom] {
				t.Fatalf("%s: element <%s> from a mention\n%s", name, tok.Data, page)
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") || a.Key == "style" || a.Key == "srcdoc" {
					t.Fatalf("%s: attribute %s on <%s>", name, a.Key, tok.Data)
				}
				if a.Key == "href" || a.Key == "src" || a.Key == "action" {
					v := a.Val
					own := strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "//")
					lv := strings.ToLower(v)
					external := link != "" && (strings.HasPrefix(lv, "http://") || strings.HasPrefix(lv, "https://"))
					if !own && !external {
						t.Fatalf("%s: %s=%q on <%s> (the mention's safe link is %q)", name, a.Key, v, tok.Data, link)
					}
				}
			}
			if tok.DataAtom == atom.Script {
				src := ""
				for _, a := range tok.Attr {
					if a.Key == "src" {
						src = a.Val
					}
				}
				if src != "/static/inbox.js" {
					t.Fatalf("%s: a script that is not the inbox's own: %v", name, tok)
				}
			}
		}
	}
}

// TestMarkWords: the words are marked in any case and with ё as е, and
// everything else is escaped.
func TestMarkWords(t *testing.T) {
	for _, c := range []struct {
		text  string
		words []string
		want  string
	}{
		{"Акме БАНК и акме банк", []string{"акме банк"}, "<mark>Акме БАНК</mark> и <mark>акме банк</mark>"},
		{"<b>Ёлка</b> & елка", []string{"елка"}, "&lt;b&gt;<mark>Ёлка</mark>&lt;/b&gt; &amp; <mark>елка</mark>"},
		{"no match", []string{"", "x y"}, "no match"},
	} {
		if got := string(markWords(c.text, c.words)); got != c.want {
			t.Errorf("%q: %s, want %s", c.text, got, c.want)
		}
	}
}
