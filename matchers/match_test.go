package matchers

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// matchOne compiles one brand and matches one document.
func matchOne(t *testing.T, b Brand, d Doc) (Match, bool) {
	t.Helper()
	if b.Name == "" {
		b.Name = "brand"
	}
	m, err := Compile([]Brand{b})
	if err != nil {
		t.Fatalf("Compile(%q): %v", b.Query, err)
	}
	r := m.Match(d)
	if len(r.Matches) == 0 {
		return Match{}, false
	}
	return r.Matches[0], true
}

// matchCase is a query, a text, and whether the query must find the text.
type matchCase struct {
	query, text string
	want        bool
}

// checkMatchCases matches each case's text against its query alone.
func checkMatchCases(t *testing.T, tests []matchCase) {
	t.Helper()
	for _, tc := range tests {
		if _, got := matchOne(t, Brand{Query: tc.query}, Doc{Text: tc.text}); got != tc.want {
			t.Errorf("%s in %q: matched %v, want %v", tc.query, tc.text, got, tc.want)
		}
	}
}

func TestMatchOperators(t *testing.T) {
	tests := []struct {
		name  string
		query string
		doc   Doc
		want  bool
		words []string // Matched, when want
	}{
		{"word", "Slack", Doc{Text: "We moved to Slack last year."}, true, []string{"Slack"}},
		{"word absent", "Slack", Doc{Text: "We moved to Teams last year."}, false, nil},
		{"and: both", "Slack Teams", Doc{Text: "Slack versus Teams"}, true, []string{"Slack", "Teams"}},
		{"and: one missing", "Slack Teams", Doc{Text: "Slack alone"}, false, nil},
		{"or: second", "Slack OR Teams", Doc{Text: "Teams wins"}, true, []string{"Teams"}},
		{"pipe", "Slack | Teams", Doc{Text: "Teams wins"}, true, []string{"Teams"}},
		{"or binds tighter: a b OR c with a and c", "review Slack OR Teams", Doc{Text: "a Teams review"}, true, []string{"Teams", "review"}},
		{"or binds tighter: c alone is not enough", "review Slack OR Teams", Doc{Text: "Teams"}, false, nil},
		{"phrase in order", `"Альфа Банк"`, Doc{Text: "Клиенты Альфа Банка недовольны"}, true, []string{"Альфа Банка"}},
		{"phrase reversed", `"Альфа Банк"`, Doc{Text: "Банк Альфа"}, false, nil},
		{"phrase split by punctuation", `"Альфа Банк"`, Doc{Text: "Альфа. Банк закрыт"}, false, nil},
		{"phrase with word between", `"Альфа Банк"`, Doc{Text: "Альфа и Банк"}, false, nil},
		{"phrase across title and text", `"Альфа Банк"`, Doc{Title: "Альфа", Text: "Банк"}, false, nil},
		{"exclusion removes", "Slack -wax", Doc{Text: "Slack wax market grows"}, false, nil},
		{"exclusion keeps", "Slack -wax", Doc{Text: "Slack app update"}, true, []string{"Slack"}},
		{"excluded word forms", "Сбербанк -вакансия", Doc{Text: "Вакансии в Сбербанке"}, false, nil},
		{"excluded phrase", `Slack -"slack wax"`, Doc{Text: "Slack wax"}, false, nil},
		{"excluded phrase only as a phrase", `Slack -"slack wax"`, Doc{Text: "wax and Slack"}, true, []string{"Slack"}},
		{"excluded group", "Slack -(wax OR baseball)", Doc{Text: "baseball star Brayden Slack"}, false, nil},
		{"excluded group keeps", "Slack -(wax OR baseball)", Doc{Text: "Slack huddles"}, true, []string{"Slack"}},
		{"title: in title", "title:Slack", Doc{Title: "Slack IPO", Text: "shares"}, true, []string{"Slack"}},
		{"title: only in text", "title:Slack", Doc{Title: "IPO news", Text: "Slack shares"}, false, nil},
		{"title: phrase", `title:"Альфа Банк"`, Doc{Title: "Альфа-Банк снизил ставки"}, true, []string{"Альфа-Банк"}},
		{"excluded title", "Slack -title:wax", Doc{Title: "Wax news", Text: "Slack"}, false, nil},
		{"excluded title keeps text", "Slack -title:wax", Doc{Title: "News", Text: "Slack wax"}, true, []string{"Slack"}},
		{"site: host", "Slack site:slack.com", Doc{Text: "Slack", URL: "https://slack.com/blog/x"}, true, []string{"Slack"}},
		{"site: subdomain", "Slack site:slack.com", Doc{Text: "Slack", URL: "https://app.slack.com/x"}, true, nil},
		{"site: other host ending alike", "Slack site:slack.com", Doc{Text: "Slack", URL: "https://notslack.com/x"}, false, nil},
		{"site: through google redirect", "Slack site:investorplace.com", Doc{Text: "Slack",
			URL: "https://www.google.com/url?rct=j&sa=t&url=https://investorplace.com/2019/07/slack-stock/&ct=ga"}, true, nil},
		{"site: path", "Slack site:example.com/blog", Doc{Text: "Slack", URL: "https://example.com/blog/post"}, true, nil},
		{"site: other path", "Slack site:example.com/blog", Doc{Text: "Slack", URL: "https://example.com/shop/post"}, false, nil},
		{"site: no url", "Slack site:slack.com", Doc{Text: "Slack"}, false, nil},
		{"site: url without scheme", "Slack site:slack.com", Doc{Text: "Slack", URL: "app.slack.com/x"}, true, nil},
		{"site: host upper case and port", "Slack site:slack.com", Doc{Text: "Slack", URL: "https://APP.Slack.COM:8443/x"}, true, nil},
		{"-site: excludes", "Slack -site:slack.com", Doc{Text: "Slack", URL: "https://slack.com/"}, false, nil},
		{"-site: keeps", "Slack -site:slack.com", Doc{Text: "Slack", URL: "https://news.example/"}, true, nil},
		{"exact: same form", "=Банк", Doc{Text: "БАНК закрыт"}, true, []string{"БАНК"}},
		{"exact: other form", "=Банк", Doc{Text: "у банка"}, false, nil},
		{"exact: ё is still е", "=Ёлка", Doc{Text: "елка"}, true, nil},
		{"near: within", "Slack NEAR/2 app", Doc{Text: "Slack is an app"}, true, []string{"Slack", "app"}},
		{"near: too far", "Slack NEAR/2 app", Doc{Text: "Slack is really a great app"}, false, nil},
		{"near: either order", "Slack NEAR/2 app", Doc{Text: "the app made by Slack"}, true, []string{"app", "Slack"}},
		{"near: zero is adjacent", "Slack NEAR/0 app", Doc{Text: "Slack app"}, true, nil},
		{"near: zero not adjacent", "Slack NEAR/0 app", Doc{Text: "Slack's new app"}, false, nil},
		{"near: or operand", "Slack NEAR/5 (app OR channel)", Doc{Text: "Post it in the Slack #general channel"}, true, []string{"Slack", "channel"}},
		{"near: not across fields", "Slack NEAR/5 app", Doc{Title: "Slack", Text: "app"}, false, nil},
		{"near: marks only the words near each other", "Slack NEAR/1 app", Doc{Text: "Slack. Long story short, Slack app."}, true, []string{"Slack", "app"}},
		{"near: phrase operand", `"Альфа Банк" NEAR/3 кредит`, Doc{Text: "Альфа-Банк выдал мне кредит"}, true, []string{"Альфа-Банк", "кредит"}},
		{"near: nested", "a1x NEAR/1 b2x NEAR/1 c3x", Doc{Text: "a1x b2x c3x"}, true, nil},
		{"near: same word twice is not near itself", "Slack NEAR/3 Slack", Doc{Text: "Slack"}, false, nil},
		{"spec query", `("Acme Bank" OR acmebank OR "Акме Банк") -вакансия -job`, Doc{Text: "Отзыв об Акме Банке: ужасно"}, true, []string{"Акме Банке"}},
		{"spec query excluded", `("Acme Bank" OR acmebank OR "Акме Банк") -вакансия -job`, Doc{Text: "Acme Bank job opening"}, false, nil},
		{"case-insensitive", "slack", Doc{Text: "SLACK"}, true, []string{"SLACK"}},
		{"handle with a suffix", "Alfabank", Doc{Text: "Пишу в @AlfabankBY третий день"}, true, []string{"AlfabankBY"}},
		{"handle with underscore", `"Alfa Bank"`, Doc{Text: "Разочаровалась в @alfa_bank окончательно"}, true, []string{"alfa_bank"}},
		{"handle with underscore, one word", "Alfabank", Doc{Text: "Разочаровалась в @alfa_bank окончательно"}, true, nil},
		{"camel-case hashtag", "Сбербанк", Doc{Text: "опять #СбербанкОнлайн лежит"}, true, []string{"СбербанкОнлайн"}},
		{"camel case in plain text is one word", "Phone", Doc{Text: "my new iPhone"}, false, nil},
		{"camel case in plain text is one word (Cyrillic)", "Онлайн", Doc{Text: "СбербанкОнлайн"}, false, nil},
		{"capitals then lower case in a handle", "RSHB", Doc{Text: "@RSHBmedia приглашаем"}, true, nil},
		{"letters then digits", "VTB", Doc{Text: "пишите на SM2@vtb24.ru"}, true, []string{"vtb24"}},
		{"digits then letters", "Tele2", Doc{Text: "@Tele2KZ мне пришла реклама"}, true, nil},
		{"glued scripts", "Газпромбанк", Doc{Text: "счет в газпромбанкеhttp://t.co/x"}, true, []string{"газпромбанкеhttp"}},
		{"html markup", "Сбербанк", Doc{Text: "<p>Я люблю <b>Сбер</b>банк</p>"}, true, []string{"Сбербанк"}},
		{"double escaped html", "Slack", Doc{Text: "&amp;lt;b&amp;gt;Slack&amp;lt;/b&amp;gt;&amp;#39;s"}, true, []string{"Slack's"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mt, ok := matchOne(t, Brand{Query: tc.query}, tc.doc)
			if ok != tc.want {
				t.Fatalf("query %q on %+v: matched = %v (%q), want %v", tc.query, tc.doc, ok, mt.Matched, tc.want)
			}
			// The table gives the words as they stand in the text; Matched
			// has them in lower case.
			if ok && tc.words != nil && !reflect.DeepEqual(mt.Matched, lowerAll(tc.words)) {
				t.Errorf("query %q on %+v: Matched = %q, want %q", tc.query, tc.doc, mt.Matched, tc.words)
			}
		})
	}
}

