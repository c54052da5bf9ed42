package matchers

import "testing"

// TestLatinQueryCyrillicHandle: a Latin query word also finds a Cyrillic
// handle or hashtag whose transliteration begins with it (the contract's
// own example: Megafon ⇒ #МегаФонТВ), as a Cyrillic query word finds a
// Latin handle; never a plain Cyrillic word, and never a handle that only
// contains it.
func TestLatinQueryCyrillicHandle(t *testing.T) {
	tests := []matchCase{
		{"Megafon", "#МегаФонТВ не показывает", true},
		{"Megafon", "#мегафон опять без связи", true},
		{"Megafon", "@Мегафон_помощь", true},
		{"Megafon", "@megafonru", true},
		{"Megafon", "@MegaFonHelp", true},
		{"Megafon", "@notmegafon", false},
		{"Megafon", "#БойкотМегафон", true},
		{"Megafon", "#Бойкотмегафон", false},
		{"Megafon", "#антимегафон", false},
		{"Megafon", "пишу про мегафон", false},
		{"Yandex", "#ЯндексПочта не работает", true},
		{"Yandex", "#яндекседа", true},
		{"Aeroflot", "#Аэрофлот задержал рейс", true},
		{"Aeroflot", "#СуперАэрофлот", true},
		{"Aeroflot", "#супераэрофлот", false},
		{"Sber", "#СберОнлайн завис", true},
		{"Sber", "сбер завис", false},
		{"=Megafon", "#мегафон", false},
	}
	checkMatchCases(t, tests)
}
