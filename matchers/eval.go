package matchers

import (
	"slices"
	"sort"
	"strings"
)

// eval reports whether n is true for the document in st.
func (m *Matcher) eval(st *state, n *node) bool {
	switch n.kind {
	case nAtom:
		return len(m.atomSpans(st, n)) > 0
	case nAnd:
		for _, k := range n.kids {
			if !m.eval(st, k) {
				return false
			}
		}
		return true
	case nOr:
		for _, k := range n.kids {
			if m.eval(st, k) {
				return true
			}
		}
		return false
	case nNot:
		return !m.eval(st, n.kids[0])
	case nNear:
		return len(m.spans(st, n)) > 0
	case nSite:
		st.resolveHost()
		return st.onSite(n.host, n.path)
	}
	return false
}

// atomSpans returns where atom n occurs (in the title only for title:).
func (m *Matcher) atomSpans(st *state, n *node) []span {
	sp := m.atomOcc(st, n.atom)
	if !n.title || len(sp) == 0 {
		return sp
	}
	end := sort.Search(len(sp), func(i int) bool { return int(sp[i].a) >= st.nTitle })
	return sp[:end]
}

// atomOcc returns the sorted occurrences of an atom, computing a phrase's
// once per document.
func (m *Matcher) atomOcc(st *state, a int32) []span {
	info := &m.atoms[a]
	if len(info.terms) == 1 {
		return st.occ[info.terms[0]]
	}
	if st.atomGen[a] == st.gen {
		return st.atomSp[a]
	}
	out := st.atomSp[a][:0]
	first := st.occ[info.terms[0]]
	for _, s := range first {
		cur, ok := s.b, true
		for k, t := range info.terms[1:] {
			next := cur + 1
			if int(next) >= len(st.z.toks) || (int(cur) < st.nTitle) != (int(next) < st.nTitle) ||
				st.z.toks[next].flags&tTight == 0 && !st.gapHolds(info.gaps, k, cur, next) {
				ok = false
				break
			}
			o := st.occ[t]
			j := sort.Search(len(o), func(i int) bool { return o[i].a >= next })
			if j == len(o) || o[j].a != next {
				ok = false
				break
			}
			cur = o[j].b
		}
		if ok {
			out = append(out, span{s.a, cur})
		}
	}
	if info.alt >= 0 {
		out = append(out, st.occ[info.alt]...)
		out = sortSpans(out)
	}
	st.atomSp[a] = out
	st.atomGen[a] = st.gen
	return out
}

// sortSpans sorts spans and drops duplicates.
func sortSpans(s []span) []span {
	slices.SortFunc(s, func(x, y span) int {
		if x.a != y.a {
			return int(x.a - y.a)
		}
		return int(x.b - y.b)
	})
	return slices.Compact(s)
}

// spans returns the occurrences of a positional node: an atom, an OR of
// positional nodes, or a NEAR (its windows).
func (m *Matcher) spans(st *state, n *node) []span {
	switch n.kind {
	case nAtom:
		return m.atomSpans(st, n)
	case nOr:
		var out []span
		for _, k := range n.kids {
			out = append(out, m.spans(st, k)...)
		}
		return sortSpans(out)
	case nNear:
		return m.near(st, m.spans(st, n.kids[0]), m.spans(st, n.kids[1]), n.n)
	}
	return nil
}

// near returns the windows where a span of as and a span of bs, in the
// same field and not overlapping, have at most n words between them.
func (m *Matcher) near(st *state, as, bs []span, n int) []span {
	if len(as) == 0 || len(bs) == 0 {
		return nil
	}
	var maxSpan int32
	for _, y := range bs {
		maxSpan = max(maxSpan, y.b-y.a)
	}
	var out []span
	for _, x := range as {
		lo := x.a - int32(n) - 1 - maxSpan
		j := sort.Search(len(bs), func(i int) bool { return bs[i].a >= lo })
		for ; j < len(bs) && bs[j].a <= x.b+int32(n)+1; j++ {
			y := bs[j]
			if (int(x.a) < st.nTitle) != (int(y.a) < st.nTitle) {
				continue
			}
			var gap int32
			switch {
			case x.b < y.a:
				gap = y.a - x.b - 1
			case y.b < x.a:
				gap = x.a - y.b - 1
			default:
				continue // overlapping: the same words
			}
			if gap <= int32(n) {
				out = append(out, span{min(x.a, y.a), max(x.b, y.b)})
			}
		}
	}
	return sortSpans(out)
}

