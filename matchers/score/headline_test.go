package score

import "testing"

// TestHeadlineNames: in a text written in headline style (a function word
// with a capital inside a sentence) capitals mark no names, so a
// sentiment word beside a capitalised word keeps its valence; in ordinary
// text, and in headlines whose function words stay small, names still
// silence theirs.
func TestHeadlineNames(t *testing.T) {
	e := newTestEngine(t)
	cases := []struct{ name, text, want string }{
		{"headline", "Pogoplug Cloud Launches With 5 GB Of Free Storage For Mobile Users", "positive"},
		{"headline negative", "Tips To Avoid The Worst Traffic Jams Downtown", "negative"},
		{"name in a sentence", "Western Force kicks off the new Super Rugby season on the road", "neutral"},
		{"name, small function words", "Picked up a charger at Best Buy on the way to the Bank of America", "neutral"},
		// a capital after punctuation opens a sentence or a quotation
		{"capital after a colon", "Going to the Great Lakes: The trip starts Monday", "neutral"},
		// months and names that are function words too are no sign
		{"May", "Maude Barlow speaks on the Great Lakes in Hamilton May 16", "neutral"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.Score(Input{Text: c.text, Lang: "en"})
			if r.Sentiment != c.want {
				t.Errorf("%q: %s (negativity %.2f, %v), want %s", c.text, r.Sentiment, r.Negativity, r.Evidence, c.want)
			}
		})
	}
}
