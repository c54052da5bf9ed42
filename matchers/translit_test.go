package matchers

import (
	"slices"
	"testing"
)

// TestCyrillicQueryLatinHandle: a Cyrillic query word finds a Latin
// @handle or #hashtag that begins with its transliteration, in the usual
// spellings (кс as x, к as c), whole, joined by "_" or as the first part
// of a camel-case tag; not a plain Latin word, and not a handle that
// only contains it.
func TestCyrillicQueryLatinHandle(t *testing.T) {
	tests := []matchCase{
		{"Яндекс", "@yandex да", true},
		{"Яндекс", "@Yandex_Support почему", true},
		{"Яндекс", "#YandexGo водитель опоздал", true},
		{"Яндекс", "@yandeks_help", true},
		{"Яндекс", "#ЯндексПочта не работает", true},
		{"МТС", "@mts_ru нет связи", true},
		{"МТС", "@MTS_RU нет связи", true},
		{"МТС", "#MTSLive", true},
		{"Сбер", "@sberbank не работает", true},
		{"Сбер", "@SberBank_Help", true},
		{"Тинькофф", "@tinkoffbank help", true},
		{"Тинькофф", "@Tinkoff_Bank", true},
		{"Мегафон", "@megafon_help", true},
		{"Аэрофлот", "@aeroflot_help рейс задержан", true},
		{"Ростелеком", "@rostelecom_official", true},
		{"Ростелеком", "@rostelekom", true},
		{"РЖД", "@rzd_official поезд опоздал", true},
		{"ВТБ", "@vtb_bank не работает", true},
		{"ВТБ", "@vtbx fan", false},
		{"Пятёрочка", "@pyaterochka_official обсчитали", true},
		{`"Альфа Банк"`, "@alfabank карта заблокирована", true},
		{"Дом.ру", "@domru_help нет интернета", true},
		// not a plain word, not a handle that only contains it
		{"Яндекс", "Yandex shares fell", false},
		{"Яндекс", "@myyandex hi", false},
		{"МТС", "MTS conference in Boston", false},
		{"МТС", "@amts_ru", false},
		{"МТС", "@mtsgericht", false},
		{"Мир", "@mirror_news", false},
		{"Мир", "@mir_cards", true},
		{"Мир", "#MirPay", true},
		{"Сбер", "Sber said nothing", false},
		{"Тинькофф", "tinkoff in plain text", false},
		{"=Сбер", "@sberbank", false},
		{"Аэрофлот", "aeroflot.example.org", false},
		// a Latin name run into a Cyrillic word in a hashtag
		{"Ozon", "#Ozonдоставка опять", true},
		{"Ozon", "#OzonДоставка опять", true},
		{"Ozon", "Ozonдоставка опять", false},
	}
	checkMatchCases(t, tests)
}

func TestTranslitForms(t *testing.T) {
	for w, want := range map[string][]string{
		"яндекс":     {"yandeks", "yandex", "yandecs"},
		"мтс":        {"mts"},
		"тинькофф":   {"tinkoff", "tincoff"},
		"щука":       {"schuka", "schuca"},
		"ё":          nil,
		"україна":    nil, // not Russian letters
		"сбер":       {"sber"},
		"ростелеком": {"rostelekom", "rostelecom"},
	} {
		if got := translitForms(w); !slices.Equal(got, want) {
			t.Errorf("translitForms(%q) = %q, want %q", w, got, want)
		}
	}
}
