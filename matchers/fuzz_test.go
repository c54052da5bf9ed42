package matchers

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/mentionwatch/mentionwatch/internal/plaintext"
)

var fuzzQuerySeeds = []string{
	"Slack",
	"Slack NEAR/5 (app OR channel OR workspace)",
	"Slack -wax -baseball",
	`("Acme Bank" OR acmebank OR "Акме Банк") -вакансия -job`,
	`title:"Альфа Банк" site:https://www.Example.com/Blog/ -(x OR y)`,
	"a b OR c", "(a b) OR c", "a NEAR/2 b NEAR/3 c", "a NEAR/2 (b NEAR/3 c)",
	"=Банк", `="Альфа Банк"`, "title:=Slack", "title:(Slack OR Teams)",
	"Tinkoff'а iPhone'ы Альфа-Банк", "Cбербанк Ｓｌａｃｋ Сбер\u00adбанк",
	"Slack (app", `Slack "app`, "Slack)", "()", "Slack OR", "NEAR/ x", "foo:bar",
	"", "-a -b", "a --b", "site:банк.рф Банк", "«Альфа Банк» | “Acme”",
	"Slack = app", "title: x", "site:", "x site:exa..mple", "AT&T & Slack - app",
	"AT&T", `"Procter & Gamble"`, "Ozon.ru OR Дом.ру", "Google+ C++ C# 1+1 AC/DC", "Yahoo! Macy's",
	"=AT&T", "title:Booking.com", `"AT&T Wireless" NEAR/2 outage`, "@ozon_ru #ЯндексПочта",
	"a.b.c.d.e.f.g", ".NET", "Yahoo!Japan", "a+&b", "ＡＴ＆Ｔ", "AT & T", "a++b", "x#y",
}

func FuzzParseQuery(f *testing.F) {
	for _, q := range fuzzQuerySeeds {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		p, err := ParseQuery(q)
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("ParseQuery(%q): error %T is not a *QueryError", q, err)
			}
			if qe.Col < 1 || qe.Col > utf8.RuneCountInString(q)+1 {
				t.Fatalf("ParseQuery(%q): col %d out of range", q, qe.Col)
			}
			return
		}
		s := p.String()
		p2, err := ParseQuery(s)
		if err != nil {
			t.Fatalf("ParseQuery(%q) printed %q, which does not parse: %v", q, s, err)
		}
		if s2 := p2.String(); s2 != s {
			t.Fatalf("ParseQuery(%q) printed %q, which prints back as %q", q, s, s2)
		}
		// The names of a query are non-empty words and phrases.
		for _, n := range p.Names() {
			if strings.TrimSpace(n) == "" {
				t.Fatalf("ParseQuery(%q).Names() has an empty name", q)
			}
		}
		m, err := Compile([]Brand{{Name: "b", Query: q}})
		if err != nil {
			t.Fatalf("Compile(%q) after ParseQuery accepted it: %v", q, err)
		}
		// A query always matches its own words when they are all there.
		m.Match(Doc{Title: q, Text: q + " " + s, URL: "https://example.com/x"})
		// A word or phrase the checker finds nothing wrong with matches
		// itself written as the query writes it: the query's lexer and
		// the document tokenizer agree on names with punctuation.
		if p.root.kind == nAtom && len(QueryWarnings(q)) == 0 && (!plaintext.HasMarkup(q) || plaintext.FromHTML(q) == q) {
			if r := m.Match(Doc{Title: q, Text: q}); len(r.Matches) == 0 {
				t.Fatalf("%q (words %q) does not match itself", q, p.root.words)
			}
		}
	})
}

var fuzzMatcher = sync.OnceValue(func() *Matcher {
	m, err := Compile([]Brand{
		{Name: "Slack", Query: "Slack NEAR/5 (app OR channel OR workspace)"},
		{Name: "Slack2", Query: "Slack -wax -baseball"},
		{Name: "Сбер", Query: "Сбербанк OR Сбер OR =СберБизнес"},
		{Name: "Альфа", Query: `"Альфа Банк" -вакансия`},
		{Name: "Тинькофф", Query: "Тинькофф OR Tinkoff OR T-Bank", ExcludeSites: []string{"tbank.ru"}},
		{Name: "Acme", Query: `title:Acme OR ("Acme Bank" NEAR/3 (complaint OR жалоба)) -site:acme.example`},
		{Name: "банк", Query: "банк", Lang: []string{"ru"}},
		{Name: "Wide", Query: "a OR b OR c OR d OR e OR я OR и OR в"},
		{Name: "Names", Query: `AT&T OR H&M OR "Procter & Gamble" OR Ozon.ru OR Дом.ру OR Google+ OR C# OR Yahoo!`},
		{Name: "Handles", Query: "Megafon OR Мегафон OR Ozon OR =Slack OR a.b.c.d.e.f"},
	})
	if err != nil {
		panic(err)
	}
	return m
})

