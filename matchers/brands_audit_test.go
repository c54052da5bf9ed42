package matchers

import "testing"

// TestCommonBrandSpellings: brand names as customers write them —
// inflected, with or without their punctuation, HTML-escaped, in quotes,
// with curly apostrophes, soft hyphens, zero-width spaces and NBSP, as
// handles and hashtags — against queries written as the brand is
// written; and what must not match.
func TestCommonBrandSpellings(t *testing.T) {
	tests := []struct {
		query string
		yes   []string
		no    []string
	}{
		{"Сбер OR Сбербанк",
			[]string{"Сбербанк опять завис", "из Сбербанка в другой банк", "Спасибо Сбербанку", "#сбербанк не работает",
				"#СберБанкОнлайн лежит", "@sberbank верните деньги", "«Сбербанк» сообщил", "Сбер\u00adбанк", "Сбер\u200bбанк",
				"&laquo;Сбербанк&raquo;", "СБЕРБАНК", "https://www.sberbank.ru/ru/person"},
			[]string{"сбербанкомат", "@notsberbank", "#антисбер", "help@sberbank.ru"}},
		{`Тинькофф OR "Т-Банк" OR Tinkoff`,
			[]string{"В Тинькоффа звонил", "Т-Банк опять", "Т\u2011Банк", "Т\u00a0Банк", "Тбанк", "в Т-Банке", "@tinkoffbank", "Тинькофф’а"},
			[]string{"Т-34 банка", "банк Т"}},
		{"МТС", []string{"МТС опять", "в МТСе", "у МТСа", "МТСу", "MTС латиницей", "MTC опять без связи", "@mts_ru"},
			[]string{"MTC outage in the city", "@mtsgericht", "МТСС"}},
		{"Билайн", []string{"Билайна нет", "Билайн&nbsp;связь", "#билайн"}, []string{"@notbeeline", "Билайнер"}},
		{"Яндекс.Маркет", []string{"Я на Яндекс.Маркете купил", "Яндекс Маркет доставил", "#ЯндексМаркет", "Яндекс-Маркет"},
			[]string{"Яндекс", "Маркет Яндекса"}},
		{"Wildberries", []string{"Wildberries' delivery", "Wildberries’ returns", "@wildberries_ru"}, []string{"wild berries"}},
		{"Ozon", []string{"Ozon доставка", "@ozon_ru", "заказ на Ozon.ru"}, []string{"Ozonator", "@notozon"}},
		{"AT&T", []string{"AT&T outage in Texas", "AT&amp;T outage", "AT&amp;amp;T", "@ATTHelp"}, []string{"ATT outage", "AT and T"}},
		{"T-Mobile", []string{"T-Mobile down", "T\u2011Mobile down", "T\u2013Mobile down", "TMobile down", "T Mobile down"}, []string{"Mobile down", "T \u2014 Mobile down"}},
		{"McDonald's", []string{"McDonald’s fries", "McDonalds fries", "McDonald's fries", "@McDonalds", "MCDONALDS", "McDonald&#8217;s"},
			[]string{"@notmcdonalds", "Donald's"}},
		{"Macy's", []string{"Macy's sale", "Macys sale"}, []string{"Macyville"}},
		{"Lowe's", []string{"Lowe's", "Lowes store"}, []string{"Lowest price"}},
		{"7-Eleven", []string{"7-Eleven store", "7 Eleven store", "7Eleven"}, []string{"eleven 7", "77Eleven"}},
		{"Yahoo!", []string{"Yahoo! Japan", "Yahoo news", "Yahoo&#33; Mail"}, []string{"Yahooligans"}},
		{"E*TRADE", []string{"E*TRADE account", "E*Trade down", "ETRADE", "E-Trade", "E&#42;TRADE"}, []string{"trade", "F*TRADE"}},
		{"C&A", []string{"C&A store", "C&amp;A"}, []string{"CA store", "C and A"}},
		{"P&G", []string{"P&G recall", "P & G"}, []string{"PG-13", "P and G"}},
		{`"Ben & Jerry's"`, []string{"Ben & Jerry's ice cream", "Ben &amp; Jerry&#39;s", "Ben and Jerry's", "Ben & Jerrys"}, []string{"Ben, Jerry"}},
		{`"Dr. Pepper"`, []string{"Dr. Pepper soda", "Dr Pepper soda", "DrPepper", "Dr.&nbsp;Pepper"}, []string{"Dr. Smith. Pepper", "pepper"}},
		{"Ozon.ru", []string{"заказ на Ozon.ru пропал", "@ozonru"}, []string{"Ozon", "Ozon. Ru"}},
		{"Дом.ру", []string{"Дом.ру интернет", "@domru"}, []string{"мой дом, ру"}},
		{"1С", []string{"1С бухгалтерия", "1C бухгалтерия"}, []string{"1 С"}},
		{"Mail.ru", []string{"Mail.ru почта", "почта Mail.Ru"}, []string{"mail ru"}},
	}
	for _, tc := range tests {
		for _, s := range tc.yes {
			if _, ok := matchOne(t, Brand{Query: tc.query}, Doc{Text: s}); !ok {
				t.Errorf("%s should find %q", tc.query, s)
			}
		}
		for _, s := range tc.no {
			if _, ok := matchOne(t, Brand{Query: tc.query}, Doc{Text: s}); ok {
				t.Errorf("%s should not find %q", tc.query, s)
			}
		}
	}
}

