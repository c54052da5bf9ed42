package score

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// TestRegulatorNames: a regulator written in capitals ("the Financial
// Ombudsman") keeps the legal tag and the valence of its small-letter
// form; a regulator's name counts none of its own words' ("Better" of
// the Better Business Bureau); a court in capitals that names a place
// stays a name.
func TestRegulatorNames(t *testing.T) {
	e := newTestEngine(t)
	score := func(text string) Result {
		return e.Score(Input{Text: text, Lang: "en", Brand: "Quasar Bank"})
	}
	cases := []struct {
		title     string
		sentiment string
		legal     bool
	}{
		{"I'm taking Quasar Bank to the Financial Ombudsman", "negative", true},
		{"Complained about Quasar Bank to the Pensions Ombudsman and the Attorney General", "negative", true},
		{"Taking Quasar Bank to the Fair Work Ombudsman", "negative", true},
		{"I'm reporting Quasar Bank to the Better Business Bureau", "neutral", true},
		{"Quasar Bank will hear from the Financial Conduct Authority", "neutral", false},
		{"Filing a complaint about Quasar Bank with the Federal Trade Commission", "negative", true},
	}
	for _, c := range cases {
		lower := strings.Replace(strings.ToLower(c.title), "quasar bank", "Quasar Bank", 1)
		lower = strings.Replace(lower, "i'm", "I'm", 1)
		rt, rl := score(c.title), score(lower)
		if rt.Sentiment != c.sentiment || rl.Sentiment != c.sentiment {
			t.Errorf("%q: %s (%.2f) %v, small letters %s (%.2f) %v; want %s both", c.title, rt.Sentiment, rt.Negativity, rt.Evidence, rl.Sentiment, rl.Negativity, rl.Evidence, c.sentiment)
		}
		if math.Abs(rt.Negativity-rl.Negativity) > 0.005 {
			t.Errorf("%q: negativity %.2f in capitals, %.2f in small letters", c.title, rt.Negativity, rl.Negativity)
		}
		for _, r := range []Result{rt, rl} {
			if got := slices.Contains(r.Tags, TagLegalThreat); got != c.legal {
				t.Errorf("%q: tags %v, legal_threat want %v", c.title, r.Tags, c.legal)
			}
			if slices.Contains(r.Tags, TagPraise) {
				t.Errorf("%q: tags %v, want no praise", c.title, r.Tags)
			}
		}
	}
	// a court in capitals names a place: no valence, no legal threat
	r := e.Score(Input{Text: "Quasar Bank pop-up stand at the Food Court this weekend", Lang: "en", Brand: "Quasar Bank"})
	if r.Sentiment != "neutral" || slices.Contains(r.Tags, TagLegalThreat) {
		t.Errorf("Food Court: %s (%.2f) %v %v, want neutral without legal_threat", r.Sentiment, r.Negativity, r.Tags, r.Evidence)
	}
}
