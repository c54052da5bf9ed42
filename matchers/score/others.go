package score

import (
	"strings"
	"unicode/utf8"
)

// Other brands: when a text names another company the user monitors (a
// competitor) as well as the brand scored, what it says about the other
// one is not an opinion of the brand. Input.Others carries their names;
// the words of a clause that names another brand and not the brand count
// otherDamp of their weight, and so do those of a sentence that names
// another brand and not the brand.

// otherDamp is what a contribution keeps when it is aimed at another
// brand.
var otherDamp = 0.3

// otherIndexFrom is the number of names from which the other brands are
// looked up through an index of the first two letters of their stems
// rather than one by one.
const otherIndexFrom = 16

// otherPattern locates the other brands of a mention in its tokens.
type otherPattern struct {
	p *brandPattern
	// byPrefix lists, by the first two letters of a stem, the sequences
	// (index into p.seqs) and joined names (-1-index into p.joined) that
	// start with them; nil below otherIndexFrom names.
	byPrefix map[string][]int
}

func compileOthers(names []string) *otherPattern {
	o := &otherPattern{p: compileBrand(names)}
	if len(o.p.seqs)+len(o.p.joined) < otherIndexFrom {
		return o
	}
	o.byPrefix = map[string][]int{}
	for i, s := range o.p.seqs {
		k := prefix2(s[0])
		o.byPrefix[k] = append(o.byPrefix[k], i)
	}
	for i, j := range o.p.joined {
		k := prefix2(j)
		o.byPrefix[k] = append(o.byPrefix[k], -1-i)
	}
	return o
}

// prefix2 is the first two letters of s (all of it when shorter).
func prefix2(s string) string {
	_, n := utf8.DecodeRuneInString(s)
	if n < len(s) {
		_, m := utf8.DecodeRuneInString(s[n:])
		n += m
	}
	return s[:n]
}

// locate marks in mark the tokens that name another brand and not the
// brand scored (brand), and reports whether any did.
func (o *otherPattern) locate(toks []token, brand, mark []bool) bool {
	if o.byPrefix == nil {
		found := o.p.locate(toks, mark)
		if !found {
			return false
		}
		found = false
		for i := range mark {
			if mark[i] && brand[i] {
				mark[i] = false
			}
			found = found || mark[i]
		}
		return found
	}
	found := false
	p := o.p
	for i := range toks {
		t := &toks[i]
		if brand[i] || (t.kind != tokWord && t.kind != tokMention) {
			continue
		}
		if t.kind == tokMention {
			for _, h := range p.handles {
				if strings.Contains(t.norm, h) {
					mark[i], found = true, true
					break
				}
			}
			continue
		}
		if t.hashtag && p.inHashtag(t.norm) {
			// as brandPattern.locate reads a hashtag: rare enough to
			// check against every name
			mark[i], found = true, true
			continue
		}
		for _, c := range o.byPrefix[prefix2(t.norm)] {
			if c < 0 {
				if wordMatches(t.norm, p.joined[-1-c]) {
					mark[i], found = true, true
				}
				continue
			}
			if k := seqEnd(toks, i, p.seqs[c]); k >= 0 {
				for m := i; m <= k; m++ {
					mark[m] = !brand[m]
				}
				found = true
			}
		}
	}
	return found
}

// clauseBreak reports whether token t ends a clause: a sentence end, a
// comma, semicolon or colon.
func clauseBreak(t *token) bool {
	return t.kind == tokPunct && (t.punct == '.' || t.punct == '!' || t.punct == '?' || t.punct == ';' || t.punct == ',' || t.punct == ':')
}

