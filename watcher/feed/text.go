package feed

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// skipped are elements whose content is never text a reader sees.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Svg: true, atom.Head: true, atom.Select: true,
}

// blocks are elements that end a paragraph or a line.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Pre: true, atom.Table: true, atom.Tr: true, atom.Hr: true,
	atom.Dd: true, atom.Dt: true, atom.Dl: true, atom.Section: true, atom.Article: true,
	atom.Header: true, atom.Footer: true, atom.Figure: true, atom.Figcaption: true,
	atom.Aside: true, atom.Main: true, atom.Nav: true, atom.Address: true, atom.Form: true,
	atom.Img: false,
}

// leftoverEntity matches an entity still present after HTML decoding:
// the text was escaped twice (Google Alerts: "&amp;nbsp;", "&amp;#39;").
var leftoverEntity = regexp.MustCompile(`&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});`)

// plainText turns a feed field that may hold HTML into plain text: tags
// dropped (with script and style content), entities decoded — twice when
// the source escaped them twice — runs of white space collapsed, and
// paragraph and line breaks kept as single newlines.
func plainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return collapse(s, true)
	}
	var b strings.Builder
	b.Grow(len(s))
	if !strings.Contains(s, "<") {
		b.WriteString(html.UnescapeString(s))
	} else {
		htmlText(&b, s)
	}
	out := b.String()
	if strings.IndexByte(out, '&') >= 0 && leftoverEntity.MatchString(out) {
		out = leftoverEntity.ReplaceAllStringFunc(out, html.UnescapeString)
	}
	return collapse(out, true)
}

// singleLine is plainText with line breaks folded into spaces, for titles.
func singleLine(s string) string {
	return collapse(plainText(s), false)
}

// htmlText writes the text content of an HTML fragment to b, with "\n"
// at block boundaries.
func htmlText(b *strings.Builder, s string) {
	z := xhtml.NewTokenizer(strings.NewReader(s))
	skip := 0
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return
		case xhtml.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case xhtml.StartTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skipped[a] {
				skip++
			} else if blocks[a] {
				b.WriteByte('\n')
			}
		case xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			if blocks[atom.Lookup(name)] {
				b.WriteByte('\n')
			}
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skipped[a] {
				if skip > 0 {
					skip--
				}
			} else if blocks[a] {
				b.WriteByte('\n')
			}
		}
	}
}

// isSpace reports whether r separates words: Unicode white space, plus
// the zero-width space and BOM that editors leave behind.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\v' || r == '\f'
	}
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

// collapse folds every run of white space (including no-break spaces)
// into one space, or into one newline when the run holds a line break and
// keepLines is set, and trims the ends. It returns s itself when nothing
// changes.
func collapse(s string, keepLines bool) string {
	if isCollapsed(s, keepLines) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	pending := byte(0) // ' ' or '\n' waiting to be written before the next word
	for _, r := range s {
		if isSpace(r) {
			if r == '\n' && keepLines {
				pending = '\n'
			} else if pending == 0 {
				pending = ' '
			}
			continue
		}
		if pending != 0 && b.Len() > 0 {
			b.WriteByte(pending)
		}
		pending = 0
		b.WriteRune(r)
	}
	return b.String()
}

// isCollapsed reports whether collapse would leave s unchanged.
func isCollapsed(s string, keepLines bool) bool {
	prevSpace := true // a leading space is a change
	for _, r := range s {
		if !isSpace(r) {
			prevSpace = false
			continue
		}
		if prevSpace || (r != ' ' && (r != '\n' || !keepLines)) {
			return false
		}
		prevSpace = true
	}
	return !prevSpace || s == ""
}
