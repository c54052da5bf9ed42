package matchers

import (
	"reflect"
	"strings"
	"testing"
)

// TestNamesWithPunctuation: a name's joining symbol is part of it (AT&T,
// Ozon.ru, Google+), as written, HTML-escaped once or twice, in the
// title or the text; decoration (Yahoo!) is not; and the words alone, or
// the words without the symbol, are not the name.
func TestNamesWithPunctuation(t *testing.T) {
	tests := []struct {
		name  string
		query string
		doc   Doc
		want  bool
		words []string // Matched, when want
	}{
		{"ampersand", "AT&T", Doc{Text: "AT&T outage in Texas"}, true, []string{"AT&T"}},
		{"ampersand, quoted", `"AT&T"`, Doc{Text: "AT&T outage in Texas"}, true, []string{"AT&T"}},
		{"ampersand, any case", "at&t", Doc{Text: "at&t and AT&T"}, true, []string{"at&t"}},
		{"ampersand, spaces around", "AT&T", Doc{Text: "the AT & T network"}, true, []string{"AT & T"}},
		{"ampersand, possessive", "AT&T", Doc{Text: "AT&T's network"}, true, []string{"AT&T's"}},
		{"ampersand, html-escaped", "AT&T", Doc{Text: "AT&amp;T outage"}, true, []string{"AT&T"}},
		{"ampersand, double-escaped", "AT&T", Doc{Text: "AT&amp;amp;T outage"}, true, []string{"AT&T"}},
		{"ampersand, numeric entity", "AT&T", Doc{Text: "AT&#38;T outage"}, true, nil},
		{"ampersand, in markup", "AT&T", Doc{Text: "<p><b>AT&amp;T</b> outage</p>"}, true, []string{"AT&T"}},
		{"ampersand, double-escaped title", "AT&T", Doc{Title: "&lt;b&gt;AT&amp;amp;T&lt;/b&gt; outage", Text: "Phones are down."}, true, []string{"AT&T"}},
		{"ampersand, title only", "title:AT&T", Doc{Title: "AT&amp;amp;T outage", Text: "nothing"}, true, nil},
		{"ampersand, fullwidth", "AT&T", Doc{Text: "ＡＴ＆Ｔ outage"}, true, nil},
		{"ampersand: the words apart are not the name", "AT&T", Doc{Text: "at the T stop"}, false, nil},
		{"ampersand: and is not &", "AT&T", Doc{Text: "AT and T"}, false, nil},
		{"ampersand: run together in text", "AT&T", Doc{Text: "ATT outage"}, false, nil},
		{"ampersand: other punctuation", "AT&T", Doc{Text: "AT/T, AT.T"}, false, nil},
		{"ampersand: a word alone", "AT&T", Doc{Text: "look at T"}, false, nil},
		{"ampersand: another name", "AT&T", Doc{Text: "AT&TV"}, false, nil},
		{"one letter each", "H&M", Doc{Text: "H&M sale"}, true, []string{"H&M"}},
		{"one letter each: not M&S", "H&M", Doc{Text: "M&S sale"}, false, nil},
		{"M&S", "M&S", Doc{Text: "Food hall at M&amp;S"}, true, []string{"M&S"}},
		{"M&S: not MS", "M&S", Doc{Text: "MS Office and M. S. Dhoni"}, false, nil},
		{"phrase with &", `"Procter & Gamble"`, Doc{Text: "Procter & Gamble recall"}, true, []string{"Procter & Gamble"}},
		{"phrase with &, no spaces", `"Procter & Gamble"`, Doc{Text: "Procter&amp;Gamble recall"}, true, []string{"Procter&Gamble"}},
		{"phrase with &, query without spaces", "Procter&Gamble", Doc{Text: "Procter & Gamble recall"}, true, nil},
		{"phrase with &: the words apart", `"Procter & Gamble"`, Doc{Text: "Procter, Gamble"}, false, nil},
		{"phrase with & and a word", `"AT&T Wireless"`, Doc{Text: "AT&T Wireless is down"}, true, []string{"AT&T Wireless"}},
		{"phrase with & and a word: split", `"AT&T Wireless"`, Doc{Text: "AT&T. Wireless is down"}, false, nil},
		{"dot", "Ozon.ru", Doc{Text: "заказ на Ozon.ru пропал"}, true, []string{"Ozon.ru"}},
		{"dot, upper case", "Ozon.ru", Doc{Text: "OZON.RU: заказ пропал"}, true, []string{"OZON.RU"}},
		{"dot, in a link", "Ozon.ru", Doc{Text: "смотри https://www.ozon.ru/product/123"}, true, []string{"ozon.ru"}},
		{"dot: the name alone is not the domain", "Ozon.ru", Doc{Text: "заказ на Ozon пропал"}, false, nil},
		{"dot: a sentence end", "Ozon.ru", Doc{Text: "Я купил на Ozon. Ru вроде"}, false, nil},
		{"dot: other domain", "Ozon.ru", Doc{Text: "ozon.com"}, false, nil},
		{"dot, Cyrillic", "Дом.ру", Doc{Text: "интернет Дом.ру лежит"}, true, []string{"Дом.ру"}},
		{"dot, Cyrillic, a word made from it after a hyphen", "Дом.ру", Doc{Text: "у Дом.ру-шного мастера"}, true, []string{"Дом.ру"}},
		{"dot, Cyrillic, not inflected", "Дом.ру", Doc{Text: "Дом.руа Дом.рус"}, false, nil},
		{"dot, Cyrillic, ё", "Ёлка.ру", Doc{Text: "елка.ру"}, true, nil},
		{"dot, Cyrillic: a word alone", "Дом.ру", Doc{Text: "мой дом, ру"}, false, nil},
		{"Booking.com", "Booking.com", Doc{Text: "Booking.com refund never came"}, true, []string{"Booking.com"}},
		{"Booking.com: booking", "Booking.com", Doc{Text: "my booking at the com"}, false, nil},
		{"Mail.ru", "Mail.ru", Doc{Text: "почта Mail.Ru опять"}, true, nil},
		{"Mail.ru phrase", `"Mail.ru Group"`, Doc{Text: "акции Mail.ru Group"}, true, []string{"Mail.ru Group"}},
		{"plus after", "Google+", Doc{Text: "Google+ shuts down"}, true, []string{"Google+"}},
		{"plus after: not the company", "Google+", Doc{Text: "Google shuts down"}, false, nil},
		{"the company finds the product", "Google", Doc{Text: "Google+ shuts down"}, true, []string{"Google+"}},
		{"two pluses", "C++", Doc{Text: "learning C++ now"}, true, []string{"C++"}},
		{"two pluses: one is not enough", "C++", Doc{Text: "learning C+ now"}, false, nil},
		{"hash after", "C#", Doc{Text: "a C# developer"}, true, []string{"C#"}},
		{"hash after: not C", "C#", Doc{Text: "vitamin C, developer"}, false, nil},
		{"plus between digits", "1+1", Doc{Text: "канал 1+1 показал"}, true, []string{"1+1"}},
		{"plus between digits: not 1 1", "1+1", Doc{Text: "1 1"}, false, nil},
		{"slash", "AC/DC", Doc{Text: "AC/DC tour"}, true, []string{"AC/DC"}},
		{"slash: not AC DC", "AC/DC", Doc{Text: "AC DC power"}, false, nil},
		{"hyphen: with, without, run together", "T-Mobile", Doc{Text: "T Mobile and TMobile"}, true, []string{"T Mobile", "TMobile"}},
		{"hyphen: a part alone", "T-Mobile", Doc{Text: "Mobile"}, false, nil},
		{"en dash for the hyphen", `"Альфа-Банк"`, Doc{Text: "в Альфа\u2013Банке"}, true, []string{"Альфа\u2013Банке"}},
		{"en dash between places: each a word", "Москва", Doc{Text: "поезд Москва\u2013Петербург"}, true, []string{"Москва"}},
		{"a comma is no hyphen", `"Альфа-Банк"`, Doc{Text: "Альфа, Банк"}, false, nil},
		{"apostrophe", "Macy's", Doc{Text: "Macy’s sale"}, true, []string{"Macy’s"}},
		{"apostrophe left out", "Macy's", Doc{Text: "Macys sale"}, true, []string{"Macys"}},
		{"apostrophe: other name", "Macy's", Doc{Text: "Macyville"}, false, nil},
		{"digits", "1С", Doc{Text: "программа 1С:Бухгалтерия"}, true, []string{"1С"}},
		{"digits: not 1", "1С", Doc{Text: "1 С"}, false, nil},
		{"digits and a Latin look-alike", "1С", Doc{Text: "обновление 1C"}, true, []string{"1C"}},
		{"digits and a Cyrillic look-alike", "1C", Doc{Text: "обновление 1С"}, true, []string{"1С"}},
		{"digits and a look-alike: other letter", "1С", Doc{Text: "1D 1Д 1CC"}, false, nil},
		{"digits and letters without look-alikes stay as written", "Tele2", Doc{Text: "Теле2"}, false, nil},
		{"decoration", "Yahoo!", Doc{Text: "Yahoo! Mail"}, true, []string{"Yahoo"}},
		{"decoration left out", "Yahoo!", Doc{Text: "Yahoo Mail"}, true, []string{"Yahoo"}},
		{"decoration: other name", "Yahoo!", Doc{Text: "Yahooligans"}, false, nil},
		{"trademark sign is decoration", "Slack™", Doc{Text: "Slack app"}, true, nil},
		{"inflection still works", "Сбербанк", Doc{Text: "клиенты Сбербанка"}, true, []string{"Сбербанка"}},
		{"inflection and ё", "Ёлка", Doc{Text: "у Ёлки"}, true, nil},
		{"a name among names", "Ozon.ru OR AT&T", Doc{Text: "AT&T, Ozon.ru"}, true, []string{"AT&T", "Ozon.ru"}},
		{"excluded name", "Ozon -Ozon.ru", Doc{Text: "Ozon.ru"}, false, nil},
		{"excluded name keeps the word", "Ozon -Ozon.ru", Doc{Text: "Ozon доставил"}, true, nil},
		{"exact name", "=AT&T", Doc{Text: "AT&T outage"}, true, nil},
		{"name near a word", "AT&T NEAR/2 outage", Doc{Text: "AT&T has an outage"}, true, []string{"AT&T", "outage"}},
		{"name near a word: too far", "AT&T NEAR/1 outage", Doc{Text: "AT&T has a big outage"}, false, nil},
		{"long chain", "a1.b2.c3.d4.e5.f6", Doc{Text: "x a1.b2.c3.d4.e5.f6 y"}, true, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mt, ok := matchOne(t, Brand{Query: tc.query}, tc.doc)
			if ok != tc.want {
				t.Fatalf("query %q on %+v: matched = %v (%q), want %v", tc.query, tc.doc, ok, mt.Matched, tc.want)
			}
			if ok && tc.words != nil && !reflect.DeepEqual(mt.Matched, lowerAll(tc.words)) {
				t.Errorf("query %q on %+v: Matched = %q, want %q", tc.query, tc.doc, mt.Matched, tc.words)
			}
		})
	}
}

