package matchers

import "testing"

// TestCyrillicQueryNotFoundThroughTransliteration: a Cyrillic query word's
// Latin spellings find Latin handles only; a Cyrillic hashtag that spells
// the same in Latin letters is another word (Кент's "cent" is not #центр's
// "centr"), and is matched, or not, by the Cyrillic rule alone.
func TestCyrillicQueryNotFoundThroughTransliteration(t *testing.T) {
	checkMatchCases(t, []matchCase{
		{"Кент", "#центргорода", false},
		{"Кент", "#Центр", false},
		{"Кент", "#ЖивуВЦентре", false},
		{"Кент", "#кентукки", true},
		{"Кент", "@kent_official", true},
		{"Яндекс", "#ЯндексЕда", true},
		{"Мегафон", "#МегаФонТВ", true},
	})
}
