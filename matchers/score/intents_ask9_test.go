package score

import (
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestEnglishQuestionShapes9 checks the question shapes of intents_ask9.go
// through the tagger, each with negatives. The sentences are written for
// the test; none is a line of a corpus.
func TestEnglishQuestionShapes9(t *testing.T) {
	e, err := New(config.Scoring{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, text string
		asks       bool
	}{
		// a request phrase denied requests nothing
		{"request denied", "@Quasar what is the point of a tracking code if you can't tell me where my bag is?", false},
		{"request denied, no mark", "@Quasar your agents can't tell me where my bag is. Useless", false},
		{"request denied, nobody", "@Quasar three calls and nobody will tell me what happened to my refund. Awful", false},
		{"request made", "@Quasar please tell me where my bag is", true},
		{"request made, could you", "@Quasar could you please tell me when the desk opens", true},
		// the reader's experience, a fact offered
		{"have you seen", "@Quasar have you seen the new film about pilots? Go look it up :)", false},
		{"did you know", "@Quasar did you know that most delays start at the gate", false},
		{"have you ever tried", "@Quasar have you ever tried the cheesecake in terminal B?", false},
		{"have you seen my bag", "@Quasar have you seen my bag? It was on flight 12", true},
		{"did you know about my refund", "@Quasar did you know about my refund request from May?", true},
		{"did you hear when", "@Quasar did you hear when the storm will pass?", true},
		{"do you know", "@Quasar do you know if the lounge takes guests?", true},
		// formulas that ask nothing
		{"guess what", "@Quasar guess what? Delayed again", false},
		{"who knew", "@Quasar free snacks on a two-hour flight, who knew?", false},
		{"how cool is that", "@Quasar a window seat with a power plug, how cool is that?", false},
		{"what could go wrong", "@Quasar a 25-minute connection at the busiest airport, what could possibly go wrong?", false},
		{"how long is that", "@Quasar how long is that flight to Denver?", true},
		{"you know what", "@Quasar you know what? I give up on your app", false},
		{"you know when", "@Quasar you know when the lounge opens?", true},
		{"who knows a number", "@Quasar who can tell me when the desk opens?", true},
		// a "?" inside a word
		{"lost apostrophe", "@Quasar I don?t think the lounge is open today", false},
		{"lost apostrophe, it's", "@Quasar it?s the third delay this week", false},
		{"mark before a space", "@Quasar is the lounge open? thanks", true},
		{"mark at the end", "@Quasar is the lounge open?", true},
	} {
		res := e.Score(Input{Text: c.text, Lang: "en", Brand: "Quasar"})
		if got := model.HasTag(res.Tags, TagQuestion); got != c.asks {
			t.Errorf("%s: %q: question %v, want %v (tags %v)", c.name, c.text, got, c.asks, res.Tags)
		}
	}
}

// TestEnglishQuestionShapes9Words checks which verb forms go with "have
// you" and which with "did you" in enExperienceAsk.
func TestEnglishQuestionShapes9Words(t *testing.T) {
	for _, c := range []struct {
		aux, verb string
		want      bool
	}{
		{"have", "seen", true}, {"did", "know", true}, {"did", "see", true}, {"have", "see", false},
		{"did", "seen", false}, {"have", "lost", false}, {"did", "cancel", false},
	} {
		if enExperienceVerbs[c.aux][c.verb] != c.want {
			t.Errorf("enExperienceVerbs[%q][%q] = %v, want %v", c.aux, c.verb, !c.want, c.want)
		}
	}
}
