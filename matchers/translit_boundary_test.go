package matchers

import "testing"

// TestLatinQueryCyrillicHandleLetterBoundary: a Cyrillic handle or hashtag
// begins with a Latin query word only when the query word ends where one
// of its letters' spellings ends; a prefix cut through a letter spelled
// with two (я ya, ш sh, ж zh, ч ch, ц ts, х kh, ю yu) is not a word it
// begins with (#соня is Sonya, not Sony; #маршрут is not Mars).
func TestLatinQueryCyrillicHandleLetterBoundary(t *testing.T) {
	checkMatchCases(t, []matchCase{
		{"Sony", "#соня спит", false},
		{"Sony", "#СоняМаша", false},
		{"Mars", "#маршрут выходного дня", false},
		{"Mars", "#маршмеллоу", false},
		{"Mars", "#марсианин", true},
		{"Yandex", "#яндекседа", true},
		{"Megafon", "#МегаФонТВ", true},
	})
}