func TestWordForms(t *testing.T) {
	tests := []struct {
		query string
		yes   []string
		no    []string
	}{
		{"банк", []string{"банк", "банка", "банку", "банком", "банке", "банки", "банков", "банкам", "банками", "банках", "БАНКА"},
			[]string{"банкомат", "банкомата", "банкротство", "банкет", "банкир", "банковский", "Сбербанк"}},
		{"Сбербанк", []string{"Сбербанка", "Сбербанку", "Сбербанком", "Сбербанке", "СБЕРБАНК"}, []string{"Сбер", "Сбербанкомат"}},
		{"Сбер", []string{"Сбера", "Сберу", "Сбером", "Сбер-а", "Сбер'а"}, []string{"Сбербанк", "сберечь"}},
		{"Альфа", []string{"Альфы", "Альфе", "Альфой", "Альфу"}, []string{"Альфонс"}},
		{"Ростелеком", []string{"Ростелекома", "Ростелекому", "Ростелекомом"}, []string{"Ростелекомовский"}},
		{"вакансия", []string{"вакансии", "вакансий", "вакансию", "вакансиями"}, []string{"вакант"}},
		{"рынок", []string{"рынка", "рынку", "рынки", "рынков"}, []string{"рыночный"}},
		{"жалоба", []string{"жалобы", "жалобу", "жалоб", "жалобой"}, []string{"жалобный"}},
		{"Связной", []string{"Связного", "Связному", "Связным"}, []string{"связность"}},
		{"обманули", []string{"обманул", "обманула", "обманули"}, []string{"обманщик"}},
		{"Ёлка", []string{"елки", "ёлке", "Ёлкой"}, nil},
		{"complaint", []string{"complaint", "complaints", "Complaints", "complaint's"}, []string{"complain", "complainant"}},
		{"company", []string{"companies", "company's"}, []string{"companion"}},
		{"refund", []string{"refunds", "refunded", "refunding"}, []string{"refundable"}},
		{"run", []string{"runs", "running"}, []string{"runner", "rune"}},
		{"slack", []string{"slacks", "Slack's"}, []string{"slacker", "slackware"}},
		{"app", []string{"apps", "app's"}, []string{"apple", "application"}},
		{"Tinkoff", []string{"Tinkoff", "Tinkoff'а", "Tinkoff’а", "Tinkoffа", "Tinkoffом", "Tinkoff-у", "TINKOFF"}, []string{"Tinkoffer"}},
		{"iPhone", []string{"iPhone'ы", "iPhone-ы", "iPhones", "айфон iPhone"}, []string{"iPhoneX"}},
		{"ВТБ", []string{"ВТБ", "ВТБ'шный"}, []string{"ВТБшный"}},
		{"Альфа-Банк", []string{"Альфа-Банк", "Альфа Банк", "Альфабанк", "АльфаБанк", "Альфа-Банка", "альфабанком", "Альфа‑Банке"}, []string{"Альфа", "Банк"}},
		{`"Альфа Банк"`, []string{"Альфа-Банк", "Альфа Банк", "Альфабанк", "Альфа-Банком"}, nil},
		{"Альфабанк", []string{"Альфа-Банк", "Альфа Банк", "Альфабанк", "Альфа-Банка", "Альфа Банку"}, []string{"Альфа, Банк"}},
		{"ВкусВилл", []string{"Вкус Вилл", "ВкусВилла", "Вкус-Вилл"}, nil},
		{"T-Mobile", []string{"T-Mobile", "T Mobile", "TMobile"}, []string{"Mobile"}},
		{"café", []string{"cafe", "CAFÉ", "cafés"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			m, err := Compile([]Brand{{Name: "b", Query: tc.query}})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.yes {
				if r := m.Match(Doc{Text: "ну " + w + " вот"}); len(r.Matches) == 0 {
					t.Errorf("%q does not match %q", tc.query, w)
				}
			}
			for _, w := range tc.no {
				if r := m.Match(Doc{Text: "ну " + w + " вот"}); len(r.Matches) != 0 {
					t.Errorf("%q matches %q (%q)", tc.query, w, r.Matches[0].Matched)
				}
			}
		})
	}
}

