package score

import "testing"

// TestWordFilterPassesItsWords: a filter passes every word of its sets
// (a word it refused would be a lookup skipped that could have answered
// yes), and refuses most other words.
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
		"moveVerbWords":     {moveVerbWords, []map[string]bool{moveVerbs, withVerbs}},
		"passingOtherWords": {passingOtherWords, []map[string]bool{passingOthers}},
		"planEighthWords":   {planEighthWords, []map[string]bool{weighVerbs, planEighthOpen}},
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
	for _, w := range []string{"leave", "из", ""} {
		if !f.may(w) {
			t.Errorf("refuses %q", w)
		}
	}
	passed := 0
	for _, w := range []string{"leaves", "lava", "leaf", "от", "изо", "a", "ab", "\xd0", "\x80", "the", "and",
		"flight", "delayed", "again", "из-за", "оставить", "customer", "service", "thanks", "bag"} {
		if f.may(w) {
			passed++
		}
	}
	if passed > 2 {
		t.Errorf("%d of 20 words outside the set pass", passed)
	}
	long := string(make([]byte, 300))
	if !newWordFilter(map[string]bool{long: true}).may(long) {
		t.Error("refuses a word of 300 bytes of its set")
	}
}
