package score

import (
	"fmt"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestOtherBrands checks that what a text says of a competitor is not read
// as said of the brand: per clause and per sentence, with the brand
// named beside it, in a list of brands, with the competitors given per
// input or configured for the engine, and through the index used for
// many brands.
func TestOtherBrands(t *testing.T) {
	plain, err := New(config.Scoring{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		text, brand string
		others      []string
		want        string
	}{
		// what is said of МТС hardly counts for Билайн (ruOtherDamp), the
		// move to it does
		{"МТС опять без связи, ужасный оператор. Перешёл на Билайн", "Билайн", []string{"МТС"}, "positive"},
		{"МТС опять без связи, ужасный оператор. Перешёл на Билайн", "МТС", []string{"Билайн"}, "negative"},
		{"У Мегафона ужасная связь, а Билайн работает отлично", "Билайн", []string{"МегаФон"}, "positive"},
		{"У Мегафона ужасная связь, а Билайн работает отлично", "МегаФон", []string{"Билайн"}, "negative"},
		{"Сбербанк отвратительно обслуживает клиентов. ВТБ открыл новый офис", "ВТБ", []string{"Сбербанк"}, "neutral"},
		// a list of brands shares what follows it
		{"Сбербанк, ВТБ и Альфа-Банк показали отличный рост прибыли", "Сбербанк", []string{"ВТБ", "Альфа-Банк"}, "positive"},
		// leaving one for the other, and a contrast with the brand
		{"Перешёл с МТС на Билайн", "МТС", []string{"Билайн"}, "negative"},
		{"Перешёл с МТС на Билайн", "Билайн", []string{"МТС"}, "positive"},
		{"В отличие от МТС, у Билайна связь отличная", "МТС", []string{"Билайн"}, "negative"},
		{"В отличие от МТС, у Билайна связь отличная", "Билайн", []string{"МТС"}, "positive"},
		{"По сравнению со Сбербанком в ВТБ обслуживают быстро и вежливо", "Сбербанк", []string{"ВТБ"}, "negative"},
		{"По сравнению со Сбербанком в ВТБ обслуживают быстро и вежливо", "ВТБ", []string{"Сбербанк"}, "positive"},
		// a competitor named in a hashtag
		{"#МТС опять без связи, ужасный оператор. Перешёл на Билайн", "Билайн", []string{"МТС"}, "positive"},
		{"Ужасная связь #мегафон, а Билайн норм", "Билайн", []string{"МегаФон"}, "positive"},
		// no other brand named: unchanged
		{"Билайн работает отвратительно", "Билайн", []string{"МТС"}, "negative"},
	}
	for _, c := range cases {
		t.Run(c.brand+": "+c.text, func(t *testing.T) {
			got := plain.Score(Input{Text: c.text, Lang: "ru", Brand: c.brand, Others: c.others})
			if got.Sentiment != c.want {
				t.Errorf("with others %v: %s (%.2f %v), want %s", c.others, got.Sentiment, got.Negativity, got.Evidence, c.want)
			}
			// the same competitors configured for the engine, with the
			// brand itself among the names and many more brands (index)
			names := append([]string{c.brand}, c.others...)
			for i := 0; i < 40; i++ {
				names = append(names, fmt.Sprintf("Бренд%02d", i), fmt.Sprintf("brand%02d", i))
			}
			e, err := New(config.Scoring{}, Options{Brands: names})
			if err != nil {
				t.Fatal(err)
			}
			if got2 := e.Score(Input{Text: c.text, Lang: "ru", Brand: c.brand}); got2.Negativity != got.Negativity {
				t.Errorf("configured brands: negativity %.2f, per input %.2f", got2.Negativity, got.Negativity)
			}
		})
	}
	// a text scored without a brand is never damped by configured brands
	e, _ := New(config.Scoring{}, Options{Brands: []string{"МТС", "Билайн"}})
	text := "МТС опять без связи, ужасный оператор"
	if a, b := e.Score(Input{Text: text, Lang: "ru"}), plain.Score(Input{Text: text, Lang: "ru"}); a.Negativity != b.Negativity {
		t.Errorf("no brand: negativity %.2f with configured brands, %.2f without", a.Negativity, b.Negativity)
	}
}

// BenchmarkScoreBrands is BenchmarkScore with 100 brands configured: the
// SentiRuEval companies and made-up names, so that every mention is read
// for its competitors.
func BenchmarkScoreBrands(b *testing.B) {
	var names []string
	for _, a := range entityAliases {
		names = append(names, a[0])
	}
	for i := len(names); i < 100; i++ {
		names = append(names, fmt.Sprintf("Бренд%03d", i))
	}
	e, err := New(config.Scoring{}, Options{Brands: names})
	if err != nil {
		b.Fatal(err)
	}
	benchScore(b, e, benchTexts(b, false))
}

// TestOtherBrandsContrast: "but" between the brand's clause and another
// brand's opposes two companies; the brand's verdict keeps its weight
// whichever side of the contrast it stands on, and a contrast inside the
// brand's own sentence still weighs the later verdict more.
func TestOtherBrandsContrast(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct {
		brand, other, text string
		want               string
	}{
		{"Acme Bank", "Beta Bank", "Acme Bank is awful but Beta Bank is great", model.Negative},
		{"Acme Bank", "Beta Bank", "Acme Bank is great but Beta Bank is awful", model.Positive},
		{"Acme Bank", "Beta Bank", "Beta Bank is great, but Acme Bank is awful", model.Negative},
		{"Acme Bank", "Beta Bank", "Beta Bank is awful, but Acme Bank is great", model.Positive},
		{"Акме Банк", "Бета Банк", "В Акме Банке всё отлично, но Бета Банк ужасный", model.Positive},
		{"Акме Банк", "Бета Банк", "Акме Банк ужасен, а Бета Банк отличный", model.Negative},
		{"Acme Bank", "Beta Bank", "Acme Bank has a nice app but the support is awful", model.Negative},
	} {
		r := e.Score(Input{Text: c.text, Brand: c.brand, Others: []string{c.other}})
		if r.Sentiment != c.want {
			t.Errorf("%q for %s: %s (negativity %.2f), want %s", c.text, c.brand, r.Sentiment, r.Negativity, c.want)
		}
	}
}
