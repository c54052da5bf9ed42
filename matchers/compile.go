package matchers

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// Brand is one brand to match: its display name, its query, the document
// languages it applies to ("ru", "en", "other"; empty: all) and the
// domains whose documents it ignores, with their subdomains (entries that
// are not domain names are ignored; configuration validation reports
// them).
type Brand struct {
	Name         string
	Query        string
	Lang         []string
	ExcludeSites []string
}

// BrandsOf converts the brands of a loaded configuration.
func BrandsOf(bs []config.Brand) []Brand {
	out := make([]Brand, len(bs))
	for i, b := range bs {
		out[i] = Brand{Name: b.Name, Query: b.Query, Lang: b.Lang, ExcludeSites: b.ExcludeSites}
	}
	return out
}

// Matcher matches documents against every brand at once. It is immutable
// and safe for concurrent use.
type Matcher struct {
	brands []compiled
	// dict maps a base (a normalised word or stem) to the terms it is a
	// form of and the endings each accepts.
	dict map[string][]dictEntry
	// heads holds prefixes of long bases: a document word that is one is
	// tried concatenated with the next word (Альфа Банк → альфабанк).
	heads map[string]bool
	// filter and headFilter reject most words before the maps are asked.
	filter, headFilter baseFilter
	terms              []string   // term → normalised word (exact terms too)
	atoms              []atomInfo // words and phrases
	// trig lists, for each term, the brands worth evaluating when it
	// occurs.
	trig [][]int32
}

type dictEntry struct {
	term int32
	cls  uint16
}

// atomInfo is a word (one term) or a phrase (several) with the term of its
// concatenation, or -1.
type atomInfo struct {
	terms []int32
	alt   int32
	gaps  []string // punctuation allowed between words (queryWordsGaps)
}

type siteRule struct{ host, path string }

type compiled struct {
	name     string
	root     *node
	langs    []string
	exclude  []siteRule
	usesSite bool
}

// Compile parses every brand's query and builds one matcher for all of
// them. When queries are bad it returns a *CompileError listing each one
// with the brand's index and the column.
func Compile(brands []Brand) (*Matcher, error) {
	m := &Matcher{dict: map[string][]dictEntry{}, heads: map[string]bool{}}
	c := &compiler{m: m, termIdx: map[string]int32{}, atomIdx: map[string]int32{}}
	var errs []*QueryError
	for i, b := range brands {
		q, err := ParseQuery(b.Query)
		if err != nil {
			qe := err.(*QueryError)
			qe.Brand = i
			errs = append(errs, qe)
			continue
		}
		cb := compiled{name: b.Name, root: q.root}
		for _, l := range b.Lang {
			cb.langs = append(cb.langs, strings.ToLower(strings.TrimSpace(l)))
		}
		for _, s := range b.ExcludeSites {
			if h, p, ok := parseSite(s); ok {
				cb.exclude = append(cb.exclude, siteRule{h, p})
			}
		}
		c.atomsOf(q.root)
		cb.usesSite = len(cb.exclude) > 0 || hasSite(q.root)
		m.brands = append(m.brands, cb)
	}
	if len(errs) > 0 {
		return nil, &CompileError{Errors: errs}
	}
	m.trig = make([][]int32, len(m.terms))
	for bi := range m.brands {
		seen := map[int32]bool{}
		for _, a := range triggers(m.brands[bi].root) {
			for _, t := range c.triggerTerms(a.atom) {
				if !seen[t] {
					seen[t] = true
					m.trig[t] = append(m.trig[t], int32(bi))
				}
			}
		}
	}
	return m, nil
}

type compiler struct {
	m       *Matcher
	termIdx map[string]int32
	atomIdx map[string]int32
}

// atomsOf assigns every atom under n its index, creating terms and
// dictionary entries as needed.
func (c *compiler) atomsOf(n *node) {
	if n.kind == nAtom {
		n.atom = c.atom(n.words, n.gaps, n.exact)
	}
	for _, k := range n.kids {
		c.atomsOf(k)
	}
}

