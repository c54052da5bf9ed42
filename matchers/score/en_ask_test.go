package score

import "testing"

// TestInformationQuestionWeighsNothing checks that what a question for
// information names keeps no valence (enAskDamp): asking whether a
// plan is good says nothing of the brand.
// The sentences are written for the test; none is a line of a corpus.
func TestInformationQuestionWeighsNothing(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct{ brand, text string }{
		{"Quillo", "Is the Quillo premium plan worth it for a small team?"},
		{"Skyway", "Is the Skyway lounge any good for families?"},
		{"Quasar Bank", "Can I get a better rate at Quasar Bank if I open a savings account?"},
	} {
		checkSentence(t, e, c.brand, c.text, "neutral", []string{"question"}, nil)
	}
}
