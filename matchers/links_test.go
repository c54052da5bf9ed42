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
