// Package plaintext turns HTML, or text with character entities, into the
// plain text that documents store and the matchers read. It is the one
// answer for every reader: the feed reader (entry titles and bodies), the
// scraper (a feed entry of a forum or profile source; attribute values and
// JSON fields) and the matchers (whatever a document still carries).
//
// The rules:
//
//   - Markup is removed: tags and comments dropped; the content of
//     script, style, noscript, template, head, iframe, object, svg and
//     select dropped; block elements (paragraphs, divisions, list items,
//     headings, table rows, <br>, …) end a line; table cells and images
//     separate words. In HTML, a line break in the text is a space, as a
//     browser shows it, except in preformatted text; in text without
//     markup it ends a line.
//   - Entities are decoded, and text that was escaped more than once is
//     decoded again, up to [MaxRounds] rounds in all: each round decodes one
//     layer of entities and removes the markup that layer revealed. So
//     "&amp;#39;" becomes "'" and "&amp;lt;b&amp;gt;Slack&amp;lt;/b&amp;gt;"
//     becomes "Slack" (feeds such as Google Alerts escape twice). Markup
//     that an escape revealed counts only when it is an HTML element: an
//     escaped "List&lt;String&gt;" or "&lt;IfModule&gt;" in a code sample
//     is text. A "<" that does not start a tag ("1 < 2") and an "&" that
//     does not start an entity ("AT&T") stay as they are.
//   - White space is collapsed (see [Tidy]): invisible characters (soft
//     hyphens, zero-width and bidirectional marks, BOM) and control
//     characters removed, runs of spaces one space, runs of line breaks
//     one "\n", lines trimmed, invalid UTF-8 replaced by U+FFFD.
package plaintext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// MaxRounds bounds how many layers of escaping FromHTML peels off: markup
// escaped three times over still comes out clean, and a pathological
// input costs at most this many passes.
const MaxRounds = 4

// FromHTML turns an HTML fragment, or text with entities, into plain text
// by the package's rules: lines separated by a single "\n", no blank
// lines, no leading or trailing space. Text without '<' or '&' is only
// tidied.
func FromHTML(s string) string {
	return Tidy(strip(s))
}

// LineFromHTML is FromHTML on one line: line breaks become spaces. It is
// for titles and names.
func LineFromHTML(s string) string {
	return TidyLine(strip(s))
}

// HasMarkup reports whether s may hold markup or entities, that is,
// whether FromHTML does more to it than Tidy.
func HasMarkup(s string) bool {
	return strings.ContainsAny(s, "<&")
}

// strip removes markup and entities, up to MaxRounds layers of them.
func strip(s string) string {
	for i := 0; i < MaxRounds && HasMarkup(s); i++ {
		t := stripOnce(s, i > 0)
		if t == s {
			break
		}
		s = t
	}
	return s
}

// skipped are elements whose content is never text a reader sees.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Head: true,
	atom.Iframe: true, atom.Object: true, atom.Svg: true, atom.Select: true,
}

// breaks says what an element's edges become: '\n' for blocks, ' ' for
// elements that separate words without ending a line.
var breaks = map[atom.Atom]byte{
	atom.P: '\n', atom.Div: '\n', atom.Br: '\n', atom.Li: '\n', atom.Ul: '\n', atom.Ol: '\n',
	atom.H1: '\n', atom.H2: '\n', atom.H3: '\n', atom.H4: '\n', atom.H5: '\n', atom.H6: '\n',
	atom.Blockquote: '\n', atom.Pre: '\n', atom.Table: '\n', atom.Caption: '\n', atom.Thead: '\n',
	atom.Tbody: '\n', atom.Tfoot: '\n', atom.Tr: '\n', atom.Hr: '\n', atom.Dd: '\n', atom.Dt: '\n',
	atom.Dl: '\n', atom.Section: '\n', atom.Article: '\n', atom.Header: '\n', atom.Footer: '\n',
	atom.Figure: '\n', atom.Figcaption: '\n', atom.Aside: '\n', atom.Main: '\n', atom.Nav: '\n',
	atom.Address: '\n', atom.Form: '\n', atom.Fieldset: '\n', atom.Details: '\n', atom.Summary: '\n',
	atom.Title: '\n', atom.Option: '\n',
	atom.Td: ' ', atom.Th: ' ', atom.Img: ' ',
}

