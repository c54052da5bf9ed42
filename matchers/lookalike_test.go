package matchers

import "testing"

// TestLookalikeLetters: a word whose letters all look alike in Latin and
// Cyrillic is found in either script when it mixes them (MTС), and when
// it is written in Latin capitals inside Cyrillic text (MTC опять); a
// Latin word in Latin text, one in lower case, and one with a letter
// that has no look-alike stay Latin.
func TestLookalikeLetters(t *testing.T) {
	tests := []struct {
		name, query, text string
		want              bool
	}{
		{"mixed: Latin M, T and Cyrillic С", "МТС", "MTС опять без связи", true},
		{"mixed: with a case ending", "МТС", "у MTСа нет сети", true},
		{"mixed: Cyrillic М, Т and Latin C", "МТС", "МТC опять", true},
		{"mixed: the Latin query finds it too", "MTC", "MTС outage", true},
		{"mixed: majority script still folds", "Сбербанк", "Cбербанк завис", true},
		{"capitals in Cyrillic text", "МТС", "MTC опять без связи", true},
		{"capitals in Cyrillic text, hashtag", "МТС", "#MTC опять без связи", true},
		{"capitals in Cyrillic text: ending", "МТС", "у MTCа опять сбой", true},
		{"capitals in Latin text stay Latin", "МТС", "MTC outage in the city", false},
		{"lower case in Cyrillic text stays Latin", "МТС", "mtc опять без связи", false},
		{"a letter without a look-alike", "МТС", "MTD опять без связи", false},
		{"capitals: another word", "МТС", "MTCC опять без связи", false},
		{"Latin A and H in a Cyrillic word", "Билайн", "БИЛAЙH не работает", true},
	}
	for _, tc := range tests {
		if _, got := matchOne(t, Brand{Query: tc.query}, Doc{Text: tc.text}); got != tc.want {
			t.Errorf("%s: %s in %q: matched %v, want %v", tc.name, tc.query, tc.text, got, tc.want)
		}
	}
}
