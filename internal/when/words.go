package when

import (
	"reflect"
	"regexp"
	"regexp/syntax"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/expr-lang/expr/ast"
)

// Go's regular expressions see word boundaries (\b, \B) between ASCII
// letters only, so `text matches "\\bмошенник"` would never fire on Russian
// text. A `matches` whose pattern is a constant with \b or \B is compiled
// instead into a call of wordsMatchFunc, which checks those boundaries
// with Unicode letters and digits as word characters.

// wordsMatchFunc is the name under which the Unicode-aware match is
// registered with expr.
const wordsMatchFunc = "__mw_matches_words"

// wordPatterns caches the compiled form of every pattern rewritten by
// wordBoundaries, keyed by the pattern as written.
var wordPatterns sync.Map // string → *wordRegexp

// wordRegexp is a pattern whose \b and \B became empty named groups, whose
// positions are checked after a match.
type wordRegexp struct {
	re *regexp.Regexp
	// want[i] is, for submatch i, whether it stands for \b (true) or \B
	// (false); other groups are absent.
	want map[int]bool
}

const (
	boundaryGroup   = "mw_b"
	noBoundaryGroup = "mw_nb"
)

// compileWords returns the Unicode-aware form of pattern, or nil when
// pattern has no \b or \B or does not parse (expr then reports it).
func compileWords(pattern string) *wordRegexp {
	if w, ok := wordPatterns.Load(pattern); ok {
		return w.(*wordRegexp)
	}
	tree, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil || !markBoundaries(tree) {
		return nil
	}
	re, err := regexp.Compile(tree.String())
	if err != nil {
		return nil
	}
	w := &wordRegexp{re: re, want: map[int]bool{}}
	for i, name := range re.SubexpNames() {
		switch name {
		case boundaryGroup:
			w.want[i] = true
		case noBoundaryGroup:
			w.want[i] = false
		}
	}
	wordPatterns.Store(pattern, w)
	return w
}

// markBoundaries replaces every \b and \B in re with an empty named group
// and reports whether it found one.
func markBoundaries(re *syntax.Regexp) bool {
	found := false
	switch re.Op {
	case syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		name := boundaryGroup
		if re.Op == syntax.OpNoWordBoundary {
			name = noBoundaryGroup
		}
		*re = syntax.Regexp{Op: syntax.OpCapture, Name: name, Sub: []*syntax.Regexp{{Op: syntax.OpEmptyMatch}}}
		return true
	}
	for _, sub := range re.Sub {
		if markBoundaries(sub) {
			found = true
		}
	}
	return found
}

// match reports whether s has a match whose boundaries hold.
func (w *wordRegexp) match(s string) bool {
	for _, loc := range w.re.FindAllStringSubmatchIndex(s, -1) {
		if w.holds(s, loc) {
			return true
		}
	}
	return false
}

func (w *wordRegexp) holds(s string, loc []int) bool {
	for i, want := range w.want {
		at := loc[2*i]
		if at < 0 {
			continue // in a branch the match did not take
		}
		if atWordBoundary(s, at) != want {
			return false
		}
	}
	return true
}

// atWordBoundary reports whether a word character stands on one side of
// byte offset i in s and not on the other.
func atWordBoundary(s string, i int) bool {
	before, after := false, false
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		before = isWordRune(r)
	}
	if i < len(s) {
		r, _ := utf8.DecodeRuneInString(s[i:])
		after = isWordRune(r)
	}
	return before != after
}

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// wordBoundaries is the expr patch that routes `x matches "const"` with
// \b or \B to wordsMatchFunc.
type wordBoundaries struct{}

func (wordBoundaries) Visit(node *ast.Node) {
	b, ok := (*node).(*ast.BinaryNode)
	if !ok || b.Operator != "matches" {
		return
	}
	// only a string on the left: expr explains any other in its own words
	if t := b.Left.Type(); t == nil || t.Kind() != reflect.String {
		return
	}
	s, ok := b.Right.(*ast.StringNode)
	if !ok || compileWords(s.Value) == nil {
		return
	}
	ast.Patch(node, &ast.CallNode{
		Callee:    &ast.IdentifierNode{Value: wordsMatchFunc},
		Arguments: []ast.Node{b.Left, &ast.StringNode{Value: s.Value}},
	})
}

// matchWords is wordsMatchFunc: params are the text and the pattern.
func matchWords(params ...any) (any, error) {
	s, _ := params[0].(string)
	pattern, _ := params[1].(string)
	w := compileWords(pattern)
	if w == nil {
		return false, nil
	}
	return w.match(s), nil
}
