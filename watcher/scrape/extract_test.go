package scrape

import (
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
)

func mustCompile(t *testing.T, spec Spec) *Extractor {
	t.Helper()
	ex, err := Compile(spec)
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

func extract(t *testing.T, spec Spec, markup, pageURL string) *Page {
	t.Helper()
	p, err := mustCompile(t, spec).Extract([]byte(markup), "text/html; charset=utf-8", pageURL, fixtureNow)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

const customPage = `<!DOCTYPE html>
<html><head><title>Board — A thread</title><base href="/board/"></head>
<body>
<h1>A thread about Acme</h1>
<div class="stats">Replies: 7</div>
<div class="post" data-author="anna" id="m1">
  <h3><a href="show?m=1">First post</a></h3>
  <span class="when" title="12 марта 2024 в 10:15">вчера</span>
  <div class="body">Acme  Bank<br>is   great.<script>no()</script></div>
</div>
<div class="post" id="m2">
  <span class="who">boris</span>
  <time datetime="2024-03-12T11:00:00Z">an hour later</time>
  <div class="body">No title here.</div>
  <a class="perma" href="#m2">#</a>
</div>
<div class="post" id="m3"><span class="who">ghost</span></div>
<div class="post" id="m4"><div class="body">   </div><h3>Title only</h3></div>
<a class="next" href="?page=3">Next ›</a>
</body></html>`

func TestExtractCustomSelectors(t *testing.T) {
	spec := Spec{Type: "forum", Source: "board", Location: time.FixedZone("MSK", 3*3600), Selectors: config.Selectors{
		Item:    "div.post",
		Title:   "h3",
		Text:    "div.body",
		Author:  "@data-author",
		Date:    ".when@title",
		Link:    "h3 a@href",
		Next:    "a.next@href",
		Replies: ".stats",
	}}
	p := extract(t, spec, customPage, "https://f.example/board/thread?id=5&page=2")
	if len(p.Docs) != 3 {
		t.Fatalf("%d docs, want 3 (the empty post skipped): %+v", len(p.Docs), p.Docs)
	}
	if p.Next != "https://f.example/board/?page=3" {
		t.Errorf("Next = %q", p.Next)
	}
	d := p.Docs[0]
	checkDoc(t, 0, d, want{
		URL: "https://f.example/board/show?m=1", ID: "url:https://f.example/board/show?m=1",
		Title: "First post", Author: "anna", Date: time.Date(2024, 3, 12, 7, 15, 0, 0, time.UTC),
		Thread: "https://f.example/board/thread?id=5", Replies: 7,
	})
	if d.Text != "Acme Bank\nis great." {
		t.Errorf("Text = %q", d.Text)
	}
	// The second post has no title, author attribute or date title: the
	// thread title stands in, and the fields it lacks stay empty.
	d = p.Docs[1]
	if d.Title != "Board — A thread" || d.Author != "" || !d.PublishedAt.IsZero() || d.Text != "No title here." {
		t.Errorf("doc 1 = %+v", d)
	}
	if !strings.HasPrefix(d.ID, "hash:") || d.URL != "https://f.example/board/thread?id=5" {
		t.Errorf("doc 1 without permalink: ID %q URL %q", d.ID, d.URL)
	}
	if p.Docs[2].Title != "Title only" || p.Docs[2].Text != "" {
		t.Errorf("doc 2 = %+v", p.Docs[2])
	}
}

// A selector without @attr reads what the element means: a link's href,
// a <time>'s datetime.
func TestExtractElementDefaults(t *testing.T) {
	spec := Spec{Type: "forum", Selectors: config.Selectors{Item: "div.post", Text: ".body", Author: ".who", Date: "time", Link: "a.perma"}}
	p := extract(t, spec, customPage, "https://f.example/board/thread?id=5&page=2")
	var d model.Document
	for _, x := range p.Docs {
		if x.Author == "boris" {
			d = x
		}
	}
	if !d.PublishedAt.Equal(time.Date(2024, 3, 12, 11, 0, 0, 0, time.UTC)) {
		t.Errorf("date = %v", d.PublishedAt)
	}
	// A fragment link names the post in the thread (its identity, the
	// same on whichever page it stands) and opens the page it is on.
	if d.ID != "url:https://f.example/board/thread?id=5#m2" {
		t.Errorf("ID = %q", d.ID)
	}
	if d.URL != "https://f.example/board/thread?id=5&page=2#m2" {
		t.Errorf("URL = %q", d.URL)
	}
}

func TestExtractThreadRows(t *testing.T) {
	page := `<table><tr class="row"><td><a class="t" href="/t/1">One</a></td><td class="n">3</td></tr>
	<tr class="row"><td><a class="t" href="/t/2">Two</a></td><td class="n">–</td></tr></table>`
	spec := Spec{Type: "forum", Selectors: config.Selectors{Item: "tr.row", Title: "a.t", Thread: "a.t@href", Replies: "td.n"}}
	p := extract(t, spec, page, "https://f.example/forum/5")
	if len(p.Docs) != 2 {
		t.Fatalf("%d docs", len(p.Docs))
	}
	if p.Docs[0].ThreadURL != "https://f.example/t/1" || p.Docs[0].Replies != 3 || p.Docs[1].Replies != -1 {
		t.Errorf("rows = %+v", p.Docs)
	}
}

func TestExtractNestedComments(t *testing.T) {
	page := `<div class="c" id="a"><div class="by">ann</div><div class="txt">parent words</div>
	  <div class="kids"><div class="c" id="b"><div class="by">bob</div><div class="txt">child words</div></div></div></div>`
	spec := Spec{Type: "forum", Selectors: config.Selectors{Item: "div.c", Text: ".txt", Author: ".by", Link: "@id"}}
	p := extract(t, spec, page, "https://f.example/story/1")
	if len(p.Docs) != 2 {
		t.Fatalf("%d docs", len(p.Docs))
	}
	if p.Docs[0].Author != "ann" || p.Docs[0].Text != "parent words" || p.Docs[1].Author != "bob" || p.Docs[1].Text != "child words" {
		t.Errorf("docs = %+v", p.Docs)
	}
}

// Editing a post must not make it a new document: the identity comes from
// the permalink, or the author and date, never the text when those exist.
func TestIdentityStableUnderEdits(t *testing.T) {
	page := func(text string) string {
		return `<div class="p"><b>ann</b><time datetime="2024-03-12T10:00:00Z"></time><a href="/p/1">#</a><i>` + text + `</i></div>
		<div class="q"><b>bob</b><time datetime="2024-03-12T11:00:00Z"></time><i>` + text + `</i></div>`
	}
	withLink := Spec{Type: "forum", Source: "s", Selectors: config.Selectors{Item: "div.p", Text: "i", Author: "b", Date: "time", Link: "a@href"}}
	noLink := Spec{Type: "forum", Source: "s", Selectors: config.Selectors{Item: "div.q", Text: "i", Author: "b", Date: "time"}}
	noDate := Spec{Type: "forum", Source: "s", Selectors: config.Selectors{Item: "div.q", Text: "i", Author: "b"}}
	for _, tt := range []struct {
		name   string
		spec   Spec
		stable bool
	}{{"permalink", withLink, true}, {"author and date", noLink, true}, {"text only", noDate, false}} {
		a := extract(t, tt.spec, page("original words"), "https://f.example/t/1").Docs[0].ID
		b := extract(t, tt.spec, page("edited words"), "https://f.example/t/1?page=2").Docs[0].ID
		if (a == b) != tt.stable {
			t.Errorf("%s: IDs %q and %q, stable = %v", tt.name, a, b, a == b)
		}
	}
	// Different sources' hash identities differ.
	other := noLink
	other.Source = "other"
	a := extract(t, noLink, page("x"), "https://f.example/t/1").Docs[0].ID
	b := extract(t, other, page("x"), "https://f.example/t/1").Docs[0].ID
	if a == b {
		t.Error("hash identity does not depend on the source")
	}
}

// A relative date ("5 minutes ago") moves between crawls, so it cannot
// identify a post; the text does.
func TestIdentityIgnoresRelativeDates(t *testing.T) {
	page := `<div class="q"><b>bob</b><span>5 minutes ago</span><i>words</i></div>`
	spec := Spec{Type: "forum", Source: "s", Selectors: config.Selectors{Item: "div.q", Text: "i", Author: "b", Date: "span"}}
	ex := mustCompile(t, spec)
	p1, _ := ex.Extract([]byte(page), "text/html", "https://f.example/t/1", fixtureNow)
	p2, _ := ex.Extract([]byte(page), "text/html", "https://f.example/t/1", fixtureNow.Add(time.Hour))
	if p1.Docs[0].ID != p2.Docs[0].ID {
		t.Errorf("IDs differ across crawls: %q, %q", p1.Docs[0].ID, p2.Docs[0].ID)
	}
	if !p1.Docs[0].PublishedAt.Equal(fixtureNow.Add(-5 * time.Minute)) {
		t.Errorf("date = %v", p1.Docs[0].PublishedAt)
	}
}

func TestExtractDuplicatesAndPaging(t *testing.T) {
	// The same post twice is one document; a link shared by posts that
	// differ (a selector that finds the thread's link) makes them no one.
	page := `<link rel="next" href="/t/1?page=2"><div class="p"><a href="/p/1">x</a><i>a</i></div><div class="p"><a href="/p/1">x</a><i>a</i></div><div class="p"><a href="/p/1">x</a><i>a again</i></div>`
	spec := Spec{Type: "forum", Selectors: config.Selectors{Item: "div.p", Text: "i", Link: "a@href", Next: `link[rel="next"]@href`}}
	p := extract(t, spec, page, "https://f.example/t/1")
	if len(p.Docs) != 2 || p.Docs[0].Text != "a" || p.Docs[1].Text != "a again" || p.Docs[0].ID == p.Docs[1].ID {
		t.Errorf("docs = %+v, want the repeat dropped and the different post kept apart", p.Docs)
	}
	if p.Next != "https://f.example/t/1?page=2" {
		t.Errorf("Next = %q", p.Next)
	}
	// A next link to the page itself ends the crawl.
	p = extract(t, spec, page, "https://f.example/t/1?page=2")
	if p.Next != "" {
		t.Errorf("Next = %q, want none on the page it points to", p.Next)
	}
}

func TestExtractProfileCustom(t *testing.T) {
	page := `<article><p>Loving my new Acme card</p><a class="d" href="/anna/status/1"><time datetime="2024-03-12T09:00:00Z">Mar 12</time></a><span class="r">4</span></article>
	<article><p>Lunch</p><a class="d" href="/anna/status/2"><time datetime="2024-03-11T09:00:00Z">Mar 11</time></a></article>`
	spec := Spec{Type: "profile", Selectors: config.Selectors{Item: "article", Text: "p", Link: "a.d@href", Date: "time@datetime", Replies: "span.r"}}
	p := extract(t, spec, page, "https://social.example/anna")
	if len(p.Docs) != 2 {
		t.Fatalf("%d docs", len(p.Docs))
	}
	// A post with a reply count is a thread of its own; one without is not.
	if p.Docs[0].ThreadURL != "https://social.example/anna/status/1" || p.Docs[0].Replies != 4 {
		t.Errorf("doc 0 = %+v", p.Docs[0])
	}
	if p.Docs[1].ThreadURL != "" || p.Docs[1].Replies != -1 || p.Docs[1].Title != "" {
		t.Errorf("doc 1 = %+v", p.Docs[1])
	}
}

func TestExtractCharsets(t *testing.T) {
	spec := Spec{Type: "forum", Selectors: config.Selectors{Item: "p"}}
	ex := mustCompile(t, spec)
	tests := []struct {
		name, ct string
		body     []byte
		want     string
	}{
		// windows-1252 declared only in the Content-Type header.
		{"windows-1252 header", "text/html; charset=windows-1252",
			[]byte("<html><body><p>Qu\xe9bec \x93quoted\x94</p></body></html>"), "Québec “quoted”"},
		// The page says windows-1251 but the bytes are UTF-8.
		{"lying meta charset", "text/html",
			[]byte(`<html><head><meta charset="windows-1251"></head><body><p>Акме Банк — отличный</p></body></html>`), "Акме Банк — отличный"},
		// Undeclared windows-1251 Russian.
		{"undeclared windows-1251", "text/html",
			[]byte("<html><body><p>\xc0\xea\xec\xe5 \xc1\xe0\xed\xea \xf1\xef\xe8\xf1\xe0\xeb \xe4\xe5\xed\xfc\xe3\xe8 \xe4\xe2\xe0\xe6\xe4\xfb</p></body></html>"), "Акме Банк списал деньги дважды"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ex.Extract(tt.body, tt.ct, "https://f.example/", fixtureNow)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Docs) != 1 || p.Docs[0].Text != tt.want {
				t.Errorf("docs = %+v, want text %q", p.Docs, tt.want)
			}
		})
	}
}

