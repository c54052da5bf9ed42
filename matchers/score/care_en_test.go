package score

import (
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// careCases are messages to a made-up airline's and bank's care accounts
// (written for the test, not taken from any set): whether each is a
// complaint and a question.
var careCases = []struct {
	brand, text         string
	complaint, question bool
}{
	// what is to come: a question
	{"SkyLark", "@SkyLark Hi, we fly out of Denver tomorrow night. Do you expect delays or cancellations with the storm?", false, true},
	{"SkyLark", "@SkyLark are you anticipating cancellations for afternoon departures out of Austin today?", false, true},
	{"SkyLark", "@SkyLark any chance flight 212 gets cancelled tomorrow?", false, true},
	{"Quasar Bank", "@QuasarBank do you expect any outages during the weekend maintenance?", false, true},
	// a failure lived through, or told before the question: a complaint
	{"SkyLark", "@SkyLark been on hold for over an hour - any chance someone can help me?", true, true},
	{"SkyLark", "@SkyLark my flight was cancelled and nobody told me. Do you expect delays tomorrow too?", true, true},
	{"SkyLark", "@SkyLark do you expect me to wait three more hours for my bag?", true, false},
	{"SkyLark", "@SkyLark why is my flight delayed again?", true, true},
	{"Quasar Bank", "@QuasarBank your app is down again, can't log in", true, false},
}

// TestCareExpectation checks that a question about a failure to come is a
// question and no complaint, and that a failure lived through, or the
// brand expecting something of the customer, still complains.
func TestCareExpectation(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range careCases {
		t.Run(truncate(c.text, 50), func(t *testing.T) {
			r := e.Score(Input{Text: c.text, Brand: c.brand, Matched: []string{c.brand, "QuasarBank"}})
			if got := model.HasTag(r.Tags, TagComplaint); got != c.complaint {
				t.Errorf("complaint %v, want %v (tags %v, negativity %.2f, evidence %v)", got, c.complaint, r.Tags, r.Negativity, r.Evidence)
			}
			if c.question && !model.HasTag(r.Tags, TagQuestion) {
				t.Errorf("tags %v lack question", r.Tags)
			}
		})
	}
}

// TestCareOwnSlip checks that the author's own slip in a message to the
// brand is no complaint and not unfavourable, while a complaint beside an
// apology or "my bad experience" stays one.
func TestCareOwnSlip(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct {
		text      string
		complaint bool
		sentiment string // "!negative" for anything but negative
	}{
		{"@SkyLark sorry, should have said we are flying out of Denver", false, "!negative"},
		{"@SkyLark sorry, we are in Philly. Should've told you that.", false, "!negative"},
		{"@SkyLark it was my fault I missed the flight, can I still use the return ticket?", false, ""},
		{"@SkyLark I misread the date as the 12th, not the 21st. Thanks for clarifying!", false, "!negative"},
		{"@SkyLark sorry to bother you, but I have been on hold for two hours", true, "negative"},
		{"@SkyLark I wrote about my bad experience and you sent a generic reply. Never again", true, "negative"},
		{"@SkyLark my bad, wrong flight number. My bag is still missing though!", true, "negative"},
	} {
		t.Run(truncate(c.text, 50), func(t *testing.T) {
			r := e.Score(Input{Text: c.text, Brand: "SkyLark", Matched: []string{"SkyLark"}})
			if got := model.HasTag(r.Tags, TagComplaint); got != c.complaint {
				t.Errorf("complaint %v, want %v (tags %v, negativity %.2f, evidence %v)", got, c.complaint, r.Tags, r.Negativity, r.Evidence)
			}
			switch {
			case c.sentiment == "!negative" && r.Sentiment == model.Negative,
				c.sentiment == "negative" && r.Sentiment != model.Negative:
				t.Errorf("sentiment %s, want %s (negativity %.2f, evidence %v)", r.Sentiment, c.sentiment, r.Negativity, r.Evidence)
			}
		})
	}
}

// TestCareChannelTalk checks that talk about the channel (DMs, following)
// and the correction of a detail ("1089 not 1098") are no complaint, and
// that a failure told beside them still is.
func TestCareChannelTalk(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct {
		text      string
		complaint bool
	}{
		{"@SkyLark I am following you now. I don't think I can DM until you follow me.", false},
		{"@SkyLark yes I do, but you don't follow me so I can't DM you", false},
		{"@SkyLark I sent you a DM an hour ago and have not heard anything", true},
		{"@SkyLark can't DM you. My bag has been missing for three days!", true},
		// a correction of a detail
		{"@SkyLark actually flight 1089 not 1098", false},
		{"@SkyLark you could hold the plane 10 minutes but not 15? Missed my connection", true},
	} {
		t.Run(truncate(c.text, 50), func(t *testing.T) {
			r := e.Score(Input{Text: c.text, Brand: "SkyLark", Matched: []string{"SkyLark"}})
			if got := model.HasTag(r.Tags, TagComplaint); got != c.complaint {
				t.Errorf("complaint %v, want %v (tags %v, negativity %.2f, evidence %v)", got, c.complaint, r.Tags, r.Negativity, r.Evidence)
			}
		})
	}
}

// TestCareWeather checks that the weather reported to the brand is no
// complaint and not unfavourable, while weather given as the brand's
// excuse, or a failure beside it, still complains.
func TestCareWeather(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct {
		text      string
		complaint bool
	}{
		{"@SkyLark any travel advisory for the Carolinas? Bad weather!", false},
		{"@SkyLark seeing freezing rain in Dallas all morning. Should I change my connection?", false},
		{"@SkyLark the weather is awful here, hope we still get out tonight", false},
		{"@SkyLark bad weather should not be an excuse for losing my luggage", true},
		{"@SkyLark you cancelled because of \"severe weather\" and charged me a change fee", true},
		{"@SkyLark bad weather I get, but four hours on the tarmac with no water?", true},
	} {
		t.Run(truncate(c.text, 50), func(t *testing.T) {
			r := e.Score(Input{Text: c.text, Brand: "SkyLark", Matched: []string{"SkyLark"}})
			if got := model.HasTag(r.Tags, TagComplaint); got != c.complaint {
				t.Errorf("complaint %v, want %v (tags %v, negativity %.2f, evidence %v)", got, c.complaint, r.Tags, r.Negativity, r.Evidence)
			}
			if !c.complaint && r.Sentiment == model.Negative {
				t.Errorf("sentiment negative (negativity %.2f, evidence %v)", r.Negativity, r.Evidence)
			}
		})
	}
}

// TestCareIdioms checks "in spite of" and "nothing but" in messages to the
// brand: no spite, no negation.
func TestCareIdioms(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct{ text, sentiment string }{
		{"@SkyLark nothing but praise for your crew tonight!", model.Positive},
		{"@SkyLark I've heard nothing but great things about you, first flight tomorrow!", model.Positive},
		{"@SkyLark nothing but trouble with your app all week", model.Negative},
	} {
		t.Run(truncate(c.text, 50), func(t *testing.T) {
			r := e.Score(Input{Text: c.text, Brand: "SkyLark", Matched: []string{"SkyLark"}})
			if r.Sentiment != c.sentiment {
				t.Errorf("sentiment %s, want %s (negativity %.2f, evidence %v)", r.Sentiment, c.sentiment, r.Negativity, r.Evidence)
			}
		})
	}
	r := e.Score(Input{Text: "@SkyLark in spite of the snow, the crew at the gate were wonderful", Brand: "SkyLark", Matched: []string{"SkyLark"}})
	for _, ev := range r.Evidence {
		if ev.Text == "spite" {
			t.Errorf("evidence %v counts \"spite\"", r.Evidence)
		}
	}
}
