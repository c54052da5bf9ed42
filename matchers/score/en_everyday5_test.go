package score

import "testing"

// everydayEnglish5 are sentences of the kinds the fifth everyday round
// reads (en_everyday5.go), written for this test: none is a line of
// testdata/everyday. Each reading has a sentence it must change and one
// it must leave alone.
var everydayEnglish5 = []struct {
	name, brand, text string
	sentiment         string
	tags, no          []string
}{
	// news in the shapes enNewsOf leaves out
	{"progressive", "Parcelo", "Parcelo is closing its depot in Leeds after weak sales", "neutral", nil, []string{"complaint"}},
	{"strike", "Skyway", "Skyway cabin crew strike on Friday, hundreds of flights cancelled", "neutral", nil, []string{"complaint"}},
	{"users report", "Orbitel", "Orbitel network down across the north, users report no signal", "neutral", nil, []string{"complaint"}},
	// the same words where someone speaks or a verdict follows
	{"my flight", "Skyway", "Skyway cancelled my flight because of the crew strike, no refund", "negative", []string{"complaint"}, nil},
	{"says then verdict", "Parcelo", "Parcel lost, Parcelo says it's the courier's fault. Useless", "negative", nil, nil},
	{"says delivered", "Parcelo", "Parcelo says delivered but nothing at the door", "negative", []string{"complaint"}, nil},
}

// TestEverydayEnglish5 checks the fifth round's everyday English
// readings on sentences written for the test.
func TestEverydayEnglish5(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range everydayEnglish5 {
		t.Run(c.name, func(t *testing.T) {
			checkSentence(t, e, c.brand, c.text, c.sentiment, c.tags, c.no)
		})
	}
}