func TestEvasion(t *testing.T) {
	tests := []struct {
		query, text string
	}{
		{"Сбербанк", "Cбербанк"},                 // Latin C
		{"Сбербанк", "СБЕРБAНК"},                 // Latin A
		{"Сбербанк", "cбepбaнк"},                 // Latin c, e, p, a
		{"Тинькофф", "Tинькофф"},                 // Latin T
		{"Tinkoff", "Тinkoff"},                   // Cyrillic Т in a Latin word
		{"Slack", "Ѕlаck"},                       // Cyrillic ѕ and а
		{"Сбербанк", "Сбер\u00adбанк"},           // soft hyphen
		{"Сбербанк", "Сбер\u200bбанк"},           // zero-width space
		{"Сбербанк", "Сбер\u2060банк"},           // word joiner
		{"Сбербанк", "Сбер\u200dбанк"},           // zero-width joiner
		{"Сбербанк", "Сберба\u0301нк"},           // stress mark
		{"Slack", "Ｓｌａｃｋ"},                       // fullwidth
		{"Slack", "S\u200black"},                 // zero-width space
		{"Сбербанк", "<b>Сбер</b><i>банк</i>"},   // markup inside the word
		{"Сбербанк", "Сбер&shy;банк"},            // soft hyphen entity
		{"Tinkoff", "ｔｉｎｋｏｆｆ&#39;а"},             // fullwidth with an entity apostrophe
		{"Ёлка", "Е\u0308лка"},                   // ё as е + combining diaeresis
		{"Райффайзен", "Раи\u0306ффаи\u0306зен"}, // й as и + combining breve
		{"Сбербанк", "сбербанк\u200b-а"},         // invisible before a hyphen ending
		{"Альфа-Банк", "Альфа\u2011Банк"},        // non-breaking hyphen
		{"Альфа-Банк", "Альфа\u00a0Банк"},        // no-break space
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			if _, ok := matchOne(t, Brand{Query: tc.query}, Doc{Text: "текст " + tc.text + " текст"}); !ok {
				t.Errorf("%q does not match %q", tc.query, tc.text)
			}
		})
	}
}