func FuzzMatch(f *testing.F) {
	seeds := [][3]string{
		{"Slack adds huddles", "Teams can now start a huddle from any <b>Slack</b> channel&amp;#39;s header", "https://www.google.com/url?url=https://news.example.com/x"},
		{"", "Я пришёл в Сбербанк, а в Сбербанке сказали идти в банкомат.", ""},
		{"Альфа-Банк", "Клиенты Альфа Банка и Tinkoff'а, Cбербанк, Сбер\u00adбанк", "https://tbank.ru/"},
		{"Acme", "Acme Bank complaint жалоба", "http://acme.example/"},
		{"&amp;lt;b&amp;gt;x", "<script>Slack app</script><p>Slack</p>app", ""},
		{"\xff\xfe", "a\u0301b\u0306 ｶﾞ ﬁ Ёё ß İ", "::bad url"},
		{"", strings.Repeat("Slack app. ", 100), ""},
		{"AT&amp;amp;T outage", "AT&T, H&M, M&S, Ozon.ru, Booking.com, Дом.ру-шный, Google+, C++ & C#, Yahoo!", ""},
		{"", "Пишу в @megafonru и @MegaFonHelp, #МегаФонТВ, @notmegafon, #антимегафон, @ozon_ru_help, @ATT", ""},
		{"", "Procter & Gamble, Procter&amp;Gamble, www.ozon.ru/x, a.b.c.d.e.f.g.h, ＡＴ＆Ｔ, 1+1, AC/DC", ""},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, title, text, url string) {
		m := fuzzMatcher()
		r := m.Match(Doc{Title: title, Text: text, URL: url})
		if !slices.Contains(Langs, r.Lang) {
			t.Fatalf("Lang = %q, not one of Langs", r.Lang)
		}
		plain := " " + strings.Join(strings.Fields(plaintext.FromHTML(title)+" "+plaintext.FromHTML(text)), " ") + " "
		if !plaintext.HasMarkup(title) && !plaintext.HasMarkup(text) {
			plain = " " + strings.Join(strings.Fields(title+" "+text), " ") + " "
		}
		prev := -1
		for _, mt := range r.Matches {
			if mt.Index <= prev {
				t.Fatalf("matches out of order: %+v", r.Matches)
			}
			prev = mt.Index
			if len(mt.Matched) == 0 {
				t.Fatalf("%s matched no words", mt.Brand)
			}
			for _, w := range mt.Matched {
				if w == "" || !strings.Contains(strings.ToLower(plain), w) {
					t.Fatalf("%s: Matched %q is not in the text %q", mt.Brand, w, plain)
				}
			}
			s := mt.Snippet
			if !utf8.ValidString(s.Text) {
				t.Fatalf("snippet is not UTF-8: %q", s.Text)
			}
			if len(s.Marks) == 0 {
				t.Fatalf("%s: snippet %q has no marks", mt.Brand, s.Text)
			}
			end := 0
			for _, mk := range s.Marks {
				if mk[0] < end || mk[1] <= mk[0] || mk[1] > len(s.Text) {
					t.Fatalf("bad marks %v in %q", s.Marks, s.Text)
				}
				end = mk[1]
			}
			if n := utf8.RuneCountInString(s.Text); n > snippetRunes+2*snippetSlack+8 {
				// A single long run without spaces may exceed the budget;
				// anything else must not.
				if strings.Count(s.Text, " ") > 3 {
					t.Fatalf("snippet of %d runes: %q", n, s.Text)
				}
			}
		}
		// The tokenizer's fast path agrees with the general one.
		var fast, slow tokenizer
		slow.slow = true
		fast.add(text)
		slow.add(text)
		if !reflect.DeepEqual(fast.toks, slow.toks) || string(fast.buf) != string(slow.buf) || !reflect.DeepEqual(fast.bounds, slow.bounds) {
			t.Fatalf("fast and slow tokenizers differ on %q", text)
		}
	})
}
