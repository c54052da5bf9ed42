package score

import "testing"

// everydayEnglish3 are sentences of the kinds the third everyday round
// reads (en_everyday3.go), written for this test: none is a line of
// testdata/everyday. Each mechanism has a sentence it must change and one
// it must leave alone.
var everydayEnglish3 = []struct {
	name, brand, text string
	sentiment         string
	tags, no          []string
}{
	// a bad moment that is not the brand's
	{"weather aside", "Skyway", "Terrible weather in Oslo but Skyway still got us home", "positive", []string{"praise"}, []string{"complaint"}},
	{"traffic aside", "Drivo", "Traffic on the ring road was horrible, the Drivo car itself was fine", "positive", nil, []string{"complaint"}},
	{"game aside", "Parcelo", "The game was a disaster, at least Parcelo got the food here before halftime", "positive", nil, []string{"complaint"}},
	{"my team lost", "Orbitel", "My team lost again tonight, awful. Streamed it on the Orbitel app", "!negative", nil, []string{"complaint"}},
	{"aside and a failure", "Skyway", "Awful weather in Oslo and Skyway lost my suitcase", "negative", []string{"complaint"}, []string{"praise"}},
	{"the brand's team", "Orbitel", "The support team was useless, but Orbitel refunded me", "", nil, nil},
	// purchase plans
	{"gonna get", "Drivo", "Gonna get a Drivo membership once I move to the city", "!negative", []string{"purchase_intent"}, []string{"complaint"}},
	{"about to buy", "Quillo", "Our team is about to buy Quillo Pro for 25 seats", "!negative", []string{"purchase_intent"}, []string{"complaint"}},
	{"plan to leave", "Northbank", "Planning to move my savings out of Northbank", "", nil, []string{"purchase_intent"}},
	{"someone else's plan", "Northbank", "My brother might open a Northbank account", "", nil, []string{"purchase_intent"}},
	{"not a purchase", "Covera", "Might open a complaint with Covera about the claim", "", nil, []string{"purchase_intent"}},
	// questions without "?"
	{"need to know", "Orbitel", "Need to know whether Orbitel covers roaming in Norway", "!negative", []string{"question"}, []string{"complaint"}},
	{"someone explain", "ShopCo", "Can someone explain how ShopCo price matching works", "!negative", []string{"question"}, nil},
	{"any tips", "Drivo", "Trying Drivo for the first time next week, any tips", "!negative", []string{"question"}, []string{"complaint"}},
	{"closing how", "Covera", "Moving my home insurance to Covera, how do their claims work for flooding", "!negative", []string{"question"}, nil},
	{"outburst", "ShopCo", "ShopCo app crashed at checkout again, how is this even possible", "negative", []string{"complaint"}, []string{"question"}},
	{"told, not asked", "Skyway", "Skyway staff will tell you what to expect at the gate", "", nil, []string{"question"}},
}

// TestEverydayEnglish3 checks the third round's everyday English readings
// on sentences written for the test.
func TestEverydayEnglish3(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range everydayEnglish3 {
		t.Run(c.name, func(t *testing.T) {
			checkSentence(t, e, c.brand, c.text, c.sentiment, c.tags, c.no)
		})
	}
}
