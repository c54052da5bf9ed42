package scrape

import (
	"strings"
	"testing"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// parseRoot parses markup and returns the element #root.
func parseRoot(t *testing.T, markup string) (*html.Node, *html.Node) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(markup))
	if err != nil {
		t.Fatal(err)
	}
	root := cascadia.Query(doc, cascadia.MustCompile("#root"))
	if root == nil {
		t.Fatalf("no #root in %q", markup)
	}
	return doc, root
}

func TestBlockText(t *testing.T) {
	long := strings.Repeat("word ", 80)
	tests := []struct {
		name, markup, want string
	}{
		{"blocks and breaks", `<div id="root">Hello   <b>world</b><br>next<p>para</p>tail</div>`,
			"Hello world\nnext\npara\ntail"},
		{"whitespace collapsed", "<div id=root>\n\t  spaced\n\n   out  \u00a0 text </div>", "spaced out text"},
		{"scripts styles hidden dropped", `<div id="root">a<script>var x="no"</script><style>.x{}</style><noscript>no</noscript><span hidden>no</span><span style="display: none">no</span><span class="sr-only">no</span>b</div>`,
			"ab"},
		{"format characters dropped", "<div id=root>\u202aStephen King\u202c zero\u200bwidth\u2060 soft\u00adhyphen \ufeffbom</div>",
			"Stephen King zerowidth softhyphen bom"},
		{"lists and tables", `<div id="root"><ul><li>one</li><li>two</li></ul><table><tr><td>a</td><td>b</td></tr></table></div>`,
			"one\ntwo\na b"},
		{"emoji and smilies keep their alt", `<div id="root">ok <img class="smilie smilie--sprite" alt=":)"> <img class="emoji" alt="👍"> <img src="x.png" alt="photo"></div>`,
			"ok :) 👍"},
		{"pre keeps line breaks", "<div id=root><pre>line one\nline two</pre></div>", "line one\nline two"},
		{"quote kept and marked", `<div id="root"><blockquote>quoted words</blockquote>my reply</div>`,
			"> quoted words\nmy reply"},
		{"quote cut short", `<div id="root"><blockquote>` + long + `</blockquote>reply</div>`,
			"> " + strings.TrimSpace(cut(strings.TrimSpace(long), quoteMax)) + "\nreply"},
		{"nested quote dropped", `<div id="root"><blockquote>outer<blockquote>inner</blockquote></blockquote>reply</div>`,
			"> outer\nreply"},
		{"quote in a wrapper is one quote", `<div id="root"><div class="bbc-block"><h4>Bob posted:</h4><blockquote>what he said<blockquote>older</blockquote></blockquote></div>reply</div>`,
			"> Bob posted: what he said\nreply"},
		{"discourse aside quote", `<div id="root"><aside class="quote"><div class="title">olga:</div><blockquote><p>question</p></blockquote></aside><p>answer</p></div>`,
			"> olga: question\nanswer"},
		{"post content blockquote is not a quote", `<blockquote id="root" class="postcontent restore">own text<div class="bbcode_container"><div class="bbcode_quote">theirs</div></div></blockquote>`,
			"own text\n> theirs"},
		{"root blockquote is the text", `<blockquote id="root">the text</blockquote>`, "the text"},
		{"a handle wrapped in a div stays in the line", `<div id="root"><span>Making some </span><div class="r-xoduu5"><span><a href="/microlinkhq">@microlinkhq</a></span></div><span> t-shirts</span></div>`,
			"Making some @microlinkhq t-shirts"},
		{"a hashtag wrapped in a div stays in the line", `<div id="root">Love <div><a href="/hashtag/Acme">#Acme</a></div> today</div>`,
			"Love #Acme today"},
		{"a div of a handle and words is a block", `<div id="root">hi<div><a href="/x">@x</a> says</div>bye</div>`,
			"hi\n@x says\nbye"},
		{"a div of a plain word is a block", `<div id="root">one<div><a href="/x">two</a></div>three</div>`,
			"one\ntwo\nthree"},
		{"a div of a handle without a link is a block", `<div id="root">one<div>@x</div>three</div>`,
			"one\n@x\nthree"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, root := parseRoot(t, tt.markup)
			if got := blockText(root, nil); got != tt.want {
				t.Errorf("blockText =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestBlockTextSkipsOtherItems(t *testing.T) {
	doc, root := parseRoot(t, `<div id="root" class="c"><p>parent text</p><div class="kids"><div class="c"><p>child text</p></div></div></div>`)
	items := map[*html.Node]bool{}
	for _, n := range cascadia.QueryAll(doc, cascadia.MustCompile(".c")) {
		items[n] = true
	}
	if got := blockText(root, items); got != "parent text" {
		t.Errorf("blockText = %q, want the parent's text only", got)
	}
}

func TestRenderTextDrop(t *testing.T) {
	_, root := parseRoot(t, `<table><tr><td id="root">post text<div class="userinfo">Some User</div><p class="editedby">edited</p></td></tr></table>`)
	drop := cascadia.MustCompile(".userinfo, .editedby")
	if got := renderText(root, nil, drop.Match, nil); got != "post text" {
		t.Errorf("renderText = %q, want %q", got, "post text")
	}
}

func TestCut(t *testing.T) {
	if got := cut("short", 10); got != "short" {
		t.Errorf("cut = %q", got)
	}
	if got := cut("один два три четыре", 10); got != "один два…" {
		t.Errorf("cut = %q, want a cut at a word boundary", got)
	}
}
