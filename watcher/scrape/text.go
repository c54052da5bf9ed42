package scrape

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/mentionwatch/mentionwatch/internal/plaintext"
)

// quoteMax is how many characters of a quoted post are kept. Quotes stay in
// the text (a reply often only makes sense with them) but are cut short so
// that the quoted post, which is a document of its own, does not dominate
// the reply; quotes inside quotes are dropped.
const quoteMax = 200

// blockElems end a line before and after their content.
var blockElems = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Dd: true, atom.Details: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Header: true, atom.Hr: true, atom.Li: true,
	atom.Main: true, atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tr: true,
	atom.Ul: true, atom.Caption: true, atom.Cite: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true,
}

// skipElems are never visible text.
var skipElems = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true,
	atom.Embed: true, atom.Select: true, atom.Option: true, atom.Button: true,
	atom.Input: true, atom.Textarea: true, atom.Audio: true, atom.Video: true,
	atom.Canvas: true, atom.Map: true,
}

// hiddenClasses mark text meant for screen readers only.
var hiddenClasses = setOf("sr-only", "u-srOnly", "visually-hidden", "u-hiddenVisually", "screen-reader-text", "copyonly",
	"u-hidden") // Twitter's hidden media link, glued to the last word ("rangepic.twitter.com/…")

// quoteClasses mark quoted posts in the engines' markup.
var quoteClasses = setOf(
	"quote", "bbcode_quote", "bbCodeQuote", "bbCodeBlock--quote", "ipsQuote",
	"quotecontent", "quoteheader", "bbc_standard_quote", "quotebox", "bbc-block",
	"bbcode_container", "tgme_widget_message_reply",
)

// quoteWrappers hold a quote's attribution and the quote itself; the
// quote inside a wrapper is the same quote, not a nested one.
var quoteWrappers = setOf("bbc-block", "bbcode_container")

// contentClasses are blockquotes that hold a post's own text, not a quote.
var contentClasses = setOf("postcontent", "messageText", "message-body")

func isQuoteWrapper(n *html.Node) bool {
	if n.DataAtom == atom.Aside && hasClass(n, "quote") {
		return true // Discourse: title and blockquote
	}
	return classIn(attrOf(n, "class"), func(c string) bool { return quoteWrappers[c] })
}

func isQuote(n *html.Node) bool {
	cls := attrOf(n, "class")
	if n.DataAtom == atom.Blockquote {
		return !classIn(cls, func(c string) bool { return contentClasses[c] })
	}
	return classIn(cls, func(c string) bool { return quoteClasses[c] })
}

func isHidden(n *html.Node) bool {
	if skipElems[n.DataAtom] {
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			s := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(s, "display:none") {
				return true
			}
		case "class":
			if classIn(a.Val, func(c string) bool { return hiddenClasses[c] }) {
				return true
			}
		}
	}
	return false
}

// renderer turns a subtree into plain text.
type renderer struct {
	b     strings.Builder
	items map[*html.Node]bool // other posts' elements, skipped
	drop  func(*html.Node) bool
	// quoteSel marks more quotes than isQuote knows.
	quoteSel func(*html.Node) bool
	root     *html.Node
	quote    int // quote levels entered: a quote inside a quote is dropped
	// wrapped: rendering a quote wrapper whose inner quote is still to come.
	wrapped bool
	pre     int
	space   bool // a collapsed space is pending
}

// blockText is the visible text of n: block elements and <br> become line
// breaks, scripts and styles are dropped, whitespace is collapsed, quotes
// are kept short, and elements of other items are skipped.
func blockText(n *html.Node, items map[*html.Node]bool) string {
	return renderText(n, items, nil, nil)
}

// renderText is blockText that also skips the elements drop reports
// (signatures, "click to expand" links, user panels inside a post) and
// treats those quote reports as quotes; either may be nil.
func renderText(n *html.Node, items map[*html.Node]bool, drop, quote func(*html.Node) bool) string {
	r := &renderer{items: items, root: n, drop: drop, quoteSel: quote}
	r.walk(n)
	return plaintext.Tidy(r.b.String())
}

// postText renders a post's HTML body that comes without its page
// (Discourse's cooked HTML, Reddit's body_html) as renderText renders a
// post on a page: quotes on short "> " lines, hidden elements dropped.
func postText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return plaintext.Tidy(s)
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return plaintext.TidyLine(s)
	}
	root := &html.Node{Type: html.ElementNode, Data: "div"}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return blockText(root, nil)
}