// aimOthers damps the contributions aimed at another brand: those of a
// clause that names another brand and not the brand, and those of a
// sentence that names another brand and not the brand. In Russian (lang
// "ru") a sentence or clause that names nobody takes what the one before
// it names (carryNames, carryClauses) and the damping is ruOtherDamp.
func (s *scratch) aimOthers(o *otherPattern, lang string) {
	if o == nil || len(s.hits) == 0 {
		return
	}
	n := len(s.d.toks)
	if cap(s.other) < n {
		s.other = make([]bool, n)
	}
	s.other = s.other[:n]
	clear(s.other)
	if !o.locate(s.d.toks, s.brand, s.other) {
		return
	}
	if cap(s.clause) < n {
		s.clause = make([]int32, n)
	}
	s.clause = s.clause[:n]
	toks := s.d.toks
	c := int32(0)
	for i := range toks {
		if e := s.ent[i]; e != nil && e.flags&fContrast != 0 {
			c++ // "а", "но": a clause of its own
		}
		s.clause[i] = c
		if clauseBreak(&toks[i]) && !s.listComma(i) {
			c++
		}
	}
	// what each clause and sentence names: bit 1 the brand, bit 2 another
	s.names = grow8(s.names, int(c)+1+int(s.sent[n-1])+1)
	clauses, sents := s.names[:c+1], s.names[c+1:]
	for i := range toks {
		var b uint8
		if s.brand[i] {
			b |= 1
		}
		if s.other[i] {
			b |= 2
		}
		clauses[s.clause[i]] |= b
		sents[s.sent[i]] |= b
	}
	damp := otherDamp
	if lang == "ru" {
		carryNames(sents) // ru_aim.go
		s.carryClauses(clauses, sents)
		damp = ruOtherDamp
	}
	// "в отличие от BRAND, у X …": what is said of X is said against
	// the brand
	foilFrom, foilTo := -1, -1
	for i := range toks {
		if k := s.comparedWith(i); k >= 0 && s.brand[k] {
			foilFrom, foilTo = i, k
			break
		}
	}
	// "Acme is awful but Beta is great": a contrast between the brand's
	// clause and another brand's opposes two companies, not two verdicts
	// on one; the brand's clause keeps its whole weight (contrast()
	// weighed it as the lesser or the greater verdict)
	split := false
	if at := s.contrastAt; at >= 0 && s.clause[at] > 0 {
		pre, post := clauses[s.clause[at]-1], clauses[s.clause[at]]
		split = pre == 1 && post == 2 || pre == 2 && post == 1
	}
	for k := range s.hits {
		h := &s.hits[k]
		cl, se := clauses[s.clause[h.tok]], sents[s.sent[h.tok]]
		switch {
		case foilFrom >= 0 && s.foiled(h.tok, foilFrom, foilTo):
			h.val *= -foilTurn
		case cl == 2 || (cl == 0 && se == 2):
			h.val *= damp
		case split && cl == 1 && s.sent[h.tok] == s.sent[s.contrastAt] && h.tok < s.contrastAt:
			h.val /= contrastPre
		case split && cl == 1 && s.sent[h.tok] == s.sent[s.contrastAt]:
			h.val /= contrastPost
		}
	}
}

// foilTurn is what a contribution aimed at another brand counts, turned,
// toward the brand it is contrasted with ("в отличие от BRAND").
var foilTurn = 0.5

// foiled reports whether token i, in the sentence of the contrast at
// tokens [from, to] ("в отличие от BRAND") and outside it, is in a clause
// that names the brand nowhere else: what it says is said of the other
// side.
func (s *scratch) foiled(i, from, to int) bool {
	if (i >= from && i <= to) || s.sent[i] != s.sent[to] {
		return false
	}
	for k := range s.d.toks {
		if s.brand[k] && (k < from || k > to) && s.clause[k] == s.clause[i] {
			return false
		}
	}
	return true
}

// comparedWith reports the brand token a contrast opening at token i
// points at ("в отличие от X", "по сравнению с X", "в сравнении с X",
// "не то что X"), -1 if there is none.
func (s *scratch) comparedWith(i int) int {
	toks := s.d.toks
	if toks[i].kind != tokWord {
		return -1
	}
	switch toks[i].norm {
	case "в", "по", "не":
	default:
		return -1 // most words open no contrast: nothing to collect
	}
	// the next six words of the clause, in a buffer of the stack
	var buf [6]int
	w := buf[:0]
	for k := i; k < len(toks) && len(w) < cap(buf); k++ {
		if toks[k].kind == tokPunct {
			break
		}
		if toks[k].kind == tokWord || toks[k].kind == tokMention {
			w = append(w, k)
		}
	}
	if len(w) < 3 {
		return -1
	}
	n := func(k int) string { return toks[w[k]].norm }
	start := -1
	switch {
	case n(0) == "в" && (n(1) == "отличие" || n(1) == "отличии") && n(2) == "от":
		start = 3
	case (n(0) == "по" && n(1) == "сравнению" || n(0) == "в" && n(1) == "сравнении") && (n(2) == "с" || n(2) == "со"):
		start = 3
	case n(0) == "не" && n(1) == "то" && n(2) == "что":
		start = 3
	}
	if start < 0 {
		return -1
	}
	for _, k := range w[start:min(len(w), start+3)] {
		if s.brand[k] || s.other[k] {
			return k
		}
	}
	return -1
}

// listComma reports whether token i is a comma inside a list of brands
// ("Сбербанк, ВТБ и Альфа-Банк показали рост"): the words on both sides
// of it name a brand.
func (s *scratch) listComma(i int) bool {
	toks := s.d.toks
	if toks[i].punct != ',' {
		return false
	}
	named := func(k int) bool { return s.brand[k] || s.other[k] }
	before, after := -1, -1
	for k := i - 1; k >= 0; k-- {
		if toks[k].kind == tokWord || toks[k].kind == tokMention {
			before = k
			break
		}
	}
	for k := i + 1; k < len(toks); k++ {
		if toks[k].kind == tokWord || toks[k].kind == tokMention {
			after = k
			break
		}
	}
	return before >= 0 && after >= 0 && named(before) && named(after)
}

// grow8 returns b with n cleared elements, reusing its storage.
func grow8(b []uint8, n int) []uint8 {
	if cap(b) < n {
		return make([]uint8, n)
	}
	b = b[:n]
	clear(b)
	return b
}
