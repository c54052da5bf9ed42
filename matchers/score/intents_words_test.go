package score

import "testing"

// TestIntentWordsMerged checks that the merged trie gives every cue word,
// stem and a few words around them the kinds the two lists give apart.
func TestIntentWordsMerged(t *testing.T) {
	cl, rl, iw := intentCues(), riskCues(), intentWordList()
	words := map[string]bool{}
	for _, lx := range []*lexicon{cl.words, rl.words} {
		for _, e := range lx.entries {
			w := e.term
			if w[len(w)-1] == '*' {
				w = w[:len(w)-1]
				words[w+"ами"] = true
				words[w+"x"] = true
			}
			words[w] = true
			words[w[:len(w)/2]] = true
		}
	}
	for _, s := range []string{"", "a", "я", "the", "списали", "без", "оштрафовали"} {
		words[s] = true
	}
	for w := range words {
		f, l, h, h3 := rl.get(w)
		want := wordKinds{cue: cl.get(w), fraud: f, legal: l, head: h, head3: h3}
		if got := iw.get(w); got != want {
			t.Errorf("%q: %+v, want %+v", w, got, want)
		}
	}
	t.Logf("%d words", len(words))
}

// The lookups of the two cue lists apart, which the merged trie
// (intents_words.go) replaced on the scoring path; they are the reference
// TestIntentWordsMerged and the cue files' tests check against.

// get returns the kinds of word w: of the stems it starts with and of the
// word itself.
func (c *cueList) get(w string) cueKind {
	lx := c.words
	var k cueKind
	n := int32(0)
	for _, r := range w {
		if n = lx.child(n, r, false); n < 0 {
			return k
		}
		if p := lx.nodes[n].prefix; p >= 0 {
			k |= cueKind(lx.entries[p].flags)
		}
	}
	if e := lx.nodes[n].exact; e >= 0 {
		k |= cueKind(lx.entries[e].flags)
	}
	return k
}

// get returns the fraud and legal kinds of word w (of the stems it starts
// with and of the word itself) and whether it opens a pair or a triple.
func (rl *riskList) get(w string) (f, l cueKind, head, head3 bool) {
	lx := rl.words
	n := int32(0)
	for _, r := range w {
		if n = lx.child(n, r, false); n < 0 {
			return f, l, false, false
		}
		if p := lx.nodes[n].prefix; p >= 0 {
			f |= cueKind(lx.entries[p].flags)
			l |= cueKind(lx.entries[p].tags)
		}
	}
	if e := lx.nodes[n].exact; e >= 0 {
		x := &lx.entries[e]
		f |= cueKind(x.flags)
		l |= cueKind(x.tags)
		head, head3 = x.hasNeg, x.hasCare
	}
	return f, l, head, head3
}
