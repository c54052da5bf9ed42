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
		// a contracted wh-word before a noun phrase asks without "?"
		{"wh contracted", "@Quasar on hold for an hour. What's the number to reach a person", true},
		{"wh contracted, bag", "@Quasar where's my bag, it never came off the belt", true},
		{"wh contracted, pseudo-cleft", "@Quasar what's more annoying is the silence from your team.", false},
		{"wh contracted, rhetoric", "@Quasar what's the point of a loyalty card, honestly", false},
		{"wh contracted, exclamation", "@Quasar what's the deal with these fees!", false},
		// a request phrase denied requests nothing
		{"request denied", "@Quasar what is the point of a tracking code if you can't tell me where my bag is?", false},
		{"request denied, no mark", "@Quasar your agents can't tell me where my bag is. Useless", false},
		{"request denied, nobody", "@Quasar three calls and nobody will tell me what happened to my refund. Awful", false},
		{"request made", "@Quasar please tell me where my bag is", true},
		{"request made, could you", "@Quasar could you please tell me when the desk opens", true},
		// a "?" told with a grin is banter
		{"grin", "@Quasar give me two tickets to the show and I'll drive all night! Deal? 😆", false},
		{"grin, emoticon", "@Quasar maybe you can put in a good word for me? ;-)", false},
		{"grin, then a real question", "@Quasar want to make my day? :) Any chance you can move us to an earlier flight?", true},
		{"frown keeps the question", "@Quasar when does the lounge open? :(", true},
		{"no grin", "@Quasar can you seat my kids together on Friday?", true},
		// the reader's experience, a fact offered
		{"have you seen", "@Quasar have you seen the new film about pilots? Go look it up :)", false},
		{"did you know", "@Quasar did you know that most delays start at the gate", false},
		{"have you ever tried", "@Quasar have you ever tried the cheesecake in terminal B?", false},
		{"have you seen my bag", "@Quasar have you seen my bag? It was on flight 12", true},
		{"did you know about my refund", "@Quasar did you know about my refund request from May?", true},
		{"did you hear when", "@Quasar did you hear when the storm will pass?", true},
		{"do you know", "@Quasar do you know if the lounge takes guests?", true},
	} {
		res := e.Score(Input{Text: c.text, Lang: "en", Brand: "Quasar"})
		if got := model.HasTag(res.Tags, TagQuestion); got != c.asks {
			t.Errorf("%s: %q: question %v, want %v (tags %v)", c.name, c.text, got, c.asks, res.Tags)
		}
	}
}

// TestEnglishQuestionShapes9Words checks the word tables of the shapes:
// which contracted wh-words ask, and which verb forms go with "have you"
// and "did you".
func TestEnglishQuestionShapes9Words(t *testing.T) {
	for _, c := range []struct {
		w    string
		want bool
	}{
		{"what's", true}, {"whats", true}, {"where's", true}, {"when's", true}, {"how's", false}, {"who's", false},
	} {
		if enWhContracted[c.w] != c.want {
			t.Errorf("enWhContracted[%q] = %v, want %v", c.w, !c.want, c.want)
		}
	}
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
