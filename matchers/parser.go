package matchers

import (
	"strings"

	"golang.org/x/net/idna"
)

type nodeKind uint8

const (
	nAnd nodeKind = iota
	nOr
	nNot
	nNear
	nAtom
	nSite
)

// node is one element of a parsed query.
type node struct {
	kind nodeKind
	kids []*node
	n    int // NEAR distance
	col  int

	// atom: a word (one element) or a phrase of normalised words.
	words []string
	gaps  []string // punctuation written between words (queryWordsGaps)
	exact bool
	title bool
	atom  int32 // index into Matcher.atoms, set by Compile

	// site
	host, path string

	// spelled: an OR the parser made of one written name and its other
	// spellings (atomNode); it prints as the name.
	spelled bool
}

// Query is a parsed brand query.
type Query struct {
	root *node
}

// maxDepth bounds the nesting of groups.
const maxDepth = 64

// ParseQuery parses one brand query (the grammar is in the package
// documentation). Errors are *QueryError with the 1-based column.
func ParseQuery(q string) (*Query, error) {
	if strings.TrimSpace(q) == "" {
		return nil, &QueryError{Brand: -1, Col: 1, Msg: "empty query"}
	}
	lx, qerr := lex(q, nil)
	if qerr != nil {
		return nil, qerr
	}
	p := &parser{lx: lx}
	root, qerr := p.parseAnd(0)
	if qerr != nil {
		return nil, qerr
	}
	if t := p.peek(); t.kind == lexRParen {
		return nil, p.fail(t, `unbalanced ")"`)
	}
	if root == nil {
		return nil, &QueryError{Brand: -1, Col: 1, Msg: "empty query: no words to look for"}
	}
	if !positive(root) {
		return nil, &QueryError{Brand: -1, Col: 1, Msg: "the query only excludes or narrows (-word, site:): it needs a word or phrase to look for"}
	}
	return &Query{root: root}, nil
}

type parser struct {
	lx  []lexeme
	pos int
}

func (p *parser) peek() lexeme { return p.lx[p.pos] }

func (p *parser) next() lexeme {
	t := p.lx[p.pos]
	if t.kind != lexEOF {
		p.pos++
	}
	return t
}

func (p *parser) fail(t lexeme, format string, args ...any) *QueryError {
	return &QueryError{Brand: -1, Col: t.col, Msg: sprintf(format, args...)}
}

// endsOperand reports lexemes that cannot start an operand.
func endsOperand(k lexKind) bool {
	switch k {
	case lexEOF, lexRParen, lexOr, lexAnd, lexNear:
		return true
	}
	return false
}

func (p *parser) parseAnd(depth int) (*node, *QueryError) {
	var kids []*node
	for {
		t := p.peek()
		switch t.kind {
		case lexEOF, lexRParen:
			switch len(kids) {
			case 0:
				return nil, nil
			case 1:
				return kids[0], nil
			}
			return &node{kind: nAnd, kids: kids, col: kids[0].col}, nil
		case lexAnd:
			p.next()
			if len(kids) == 0 || endsOperand(p.peek().kind) {
				return nil, p.fail(t, "dangling AND: it needs something on both sides")
			}
			continue
		}
		n, err := p.parseNear(depth)
		if err != nil {
			return nil, err
		}
		kids = append(kids, n)
	}
}

func (p *parser) parseNear(depth int) (*node, *QueryError) {
	left, err := p.parseOr(depth)
	if err != nil {
		return nil, err
	}
	for p.peek().kind == lexNear {
		t := p.next()
		if endsOperand(p.peek().kind) {
			return nil, p.fail(t, "NEAR/%d needs a word or phrase after it", t.n)
		}
		right, err := p.parseOr(depth)
		if err != nil {
			return nil, err
		}
		if !positional(left) || !positional(right) {
			return nil, p.fail(t, "NEAR/%d works on words, phrases and ORs of them", t.n)
		}
		left = &node{kind: nNear, kids: []*node{left, right}, n: t.n, col: t.col}
	}
	return left, nil
}

