package score

import "unicode/utf8"

// A phrase element lists its alternative words; a long list ("don't|
// dont|doesn't|… work|works|worked|show|…|cares") is compared word by
// word at every token the phrase may run over. The element's mask
// (phrase.masks, elementMask) is a cheap necessary condition checked
// first: the set of first letters the element's words begin with, one
// bit per letter (runeBit: 64 bits, in which the Latin and the Cyrillic
// alphabets each take distinct bits). A token whose first letter is not
// in the set matches none of them.

// runeBit is the bit of the first rune of w in an element's mask, read
// from its bytes without decoding it (one byte for ASCII, the first two
// for the rest: a word that begins with a term begins with its bytes),
// 0 for an empty w.
func runeBit(w string) uint64 {
	switch {
	case w == "":
		return 0
	case w[0] < utf8.RuneSelf || len(w) == 1:
		return 1 << (w[0] % 64)
	}
	return 1 << ((uint(w[0]) + uint(w[1])) % 64)
}

// elementMask is the mask of an element's alternatives: the bits of the
// first runes of their words, or 0 (no filter) when an alternative
// matches other than by its letters (the brand, a number, any word, an
// empty prefix).
func elementMask(el []term) uint64 {
	var m uint64
	for _, t := range el {
		if t.brand || t.num || t.any || t.s == "" || t.s[0] >= utf8.RuneSelf && len(t.s) == 1 {
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
