package score

import (
	"cmp"
	"slices"
)

// hitIndex is the hits of a text sorted by their first token, for the
// passes that reweigh the hits of one stretch of tokens (a sentence, a
// clause): each reads only the hits that can stand there, not every hit
// of the text, so a long text of many such stretches costs n·log n, not
// the square of its length. It is valid while no hit is added or
// removed; it lives in scratch space (s.order) a later index reuses.
type hitIndex struct {
	s    *scratch
	by   []int32 // indices of s.hits, by first token, in hit order on a tie
	span int     // the longest hit's last token minus its first
	// ahead is the most a hit's first token stands after its last (0: no
	// hit ends before it starts)
	ahead int
}

// indexHits builds the hitIndex of s.hits.
func (s *scratch) indexHits() hitIndex {
	by := s.order[:0]
	span, ahead := 0, 0
	for k := range s.hits {
		by = append(by, int32(k))
		span = max(span, s.hits[k].last-s.hits[k].tok)
		ahead = max(ahead, s.hits[k].tok-s.hits[k].last)
	}
	slices.SortStableFunc(by, func(x, y int32) int { return cmp.Compare(s.hits[x].tok, s.hits[y].tok) })
	s.order = by
	return hitIndex{s: s, by: by, span: span, ahead: ahead}
}

// bounds returns where the hits whose first token is in [from, to)
// stand in x.by: x.by[lo:hi].
func (x hitIndex) bounds(from, to int) (lo, hi int) {
	at := func(t int) int {
		k, _ := slices.BinarySearchFunc(x.by, t, func(h int32, t int) int {
			if x.s.hits[h].tok < t {
				return -1
			}
			return 1
		})
		return k
	}
	lo = at(from)
	return lo, max(lo, at(to))
}

// in returns the hits whose first token is in [from, to), by first token.
func (x hitIndex) in(from, to int) []int32 {
	lo, hi := x.bounds(from, to)
	return x.by[lo:hi]
}

// touching returns the hits that may start or end in [from, to]: those
// whose first token is in [from-span, to+ahead].
func (x hitIndex) touching(from, to int) []int32 {
	return x.in(from-x.span, to+x.ahead+1)
}

// tokRanks are the first tokens of some hits, ascending, for asking
// whether one stands in a stretch of tokens.
type tokRanks []int32

// firstAfter returns the first of r after token i, or -1.
func (r tokRanks) firstAfter(i int) int {
	k, _ := slices.BinarySearch(r, int32(i)+1)
	if k == len(r) {
		return -1
	}
	return int(r[k])
}

// has reports whether r holds token i.
func (r tokRanks) has(i int) bool {
	_, ok := slices.BinarySearch(r, int32(i))
	return ok
}

// clauseEnds remembers the last clause enClauseEnd read: every token of
// a clause has the same end, so a text of many questions about one
// clause reads it once.
type clauseEnds struct {
	from, end int // the clause read: tokens [from, end]; from > end none
}

// at returns enClauseEnd(toks, i).
func (c *clauseEnds) at(toks []token, i int) int {
	if i < c.from || i > c.end {
		c.from, c.end = i, enClauseEnd(toks, i)
	}
	return c.end
}
