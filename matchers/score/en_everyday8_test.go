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
	// purchase intent
	{"going to open", "Quillo", "Going to open a business account with Quillo next week.", "neutral", []string{"purchase_intent"}, nil},
	{"between", "Orbitel", "Can't decide between Orbitel and Telco for the new flat.", "", []string{"purchase_intent"}, nil},
	{"looking at a", "Drivo", "We're looking at a Drivo van for the shop", "", []string{"purchase_intent"}, nil},
	{"quote from", "Parcelo", "Getting a quote from Parcelo this afternoon.", "", []string{"purchase_intent"}, nil},
	{"test drive", "Drivo", "Booked a test drive at Drivo for Saturday.", "", []string{"purchase_intent"}, nil},
	{"on a condition", "Skyway", "If Skyway brings back the Lisbon route I'm booking it the same day.", "", []string{"purchase_intent"}, nil},
	// not a purchase
	{"going to cancel", "Quillo", "Going to cancel my Quillo account next week.", "", nil, []string{"purchase_intent"}},
	{"leaving between", "Orbitel", "Can't decide between leaving Orbitel now or waiting out the contract.", "", nil, []string{"purchase_intent"}},
	{"looking at the app", "Drivo", "Looking at a Drivo app screen full of errors", "", nil, []string{"purchase_intent"}},
	{"no condition", "Skyway", "I'm booking it myself, Skyway's site keeps crashing", "", nil, []string{"purchase_intent"}},
	{"never", "Parcelo", "Getting a quote from Parcelo? Never again.", "", nil, []string{"purchase_intent"}},
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