func TestExtractErrors(t *testing.T) {
	ex := mustCompile(t, Spec{Type: "forum", Preset: "phpbb"})
	if _, err := ex.Extract([]byte(`{"a":1}`), "application/json", "https://f.example/", fixtureNow); err == nil || !strings.HasPrefix(err.Error(), "scrape: ") {
		t.Errorf("JSON for an HTML preset: err = %v", err)
	}
	if _, err := ex.Extract([]byte(`<p>x</p>`), "text/html", "/relative", fixtureNow); err == nil {
		t.Error("relative page URL accepted")
	}
	d := mustCompile(t, Spec{Type: "forum", Preset: "discourse"})
	if _, err := d.Extract([]byte(`{"post_stream": [`), "application/json", "https://f.example/t/x/1.json", fixtureNow); err == nil {
		t.Error("broken JSON accepted")
	}
	r := mustCompile(t, Spec{Type: "forum", Preset: "reddit"})
	if _, err := r.Extract([]byte(`{"kind": "t3", "data": {}}`), "application/json", "https://www.reddit.com/r/x/.json", fixtureNow); err == nil {
		t.Error("a Reddit object that is not a listing accepted")
	}
}

// Broken markup never panics and yields what it can.
func TestExtractBrokenMarkup(t *testing.T) {
	specs := []Spec{
		{Type: "forum", Preset: "phpbb"}, {Type: "forum", Preset: "xenforo"}, {Type: "forum", Preset: "vbulletin"},
		{Type: "profile", Preset: "telegram"}, {Type: "forum", Preset: "pikabu"},
		{Type: "forum", Selectors: config.Selectors{Item: "div", Text: "p", Date: "time", Link: "a@href", Next: "a@href"}},
	}
	bodies := []string{
		"", "\x00\xff\xfe", "<", "<div", `<div id="p1" class="post"><h3><a href="`,
		`<div class="post" id="p1"><div class="content">unclosed <b><i>text`,
		`<table><div class="post" id="p9"><div class="content">misnested</table></div>`,
		strings.Repeat("<div>", 5000) + "deep" + strings.Repeat("</div>", 10),
		`<div><p>text</p><time datetime="9999-99-99">x</time><a href="http://[::1">bad</a></div>`,
	}
	for _, spec := range specs {
		ex := mustCompile(t, spec)
		for _, b := range bodies {
			p, err := ex.Extract([]byte(b), "text/html", "https://f.example/viewtopic.php?t=1", fixtureNow)
			if err != nil {
				// The HTML parser refuses absurd nesting; anything else
				// must parse.
				if !strings.HasPrefix(err.Error(), "scrape: ") || !strings.Contains(err.Error(), "open stack") || len(err.Error()) > 200 {
					t.Errorf("%s on a %d-byte body: %v", spec.Preset, len(b), err)
				}
				continue
			}
			for _, d := range p.Docs {
				if d.ID == "" || d.Title == "" && d.Text == "" {
					t.Errorf("bad doc %+v", d)
				}
			}
		}
	}
}

