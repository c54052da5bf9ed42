package score

import (
	"slices"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// moveCase is a sentence scored for one brand, with and without the other
// company among Input.Others (others, when set).
type moveCase struct {
	name, text, lang, brand string
	others                  []string
	// sentiment wanted: "positive", "negative", "neutral", or "!positive",
	// "!negative" for anything but
	sentiment string
	want      []string // tags that must be there
	not       []string // tags that must not be there
}

func checkMoveCases(t *testing.T, cases []moveCase, bothOthers bool) {
	t.Helper()
	e := newTestEngine(t)
	for _, c := range cases {
		runs := [][]string{c.others}
		if bothOthers {
			runs = append(runs, nil)
		}
		for _, others := range runs {
			r := e.Score(Input{Text: c.text, Lang: c.lang, Brand: c.brand, Others: others})
			ok := r.Sentiment == c.sentiment ||
				c.sentiment == "!negative" && r.Sentiment != "negative" ||
				c.sentiment == "!positive" && r.Sentiment != "positive"
			if !ok {
				t.Errorf("%s (others %v): %s (%.2f) %v, want %s", c.name, others, r.Sentiment, r.Negativity, r.Evidence, c.sentiment)
			}
			for _, tag := range c.want {
				if !slices.Contains(r.Tags, tag) {
					t.Errorf("%s (others %v): tags %v, want %s", c.name, others, r.Tags, tag)
				}
			}
			for _, tag := range c.not {
				if slices.Contains(r.Tags, tag) {
					t.Errorf("%s (others %v): tags %v, want no %s", c.name, others, r.Tags, tag)
				}
			}
		}
	}
}

// TestMoveFromBrandWinsTie: "switched from BRAND" (churn) names the brand
// in its slot and wins over the longer "switch* … to", which only passes
// over the brand in a gap: scored for the company left, the move is churn
// and the praise after it is the destination's; scored for the company
// chosen, the text stays what it was. A move told of someone else ("my
// roommate switched from …") is not the author's churn.
func TestMoveFromBrandWinsTie(t *testing.T) {
	checkMoveCases(t, []moveCase{
		{"switched, origin", "Switched from Comcast to Verizon, great coverage", "en", "Comcast", []string{"Verizon"}, "!positive", []string{TagChurn}, []string{TagPraise}},
		{"switching, origin", "Switching from Comcast to Verizon, great coverage", "en", "Comcast", []string{"Verizon"}, "!positive", []string{TagChurn}, []string{TagPraise}},
		{"switched, destination", "Switched from Comcast to Verizon, great coverage", "en", "Verizon", []string{"Comcast"}, "positive", nil, []string{TagChurn, TagComplaint}},
		{"switching, destination", "Switching from Comcast to Verizon, great coverage", "en", "Verizon", []string{"Comcast"}, "positive", []string{TagPurchaseIntent}, []string{TagChurn}},
		// moved was read before and is read the same
		{"moved, origin", "Moved from Comcast to Verizon, great coverage", "en", "Comcast", []string{"Verizon"}, "!positive", []string{TagChurn}, []string{TagPraise}},
		// the zero phrase still covers a move that does not pass over the brand
		{"switch to unnamed", "Comcast is fine, thinking of switching my plan to unlimited", "en", "Comcast", nil, "!negative", nil, []string{TagChurn}},
		// someone else's move
		{"roommate", "My roommate switched from Comcast to Verizon and says it's way cheaper", "en", "Comcast", []string{"Verizon"}, "!negative", nil, []string{TagComplaint}},
	}, true)
}

// TestLeaveMove: "leave X for Y", "dropped X for Y", "ditched X for Y" and
// "ушёл от X в Y" are moves from X to Y: the unfavourable words after them
// are the origin's (churn and a complaint there), the favourable the
// destination's; "left" with no company after "for" moves nothing.
func TestLeaveMove(t *testing.T) {
	checkMoveCases(t, []moveCase{
		{"left, origin", "Left Comcast for Verizon, great coverage", "en", "Comcast", []string{"Verizon"}, "!positive", []string{TagChurn}, []string{TagPraise}},
		{"left, destination", "Left Comcast for Verizon, great coverage", "en", "Verizon", []string{"Comcast"}, "positive", nil, []string{TagChurn, TagComplaint}},
		{"dropped, destination", "Dropped Comcast for Verizon, sick of the outages", "en", "Verizon", []string{"Comcast"}, "!negative", nil, []string{TagComplaint, TagChurn}},
		{"dropped, origin", "Dropped Comcast for Verizon, sick of the outages", "en", "Comcast", []string{"Verizon"}, "negative", []string{TagComplaint, TagChurn}, nil},
		{"ditched my, origin", "Finally ditched my Comcast for Verizon, great coverage", "en", "Comcast", []string{"Verizon"}, "!positive", []string{TagChurn}, []string{TagPraise}},
		{"leaving, destination", "Leaving Comcast for Verizon, sick of the outages", "en", "Verizon", []string{"Comcast"}, "!negative", nil, []string{TagComplaint}},
		{"ru ушёл, destination", "Ушёл от Билайна в МТС, задолбали обрывы", "ru", "МТС", []string{"Билайн"}, "!negative", nil, []string{TagComplaint, TagChurn}},
		{"ru ушёл, origin", "Ушёл от Билайна в МТС, задолбали обрывы", "ru", "Билайн", []string{"МТС"}, "negative", []string{TagComplaint, TagChurn}, nil},
		{"ru ушла, praise not for the origin", "Ушла от Билайна в МТС, наконец нормальная связь", "ru", "Билайн", []string{"МТС"}, "negative", []string{TagChurn}, []string{TagPraise}},
		// no company after "for", or none after the verb: no move
		{"left for work", "I left Starbucks for work, the coffee was great", "en", "Starbucks", nil, "positive", nil, []string{TagChurn}},
		{"left a voicemail", "Left Comcast a voicemail, great support as always", "en", "Comcast", nil, "positive", nil, []string{TagChurn}},
		{"no move", "Comcast, sick of the outages", "en", "Comcast", nil, "negative", []string{TagComplaint}, nil},
		// someone else's move is no churn of the author's
		{"roommate left", "My roommate left Comcast for Verizon, says it's great", "en", "Comcast", []string{"Verizon"}, "!negative", nil, []string{TagChurn}},
		{"a named person left", "Yesterday Mark left Comcast for Verizon last spring", "en", "Comcast", []string{"Verizon"}, "!negative", nil, []string{TagChurn}},
		{"a job move", "Apple's design chief left Apple for Tesla", "en", "Apple", []string{"Tesla"}, "!negative", nil, []string{TagChurn}},
		{"we left", "After ten years we left Comcast for Verizon", "en", "Comcast", []string{"Verizon"}, "!positive", []string{TagChurn}, nil},
		{"bare, origin", "Just left Comcast for Verizon.", "en", "Comcast", []string{"Verizon"}, "!positive", []string{TagChurn}, nil},
		{"bare, destination", "Just left Comcast for Verizon.", "en", "Verizon", []string{"Comcast"}, "positive", nil, []string{TagChurn}},
	}, true)
}

// TestMoveFromPlace: a move from a place is a move of house, not between
// companies: the complaint after it stays the brand's. An end of a move
// followed by a place word ("Verizon territory") is a place; with
// Input.Others given, a name that is not among them ("Boston") is none.
func TestMoveFromPlace(t *testing.T) {
	checkMoveCases(t, []moveCase{
		{"territory", "moved from Boston to Verizon territory, terrible coverage", "en", "Verizon", []string{"AT&T"}, "negative", []string{TagComplaint}, nil},
		{"area", "Moved from Comcast to a Verizon area, terrible coverage", "en", "Verizon", nil, "negative", []string{TagComplaint}, nil},
	}, true)
	checkMoveCases(t, []moveCase{
		// Others given: Boston is not among them
		{"not among others", "Moved from Boston to Verizon, terrible coverage", "en", "Verizon", []string{"AT&T"}, "negative", []string{TagComplaint}, nil},
		// the company left among Others: a move, the complaint is its
		{"among others", "Moved from Comcast to Verizon, terrible coverage", "en", "Verizon", []string{"Comcast"}, "!negative", nil, []string{TagComplaint}},
		{"ru among others", "Ухожу от Билайна к МТС, задолбали обрывы", "ru", "МТС", []string{"Билайн"}, "!negative", nil, []string{TagComplaint}},
		{"ru not among others", "Ухожу от Билайна к МТС, задолбали обрывы", "ru", "МТС", []string{"Мегафон"}, "negative", []string{TagComplaint}, nil},
	}, false)
}

// TestMoveMonitoredBrands: the brands a daemon monitors (Options.Brands)
// are no list of every competitor: a move from a company not monitored is
// still read, and a move from a place still is none.
func TestMoveMonitoredBrands(t *testing.T) {
	e, err := New(config.Scoring{}, Options{Hot: config.HotThread{MinGrowth: 10, MinNegativity: 0.5}, Brands: []string{"Verizon", "AT&T"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text      string
		complaint bool
	}{
		{"Switching from Sky to Verizon, sick of the outages", false},
		{"Left Sky for Verizon, sick of the outages", false},
		{"Moved from Boston to Verizon territory, terrible coverage", true},
		{"Verizon, sick of the outages", true},
	} {
		r := e.Score(Input{Text: c.text, Lang: "en", Brand: "Verizon"})
		if got := slices.Contains(r.Tags, TagComplaint); got != c.complaint || c.complaint != (r.Sentiment == "negative") {
			t.Errorf("%q: %s (%.2f) %v %v, complaint want %v", c.text, r.Sentiment, r.Negativity, r.Tags, r.Evidence, c.complaint)
		}
	}
}
