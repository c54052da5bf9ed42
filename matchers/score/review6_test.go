package score

import (
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// review6 are sentences written for the review of the sixth everyday
// rounds and of adverse news (DATA.md, "Review of the sixth everyday
// rounds and adverse news"): each fix has sentences it must change and
// sentences it must leave as the rounds read them. None is a line of a
// corpus.
var review6 = []struct {
	name, brand, text string
	sentiment         string
	tags, no          []string
}{
	// a fast service followed by a failure did not serve (failureAfterQuick)
	{"answered fast, no help", "Acme", "Acme answered in 2 minutes and said they can't help", "", nil, []string{"praise"}},
	{"refunded fast", "Acme", "Acme refunded the charge in 2 days", "positive", []string{"praise"}, nil},
	{"reissued overnight", "Acme", "Acme reissued my card overnight, no hassle at all", "positive", []string{"praise"}, nil},
	{"found within the hour when", "Acme", "Acme support found us a room within the hour when our booking fell through", "positive", []string{"praise"}, nil},
	// "couldn't be happier" is the most, not its negation (cannotBeMore)
	{"couldn't be happier", "Acme", "I couldn't be happier with Acme", "positive", []string{"praise"}, []string{"complaint"}},
	{"curly couldn't be happier", "Acme", "I couldn’t be happier with Acme", "positive", nil, []string{"complaint"}},
	{"could not have been happier", "Acme", "Could not have been happier with Acme", "positive", nil, []string{"complaint"}},
	{"couldn't be more pleased", "Acme", "Couldn't be more pleased with Acme", "positive", nil, []string{"complaint"}},
	{"fast, couldn't be happier", "Acme", "Acme refunded the charge in 2 days, couldn't be happier", "positive", []string{"praise"}, []string{"complaint"}},
	{"could not be worse", "Acme", "Acme could not be worse", "negative", nil, []string{"praise"}},
	{"can't be happy", "Acme", "I can't be happy with Acme after this", "negative", nil, []string{"praise"}},
	{"not better", "Acme", "Acme is not better than Telco", "negative", nil, []string{"praise"}},
	// an unmarked outburst is no question for information (enAskRhetoric)
	{"are you serious", "Acme", "Acme are you serious", "negative", nil, nil},
	{"are you kidding", "Acme", "Acme are you kidding me", "negative", nil, nil},
	{"unmarked info question", "Acme", "Does Acme charge for roaming in Turkey", "neutral", []string{"question"}, nil},
	// a question that vents keeps its unfavourable words (ventQuestion)
	{"always this terrible", "Acme", "Is Acme's customer service always this terrible?", "negative", nil, nil},
	{"ever, just useless", "Acme", "Does Acme ever answer, or are they just useless?", "negative", nil, nil},
	{"this incompetent", "Acme", "How is Acme this incompetent?", "negative", nil, nil},
	{"info question, good", "Acme", "Is Acme good for travel insurance?", "neutral", []string{"question"}, nil},
	{"info question, fee", "Acme", "Does Acme charge a fee for late payment?", "neutral", []string{"question"}, nil},
	{"info question, outage", "Acme", "Is the Acme outage over yet?", "neutral", []string{"question"}, nil},
	// a low place told as news is no award (enLowRank)
	{"ranked last", "Acme", "Acme ranked last in customer satisfaction survey", "negative", nil, []string{"praise"}},
	{"voted worst", "Acme", "Acme voted worst bank of the year", "negative", nil, []string{"praise"}},
	{"ranked first", "Acme", "Acme ranked first in customer satisfaction survey", "positive", nil, []string{"praise"}},
	{"named best", "Acme", "Acme named best British bank", "positive", nil, []string{"praise"}},
	// a verdict that advises staying away is a complaint (ruAvoidAfter)
	{"ru avoid", "Озон", "Рекомендую обходить Озон стороной", "negative", []string{"complaint"}, []string{"praise"}},
	{"ru avoid after name", "Озон", "Озон, рекомендую обходить стороной", "negative", []string{"complaint"}, []string{"praise"}},
	{"ru do not deal", "Озон", "Озон советую не связываться", "negative", []string{"complaint"}, []string{"praise"}},
	{"ru keep away", "Озон", "Всем советую держаться от Озона подальше", "negative", []string{"complaint"}, []string{"praise"}},
	{"uk avoid", "Озон", "Раджу оминати Озон", "negative", []string{"complaint"}, nil},
	{"ru won't regret", "Озон", "Советую Озон, не пожалеете", "positive", []string{"praise"}, []string{"complaint"}},
	{"ru won't let down", "Озон", "Рекомендую Озон, не подведёт", "positive", []string{"praise"}, []string{"complaint"}},
	{"ru don't delay", "Озон", "Советую не тянуть и заказывать на Озоне", "positive", nil, []string{"complaint"}},
	{"ru verdict, no trouble", "Озон", "Рекомендую Озон, никаких проблем", "positive", []string{"praise"}, nil},
	// goods spoiled after the short time take the quickness back (ruSpoiled)
	{"ru delivered broken", "Озон", "Озон доставил за 2 дня, всё разбито", "!positive", nil, []string{"praise"}},
	{"ru delivered fast", "Озон", "Озон доставил за 2 дня", "positive", []string{"praise"}, nil},
	{"ru refund for a defect", "Озон", "Озон вернул деньги за три дня за брак", "positive", []string{"praise"}, nil},
	{"ru broken before", "Озон", "Озон вернул деньги за разбитый телефон за два дня", "positive", []string{"praise"}, nil},
	// looking at a thing of the brand's is no purchase (brandThing); a
	// condition of leaving or refusing is none either
	{"looking at the outage map", "Acme", "I'm looking at Acme's outage map and it's all red", "", nil, []string{"purchase_intent"}},
	{"looking at the app", "Acme", "Just looking at the Acme app, nothing loads", "", nil, []string{"purchase_intent"}},
	{"looking at the brand", "Acme", "Looking at Acme for our office broadband", "", []string{"purchase_intent"}, nil},
	{"looking at a plan", "Acme", "Looking at the Acme unlimited plan, any good", "", []string{"purchase_intent"}, nil},
	{"leaning toward a plan", "Acme", "Need a new plan, leaning toward Acme's family bundle", "", []string{"purchase_intent"}, nil},
	{"switch from", "Acme", "If I switch from Acme to Telco I'd save a tenner", "", []string{"churn"}, []string{"purchase_intent"}},
	{"switch to", "Acme", "If I switch to Acme do I keep my number", "", []string{"purchase_intent"}, nil},
	{"rather eat glass", "Acme", "Before I buy anything from Acme again I'd rather eat glass", "", nil, []string{"purchase_intent"}},
	// Ukrainian and written-out short times (ruTimeUnits, ruShortSpans, ruCountWords)
	{"uk two days", "Нова пошта", "Нова пошта доставила посилку за два дні", "positive", []string{"praise"}, nil},
	{"uk a day and night", "Озон", "Озон доставив за добу", "positive", []string{"praise"}, nil},
	{"ru a day and a half", "Озон", "Озон доставил за полтора дня", "positive", []string{"praise"}, nil},
	{"ru two days and nights", "Озон", "Озон доставил за двое суток", "positive", []string{"praise"}, nil},
	{"ru only the second time", "Озон", "Озон доставил за 2 дня только со второго раза", "", nil, []string{"praise"}},
	{"uk no trouble", "Озон", "Озон жодних проблем, все чудово", "positive", []string{"praise"}, nil},
}

// TestReview6 checks the fixes of the review of the sixth everyday rounds
// on sentences written for the test.
func TestReview6(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range review6 {
		t.Run(c.name, func(t *testing.T) {
			sentiment := c.sentiment
			if sentiment == "!positive" {
				sentiment = ""
				if r := e.Score(Input{Text: c.text, Brand: c.brand}); r.Sentiment == model.Positive {
					t.Errorf("%q: sentiment positive, want not", c.text)
				}
			}
			checkSentence(t, e, c.brand, c.text, sentiment, c.tags, c.no)
		})
	}
}
