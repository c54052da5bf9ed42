package score

import "testing"

// everydayEnglish8 are sentences of the kind the eighth everyday round
// reads (en_everyday8.go), written for this test: none is a line of
// testdata/everyday. The reading has sentences it must change and ones it
// must leave alone.
var everydayEnglish8 = []struct {
	name, brand, text string
	sentiment         string
	tags, no          []string
}{
	// the brand named in passing
	{"place", "Quillo", "Sat outside the Quillo on Main Street for an hour because my sister forgot her keys again. Typical.", "neutral", nil, []string{"complaint", "praise"}},
	{"a thing", "Orbitel", "My neighbour's kid drew the Orbitel logo on the pavement, people are so talented", "neutral", nil, []string{"praise"}},
	{"public figure", "Parcelo", "The mayor opened the new Parcelo warehouse and gave a terrible speech about himself", "neutral", nil, []string{"complaint"}},
	{"next to", "Drivo", "Got soaked by the rain standing next to a Drivo car waiting for my friend, awful evening", "neutral", nil, []string{"complaint"}},
	// not in passing
	{"its staff", "Quillo", "The guy at Quillo was so rude to my mum, never again", "negative", []string{"complaint"}, nil},
	{"the subject", "Orbitel", "The Orbitel engineer fixed my dad's line brilliantly this morning", "positive", []string{"praise"}, nil},
	{"bought there", "Parcelo", "Me and my mum ordered a lamp on Parcelo, it arrived smashed and they refuse the return", "negative", []string{"complaint"}, nil},
	{"acting", "Drivo", "Drivo cancelled on my friend at 2am and she was stuck in the rain", "negative", nil, nil},
	{"thanks to", "Skyway", "Thanks to Skyway my sister missed the wedding, people are furious", "negative", nil, nil},
}

// TestEverydayEnglish8 checks the eighth round's everyday English
// readings on sentences written for the test.
func TestEverydayEnglish8(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range everydayEnglish8 {
		t.Run(c.name, func(t *testing.T) {
			checkSentence(t, e, c.brand, c.text, c.sentiment, c.tags, c.no)
		})
	}
}
