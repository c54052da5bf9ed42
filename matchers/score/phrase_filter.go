package score

import "unicode/utf8"

// A phrase element lists its alternative words; a long list ("don't|
// dont|doesn't|… work|works|worked|show|…|cares") is compared word by
// word at every token the phrase may run over. runeMask is a cheap
// necessary condition checked first: the set of first letters the
// element's words begin with, one bit per letter (its code modulo 64, so
// that the Latin and Cyrillic alphabets each take distinct bits). A token
// whose first letter is not in the set matches none of them.

// runeBit is the bit of the first rune of w in an element's mask, 0 for
// an empty w.
func runeBit(w string) uint64 {
	if w == "" {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(w)
	return 1 << (uint(r) % 64)
}

// elementMask is the mask of an element's alternatives: the bits of the
// first runes of their words, or 0 (no filter) when an alternative
// matches other than by its letters (the brand, a number, any word, an
// empty prefix).
func elementMask(el []term) uint64 {
	var m uint64
	for _, t := range el {
		if t.brand || t.num || t.any || t.s == "" {
			return 0
		}
		m |= runeBit(t.s)
	}
	return m
}

// elementMasks computes phrase.masks.
func elementMasks(elems [][]term) []uint64 {
	ms := make([]uint64, len(elems))
	for i, el := range elems {
		ms[i] = elementMask(el)
	}
	return ms
}