// elements are the HTML elements, current and obsolete: what an escaped
// tag must name to count as markup.
var elements = func() map[atom.Atom]bool {
	m := map[atom.Atom]bool{}
	for _, a := range []atom.Atom{
		atom.A, atom.Abbr, atom.Acronym, atom.Address, atom.Applet, atom.Area, atom.Article, atom.Aside,
		atom.Audio, atom.B, atom.Base, atom.Basefont, atom.Bdi, atom.Bdo, atom.Big, atom.Blink,
		atom.Blockquote, atom.Body, atom.Br, atom.Button, atom.Canvas, atom.Caption, atom.Center,
		atom.Cite, atom.Code, atom.Col, atom.Colgroup, atom.Data, atom.Datalist, atom.Dd, atom.Del,
		atom.Details, atom.Dfn, atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Dt, atom.Em, atom.Embed,
		atom.Fieldset, atom.Figcaption, atom.Figure, atom.Font, atom.Footer, atom.Form, atom.Frame,
		atom.Frameset, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Head, atom.Header,
		atom.Hgroup, atom.Hr, atom.Html, atom.I, atom.Iframe, atom.Image, atom.Img, atom.Input, atom.Ins,
		atom.Kbd, atom.Label, atom.Legend, atom.Li, atom.Link, atom.Main, atom.Map, atom.Mark,
		atom.Marquee, atom.Math, atom.Menu, atom.Meta, atom.Meter, atom.Nav, atom.Nobr, atom.Noembed,
		atom.Noframes, atom.Noscript, atom.Object, atom.Ol, atom.Optgroup, atom.Option, atom.Output,
		atom.P, atom.Param, atom.Picture, atom.Plaintext, atom.Pre, atom.Progress, atom.Q, atom.Rp,
		atom.Rt, atom.Ruby, atom.S, atom.Samp, atom.Script, atom.Section, atom.Select, atom.Slot,
		atom.Small, atom.Source, atom.Span, atom.Strike, atom.Strong, atom.Style, atom.Sub,
		atom.Summary, atom.Sup, atom.Svg, atom.Table, atom.Tbody, atom.Td, atom.Template,
		atom.Textarea, atom.Tfoot, atom.Th, atom.Thead, atom.Time, atom.Title, atom.Tr, atom.Track,
		atom.Tt, atom.U, atom.Ul, atom.Var, atom.Video, atom.Wbr, atom.Xmp,
	} {
		m[a] = true
	}
	return m
}()

// stripOnce removes one layer of markup and entities. In escaped text (a
// layer that an earlier round decoded) only HTML elements are markup;
// other tags stay as text.
//
// Where the layer holds markup, it is HTML, and a line break in its text
// is white space like any other (hard-wrapped HTML is not broken into
// lines); lines end at block elements and in preformatted text. Those
// breaks are written as U+2029, a line break that later rounds keep and
// Tidy makes "\n". Text without markup keeps its line breaks.
func stripOnce(s string, escaped bool) string {
	if strings.IndexByte(s, '<') < 0 {
		return html.UnescapeString(s)
	}
	z := html.NewTokenizerFragment(strings.NewReader(s), "div")
	var b strings.Builder
	b.Grow(len(s))
	skip := 0 // inside script, style, ...
	pre := 0  // inside pre, textarea, ...
	markup := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			out := b.String()
			if markup && strings.IndexByte(out, '\n') >= 0 {
				out = strings.ReplaceAll(out, "\n", " ")
			}
			return out
		case html.TextToken:
			if skip > 0 {
				continue
			}
			if t := z.Text(); pre > 0 {
				b.WriteString(strings.ReplaceAll(string(t), "\n", paragraph))
			} else {
				b.Write(t)
			}
		case html.CommentToken, html.DoctypeToken:
			markup = true
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if escaped && !elements[a] {
				if skip == 0 {
					b.Write(z.Raw())
				}
				continue
			}
			markup = true
			if skipped[a] {
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			}
			if preformatted[a] {
				if tt == html.StartTagToken {
					pre++
				} else if tt == html.EndTagToken && pre > 0 {
					pre--
				}
			}
			if skip > 0 {
				continue
			}
			switch breaks[a] {
			case '\n':
				b.WriteString(paragraph)
			case ' ':
				b.WriteByte(' ')
			}
		}
	}
}

