package score

import "testing"

// everydayEnglish4 are sentences of the kinds the fourth everyday round
// reads (en_everyday4.go), written for this test: none is a line of
// testdata/everyday. Each reading has a sentence it must change and one
// it must leave alone: "keeps" and "still" in a good sense, a short wait,
// a story of long use, and sincere thanks after a failure set right.
var everydayEnglish4 = []struct {
	name, brand, text string
	sentiment         string
	tags, no          []string
}{
	// failures told flatly
	{"keeps logging out", "Orbitel", "The Orbitel app keeps logging me out", "negative", []string{"complaint"}, nil},
	{"still no refund", "Parcelo", "Three weeks on and Parcelo still hasn't processed my refund", "negative", []string{"complaint"}, nil},
	{"a long wait", "Drivo", "Stood at the pickup point for 40 minutes waiting for my Drivo", "negative", []string{"complaint"}, nil},
	{"status claimed", "Parcelo", "Parcelo tracker says delivered but nothing at my door", "negative", []string{"complaint"}, nil},
	// the same words in a good sense
	{"kept working", "Orbitel", "The Orbitel app kept working all through the storm", "!negative", nil, []string{"complaint"}},
	{"keeps delivering", "Orbitel", "Orbitel keeps delivering for us", "!negative", nil, []string{"complaint"}},
	{"still no problems", "Drivo", "Drivo car is still no problem at all after two years", "!negative", nil, []string{"complaint"}},
	{"a short wait", "Parcelo", "Got through to Parcelo support after holding just 2 minutes", "!negative", nil, []string{"complaint"}},
	// a closing sentence of approval after a story that is not of failure
	{"years of use", "Quillo", "Been using Quillo for 10 years. Love it", "positive", []string{"praise"}, []string{"complaint"}},
	{"times flown", "Skyway", "I have flown Skyway 20 times this year. Love it", "positive", []string{"praise"}, []string{"complaint"}},
	{"irony kept", "Skyway", "Skyway lost my bag and I waited 3 hours at the desk. Great service", "negative", []string{"complaint"}, []string{"praise"}},
}

// TestEverydayEnglish4 checks the fourth round's everyday English
// readings on sentences written for the test.
func TestEverydayEnglish4(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range everydayEnglish4 {
		t.Run(c.name, func(t *testing.T) {
			checkSentence(t, e, c.brand, c.text, c.sentiment, c.tags, c.no)
		})
	}
}

// TestClosingThanksAfterRescue checks that closing approval after a
// failure the brand set right, told in a sentence of its own, is sincere:
// it keeps its approval, while the same approval after a failure left
// as it was is irony.
func TestClosingThanksAfterRescue(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct {
		text    string
		sincere bool
	}{
		{"Skyway misplaced my bag. They found it the same day and brought it to my door. Great service", true},
		{"My bag went missing on the Skyway flight. Staff found it within the day. Great service", true},
		{"My bag went missing on the Skyway flight. Nobody at the desk for 3 hours. Great service", false},
	} {
		r := e.Score(Input{Text: c.text, Brand: "Skyway"})
		v := 0.0
		for _, ev := range r.Evidence {
			if ev.Text == "Great service" {
				v = ev.Valence
			}
		}
		if v > 0 != c.sincere {
			t.Errorf("%q: \"Great service\" weighs %.2f, sincere %v (evidence %v)", c.text, v, c.sincere, r.Evidence)
		}
	}
}

// TestFlatFailureClaimsLinear checks that a long text of status claims
// reads the rest of the text for a contrast once, not once per claim: a
// claim far from any contrast is no complaint on its own, one before a
// contrast in its sentence or the next still is, and one before a
// contrast sentences later is not.
func TestFlatFailureClaimsLinear(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct {
		text string
		want bool
	}{
		{"Parcelo says delivered. Parcelo says delivered. Parcelo says delivered.", false},
		{"Parcelo says delivered. Parcelo says delivered. Nothing at my door though.", true},
		// a contrast sentences later is not this claim's
		{"Parcelo app says delivered and the box was at my door. Great driver. Then we opened it and loved it.", false},
	} {
		r := e.Score(Input{Text: c.text, Brand: "Parcelo"})
		got := false
		for _, ev := range r.Evidence {
			got = got || ev.Text == "says" && ev.Valence < 0
		}
		if got != c.want {
			t.Errorf("%q: the claim weighs as a failure %v, want %v (evidence %v)", c.text, got, c.want, r.Evidence)
		}
	}
}