// TestHandlesAndHashtags: a query word matches an @handle or #hashtag
// that begins with it, and one whose camel-case or "_" parts include it;
// not one that only contains it, and not a plain word that begins with
// it. A name with a symbol matches a handle written run together.
func TestHandlesAndHashtags(t *testing.T) {
	tests := []struct {
		query string
		yes   []string
		no    []string
	}{
		{"Megafon", []string{"@megafonru", "@MegaFonHelp", "@megafon", "#megafon_help", "@megafon_sz_help", "(@megafonru)"},
			[]string{"@notmegafon", "megafonru", "support@megafonru.com", "#meg"}},
		{"Мегафон", []string{"#МегаФонТВ", "#мегафонтв", "@Мегафон", "#мегафона", "#БойкотМегафон", "@help_мегафон"},
			[]string{"#антимегафон", "мегафонтв", "страница#мегафонтв"}},
		{"Ozon", []string{"@ozon_ru", "@ozonru", "#OzonGlobal", "@ozon"},
			[]string{"Ozonator", "ozonation", "@notozon", "#моязон"}},
		{"Аэрофлот OR Aeroflot", []string{"@AeroflotHelp", "@aeroflot_ru", "#аэрофлотбонус"},
			[]string{"@myaeroflot", "Aeroflotskiy"}},
		{"Slack", []string{"@SlackHQ", "@slackhq", "#slackapi"},
			[]string{"slacker", "slackers", "@aslack", "#noslack"}},
		{"Яндекс", []string{"#ЯндексПочта", "#яндекспочта", "@yandex #Яндекс"},
			[]string{"#поисквяндексе", "яндекспочта"}},
		{`"Alfa Bank"`, []string{"@alfabankru", "@alfa_bank", "#AlfaBankBY"}, []string{"@myalfabank"}},
		{"ВТБ", []string{"#втбонлайн", "@vtb #ВТБ24"}, []string{"#антивтб"}},
		{"AT&T", []string{"@ATT", "@att", "@ATTHelp", "#ATT"}, []string{"ATT", "@attention", "@notatt"}},
		{"Ozon.ru", []string{"@ozon_ru", "@ozonru", "#ozonru"}, []string{"ozonru", "ozon_ru", "@ozon", "@ozonrus"}},
		{"Google+", []string{"Google+"}, []string{"@google", "@googleplus"}},
		{"H&M", []string{"H&M"}, []string{"@hm", "@hmm", "#HM"}}, // too short to stand for H&M
		{"=Megafon", []string{"@megafon", "@Megafon_ru"}, []string{"@megafonru"}},
		{"Me", []string{"@me"}, []string{"@meta"}}, // two letters: as written only
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			m, err := Compile([]Brand{{Name: "b", Query: tc.query}})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.yes {
				if r := m.Match(Doc{Text: "пишу " + w + " снова"}); len(r.Matches) == 0 {
					t.Errorf("%q does not match %q", tc.query, w)
				}
			}
			for _, w := range tc.no {
				if r := m.Match(Doc{Text: "пишу " + w + " снова"}); len(r.Matches) != 0 {
					t.Errorf("%q matches %q (%q)", tc.query, w, r.Matches[0].Matched)
				}
			}
		})
	}
}

