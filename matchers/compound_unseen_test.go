package matchers

import "testing"

// TestNamesWithPunctuationUnseen holds names with punctuation tried
// after the matcher was written, both sides: a Russian name joined by
// "." takes case endings on its last word and is also written with a
// space ("на Яндекс.Маркете", "в Яндекс Такси"), a web address is not
// inflected nor split (Ozon.ru), a Latin name written with an apostrophe
// is found without it (Ben & Jerrys), and possessives, capitals, quotes,
// links and escaped ampersands find the name.
func TestNamesWithPunctuationUnseen(t *testing.T) {
	tests := []matchCase{
		{"Яндекс.Маркет", "Яндекс.Маркет не вернул деньги", true},
		{"Яндекс.Маркет", "Заказ на Яндекс.Маркете потерялся", true},
		{"Яндекс.Маркет", "поддержка Яндекс.Маркета молчит", true},
		{"Яндекс.Маркет", "Яндекс Маркет снова сломался", true},
		{"Яндекс.Маркет", "в Яндекс Маркете опять отмена", true},
		{"Яндекс.Маркет", "ЯНДЕКС.МАРКЕТ", true},
		{`"Яндекс.Такси"`, "в Яндекс Такси опять цены", true},
		{"Яндекс.Музыка", "подписка Яндекс.Музыки подорожала", true},
		{"Node.js", "Node js is slow", true},
		{"Яндекс.Еда", "Курьер Яндекс.Еды опоздал на час", true},
		{"Яндекс.Еда", "заказ в Яндекс Еде отменили", true},
		{"Яндекс.Еда", "Яндекс и еда", false},
		{"Яндекс.Еда", "Яндекс.Ед", false},
		{"hh.ru", "HH.RU не грузится", true},
		{"hh.ru", "hh ru", false},
		{"Kaspi.kz", "Kaspi kz", false},
		{"Ozon.Travel", "Ozon Travel вернул деньги", true},
		{"Яндекс.Маркет", "Яндекс поиск и маркет у дома", false},
		{"Яндекс.Маркет", "это Яндекс. Маркет закрыт", false},
		{"Яндекс.Маркет", "Яндекс.Маркетплейс", false},
		{"Яндекс.Маркет", "Яндекс.Market", false},
		{"Ozon.ru", "Ozon ru доставка", false},
		{"Ozon.ru", "Ozon.rus", false},
		{"Дом.ру", "Дом.руе", false},
		{"AT&T", "AT T", false},
		{"H&M", "H M", false},
		{`"Ben & Jerry's"`, "Ben & Jerry's new flavour", true},
		{`"Ben & Jerry's"`, "Ben &amp; Jerry’s new flavour", true},
		{`"Ben & Jerry's"`, "Ben & Jerrys ice cream recall", true},
		{`"Ben & Jerry's"`, "Ben & Jerry ice cream", true},
		{`"Ben & Jerry's"`, "Ben & Jerrysburg", false},
		{"AT&T", "AT&T's network went down again", true},
		{"AT&T", "WHY IS AT&T SO SLOW", true},
		{"AT&T", "AT&amp;amp;T outage reported", true},
		{"AT&T", "AT&Ts", false},
		{"H&M", "Купила платье в H&M, порвалось", true},
		{"H&M", "m&ms and a hat", false},
		{"Ozon.ru", "«Ozon.ru» вернул деньги", true},
		{"Ozon", "the ozone layer", false},
		{"Booking.com", "booked via booking.com.", true},
		{"Booking.com", "booking complete, thanks", false},
		{`"Barnes & Noble"`, "BARNES & NOBLE layoffs", true},
		{"1С", "в 11С кабинете", false},
		{"Tele2", "у TELE2 авария", true},
	}
	checkMatchCases(t, tests)
}

// TestAmpersandWrittenAnd: a name of two words joined by "&" is also
// written with "and" (or "и"); an abbreviation joined by "&" is not.
func TestAmpersandWrittenAnd(t *testing.T) {
	tests := []matchCase{
		{`"Procter & Gamble"`, "Procter and Gamble's shampoo", true},
		{"Procter&Gamble", "PROCTER AND GAMBLE recall", true},
		{`"Johnson & Johnson"`, "Johnson and Johnson talc lawsuit", true},
		{`"Barnes & Noble"`, "Barnes and Noble closes store", true},
		{`"Ben & Jerry's"`, "Ben and Jerry's new flavour", true},
		{`"Мать & Дитя"`, "клиника Мать и дитя", true},
		{`"Procter & Gamble"`, "Procter or Gamble", false},
		{`"Procter & Gamble"`, "Procter, and Gamble", false},
		{"AT&T", "AT and T", false},
		{"H&M", "H and M", false},
		{"M&S", "M and S", false},
		{`=Procter&Gamble`, "Procter and Gamble", false},
	}
	checkMatchCases(t, tests)
}
