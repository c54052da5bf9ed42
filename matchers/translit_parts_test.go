package matchers

import "testing"

// TestLatinQueryCyrillicHashtagPart: inside a Cyrillic hashtag, a
// camel-case part counts for a Latin query word only when the part, spelled
// in Latin letters, is the query word, as a Latin camel-case part counts
// only when it is the word (#BoycottMegafon, not #LoveKinopoisk for Kino);
// a part that only begins with it is a hashtag that contains it.
func TestLatinQueryCyrillicHashtagPart(t *testing.T) {
	checkMatchCases(t, []matchCase{
		{"Mega", "#СуперМегаполис", false},
		{"Mega", "#SuperMegapolis", false},
		{"Ozon", "#ЗапахОзона", false},
		{"Kino", "#ЛюблюКинопоиск", false},
		{"Kino", "#LoveKinopoisk", false},
		{"Mega", "#Мегаполис", true},
		{"Kino", "#КиноПоиск", true},
		{"Megafon", "#БойкотМегафон", true},
		{"Megafon", "#БойкотМегафонТВ", true},
		{"Aeroflot", "#СуперАэрофлот", true},
		{"Ozon", "#ЗакажуНаОзон", true},
	})
}
