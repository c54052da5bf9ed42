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