func (p *parser) parseOr(depth int) (*node, *QueryError) {
	first, err := p.parseUnary(depth)
	if err != nil {
		return nil, err
	}
	kids := []*node{first}
	for p.peek().kind == lexOr {
		t := p.next()
		if endsOperand(p.peek().kind) {
			return nil, p.fail(t, "dangling OR: it needs something on both sides")
		}
		k, err := p.parseUnary(depth)
		if err != nil {
			return nil, err
		}
		kids = append(kids, k)
	}
	if len(kids) == 1 {
		return first, nil
	}
	return &node{kind: nOr, kids: kids, col: first.col}, nil
}

func (p *parser) parseUnary(depth int) (*node, *QueryError) {
	if p.peek().kind != lexMinus {
		return p.parsePrimary(depth)
	}
	t := p.next()
	if endsOperand(p.peek().kind) {
		return nil, p.fail(t, `nothing to exclude after "-"`)
	}
	if depth >= maxDepth {
		return nil, p.fail(t, "too deeply nested")
	}
	kid, err := p.parseUnary(depth + 1)
	if err != nil {
		return nil, err
	}
	return &node{kind: nNot, kids: []*node{kid}, col: t.col}, nil
}

func (p *parser) parsePrimary(depth int) (*node, *QueryError) {
	t := p.next()
	switch t.kind {
	case lexWord:
		ws, gaps := queryWordsGaps(t.text)
		return atomNode(ws, gaps, false, t.col), nil
	case lexPhrase:
		ws, gaps := queryWordsGaps(t.text)
		if len(ws) == 0 {
			return nil, p.fail(t, "empty phrase")
		}
		return atomNode(ws, gaps, false, t.col), nil
	case lexEq:
		w := p.next()
		if w.kind != lexWord && w.kind != lexPhrase {
			return nil, p.fail(t, `"=" needs a word or phrase right after it`)
		}
		ws, gaps := queryWordsGaps(w.text)
		if len(ws) == 0 {
			return nil, p.fail(w, "empty phrase")
		}
		return atomNode(ws, gaps, true, t.col), nil
	case lexLParen:
		if depth >= maxDepth {
			return nil, p.fail(t, "too deeply nested")
		}
		inner, err := p.parseAnd(depth + 1)
		if err != nil {
			return nil, err
		}
		if p.peek().kind != lexRParen {
			return nil, p.fail(t, `unbalanced "("`)
		}
		p.next()
		if inner == nil {
			return nil, p.fail(t, `empty group "()"`)
		}
		return inner, nil
	case lexTitle:
		switch p.peek().kind {
		case lexWord, lexPhrase, lexEq, lexLParen:
		default:
			return nil, p.fail(t, "title: needs a word, phrase or group right after the colon")
		}
		sub, err := p.parsePrimary(depth + 1)
		if err != nil {
			return nil, err
		}
		if bad := setTitle(sub); bad != nil {
			return nil, &QueryError{Brand: -1, Col: bad.col, Msg: "site: cannot be inside title:"}
		}
		return sub, nil
	case lexSite:
		host, path, ok := parseSite(t.text)
		if !ok {
			return nil, p.fail(t, "site: needs a domain name, got %q", t.text)
		}
		return &node{kind: nSite, host: host, path: path, col: t.col}, nil
	case lexRParen:
		return nil, p.fail(t, `unbalanced ")"`)
	case lexOr:
		return nil, p.fail(t, "dangling OR: it needs something on both sides")
	case lexAnd:
		return nil, p.fail(t, "dangling AND: it needs something on both sides")
	case lexNear:
		return nil, p.fail(t, "NEAR/%d needs a word or phrase before it", t.n)
	case lexMinus:
		return nil, p.fail(t, `"-" cannot be used here`)
	}
	return nil, p.fail(t, "unexpected end of query")
}

