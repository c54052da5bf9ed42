package score

import "testing"

// everydayEnglish7 are sentences of the kind the seventh everyday round
// reads (en_everyday7.go), written for this test: none is a line of
// testdata/everyday. The reading has sentences it must change and ones it
// must leave alone.
var everydayEnglish7 = []struct {
	name, brand, text string
	sentiment         string
	tags, no          []string
}{
	// a price put up, told flatly
	{"put up", "Orbitel", "Orbitel put my broadband up by £7 a month", "negative", []string{"complaint"}, []string{"praise"}},
	{"raised to", "Quillo", "Quillo raised the team plan to $21.50 per seat", "negative", []string{"complaint"}, []string{"praise"}},
	{"from to", "Drivo", "Drivo membership goes from €4 to €7.50 next month", "negative", []string{"complaint"}, nil},
	{"went up share", "Skyway", "my Skyway renewal went up 35% this year", "negative", []string{"complaint"}, nil},
	{"why", "Quillo", "Quillo why did my plan jump from $90 to $130", "negative", []string{"complaint"}, nil},
	// not a price put up
	{"from to down", "Drivo", "Drivo membership goes from €7 to €4 next month", "", nil, []string{"complaint"}},
	{"savings", "Parcelo", "Parcelo Bank raised its savings rate to 4.5%", "", nil, []string{"complaint"}},
	{"a speed", "Orbitel", "Orbitel speeds went up 40% after the upgrade", "", nil, []string{"complaint"}},
	{"question", "Quillo", "is Quillo going up to $25 a seat next year?", "", nil, []string{"complaint"}},
	{"headline", "Orbitel", "Orbitel raises prices by 6% from April", "", nil, []string{"complaint"}},
}

// TestEverydayEnglish7 checks the seventh round's everyday English
// reading on sentences written for the test.
func TestEverydayEnglish7(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range everydayEnglish7 {
		t.Run(c.name, func(t *testing.T) {
			checkSentence(t, e, c.brand, c.text, c.sentiment, c.tags, c.no)
		})
	}
}
