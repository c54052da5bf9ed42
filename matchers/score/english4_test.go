package score

import "testing"

// TestEnglishNarrowed checks the English mechanisms narrowed in the fourth
// English round, each with a text it must now read and one it must still
// read as before.
func TestEnglishNarrowed(t *testing.T) {
	e := newTestEngine(t)
	cases := []struct{ name, brand, text, want string }{
		// a drawn-out "no" is a cry, not a negation of what follows
		{"cry", "", "Noooooo I love this song", "positive"},
		{"negation", "", "No I do not love this song", "negative"},
		// exclamation marks amplify a mild tone in English too (customer
		// care keeps little of courtesy, and "!" says it is meant)
		{"mild with exclamation", "Orbitel", "@Orbitel nice and early back home!", "positive"},
		{"mild without", "Orbitel", "@Orbitel back home", "neutral"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.Score(Input{Text: c.text, Brand: c.brand, Lang: "en"})
			if r.Sentiment != c.want {
				t.Errorf("%q: %s (negativity %.2f, %v), want %s", c.text, r.Sentiment, r.Negativity, r.Evidence, c.want)
			}
		})
	}
}