func atomNode(ws []string, gaps []string, exact bool, col int) *node {
	n := &node{kind: nAtom, words: ws, gaps: gaps, exact: exact, col: col}
	if exact {
		return n
	}
	// Яндекс.Маркет is also written Яндекс Маркет, Procter & Gamble
	// Procter and Gamble (compound.go)
	kids := []*node{n}
	for _, alt := range [][]string{dotSpaced(ws), ampersandAnd(ws)} {
		if alt != nil {
			kids = append(kids, &node{kind: nAtom, words: alt, col: col})
		}
	}
	if len(kids) > 1 {
		return &node{kind: nOr, kids: kids, col: col, spelled: true}
	}
	return n
}

// setTitle restricts every atom under n to the title; it returns a site:
// node found inside, which is an error.
func setTitle(n *node) *node {
	switch n.kind {
	case nAtom:
		n.title = true
	case nSite:
		return n
	}
	for _, k := range n.kids {
		if bad := setTitle(k); bad != nil {
			return bad
		}
	}
	return nil
}

// positional reports whether n has word positions (NEAR operands).
func positional(n *node) bool {
	switch n.kind {
	case nAtom, nNear:
		return true
	case nOr:
		for _, k := range n.kids {
			if !positional(k) {
				return false
			}
		}
		return true
	}
	return false
}

// positive reports whether n can only be true when some word or phrase
// under it occurs: the queries Compile accepts, and the reason a brand
// need only be evaluated when one of its words occurred.
func positive(n *node) bool {
	switch n.kind {
	case nAtom, nNear:
		return true
	case nAnd:
		for _, k := range n.kids {
			if positive(k) {
				return true
			}
		}
		return false
	case nOr:
		for _, k := range n.kids {
			if !positive(k) {
				return false
			}
		}
		return true
	}
	return false
}

// parseSite normalises a site: value to an ASCII host and an optional
// path prefix.
func parseSite(v string) (host, path string, ok bool) {
	host, path, ok = normSite(v)
	if !ok {
		return "", "", false
	}
	if h2, p2, ok := normSite(host + path); !ok || h2 != host || p2 != path {
		return "", "", false // not stable when printed and read again
	}
	return host, path, true
}

func normSite(v string) (host, path string, ok bool) {
	v = strings.ToLower(v)
	for _, p := range []string{"https://", "http://", "//"} {
		v = strings.TrimPrefix(v, p)
	}
	if i := strings.IndexAny(v, "/?#"); i >= 0 {
		if v[i] == '/' {
			path = v[i:]
			if j := strings.IndexAny(path, "?#"); j >= 0 {
				path = path[:j]
			}
		}
		v = v[:i]
	}
	if i := strings.LastIndexByte(v, ':'); i >= 0 {
		v = v[:i]
	}
	v = strings.TrimPrefix(strings.TrimRight(v, "."), "*.")
	path = strings.TrimRight(path, "/")
	h, err := idna.Lookup.ToASCII(v)
	h = strings.TrimRight(h, ".")
	if err != nil || h == "" || strings.HasPrefix(h, ".") || strings.Contains(h, "..") {
		return "", "", false
	}
	return h, path, true
}

// Names are how the query writes its brand: the words and phrases of its
// alternatives (`"Acme Bank" OR Acme OR @acme_bank`), through exclusions
// (`(Аэрофлот OR Aeroflot) -вакансии`), as normalised words joined by
// spaces. A query that needs two things at once (`Ozon AND (заказ OR
// доставка)`, NEAR) does not say which of them is the name: it has none.
func (q *Query) Names() []string {
	return names(q.root, nil)
}

func names(n *node, out []string) []string {
	switch n.kind {
	case nAtom:
		return append(out, strings.Join(n.words, " "))
	case nOr:
		for _, k := range n.kids {
			out = names(k, out)
		}
	case nAnd:
		var pos *node
		for _, k := range n.kids {
			if positive(k) {
				if pos != nil {
					return out // two things needed at once
				}
				pos = k
			}
		}
		if pos != nil {
			out = names(pos, out)
		}
	}
	return out
}