// inlineText is blockText on one line.
func inlineText(n *html.Node, items map[*html.Node]bool) string {
	return strings.ReplaceAll(blockText(n, items), "\n", " ")
}

func (r *renderer) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		r.text(n.Data)
		return
	case html.ElementNode:
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			r.walk(c)
		}
		return
	default:
		return
	}
	if n != r.root {
		if r.items[n] || isHidden(n) || r.drop != nil && r.drop(n) {
			return
		}
		if isQuote(n) || r.quoteSel != nil && r.quoteSel(n) {
			switch {
			case r.quote == 0:
				r.quoted(n)
				return
			case r.quote == 1 && r.wrapped && !isQuoteWrapper(n):
				r.wrapped = false // the quote inside its wrapper
			default:
				return // a quote inside a quote
			}
		}
	}
	switch n.DataAtom {
	case atom.Br:
		r.newline()
		return
	case atom.Img:
		if hasClassPart(n, "emoji") || hasClassPart(n, "smil") {
			r.text(" " + attrOf(n, "alt") + " ")
		}
		return
	case atom.Td, atom.Th:
		r.text(" ")
	case atom.Pre:
		r.pre++
		defer func() { r.pre-- }()
	}
	block := blockElems[n.DataAtom] && !inlineHandle(n)
	if block {
		r.newline()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c)
	}
	if block {
		r.newline()
	} else if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
		r.text(" ")
	}
}

// handleMax bounds the text of an element inlineHandle looks at.
const handleMax = 64

// inlineHandle reports whether a block element only wraps an @mention or
// a #hashtag link inside a sentence — X wraps each one in a <div> its
// style sheet shows inline — so that the handle stays in the line of text
// around it rather than on a line of its own.
func inlineHandle(n *html.Node) bool {
	if n.DataAtom != atom.Div {
		return false
	}
	var b strings.Builder
	link := false
	var walk func(*html.Node) bool
	walk = func(c *html.Node) bool {
		for ; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
				if b.Len() > handleMax {
					return false
				}
			case html.ElementNode:
				if c.DataAtom == atom.A {
					link = true
				} else if blockElems[c.DataAtom] || c.DataAtom == atom.Br || c.DataAtom == atom.Img {
					return false
				}
				if !walk(c.FirstChild) {
					return false
				}
			}
		}
		return true
	}
	if !walk(n.FirstChild) || !link {
		return false
	}
	t := strings.TrimSpace(b.String())
	if len(t) < 2 || (t[0] != '@' && t[0] != '#') {
		return false
	}
	return !strings.ContainsFunc(t, unicode.IsSpace)
}

// quoted renders a quote on its own lines, "> "-prefixed and cut short.
func (r *renderer) quoted(n *html.Node) {
	q := &renderer{items: r.items, drop: r.drop, quoteSel: r.quoteSel, root: n, quote: 1, wrapped: isQuoteWrapper(n)}
	q.walk(n)
	s := cut(plaintext.TidyLine(q.b.String()), quoteMax)
	if s == "" {
		return
	}
	r.newline()
	r.b.WriteString("> ")
	r.b.WriteString(s)
	r.newline()
}

func (r *renderer) newline() {
	r.space = false
	r.b.WriteByte('\n')
}

func (r *renderer) text(s string) {
	for _, c := range s {
		switch {
		case plaintext.Invisible(c):
		case c == '\n' && r.pre > 0:
			r.newline()
		case unicode.IsSpace(c):
			r.space = true
		default:
			if r.space {
				r.b.WriteByte(' ')
				r.space = false
			}
			r.b.WriteRune(c)
		}
	}
}

// cut shortens s to at most n characters at a word boundary, with "…".
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i, count := 0, 0
	for i = range s {
		if count == n {
			break
		}
		count++
	}
	head := s[:i]
	if sp := strings.LastIndexByte(head, ' '); sp > len(head)/2 {
		head = head[:sp]
	}
	return strings.TrimSpace(head) + "…"
}

func hasClassPart(n *html.Node, part string) bool {
	return strings.Contains(strings.ToLower(attrOf(n, "class")), part)
}
