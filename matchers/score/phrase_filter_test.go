package score

import "testing"

// TestPhraseMasksKeepMatches checks that no element's first-letter filter
// turns away a word one of its alternatives matches: every word of every
// built-in phrase, and a longer word for a prefix, passes its element's
// mask.
func TestPhraseMasksKeepMatches(t *testing.T) {
	lx, err := builtinLexicon()
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, ph := range lx.phrases {
		if len(ph.masks) != len(ph.elems) {
			t.Fatalf("%q: %d masks for %d elements", ph.src, len(ph.masks), len(ph.elems))
		}
		for e, el := range ph.elems {
			m := ph.masks[e]
			if m == 0 {
				continue
			}
			for _, alt := range el {
				words := []string{alt.s}
				if alt.prefix {
					words = append(words, alt.s+"ами", alt.s+"s")
				}
				for _, w := range words {
					tk := token{kind: tokWord, norm: w}
					if !alt.match(&tk, false) {
						continue
					}
					checked++
					if m&runeBit(w) == 0 {
						t.Errorf("%q: element %d turns away %q", ph.src, e, w)
					}
				}
			}
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d words checked", checked)
	}
}

// TestPhraseMasksFilter checks that the filter turns away words of other
// first letters, Latin and Cyrillic, and is off where an element matches
// other than by letters.
func TestPhraseMasksFilter(t *testing.T) {
	m := elementMask([]term{{s: "don't"}, {s: "dont"}, {s: "не"}, {s: "обслуж", prefix: true}})
	for _, w := range []string{"don't", "dog", "не", "нет", "обслуживание"} {
		if m&runeBit(w) == 0 {
			t.Errorf("%q turned away", w)
		}
	}
	for _, w := range []string{"work", "я", "мы", "работает"} {
		if m&runeBit(w) != 0 {
			t.Errorf("%q let through", w)
		}
	}
	for _, el := range [][]term{{{s: "x"}, {brand: true}}, {{num: true}}, {{any: true}}, {{s: "", prefix: true}}} {
		if elementMask(el) != 0 {
			t.Errorf("%+v: filter on", el)
		}
	}
}
