package score

import (
	"math"
	"testing"
)

// TestSentimentModelMapsCuts: the model's cuts land on the Russian curve's
// points, so its score labels through the engine's thresholds.
func TestSentimentModelMapsCuts(t *testing.T) {
	scale, shift := valenceMap(-0.6, 0.9, 0.8, 0.8)
	if v := scale*-0.6 + shift; math.Abs(v+0.8) > 1e-9 {
		t.Errorf("negative cut maps to %v, want -0.8", v)
	}
	if v := scale*0.9 + shift; math.Abs(v-0.8) > 1e-9 {
		t.Errorf("positive cut maps to %v, want 0.8", v)
	}
	if _, err := parseSentModel("x.model", "cut\t1\t0\nr:ad\t1\n"); err == nil {
		t.Error("cuts in the wrong order accepted")
	}
	m, err := parseSentModel("x.model", "# none\n")
	if m != nil || err != nil {
		t.Errorf("a file with no weights: %v, %v; want no model", m, err)
	}
}

// TestSentimentModelDecides: with a model, its correction moves the
// negativity of a Russian text about a brand (and of no other text).
func TestSentimentModelDecides(t *testing.T) {
	e := newTestEngine(t)
	in := Input{Text: "RT @Квазар: Квазар открыл новый офис http://t.co/x", Brand: "Квазар", Lang: "ru"}
	before := e.Score(in)
	m, err := parseSentModel("x.model", "cut\t-0.8\t0.8\nr:link\t-3\n")
	if err != nil || m == nil {
		t.Fatal(m, err)
	}
	e.sentModels = map[string]*sentModel{"ru": m}
	after := e.Score(in)
	if after.Sentiment != "negative" || after.Negativity <= before.Negativity {
		t.Errorf("with the model: %s %.2f (before %s %.2f), want negative", after.Sentiment, after.Negativity, before.Sentiment, before.Negativity)
	}
	in.Brand = ""
	plain := newTestEngine(t)
	if a, b := e.Score(in), plain.Score(in); a.Negativity != b.Negativity {
		t.Errorf("a text about no brand moved: %.2f, without the model %.2f", a.Negativity, b.Negativity)
	}
}
