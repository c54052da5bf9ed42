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

// TestSwitchingInPosts: moving or switching to somewhere is churn in any
// register, but only in a message to the brand does it weigh against it;
// in a post or the news it says who goes where.
func TestSwitchingInPosts(t *testing.T) {
	e := newTestEngine(t)
	r := e.Score(Input{Text: "Petr Cech has been linked with a January move to Atletico Madrid", Lang: "en"})
	if r.Sentiment != "neutral" {
		t.Errorf("transfer news: %s (%v), want neutral", r.Sentiment, r.Evidence)
	}
	r = e.Score(Input{Text: "Prior to my switch to Nexa, Orbitel was my provider", Brand: "Orbitel", Lang: "en"})
	if !hasTag(r.Tags, TagChurn) {
		t.Errorf("switch in a post: tags %v, want churn", r.Tags)
	}
	r = e.Score(Input{Text: "@Orbitel switching to Nexa next month", Brand: "Orbitel", Lang: "en"})
	if r.Sentiment != "negative" || !hasTag(r.Tags, TagChurn) {
		t.Errorf("switch in a message to the brand: %s %v (%v), want negative with churn", r.Sentiment, r.Tags, r.Evidence)
	}
}

func hasTag(tags []string, tag string) bool {
	for _, t := range tags {
		if t == tag {
			return true
		}
	}
	return false
}
