package scrape

import (
	"crypto/rand"
	"fmt"
	"regexp"
	"strings"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// sel is one way to read a value: a CSS selector (nil for the item itself)
// and optionally an attribute to read instead of the text.
type sel struct {
	m    cascadia.SelectorGroup
	attr string
	// last takes the last match instead of the first.
	last bool
	// page matches in the whole page instead of inside the item.
	page bool
	// fix rewrites the raw value (e.g. "/user/NAME/" to "NAME").
	fix func(string) string
	src string
	// scoped: the selector names the item with :scope ("> a", ":scope >
	// h3 a"); the item carries scopeAttr while it is matched.
	scoped bool
}

// scopeAttr stands for :scope in a compiled selector: the item being read
// carries it while its fields are looked up. Its name ends in a random
// word, so that no crawled page can carry it on an element of its own and
// pass that element off as the item.
var scopeAttr = "data-mentionwatch-scope-" + strings.ToLower(rand.Text())

var scopeRe = regexp.MustCompile(`(?i):scope\b`)

// field is a value with alternatives, tried in order until one yields a
// non-empty value.
type field []sel

// parseSel parses "selector", "selector@attr" or "@attr". The item itself
// is "@attr" alone or ":scope@attr"; ":scope" also starts a selector
// relative to the item (":scope > a@href", its own child links).
func parseSel(s string) (sel, error) {
	src := s
	s = strings.TrimSpace(s)
	if s == "" {
		return sel{}, fmt.Errorf("empty selector")
	}
	selPart, attr, at := splitAttr(s)
	out := sel{attr: attr, src: src}
	if at && attr == "" {
		return sel{}, fmt.Errorf("missing attribute name after @ in %q", src)
	}
	if attr != "" && !validAttr(attr) {
		return sel{}, fmt.Errorf("bad attribute name %q in %q", attr, src)
	}
	if strings.EqualFold(selPart, ":scope") {
		return out, nil // the item itself: its attribute, or its text
	}
	if selPart == "" {
		if attr == "" {
			return sel{}, fmt.Errorf("empty selector")
		}
		return out, nil
	}
	if scopeRe.MatchString(selPart) {
		selPart = scopeRe.ReplaceAllString(selPart, "["+scopeAttr+"]")
		out.scoped = true
	}
	g, err := cascadia.ParseGroup(selPart)
	if err != nil {
		return sel{}, fmt.Errorf("bad selector %q: %v", selPart, err)
	}
	out.m = g
	return out, nil
}

// splitAttr splits "sel@attr" at the last '@' outside brackets, quotes and
// parentheses. A '@' inside an attribute value ([href^="mailto:a@b"]) is
// part of the selector.
func splitAttr(s string) (selector, attr string, at bool) {
	depth := 0
	var quote rune
	pos := -1
	for i, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '[' || r == '(':
			depth++
		case r == ']' || r == ')':
			if depth > 0 {
				depth--
			}
		case r == '@' && depth == 0:
			pos = i
		}
	}
	if pos < 0 {
		return s, "", false
	}
	return strings.TrimSpace(s[:pos]), strings.TrimSpace(s[pos+1:]), true
}

func validAttr(a string) bool {
	for i, r := range a {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r == '_', r == ':':
		case i > 0 && (r >= '0' && r <= '9' || r == '-' || r == '.'):
		default:
			return false
		}
	}
	return a != ""
}

// mustField builds a preset field from selector strings; presets are
// fixed, so a bad one is a programming error caught by the tests.
func mustField(srcs ...string) field {
	var f field
	for _, s := range srcs {
		x, err := parseSel(s)
		if err != nil {
			panic("scrape: preset selector: " + err.Error())
		}
		f = append(f, x)
	}
	return f
}

// onPage marks every alternative of f as matched against the whole page.
func (f field) onPage() field {
	out := make(field, len(f))
	for i, s := range f {
		s.page = true
		out[i] = s
	}
	return out
}

// lastMatch marks every alternative of f as taking the last match.
func (f field) lastMatch() field {
	out := make(field, len(f))
	for i, s := range f {
		s.last = true
		out[i] = s
	}
	return out
}

// fixed sets the value rewrite of every alternative of f.
func (f field) fixed(fix func(string) string) field {
	out := make(field, len(f))
	for i, s := range f {
		s.fix = fix
		out[i] = s
	}
	return out
}

// scope is where fields are looked up: one item of a page, with the other
// items (nested comments) excluded.
type scope struct {
	root  *html.Node // the item, or the document for page fields
	doc   *html.Node
	items map[*html.Node]bool
}

// node returns the element s selects in sc (nil when none). With no
// selector it is the item itself.
func (s sel) node(sc scope) *html.Node {
	return s.nodeWhere(sc, nil)
}

// nodeWhere is node that passes over the matches skip reports (nil skips
// none).
func (s sel) nodeWhere(sc scope, skip func(*html.Node) bool) *html.Node {
	if s.page && sc.root != sc.doc {
		sc = scope{root: sc.doc, doc: sc.doc}
	}
	root := sc.root
	if s.m == nil {
		return root
	}
	if s.scoped {
		root.Attr = append(root.Attr, html.Attribute{Key: scopeAttr})
		defer func() { root.Attr = root.Attr[:len(root.Attr)-1] }()
	}
	var found *html.Node
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if sc.items[c] && c != sc.root {
				continue // another item (a nested comment): not ours
			}
			if s.m.Match(c) && (skip == nil || !skip(c)) {
				found = c
				if !s.last {
					return true
				}
			}
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(root)
	if found == nil && s.attr != "" && root != sc.doc && s.m.Match(root) && (skip == nil || !skip(root)) {
		// "div.post@data-id" with div.post the item: its own attribute.
		return root
	}
	return found
}

// kind of value a field holds, which decides how an element without an
// attribute is read.
type valueKind int

const (
	valText valueKind = iota // inline text
	valLink                  // href of a link, else text
	valDate                  // datetime of a <time>, else text
)

// value reads f in sc: the first alternative that yields a non-empty
// value.
func (f field) value(sc scope, kind valueKind) string {
	for _, s := range f {
		n := s.node(sc)
		if n == nil {
			continue
		}
		v := s.read(n, sc, kind)
		if s.fix != nil && v != "" {
			v = s.fix(v)
		}
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

func (s sel) read(n *html.Node, sc scope, kind valueKind) string {
	if s.attr != "" {
		return attrOf(n, s.attr)
	}
	switch kind {
	case valLink:
		if h := attrOf(n, "href"); h != "" {
			return h
		}
	case valDate:
		if d := attrOf(n, "datetime"); d != "" {
			return d
		}
	}
	return inlineText(n, sc.items)
}

func attrOf(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, name) {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	return classIn(attrOf(n, "class"), func(c string) bool { return c == class })
}

// classIn reports whether one of the classes in a class attribute
// satisfies ok, without allocating.
func classIn(attr string, ok func(string) bool) bool {
	for attr != "" {
		i := strings.IndexAny(attr, " \t\n\r\f")
		if i < 0 {
			return ok(attr)
		}
		if i > 0 && ok(attr[:i]) {
			return true
		}
		attr = attr[i+1:]
	}
	return false
}