// paragraph is the line break stripOnce writes (U+2029, the paragraph
// separator): unlike "\n", a later round does not take it for white space.
const paragraph = "\u2029"

// preformatted are elements whose line breaks are kept.
var preformatted = map[atom.Atom]bool{
	atom.Pre: true, atom.Listing: true, atom.Xmp: true, atom.Plaintext: true, atom.Textarea: true,
}

// Invisible reports the format characters that only steer rendering and
// are removed from text: zero-width spaces and joiners, bidirectional
// marks, embeddings and isolates, word joiners and invisible operators,
// the soft hyphen, the Mongolian vowel separator and the BOM.
func Invisible(r rune) bool {
	switch {
	case r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E,
		r >= 0x2060 && r <= 0x2064, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0xFEFF, r == 0x00AD, r == 0x180E:
		return true
	}
	return false
}

// lineBreak reports the characters that end a line.
func lineBreak(r rune) bool {
	return r == '\n' || r == '\r' || r == 0x2028 || r == 0x2029 || r == 0x85
}

// Tidy applies the package's white space rules to plain text: invisible
// and control characters removed, every run of white space (no-break
// spaces included) one space, or one "\n" when the run holds a line
// break, the ends of lines and of the text trimmed, invalid UTF-8
// replaced by U+FFFD. It returns s itself when nothing changes.
func Tidy(s string) string {
	return tidy(s, true)
}

// TidyLine is Tidy with line breaks folded into spaces.
func TidyLine(s string) string {
	return tidy(s, false)
}

func tidy(s string, keepLines bool) string {
	if isTidy(s, keepLines) {
		return s
	}
	return rebuild(s, keepLines)
}

// rebuild is tidy without the check for a string already tidy.
func rebuild(s string, keepLines bool) string {
	var b strings.Builder
	b.Grow(len(s))
	pending := byte(0) // ' ' or '\n' waiting to be written before the next character
	for _, r := range s {
		switch {
		case Invisible(r):
			continue
		case lineBreak(r):
			if keepLines {
				pending = '\n'
			} else if pending == 0 {
				pending = ' '
			}
			continue
		case r == 0 || unicode.IsSpace(r):
			if pending == 0 {
				pending = ' '
			}
			continue
		case unicode.IsControl(r):
			continue
		}
		if pending != 0 && b.Len() > 0 {
			b.WriteByte(pending)
		}
		pending = 0
		b.WriteRune(r) // utf8.RuneError, for invalid bytes, is U+FFFD
	}
	return b.String()
}

// isTidy reports whether tidy would return s unchanged.
func isTidy(s string, keepLines bool) bool {
	prevSpace := true // a leading space is a change
	for _, r := range s {
		switch {
		case r == ' ' || r == '\n' && keepLines:
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		case r < utf8.RuneSelf:
			if r < 0x20 || r == 0x7F {
				return false // other white space and control characters
			}
		case r == utf8.RuneError, Invisible(r), unicode.IsSpace(r), unicode.IsControl(r):
			return false
		}
		prevSpace = false
	}
	return !prevSpace || s == ""
}