// evidence appends the spans that made a true node true: the words to
// report and mark.
func (m *Matcher) evidence(st *state, n *node, out []span) []span {
	switch n.kind {
	case nAtom:
		return append(out, m.atomSpans(st, n)...)
	case nAnd:
		for _, k := range n.kids {
			out = m.evidence(st, k, out)
		}
	case nOr:
		for _, k := range n.kids {
			if m.eval(st, k) {
				out = m.evidence(st, k, out)
			}
		}
	case nNear:
		out = m.inside(st, n, m.spans(st, n), out)
	}
	return out
}

// inside appends the atom occurrences under positional node n that lie
// within one of the windows.
func (m *Matcher) inside(st *state, n *node, windows []span, out []span) []span {
	switch n.kind {
	case nAtom:
		for _, s := range m.atomSpans(st, n) {
			j := sort.Search(len(windows), func(i int) bool { return windows[i].b >= s.b })
			for ; j < len(windows) && windows[j].a <= s.a; j++ {
				if windows[j].b >= s.b {
					out = append(out, s)
					break
				}
			}
		}
	default:
		for _, k := range n.kids {
			out = m.inside(st, k, windows, out)
		}
	}
	return out
}

// report builds the Match of a brand whose query is true.
func (m *Matcher) report(st *state, b *compiled, index int) Match {
	ev := sortSpans(m.evidence(st, b.root, nil))
	// Drop spans inside larger ones (a word inside a matched phrase).
	kept := ev[:0]
	for _, s := range ev {
		if n := len(kept); n > 0 && s.a <= kept[n-1].b {
			if s.b > kept[n-1].b {
				kept[n-1].b = s.b
			}
			continue
		}
		kept = append(kept, s)
	}
	var titleMarks, textMarks [][2]int
	var matched []string
	seen := map[string]bool{}
	z := &st.z
	for _, s := range kept {
		from, to := int(z.toks[s.a].start), int(z.toks[s.b].end)
		var w string
		if int(s.a) < st.nTitle {
			titleMarks = append(titleMarks, [2]int{from, to})
			w = st.title[from:to]
		} else {
			textMarks = append(textMarks, [2]int{from, to})
			w = st.text[from:to]
		}
		if strings.ContainsAny(w, "\t\n\r\u00a0") || strings.Contains(w, "  ") {
			w = strings.Join(strings.Fields(w), " ")
		}
		w = strings.ToLower(w) // as SPEC.md shows them: "акме банк"
		if !seen[w] {
			seen[w] = true
			matched = append(matched, w)
		}
	}
	mt := Match{Brand: b.name, Index: index, Matched: matched}
	if len(textMarks) > 0 {
		mt.Snippet = makeSnippet(st.text, textMarks)
	} else {
		mt.Snippet = makeSnippet(st.title, titleMarks)
	}
	return mt
}

// gapHolds reports whether the document's punctuation between tokens cur
// and next is what the query writes as gap k of a phrase ("Dr. Pepper"
// accepts "Dr. Pepper", not "Dr! Pepper" or "Dr., Pepper").
func (st *state) gapHolds(gaps []string, k int, cur, next int32) bool {
	if k >= len(gaps) || gaps[k] == "" {
		return false
	}
	s := st.text
	if int(cur) < st.nTitle {
		s = st.title
	}
	a, b := st.z.toks[cur].end, st.z.toks[next].start
	if a > b || int(b) > len(s) {
		return false
	}
	return sameGap(s[a:b], gaps[k])
}
