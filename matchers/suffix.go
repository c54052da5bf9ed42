package matchers

import "unicode/utf8"

// The ending trie and the base filter make the per-word dictionary lookup
// cheap: one walk back from the end of the word finds every split into
// base + ending, and a bit set rejects most bases without hashing them
// into the dictionary map.

// endNode is a node of the trie of endings read backwards.
type endNode struct {
	mask uint16 // classes accepting the ending that ends here
	kids []endEdge
}

type endEdge struct {
	b    byte
	next int32
}

// endTrie holds the endings of endingClass reversed; node 0 is the root
// (the empty ending).
var endTrie = func() []endNode {
	t := []endNode{{mask: endingClass[""]}}
	for e, mask := range endingClass {
		n := int32(0)
		for i := len(e) - 1; i >= 0; i-- {
			next := int32(-1)
			for _, k := range t[n].kids {
				if k.b == e[i] {
					next = k.next
					break
				}
			}
			if next < 0 {
				next = int32(len(t))
				t = append(t, endNode{})
				t[n].kids = append(t[n].kids, endEdge{e[i], next})
			}
			n = next
		}
		t[n].mask |= mask
	}
	return t
}()

// split is a way to read a word as base w[:k] plus an ending accepted by
// the classes in mask.
type split struct {
	k    int
	mask uint16
}

// splits appends the splits of w, longest base first.
func splits(dst []split, w []byte) []split {
	dst = append(dst, split{len(w), endTrie[0].mask})
	n := int32(0)
	for i := len(w) - 1; i >= 1; i-- {
		next := int32(-1)
		for _, k := range endTrie[n].kids {
			if k.b == w[i] {
				next = k.next
				break
			}
		}
		if next < 0 {
			break
		}
		n = next
		if m := endTrie[n].mask; m != 0 && utf8.RuneStart(w[i]) {
			dst = append(dst, split{i, m})
		}
	}
	return dst
}

// baseFilter is a two-probe Bloom filter over dictionary bases.
type baseFilter [1 << 11]uint64

const filterBits = 1<<11*64 - 1

func filterHash(b []byte) uint32 {
	// FNV-1a over the length and the first and last two bytes: enough to
	// spread bases, cheaper than hashing whole words.
	h := uint32(2166136261)
	h = (h ^ uint32(len(b))) * 16777619
	n := len(b)
	for _, i := range [4]int{0, 1, n - 2, n - 1} {
		if i >= 0 && i < n {
			h = (h ^ uint32(b[i])) * 16777619
		}
	}
	return h
}

func (f *baseFilter) add(b []byte) {
	h := filterHash(b)
	for _, x := range [2]uint32{h & filterBits, (h >> 15) & filterBits} {
		f[x>>6] |= 1 << (x & 63)
	}
}

func (f *baseFilter) has(b []byte) bool {
	h := filterHash(b)
	x, y := h&filterBits, (h>>15)&filterBits
	return f[x>>6]&(1<<(x&63)) != 0 && f[y>>6]&(1<<(y&63)) != 0
}