func TestLangFilter(t *testing.T) {
	m, err := Compile([]Brand{
		{Name: "ru only", Query: "Slack", Lang: []string{"ru"}},
		{Name: "en only", Query: "Slack", Lang: []string{"en"}},
		{Name: "any", Query: "Slack"},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		doc  Doc
		lang string
		want []string
	}{
		{Doc{Text: "Мы перешли на Slack, и это было ошибкой"}, "ru", []string{"ru only", "any"}},
		{Doc{Text: "We moved to Slack and it was a mistake"}, "en", []string{"en only", "any"}},
		{Doc{Text: "Ми перейшли на Slack, і це була помилка"}, "uk", []string{"any"}}, // Ukrainian: neither ru nor en
		{Doc{Text: "Slack", Lang: "ru"}, "ru", []string{"ru only", "any"}},
	}
	for _, tc := range tests {
		t.Run(tc.doc.Text, func(t *testing.T) {
			r := m.Match(tc.doc)
			if r.Lang != tc.lang {
				t.Errorf("Lang = %q, want %q", r.Lang, tc.lang)
			}
			var got []string
			for _, x := range r.Matches {
				got = append(got, x.Brand)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("brands = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestExcludeSites(t *testing.T) {
	b := Brand{Query: `"Acme Bank"`, ExcludeSites: []string{"acmebank.example", "https://blog.other.example/"}}
	tests := []struct {
		url  string
		want bool
	}{
		{"https://acmebank.example/news/1", false},
		{"https://www.acmebank.example/", false},
		{"https://www.google.com/url?rct=j&url=https://acmebank.example/x&ct=ga", false},
		{"https://blog.other.example/post", false},
		{"https://other.example/post", true},
		{"https://notacmebank.example/", true},
		{"", true},
	}
	for _, tc := range tests {
		t.Run(tc.url, func(t *testing.T) {
			if _, ok := matchOne(t, b, Doc{Text: "Acme Bank news", URL: tc.url}); ok != tc.want {
				t.Errorf("matched = %v, want %v", ok, tc.want)
			}
		})
	}
}

func TestMatchManyBrands(t *testing.T) {
	m, err := Compile([]Brand{
		{Name: "Сбер", Query: "Сбербанк OR Сбер"},
		{Name: "Альфа", Query: `"Альфа Банк"`},
		{Name: "Тинькофф", Query: "Тинькофф OR Tinkoff OR T-Bank"},
		{Name: "Банк (exact)", Query: "=банк"},
		{Name: "Slack", Query: "Slack NEAR/5 (app OR channel OR workspace)"},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := m.Match(Doc{
		Title: "Сравнение: Сбербанк, Альфа-Банк и Tinkoff'а",
		Text:  "Я сравнил приложения Сбера и Альфа-Банка. У Tinkoff'а приложение лучше, а в Slack мы обсуждали это в канале.",
	})
	var got []string
	for _, x := range r.Matches {
		got = append(got, fmt.Sprintf("%d:%s:%s", x.Index, x.Brand, strings.Join(x.Matched, "|")))
	}
	want := []string{
		"0:Сбер:сбербанк|сбера",
		"1:Альфа:альфа-банк|альфа-банка",
		"2:Тинькофф:tinkoff'а",
		"3:Банк (exact):банк", // the word банк inside Альфа-Банк
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("matches = %q, want %q", got, want)
	}
}

// TestMatchConcurrent runs one matcher from many goroutines (run with
// -race) and checks every result equals the sequential one.
func TestMatchConcurrent(t *testing.T) {
	brands := genBrands(200)
	m, err := Compile(brands)
	if err != nil {
		t.Fatal(err)
	}
	docs := genDocs(200, brands)
	want := make([]Result, len(docs))
	for i, d := range docs {
		want[i] = m.Match(d)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := range docs {
				i := (k + g*25) % len(docs)
				if got := m.Match(docs[i]); !reflect.DeepEqual(got, want[i]) {
					errs <- fmt.Sprintf("doc %d: got %+v, want %+v", i, got, want[i])
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	n := 0
	for _, r := range want {
		n += len(r.Matches)
	}
	if n == 0 {
		t.Fatal("generated documents matched no brand: the test checks nothing")
	}
}

func TestNearLongOperands(t *testing.T) {
	// A phrase longer than any fixed look-back still counts as near.
	words := "w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16 w17 w18 w19 w20 w21 w22 w23 w24"
	long := `"` + words + `"`
	text := words + " and Slack"
	if _, ok := matchOne(t, Brand{Query: "Slack NEAR/2 " + long}, Doc{Text: text}); !ok {
		t.Error("a long phrase just before the word is not near it")
	}
}

func lowerAll(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = strings.ToLower(w)
	}
	return out
}