// TestEverydayLatinWordsApart: two everyday English words are not a
// compound brand name written apart unless the writer marks it as one
// with a capital or a hyphen; Cyrillic names written apart still match.
func TestEverydayLatinWordsApart(t *testing.T) {
	tests := []struct {
		query, text string
		want        bool
	}{
		{"Wildberries", "we picked wild berries", false},
		{"Salesforce", "a sales force of ten", false},
		{"Wildberries", "ordered on Wild Berries", true},
		{"Wildberries", "ordered on wild-berries", true},
		{"Salesforce", "the Sales Force app", true},
		{"Facebook", "my Face Book page", true},
		{"Facebook", "a face book of photos", false},
		{"Альфабанк", "в Альфа банке", true},
		{"Сбербанк", "сбер банк", true},
	}
	for _, tc := range tests {
		if _, got := matchOne(t, Brand{Query: tc.query}, Doc{Text: tc.text}); got != tc.want {
			t.Errorf("%s in %q: matched %v, want %v", tc.query, tc.text, got, tc.want)
		}
	}
}

// TestLatinWordsApartInRussianText: in Russian text two lower-case Latin
// words that make a brand's name are that name written apart (a Russian
// writer does not pick wild berries in English); in English text, and in
// an English title over Russian text, they stay everyday words.
func TestLatinWordsApartInRussianText(t *testing.T) {
	tests := []struct {
		query string
		doc   Doc
		want  bool
	}{
		{"Wildberries", Doc{Text: "заказал на wild berries, жду неделю"}, true},
		{"Megafon", Doc{Text: "сим-карта mega fon не ловит"}, true},
		{"Wildberries", Doc{Title: "заказ на wild berries опять задерживается", Text: "we picked wild berries"}, true},
		{"Wildberries", Doc{Text: "we picked wild berries, ягоды"}, false},
		{"Salesforce", Doc{Text: "a sales force of ten"}, false},
		{"Wildberries", Doc{Title: "we picked wild berries", Text: "а потом пошли домой и ели"}, false},
		{"Megafon", Doc{Text: "mega fon festival, billets"}, false},
	}
	for _, tc := range tests {
		if _, got := matchOne(t, Brand{Query: tc.query}, tc.doc); got != tc.want {
			t.Errorf("%s in %+v: matched %v, want %v", tc.query, tc.doc, got, tc.want)
		}
	}
}
