package score

import (
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// everydayEnglish are sentences of the kinds the readings of
// en_everyday.go are for, written for this test (none is a line of
// testdata/everyday): the sentiment each must get ("!negative": anything
// but negative) and the tags it must and must not have.
var everydayEnglish = []struct {
	name, brand, text string
	sentiment         string
	tags, no          []string
}{
	// news about the brand carries no opinion of it
	{"news cut", "Northbank", "Northbank cuts savings rates for the second time this year", "neutral", nil, []string{"complaint"}},
	{"news fine", "Northbank", "Ofcom fines Northbank £3m over misleading broadband ads", "neutral", []string{"legal_threat"}, []string{"complaint"}},
	{"news regulators", "Skyway", "State regulators fine Skyway $2 million over refund delays", "neutral", []string{"legal_threat"}, []string{"complaint"}},
	{"news outage", "Quillo", "Quillo reports login outage for some users; engineers working on a fix", "neutral", nil, []string{"complaint"}},
	{"news to", "Northbank", "Northbank to close 40 branches and cut 300 jobs", "neutral", nil, []string{"complaint"}},
	{"news takes effect", "Northbank", "New overdraft fees take effect at Northbank from June 1", "neutral", nil, []string{"complaint"}},
	{"own words are not news", "Northbank", "Northbank cuts my credit limit without a word, thanks for nothing", "negative", []string{"complaint"}, nil},
	// warnings of scammers posing as the brand
	{"scam warning", "Parcelo", "Bogus Parcelo courier texts asking for a redelivery fee are doing the rounds, ignore them", "neutral", []string{"fraud"}, []string{"complaint"}},
	{"impostor calls", "Northbank", "Northbank warns of callers pretending to be its fraud team", "neutral", []string{"fraud"}, []string{"complaint"}},
	// sarcasm: thanks or love for a failure
	{"sarcastic thanks", "Skyway", "Thanks Skyway for charging me £40 for a carry-on bag. Wonderful.", "negative", []string{"complaint"}, []string{"praise"}},
	{"love how", "Quillo", "love how Quillo goes down every Monday morning, great work", "negative", []string{"complaint"}, []string{"praise"}},
	{"sincere thanks", "Skyway", "Thanks Skyway for the quick refund, sorted in two days", "positive", []string{"praise"}, []string{"complaint"}},
	// praise of one employee beside a failure
	{"staff praise", "Parcelo", "The Parcelo driver was really friendly, but my parcel arrived soaked and nobody answers the chat", "negative", []string{"complaint", "praise"}, nil},
	// a problem denied
	{"no issues", "Northbank", "No issues whatsoever switching my current account to Northbank, done in a week", "positive", []string{"praise"}, []string{"complaint"}},
	{"never had a problem", "Parcelo", "Never had a problem with Parcelo deliveries in three years", "positive", []string{"praise"}, []string{"complaint"}},
	// churn, plainly said
	{"moving off", "Quillo", "our team is moving off Quillo next month, way too laggy", "negative", []string{"churn", "complaint"}, nil},
	{"not renewing", "Covera", "Not renewing with Covera this year, they doubled my premium", "negative", []string{"churn", "complaint"}, nil},
	{"cancelled, no grudge", "Streamly", "Cancelled my Streamly subscription, we barely watch anything these days", "", []string{"churn"}, []string{"complaint"}},
	// plans and questions
	{"plan to buy", "Skyway", "thinking of switching to Skyway for my work trips, what's the best fare to Oslo?", "!negative", []string{"purchase_intent", "question"}, []string{"complaint"}},
	{"info question", "Northbank", "Can I open a Northbank savings account without a UK address?", "neutral", []string{"question"}, []string{"complaint"}},
	{"aux and brand", "Shopify", "Does Shopify take payments in Kenya", "neutral", []string{"question"}, []string{"complaint"}},
	{"suggestion", "Skyway", "Skyway why not add more morning flights to Riga?", "!negative", nil, []string{"complaint", "question"}},
	// leaving, said plainly
	{"leaving", "Telora", "Leaving Telora after six years, the coverage out here is hopeless", "negative", []string{"churn", "complaint"}, nil},
	// news of police and regulators, card skimming
	{"police", "Northbank", "Police arrest two men skimming Northbank cards at petrol stations", "neutral", []string{"fraud"}, []string{"complaint"}},
	// the brand only served something else
	{"off brand", "Quickbite", "awful week at the office, ordered noodles on Quickbite to cheer up", "neutral", nil, []string{"complaint"}},
	{"reaction to the brand", "Quickbite", "ordered noodles on Quickbite at midnight, honestly impressed", "positive", []string{"praise"}, nil},
	// everyday complaint shapes
	{"never showed", "Fixit", "Fixit engineer never showed, took a day off for nothing", "negative", []string{"complaint"}, nil},
	{"hidden fees", "Covera", "Covera and their hidden fees, unbelievable", "negative", []string{"complaint"}, nil},
	{"charged twice", "Streamly", "got charged twice by Streamly this month and support keeps ignoring me", "negative", []string{"complaint"}, nil},
	{"consent", "Covera", "Covera added a breakdown cover to my policy I never agreed to", "negative", []string{"fraud", "complaint"}, nil},
	{"lawyer", "Fixit", "Getting a lawyer involved, Fixit flooded my kitchen and won't pay", "negative", []string{"legal_threat", "complaint"}, nil},
}

// TestEverydayEnglish checks the everyday English readings on sentences
// written for the test.
func TestEverydayEnglish(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range everydayEnglish {
		t.Run(c.name, func(t *testing.T) {
			checkSentence(t, e, c.brand, c.text, c.sentiment, c.tags, c.no)
		})
	}
}

// TestEverydayEnglishNeedsBrand checks that the readings leave general
// English alone: scored without a brand, news keeps its words' tone.
func TestEverydayEnglishNeedsBrand(t *testing.T) {
	e := newTestEngine(t)
	text := "Northbank fined over terrible fraud controls"
	with := e.Score(Input{Text: text, Brand: "Northbank"})
	without := e.Score(Input{Text: text})
	if with.Sentiment != model.Neutral {
		t.Errorf("with the brand: sentiment %s (evidence %v), want neutral", with.Sentiment, with.Evidence)
	}
	if without.Sentiment != model.Negative {
		t.Errorf("without a brand: sentiment %s (evidence %v), want negative", without.Sentiment, without.Evidence)
	}
}