// TestAnchorOpensThePage: a "#p" permalink's URL is the page the post
// stands on: its canonical link when that names a page of the thread
// (the fetched URL may be a "last page" form), the fetched URL when the
// canonical link names only the thread while the page is a later one.
func TestAnchorOpensThePage(t *testing.T) {
	spec := Spec{Type: "forum", Source: "b", Selectors: config.Selectors{Item: "div.post", Text: ".c", Link: "a.perma@href"}}
	page := func(canonical string) string {
		return `<html><head><link rel="canonical" href="` + canonical + `"></head><body><div class="post"><a class="perma" href="#p9">#</a><div class="c">Acme</div></div></body></html>`
	}
	for _, c := range []struct{ name, canonical, fetched, want string }{
		{"canonical names the page", "https://f.example/t?id=5&page=3", "https://f.example/t?id=5&page=99999", "https://f.example/t?id=5&page=3#p9"},
		{"canonical names only the thread", "https://f.example/t?id=5", "https://f.example/t?id=5&page=3", "https://f.example/t?id=5&page=3#p9"},
		{"first page", "https://f.example/t?id=5", "https://f.example/t?id=5", "https://f.example/t?id=5#p9"},
	} {
		p := extract(t, spec, page(c.canonical), c.fetched)
		if len(p.Docs) != 1 || p.Docs[0].URL != c.want {
			t.Errorf("%s: %+v, want URL %q", c.name, p.Docs, c.want)
		}
	}
}
