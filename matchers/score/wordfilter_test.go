package score

import "testing"

// TestWordFilterPassesItsWords: a filter passes every word of its sets
// (a word it refused would be a lookup skipped that could have answered
// yes), and refuses words of other lengths, openings or endings.
func TestWordFilterPassesItsWords(t *testing.T) {
	for name, c := range map[string]struct {
		f    *wordFilter
		sets []map[string]bool
	}{
		"originWords":       {originWords, []map[string]bool{fromPreps, leaveVerbs}},
		"movePrepWords":     {movePrepWords, []map[string]bool{movePreps}},
		"newsSubjectWords":  {newsSubjectWords, []map[string]bool{newsSubjects}},
		"headlineVerbWords": {headlineVerbWords, []map[string]bool{headlineVerbs}},
		"staffNounWords":    {staffNounWords, []map[string]bool{staffNouns}},
	} {
		n := 0
		for _, m := range c.sets {
			for w := range m {
				n++
				if !c.f.may(w) {
					t.Errorf("%s refuses %q, a word of its sets", name, w)
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: its sets are empty", name)
		}
	}
	f := newWordFilter(map[string]bool{"leave": true, "из": true, "": true})
	for _, w := range []string{"leave", "из", "", "lxxxe"} {
		if !f.may(w) {
			t.Errorf("refuses %q", w)
		}
	}
	for _, w := range []string{"leaves", "lava", "leaf", "от", "изо", "a", "ab", "\xd0", "\x80"} {
		if f.may(w) {
			t.Errorf("passes %q", w)
		}
	}
	long := string(make([]byte, 100))
	if newWordFilter(map[string]bool{long: true}).may(long) != true {
		t.Error("refuses a word of 100 bytes of its set")
	}
}
