package matchers

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxUnescape bounds how many layers of escaping PlainText peels off
// (Google Alerts feeds carry "&amp;#39;" and "&amp;nbsp;").
const maxUnescape = 4

// PlainText turns HTML, or text with character entities, into plain text:
// tags removed (block elements and <br> become line breaks, script and
// style dropped), entities decoded — repeatedly, so double-escaped text
// such as "&amp;lt;b&amp;gt;Slack&amp;lt;/b&amp;gt; &amp;#39;" also comes
// out clean — spaces collapsed, soft hyphens and zero-width spaces
// removed. Lines are separated by a single "\n". Plain text without '<'
// or '&' only has its spaces tidied.
func PlainText(s string) string {
	for i := 0; i < maxUnescape && strings.ContainsAny(s, "<&"); i++ {
		t := stripHTML(s)
		if t == s {
			break
		}
		s = t
	}
	return tidySpace(s)
}

// needsPlainText reports whether s may hold markup or entities.
func needsPlainText(s string) bool {
	return strings.ContainsAny(s, "<&")
}

// stripHTML removes one layer of markup and entities.
func stripHTML(s string) string {
	z := html.NewTokenizerFragment(strings.NewReader(s), "div")
	var b strings.Builder
	b.Grow(len(s))
	skip := 0 // inside script, style, ...
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch a {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head:
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			}
			if blockTags[a] {
				b.WriteByte('\n')
			}
		}
	}
}

// blockTags are elements whose edges separate words and lines.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Br: true, atom.Div: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Table: true, atom.Blockquote: true,
	atom.Pre: true, atom.Hr: true, atom.Article: true, atom.Section: true, atom.Header: true,
	atom.Footer: true, atom.Dd: true, atom.Dt: true, atom.Dl: true, atom.Figcaption: true,
	atom.Figure: true, atom.Aside: true, atom.Nav: true, atom.Main: true, atom.Img: true,
	atom.Title: true, atom.Form: true, atom.Option: true, atom.Details: true, atom.Summary: true,
}

// tidySpace collapses runs of spaces to one space and runs of line breaks
// to one "\n", trims lines, and removes invisible characters. Invalid
// UTF-8 becomes U+FFFD.
func tidySpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space, newline := false, false
	for _, r := range s {
		switch {
		case r == 0x00AD || r == 0x200B || r == 0x2060 || r == 0xFEFF:
			continue
		case r == '\n' || r == '\r' || r == 0x2028 || r == 0x2029 || r == 0x85:
			newline = true
			continue
		case unicode.IsSpace(r) || r == 0:
			space = true
			continue
		case unicode.IsControl(r):
			continue
		}
		if b.Len() > 0 {
			if newline {
				b.WriteByte('\n')
			} else if space {
				b.WriteByte(' ')
			}
		}
		space, newline = false, false
		if r == utf8.RuneError {
			b.WriteString("\uFFFD")
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
