package score

import "testing"

// TestRussianEvents: a company's news of something new, a first or a
// growth by a multiple weighs more than the plain event; words that only
// look like novelty (a city, "новости") do not count, nor does a marker
// in another sentence.
func TestRussianEvents(t *testing.T) {
	e := newTestEngine(t)
	neg := func(text string) float64 {
		return e.Score(Input{Text: text, Brand: "Билайн", Lang: "ru"}).Negativity
	}
	plain := neg("Билайн открыл офис")
	for _, text := range []string{
		"Билайн открыл новый офис",
		"Билайн первым открыл офис",
		"Билайн вдвое увеличил число офисов",
		"Билайн в два раза увеличил число офисов",
	} {
		if got := neg(text); got >= plain {
			t.Errorf("%q: negativity %.2f, want below the plain event's %.2f", text, got, plain)
		}
	}
	for _, text := range []string{
		"Билайн открыл офис в Новосибирске",
		"Новости: Билайн открыл офис",
		"Билайн открыл офис. Новый год скоро",
	} {
		if got := neg(text); got != plain {
			t.Errorf("%q: negativity %.2f, want the plain event's %.2f", text, got, plain)
		}
	}
}
