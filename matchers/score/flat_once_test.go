package score

import "testing"

// TestFlatFailureCountedOnce checks that a wait a phrase weighs already
// ("waited 40 minutes") is not weighed again by the flat-failure rule:
// its negativity is the same with the rule switched off. A wait no phrase
// holds ("held my payouts for 45 days") is still the rule's.
func TestFlatFailureCountedOnce(t *testing.T) {
	on := newTestEngine(t)
	off := newTestEngine(t)
	off.ablated = abFlatFailure
	for _, c := range []struct {
		text, brand string
		once        bool // a phrase holds the wait
	}{
		{"Waited 40 minutes on hold with Parcelo support", "Parcelo", true},
		{"waited 40 minutes for my Drivo at the airport", "Drivo", true},
		{"The Orbitel app kept crashing all evening", "Orbitel", true},
		{"Parcelo held my payouts for 45 days", "Parcelo", false},
		{"Stood at the pickup point for 40 minutes for my Drivo", "Drivo", false},
	} {
		a, b := on.Score(Input{Text: c.text, Brand: c.brand}), off.Score(Input{Text: c.text, Brand: c.brand})
		if c.once && a.Negativity != b.Negativity {
			t.Errorf("%q: negativity %.3f, %.3f with the flat rule off: the wait counted twice", c.text, a.Negativity, b.Negativity)
		}
		if !c.once && a.Negativity <= b.Negativity {
			t.Errorf("%q: negativity %.3f, %.3f with the flat rule off: the rule should weigh it", c.text, a.Negativity, b.Negativity)
		}
		if a.Sentiment != "negative" {
			t.Errorf("%q: sentiment %s, want negative", c.text, a.Sentiment)
		}
	}
}

// TestShoutoutSarcasm checks that "shoutout to X for" a failure is read
// as sarcastic thanks, and for something good as thanks.
func TestShoutoutSarcasm(t *testing.T) {
	e := newTestEngine(t)
	checkSentence(t, e, "Parcelo", "Shoutout to Parcelo for making me wait 11 months for my refund, love that for me", "negative", []string{"complaint"}, []string{"praise"})
	checkSentence(t, e, "Parcelo", "Shoutout to Parcelo for the fastest delivery I have ever had", "positive", nil, []string{"complaint"})
}
