package score

import "testing"

// TestRussianListing checks that the title of a page a search found
// ("как закрыть кредит в сбербанке http://…": no capital letter, a link,
// nobody's voice, addressed to no one) names a problem without
// complaining of it, while a complaint written the same way to the
// company, or in a person's voice, stays negative.
func TestRussianListing(t *testing.T) {
	e := newTestEngine(t)
	cases := []struct{ text, want string }{
		{"как закрыть кредит в сбербанке http://example.com/x", "neutral"},
		{"сбербанк причины отказа в кредите http://example.com/x", "neutral"},
		{"@sberbank отказали в кредите без причины http://example.com/x", "negative"},
		{"сбербанк опять списал деньги без спроса http://example.com/x", "negative"},
		{"сбербанк, как закрыть кредит, если отказали?! http://example.com/x", "negative"},
	}
	for _, c := range cases {
		r := e.Score(Input{Text: c.text, Brand: "Сбербанк", Lang: "ru"})
		if r.Sentiment != c.want {
			t.Errorf("%q: %s (negativity %.2f, %v), want %s", c.text, r.Sentiment, r.Negativity, r.Evidence, c.want)
		}
	}
}