func (c *compiler) atom(ws []string, gaps []string, exact bool) int32 {
	key := strings.Join(ws, " ")
	if exact {
		key = "=" + key
	}
	if gaps != nil {
		key += "\x00" + strings.Join(gaps, "\x00")
	}
	if i, ok := c.atomIdx[key]; ok {
		return i
	}
	a := atomInfo{alt: -1, gaps: gaps}
	for _, w := range ws {
		a.terms = append(a.terms, c.term(w, exact))
	}
	if len(ws) >= 2 && len(ws) <= 3 {
		cat := strings.Join(ws, "")
		// 7-Eleven is also 7Eleven; "1 1" is not 11.
		if !isCompound(cat) && strings.IndexFunc(cat, unicode.IsLetter) >= 0 {
			a.alt = c.term(cat, exact)
		}
	}
	i := int32(len(c.m.atoms))
	c.m.atoms = append(c.m.atoms, a)
	c.atomIdx[key] = i
	return i
}

func (c *compiler) term(w string, exact bool) int32 {
	key := w
	if exact {
		key = "=" + w
	}
	if i, ok := c.termIdx[key]; ok {
		return i
	}
	t := int32(len(c.m.terms))
	c.m.terms = append(c.m.terms, key)
	c.termIdx[key] = t
	for _, f := range wordForms(w, exact) {
		c.addForm(t, f)
	}
	return t
}

func (c *compiler) addForm(t int32, f form) {
	es := c.m.dict[f.base]
	for i := range es {
		if es[i].term == t {
			es[i].cls |= f.cls
			return
		}
	}
	c.m.dict[f.base] = append(es, dictEntry{term: t, cls: f.cls})
	c.m.filter.add([]byte(f.base))
	if f.cls&cHandle != 0 || isCompound(f.base) {
		return // never a concatenation of two document words
	}
	rs := []rune(f.base)
	if len(rs) >= 6 {
		for k := 3; k <= len(rs)-3; k++ {
			h := string(rs[:k])
			c.m.heads[h] = true
			c.m.headFilter.add([]byte(h))
		}
	}
}

// triggerTerms returns the terms whose occurrence makes atom a possible:
// a word's term; a phrase's longest word and its concatenation.
func (c *compiler) triggerTerms(a int32) []int32 {
	info := c.m.atoms[a]
	if len(info.terms) == 1 {
		return info.terms
	}
	best := info.terms[0]
	for _, t := range info.terms[1:] {
		if utf8.RuneCountInString(c.m.terms[t]) > utf8.RuneCountInString(c.m.terms[best]) {
			best = t
		}
	}
	out := []int32{best}
	if info.alt >= 0 {
		out = append(out, info.alt)
	}
	return out
}

// triggers returns atoms one of which must occur for n to be true: every
// atom of an OR, the most selective operand of an AND or a NEAR. It
// returns nil for nodes that are not positive.
func triggers(n *node) []*node {
	switch n.kind {
	case nAtom:
		return []*node{n}
	case nOr:
		var out []*node
		for _, k := range n.kids {
			t := triggers(k)
			if t == nil {
				return nil
			}
			out = append(out, t...)
		}
		return out
	case nAnd, nNear:
		var best []*node
		for _, k := range n.kids {
			t := triggers(k)
			if t != nil && (best == nil || selectivity(t) > selectivity(best)) {
				best = t
			}
		}
		return best
	}
	return nil
}

// selectivity estimates how rarely a set of atoms occurs: by its weakest
// atom, where longer words and phrases of more words are rarer.
func selectivity(as []*node) int {
	s := 1 << 30
	for _, a := range as {
		v := 0
		for _, w := range a.words {
			v = max(v, utf8.RuneCountInString(w))
		}
		v += 3 * (len(a.words) - 1)
		s = min(s, v)
	}
	// Fewer alternatives are better too.
	return s*8 - min(len(as), 7)
}

func hasSite(n *node) bool {
	if n.kind == nSite {
		return true
	}
	for _, k := range n.kids {
		if hasSite(k) {
			return true
		}
	}
	return false
}

// Len returns the number of brands.
func (m *Matcher) Len() int { return len(m.brands) }
