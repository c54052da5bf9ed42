package score

import (
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestGeneralRequestNotDamped checks that in general English a request
// phrase ("anyone know", "can you please") leaves the unfavourable words of
// its sentence at VADER's weight, as VADER does; a message to the brand
// still damps them (the customer asks, the words describe the problem).
func TestGeneralRequestNotDamped(t *testing.T) {
	e, err := New(config.Scoring{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	valence := func(r Result, word string) float64 {
		t.Helper()
		for _, ev := range r.Evidence {
			if ev.Text == word {
				return ev.Valence
			}
		}
		t.Fatalf("no evidence %q in %+v", word, r.Evidence)
		return 0
	}
	gen := e.Score(Input{Text: "Anyone know why this update is so awful?", Lang: "en"})
	if gen.Sentiment != model.Negative {
		t.Errorf("general English: %s (negativity %.2f), want negative", gen.Sentiment, gen.Negativity)
	}
	if v := valence(gen, "awful"); v > -2 {
		t.Errorf("general English: \"awful\" counts %.2f, want VADER's weight (≤ −2)", v)
	}
	care := e.Score(Input{Text: "@Acme anyone know why this update is so awful?", Lang: "en", Brand: "Acme"})
	if v := valence(care, "awful"); v <= -2 {
		t.Errorf("to the brand: \"awful\" counts %.2f, want it damped by the request", v)
	}
}
