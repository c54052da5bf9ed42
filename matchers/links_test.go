package matchers

import "testing"

// TestBrandInLinks: a link written in the text is part of what the reader
// sees. Its host name counts like a handle: it begins with a query word,
// or with a Cyrillic query word's transliteration (https://www.sberbank.ru
// for Сбер). Words of its path count as words. A host that only contains
// the word, an e-mail address, and a link hidden in markup do not count.
func TestBrandInLinks(t *testing.T) {
	tests := []struct {
		name, query, text string
		want              bool
	}{
		{"host after www, transliterated", "Сбер", "вот ссылка https://www.sberbank.ru/ru/person", true},
		{"host after ://, transliterated", "Сбербанк", "https://sberbank.com/x", true},
		{"host with www only", "Сбер", "зайдите на www.sberbank.ru", true},
		{"host, Latin query", "Ozon", "https://www.ozon.ru/product/1", true},
		{"host, Latin query, other domain", "Megafon", "https://megafon.ru/help", true},
		{"path word, Latin query", "Ozon", "https://news.example/ozon-fined today", true},
		{"host that only contains the word", "Сбер", "https://notsberbank.ru/", false},
		{"host that only contains the word, Latin", "Megafon", "https://www.notmegafon.ru/", false},
		{"path word is not a handle: no transliteration", "Сбербанк", "https://news.example/sberbank-fined", false},
		{"e-mail address", "Сбер", "пишите help@sberbank.ru", false},
		{"a link in markup only", "Ozon", `<a href="https://ozon.ru/x">ссылка</a>`, false},
		{"a plain Latin word is no host", "Сбер", "sberbank shares", false},
	}
	for _, tc := range tests {
		if _, got := matchOne(t, Brand{Query: tc.query}, Doc{Text: tc.text}); got != tc.want {
			t.Errorf("%s: %s in %q: matched %v, want %v", tc.name, tc.query, tc.text, got, tc.want)
		}
	}
}

// TestLatinNameNotTransliteration: a Cyrillic query finds the Latin
// handles of its transliteration only; a brand whose Latin name is
// another word needs it in the query.
func TestLatinNameNotTransliteration(t *testing.T) {
	tests := []struct {
		query, text string
		want        bool
	}{
		{"Билайн", "@Beeline_RUS помогите", false},
		{"Билайн OR Beeline", "@Beeline_RUS помогите", true},
		{"Сбербанк", "@SberbankOnline помогите", true},
		{"Тинькофф", "@Tinkoff_Bank помогите", true},
		{"Тинькофф", "@notinkoff помогите", false},
	}
	for _, tc := range tests {
		if _, got := matchOne(t, Brand{Query: tc.query}, Doc{Text: tc.text}); got != tc.want {
			t.Errorf("%s in %q: matched %v, want %v", tc.query, tc.text, got, tc.want)
		}
	}
}

// TestOwnSiteLinkIsNoHandle: a link to the document's own site (a
// forum's links to its own threads) is navigation, not a mention of the
// brand whose name the site bears: its host does not count as a handle.
// Links to other sites still do, and so do handles on the site.
func TestOwnSiteLinkIsNoHandle(t *testing.T) {
	tests := []struct {
		name, query, url, text string
		want                   bool
	}{
		{"own site", "Пикабу", "https://pikabu.ru/story/1", "см. https://pikabu.ru/story/2", false},
		{"own site with www", "Пикабу", "https://pikabu.ru/story/1", "см. https://www.pikabu.ru/story/2", false},
		{"own site, page with www", "Банки", "https://www.banki.ru/responses/1", "вот https://banki.ru/responses/2", false},
		{"own site, www only", "Банки", "https://www.banki.ru/responses/1", "вот www.banki.ru/responses/2", false},
		{"own site, page on a subdomain", "Сбер", "https://forum.sberbank.ru/t/1", "см. https://sberbank.ru/help", false},
		{"own site, in the title", "Пикабу", "https://pikabu.ru/story/1", "", false},
		{"other site", "Сбер", "https://pikabu.ru/story/1", "см. https://www.sberbank.ru/help", true},
		{"other site with a similar name", "Сбер", "https://sberbank.example/t/1", "см. https://www.sberbank.ru/help", true},
		{"no page address", "Пикабу", "", "см. https://pikabu.ru/story/2", true},
		{"a handle on the site", "Пикабу", "https://pikabu.ru/story/1", "спасибо @pikabu", true},
		{"the name as a word on the site", "Пикабу", "https://pikabu.ru/story/1", "Пикабу опять упал", true},
	}
	for _, tc := range tests {
		d := Doc{URL: tc.url, Text: tc.text}
		if tc.text == "" {
			d.Title = "https://pikabu.ru/story/2"
		}
		if _, got := matchOne(t, Brand{Query: tc.query}, d); got != tc.want {
			t.Errorf("%s: %s in %q on %s: matched %v, want %v", tc.name, tc.query, tc.text, tc.url, got, tc.want)
		}
	}
}