// TestQueryWordsAgreeWithTokenizer: a query word is normalised to what
// the document tokenizer and its compound lookups produce for the same
// text.
func TestQueryWordsAgreeWithTokenizer(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"AT&T", []string{"at&t"}},
		{"Procter & Gamble", []string{"procter&gamble"}},
		{"Procter&amp Gamble", []string{"procter&amp", "gamble"}},
		{"Ozon.ru", []string{"ozon.ru"}},
		{"Ozon.", []string{"ozon"}},
		{"Дом.Ру", []string{"дом.ру"}},
		{"Google+ Apps", []string{"google+", "apps"}},
		{"C++", []string{"c++"}},
		{"C#", []string{"c#"}},
		{"Yahoo!", []string{"yahoo"}},
		{"Macy's", []string{"macy"}},
		{"T-Mobile", []string{"t", "mobile"}},
		{"@ozon_ru", []string{"ozon", "ru"}},
		{"#ЯндексПочта", []string{"яндекспочта"}},
		{"ＡＴ＆Ｔ", []string{"at&t"}},
		{"a . b", []string{"a", "b"}},
		{"a&&b", []string{"a", "b"}},
		{"1С", []string{"1с"}},
	}
	for _, tc := range tests {
		if got := queryWords(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("queryWords(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestQueryWarnings: what can never match as written is reported with its
// column; names with punctuation that do match are not.
func TestQueryWarnings(t *testing.T) {
	tests := []struct {
		query string
		want  []string // "col N: substring"
	}{
		{"AT&T", nil},
		{`"Procter & Gamble" OR Procter&Gamble`, nil},
		{"Ozon.ru OR Booking.com OR Дом.ру OR Mail.ru OR 1С OR T-Mobile", nil},
		{"Yahoo! OR Macy's OR Google+ OR C# OR C++ OR AC/DC OR 1+1", nil},
		{`@ozon_ru OR #ЯндексПочта OR "Альфа-Банк" OR Tinkoff'а`, nil},
		{`Slack -wax title:"Acme Bank" site:example.com`, nil},
		{"Procter & Gamble", []string{`col 9: "&" on its own matches nothing: a name with it is one word`}},
		{"Slack - app", []string{`col 7: "-" on its own matches nothing: to exclude a word`}},
		{"Slack — app", []string{`col 7: "—" on its own matches nothing`}},
		{"Slack !!! app", []string{`col 7: "!!!" on its own matches nothing`}},
		{".NET", []string{`col 1: ".NET": "." before "NET" is not part of the word; the query looks for "net"`}},
		// Punctuation between words that joins no name is allowed there
		// in the document too (loose gaps), so these match as written.
		{"x Yahoo!Japan", nil},
		{`"Acme, Inc"`, nil},
		{`"Dr. Pepper" OR E*TRADE`, nil},
		{"Сбер;банк", nil},
		{"a&&b", nil},
		{"a1.b2.c3.d4.e5.f6.g7", []string{"col 1: 7 or more words joined by punctuation"}},
		{"x " + strings.Repeat("я", 49), []string{"col 3: a word of more than 48 letters never matches"}},
		{"(a", nil}, // does not parse: ParseQuery reports it
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			ws := QueryWarnings(tc.query)
			var got []string
			for _, w := range ws {
				if w.Brand != -1 {
					t.Errorf("Brand = %d, want -1", w.Brand)
				}
				got = append(got, w.Error())
			}
			if len(got) != len(tc.want) {
				t.Fatalf("warnings %q, want %d like %q", got, len(tc.want), tc.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tc.want[i]) {
					t.Errorf("warning %q, want it to begin %q", got[i], tc.want[i])
				}
			}
		})
	}
	ws := Warnings([]Brand{{Query: "AT&T"}, {Query: "Procter & Gamble"}})
	if len(ws) != 1 || ws[0].Brand != 1 {
		t.Errorf("Warnings = %v, want one for brand 1", ws)
	}
}
