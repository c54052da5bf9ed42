package score

import (
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// everydayEnglish2 are sentences of the kinds the second everyday round
// reads (en_everyday.go, everyday_en.lex and the phrases of that round),
// written for this test: none is a line of testdata/everyday. Each
// mechanism has a sentence it must change and, where one is likely, a
// sentence it must leave alone.
var everydayEnglish2 = []struct {
	name, brand, text string
	sentiment         string
	tags, no          []string
}{
	// everyday customer words
	{"crashing", "Quillo", "Quillo keeps crashing whenever I open a shared board", "negative", []string{"complaint"}, nil},
	{"declined", "Northbank", "Northbank card declined at the pharmacy for no reason", "negative", []string{"complaint"}, nil},
	{"nonexistent", "Orbitel", "Orbitel signal in the village is nonexistent", "negative", []string{"complaint"}, nil},
	{"joke", "Parcelo", "the Parcelo tracking page is a joke", "negative", []string{"complaint"}, nil},
	{"no-show", "Drivo", "second Drivo no-show this month", "negative", []string{"complaint"}, nil},
	{"benefits is a noun", "Benefits Agency", "still waiting for the Benefits Agency to sort my benefits after 3 months", "negative", []string{"complaint"}, []string{"praise"}},
	{"no crash", "Quillo", "Quillo hasn't crashed once since the update", "!negative", nil, []string{"complaint"}},
	// phrases
	{"waited months", "Covera", "we've waited 4 months for Covera to pay the claim", "negative", []string{"complaint"}, nil},
	{"locked out", "Northbank", "Northbank locked me out of online banking again", "negative", []string{"complaint"}, nil},
	{"wrong item", "ShopCo", "ShopCo sent a blender instead of the kettle I ordered", "negative", []string{"complaint"}, nil},
	{"not a single problem", "Orbitel", "Not a single outage with Orbitel since we moved in", "positive", []string{"praise"}, []string{"complaint"}},
	{"fixed in minutes", "Quillo", "Quillo support fixed my login in 5 minutes", "positive", []string{"praise"}, []string{"complaint"}},
	{"actually works", "Quillo", "at least the Quillo app actually works offline", "positive", nil, []string{"complaint"}},
	{"doesn't actually work", "Quillo", "the Quillo app doesn't actually work offline", "negative", []string{"complaint"}, nil},
	{"beaten", "Northbank", "Zento beats Northbank on every fee", "negative", nil, nil},
	// churn and plans
	{"porting out", "Orbitel", "porting my number away from Orbitel on Friday", "", []string{"churn"}, nil},
	{"gave up", "Drivo", "gave up on Drivo, the cars are always filthy", "negative", []string{"churn", "complaint"}, nil},
	{"want to open", "Northbank", "want to open a business account with Northbank, do they charge for transfers", "!negative", []string{"purchase_intent", "question"}, []string{"complaint", "praise"}},
	{"thinking about selling", "ShopCo", "thinking about selling on ShopCo, how do payouts work?", "!negative", []string{"purchase_intent", "question"}, []string{"complaint"}},
	{"statement tail", "ShopCo", "ordered from ShopCo on Monday, it is already here.", "", nil, []string{"question"}},
	// legal
	{"filing with a commissioner", "Covera", "Covera ignored my appeal, so I'm filing with the insurance commissioner", "negative", []string{"legal_threat"}, nil},
	{"antitrust", "Quillo", "Regulators open antitrust investigation into Quillo pricing", "neutral", []string{"legal_threat"}, []string{"complaint"}},
	// a wish, a rating, a better present
	{"wish", "Skyway", "Skyway should bring back free snacks on short flights", "!negative", nil, []string{"praise", "complaint"}},
	{"rating high", "Parcelo", "Parcelo driver found my flat in the rain. 10/10", "positive", []string{"praise"}, nil},
	{"rating low", "Parcelo", "Parcelo redelivery service 1/10", "negative", []string{"complaint"}, nil},
	{"better than before", "Passport Office", "Passport Office renewal took a week this time compared to two months of delays last year", "positive", nil, []string{"complaint"}},
	{"no past named", "Passport Office", "Passport Office renewal took a week vs the 3 days promised", "", nil, nil},
	// irony
	{"oh great", "Orbitel", "Oh great, Orbitel is down again during the match", "negative", []string{"complaint"}, []string{"praise"}},
	{"impeccable timing", "Quillo", "Quillo update froze my laptop mid-presentation, what perfect timing", "negative", []string{"complaint"}, []string{"praise"}},
	{"scare quotes", "Parcelo", "well done Parcelo, my 'express' parcel is on its fifth day", "negative", []string{"complaint"}, []string{"praise"}},
	{"sincere wow", "Parcelo", "Wow, Parcelo delivered before breakfast, brilliant", "positive", []string{"praise"}, []string{"complaint"}},
	// praise of one employee beside a failure
	{"named thanks", "Orbitel", "shout out to Priya at the Orbitel shop who sorted my SIM, but the app is still useless", "negative", []string{"complaint", "praise"}, nil},
	{"lovely agent", "Northbank", "Really kind agent at Northbank on the phone, but the transfer is still stuck after 10 days", "negative", []string{"complaint", "praise"}, nil},
	// scams, crimes, feelings about something else
	{"scam report", "Northbank", "Got a text from 'Northbank' asking me to move my savings to a safe account. Reported it to the bank.", "neutral", []string{"fraud"}, []string{"complaint"}},
	{"scam harm", "Northbank", "Watch out, fake Northbank callers took £900 from my account", "negative", nil, nil},
	{"crime news", "Parcelo", "Parcelo driver arrested after parcels found dumped in a river", "neutral", nil, []string{"complaint"}},
	{"customer charged", "Northbank", "Northbank charged me twice for one transfer", "negative", []string{"complaint"}, nil},
	{"refuge", "Quillo", "Awful day at work, going back to my Quillo notes to plan tomorrow", "!negative", nil, []string{"complaint"}},
	{"call to make", "Covera", "Slipped on the ice and hurt my wrist, gutted. Calling Covera in the morning.", "!negative", nil, []string{"complaint"}},
}

// TestEverydayEnglish2 checks the second round's everyday English readings
// on sentences written for the test.
func TestEverydayEnglish2(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range everydayEnglish2 {
		t.Run(c.name, func(t *testing.T) {
			checkSentence(t, e, c.brand, c.text, c.sentiment, c.tags, c.no)
		})
	}
}

// TestEverydayWordsNeedBrand checks that the everyday English vocabulary
// is read only in English scored for a brand: without one, VADER's
// "joke" stays favourable and "crashed" has no weight.
func TestEverydayWordsNeedBrand(t *testing.T) {
	e := newTestEngine(t)
	text := "the Quillo tracking page is a joke"
	if r := e.Score(Input{Text: text, Brand: "Quillo"}); r.Sentiment != model.Negative {
		t.Errorf("with the brand: sentiment %s (evidence %v), want negative", r.Sentiment, r.Evidence)
	}
	if r := e.Score(Input{Text: text}); r.Sentiment == model.Negative {
		t.Errorf("without a brand: sentiment %s (evidence %v), want VADER's reading", r.Sentiment, r.Evidence)
	}
	if lx := everydayLexiconEN(); len(lx.entries) < 40 {
		t.Errorf("everyday_en.lex: %d entries, want the whole list", len(lx.entries))
	}
}
