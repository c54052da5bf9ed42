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
	// leaving told plainly
	{"not renewing", "Quillo", "Quillo put the price up again. Not renewing.", "negative", []string{"churn"}, nil},
	{"shopping elsewhere", "Parcelo", "Parcelo lost another parcel, shopping elsewhere from now on", "negative", []string{"churn"}, nil},
	{"porting", "Orbitel", "Orbitel again. Porting my number to Telco as soon as the contract is up", "", []string{"churn"}, nil},
	{"instead of", "Skyway", "Booked with Airly this time instead of Skyway", "", []string{"churn"}, nil},
	{"cancelling once", "Orbitel", "Cancelling Orbitel broadband once the 18 months are up", "negative", []string{"churn"}, nil},
	// the same words where nobody leaves
	{"keeps cancelling", "Skyway", "Skyway keeps cancelling my flights", "negative", []string{"complaint"}, []string{"churn"}},
	{"leaving a review", "Parcelo", "Leaving a review for Parcelo, the courier was lovely", "", nil, []string{"churn"}},
	{"renewed", "Quillo", "Renewed my Quillo plan for another year", "", nil, []string{"churn"}},
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
