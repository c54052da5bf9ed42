package score

import "testing"

// everydayEnglish6 are sentences of the kinds the sixth everyday round
// reads (en_everyday6.go), written for this test: none is a line of
// testdata/everyday. Each reading has sentences it must change and one it
// must leave alone.
var everydayEnglish6 = []struct {
	name, brand, text string
	sentiment         string
	tags, no          []string
}{
	// service told flatly as fast
	{"refund in days", "Parcelo", "Parcelo refunded the broken kettle in two days", "positive", []string{"praise"}, []string{"complaint"}},
	{"overnight", "Orbitel", "Orbitel swapped my dead router overnight", "positive", []string{"praise"}, []string{"complaint"}},
	{"set right", "Parcelo", "Parcelo replaced the lamp when it arrived cracked, within the hour", "positive", []string{"praise"}, []string{"complaint"}},
	{"took two minutes", "Drivo", "Drivo credited the parking fine back to me. Took 2 minutes.", "positive", []string{"praise"}, []string{"complaint"}},
	// slow, or fast only in comparison: no praise
	{"refund in weeks", "Parcelo", "Parcelo refunded the kettle in 6 weeks", "", nil, []string{"praise"}},
	{"took forty minutes", "Drivo", "Drivo answered my call, took 40 minutes", "", nil, []string{"praise"}},
	{"but", "Parcelo", "Parcelo said the refund comes in 2 days but it never did", "", nil, []string{"praise"}},
	// questions without "?"
	{"aux and subject", "Orbitel", "does Orbitel let you keep your number for free when you move", "neutral", []string{"question"}, []string{"praise"}},
	{"brand then aux", "Skyway", "Skyway do you allow pets in the cabin for free", "neutral", []string{"question"}, []string{"praise"}},
	{"need to know", "Quillo", "Need to know whether Quillo works offline", "neutral", []string{"question"}, nil},
	{"rhetorical", "Orbitel", "is it normal that Orbitel takes a month to fix a broken line", "negative", nil, nil},
	{"tail with it", "Quillo", "Quillo premium costs 8 a month, is it good value for a team of three", "neutral", []string{"question"}, []string{"praise"}},
	{"tail statement", "Quillo", "Quillo premium costs 8 a month, it is good value for a team of three", "positive", nil, []string{"question"}},
	// purchase intent in shapes enPlan leaves out
	{"leaning toward", "Orbitel", "need a new broadband deal, leaning toward Orbitel for the price", "neutral", []string{"purchase_intent"}, nil},
	{"condition", "Quillo", "Need to know whether Quillo has a team plan before we buy 20 seats", "neutral", []string{"purchase_intent", "question"}, nil},
	{"someone else's condition", "Quillo", "Quillo crashed before we saved the file", "", nil, []string{"purchase_intent"}},
	// awards and rankings as news
	{"named best", "Quillo", "Quillo named best note-taking app at the annual Tech Awards", "positive", nil, []string{"praise"}},
	{"ranked first", "Skyway", "Skyway Airlines ranked first in a national punctuality survey", "positive", nil, []string{"praise"}},
	{"a person's award", "Quillo", "I voted Quillo best app of the year, love it", "positive", []string{"praise"}, nil},
}

// TestEverydayEnglish6 checks the sixth round's everyday English readings
// on sentences written for the test.
func TestEverydayEnglish6(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range everydayEnglish6 {
		t.Run(c.name, func(t *testing.T) {
			checkSentence(t, e, c.brand, c.text, c.sentiment, c.tags, c.no)
		})
	}
}
