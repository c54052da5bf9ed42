package app

import (
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/matchers/score"
)

// TestScorerKnowsTheOtherBrands checks that the daemon's scorer is told
// every configured brand: scoring a mention of one, what a text says of
// another (a competitor) is not read as said of it, and without the other
// brand configured it is.
func TestScorerKnowsTheOtherBrands(t *testing.T) {
	text := "МТС опять без связи, ужасный оператор. Перешёл на Билайн"
	both := &config.Config{Brands: []config.Brand{{Name: "Билайн", Query: "Билайн"}, {Name: "МТС", Query: "МТС"}}}
	alone := &config.Config{Brands: []config.Brand{{Name: "Билайн", Query: "Билайн"}}}
	var got [2]score.Result
	for i, cfg := range []*config.Config{both, alone} {
		sc, err := newScorer(cfg, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		got[i] = sc.Score(score.Input{Text: text, Lang: "ru", Brand: "Билайн", Matched: []string{"Билайн"}})
	}
	if got[0].Sentiment == "negative" {
		t.Errorf("with МТС configured, Билайн's mention is %s (%.2f %v)", got[0].Sentiment, got[0].Negativity, got[0].Evidence)
	}
	if got[1].Negativity <= got[0].Negativity {
		t.Errorf("without МТС configured negativity %.2f, with it %.2f: the other brand made no difference", got[1].Negativity, got[0].Negativity)
	}
}

// TestScorerKnowsTheOtherBrandsByTheirQueries: a competitor is known by
// how its query writes it too ("Сбер" for Сбербанк), and a query that
// needs two things at once names nothing but the brand's name.
func TestScorerKnowsTheOtherBrandsByTheirQueries(t *testing.T) {
	text := "Сбер опять заблокировал карту, ужасный банк. Открыл счёт в Квазаре"
	cfgs := []*config.Config{
		{Brands: []config.Brand{{Name: "Квазар", Query: "Квазар"}, {Name: "Сбербанк", Query: "Сбербанк OR Сбер"}}},
		{Brands: []config.Brand{{Name: "Квазар", Query: "Квазар"}, {Name: "Сбербанк", Query: "Сбербанк AND (карта OR Сбер)"}}},
	}
	var got [2]score.Result
	for i, cfg := range cfgs {
		sc, err := newScorer(cfg, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		got[i] = sc.Score(score.Input{Text: text, Lang: "ru", Brand: "Квазар", Matched: []string{"Квазаре"}})
	}
	if got[0].Sentiment == "negative" {
		t.Errorf("with Сбер in Сбербанк's query, Квазар's mention is %s (%.2f %v)", got[0].Sentiment, got[0].Negativity, got[0].Evidence)
	}
	if got[1].Negativity <= got[0].Negativity {
		t.Errorf("a query of two things at once: negativity %.2f, by its alternatives %.2f: want the alternatives to damp more", got[1].Negativity, got[0].Negativity)
	}
}
