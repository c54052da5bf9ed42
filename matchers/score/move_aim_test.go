package score

import (
	"slices"
	"testing"
)

// TestMoveAim: after a move from one company to another, what the rest of
// the sentence says without naming anyone is aimed by its sign — the
// unfavourable at the company left, the favourable at the one chosen —
// with or without the other company among Input.Others; a clause that
// points back ("там", "but") or follows no move keeps today's reading.
func TestMoveAim(t *testing.T) {
	e := newTestEngine(t)
	cases := []struct {
		name, text, lang, brand, other string
		// sentiment wanted; "!negative" is anything but negative
		sentiment string
		complaint bool     // whether the complaint tag is wanted
		tags      []string // tags that must be there as well
	}{
		{"ru destination", "Ухожу от Билайна к МТС, задолбали обрывы", "ru", "МТС", "Билайн", "!negative", false, []string{TagPurchaseIntent}},
		{"ru origin", "Ухожу от Билайна к МТС, задолбали обрывы", "ru", "Билайн", "МТС", "negative", true, []string{TagChurn}},
		{"en destination", "Switching from Comcast to Verizon, sick of the outages", "en", "Verizon", "Comcast", "!negative", false, nil},
		{"en origin", "Switching from Comcast to Verizon, sick of the outages", "en", "Comcast", "Verizon", "negative", true, []string{TagChurn}},
		{"ru praise for the destination", "Ушла из Сбера в Тинькофф — наконец нормальное приложение", "ru", "Тинькофф", "Сбер", "positive", false, nil},
		{"ru praise not for the origin", "Ушла из Сбера в Тинькофф — наконец нормальное приложение", "ru", "Сбер", "Тинькофф", "negative", true, []string{TagChurn}},
		// "там" may point at either company: today's reading stays
		{"ru there, destination", "Перешёл с Теле2 на Билайн, там постоянно сеть пропадает", "ru", "Билайн", "Теле2", "negative", false, nil},
		// "а то" gives the move's reason
		{"ru а то", "Ухожу от Билайна к МТС, а то задолбали обрывы", "ru", "МТС", "Билайн", "!negative", false, nil},
		// a turn after the move speaks of the company chosen
		{"ru а", "Перешёл с Билайна на МТС, а связь ещё хуже, постоянно пропадает", "ru", "МТС", "Билайн", "negative", true, nil},
		{"en but", "Switched from Comcast to Verizon but the signal is awful", "en", "Verizon", "Comcast", "negative", true, nil},
		// no move: the nameless clause goes on about the brand
		{"ru no move", "Остаюсь на МТС, задолбали обрывы", "ru", "МТС", "Билайн", "negative", true, nil},
		{"en no move", "Staying with Verizon, sick of the outages", "en", "Verizon", "Comcast", "negative", true, nil},
		// a move that does not involve the brand changes nothing for it
		{"ru move between others", "МТС задолбали обрывы. Ухожу от Билайна к Мегафону, задолбали обрывы", "ru", "МТС", "Билайн", "negative", true, nil},
	}
	for _, c := range cases {
		for _, others := range [][]string{{c.other}, nil} {
			r := e.Score(Input{Text: c.text, Lang: c.lang, Brand: c.brand, Others: others})
			ok := r.Sentiment == c.sentiment || c.sentiment == "!negative" && r.Sentiment != "negative"
			if !ok {
				t.Errorf("%s (others %v): %s (%.2f) %v, want %s", c.name, others, r.Sentiment, r.Negativity, r.Evidence, c.sentiment)
			}
			if got := slices.Contains(r.Tags, TagComplaint); got != c.complaint {
				t.Errorf("%s (others %v): tags %v, complaint want %v", c.name, others, r.Tags, c.complaint)
			}
			for _, tag := range c.tags {
				if !slices.Contains(r.Tags, tag) {
					t.Errorf("%s (others %v): tags %v, want %s", c.name, others, r.Tags, tag)
				}
			}
		}
	}
}

// TestMoveAimFavourOfDestination: scored for the company chosen, the
// complaint after the move costs less than the same words with no move
// before them, and scored for the company left, it costs the same.
func TestMoveAimFavourOfDestination(t *testing.T) {
	e := newTestEngine(t)
	neg := func(text, brand string) float64 {
		return e.Score(Input{Text: text, Lang: "ru", Brand: brand}).Negativity
	}
	moved := neg("Ухожу от Билайна к МТС, задолбали обрывы", "МТС")
	plain := neg("МТС, задолбали обрывы", "МТС")
	if moved >= plain {
		t.Errorf("destination: negativity %.2f, want below %.2f (the complaint is the origin's)", moved, plain)
	}
	if origin := neg("Ухожу от Билайна к МТС, задолбали обрывы", "Билайн"); origin < plain {
		t.Errorf("origin: negativity %.2f, want at least %.2f", origin, plain)
	}
}
