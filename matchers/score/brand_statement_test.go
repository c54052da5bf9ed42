package score

import "testing"

// TestBrandStatement checks that a company's own statement about a
// problem (brand_statement.go) carries no complaint and is at most
// mildly unfavourable, that its risk tags stay, and that a customer who
// quotes the brand, or a "мы знаем" that states no problem, is read as
// before. The sentences are written for the test.
func TestBrandStatement(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct {
		brand, text string
		statement   bool
	}{
		{"МТС", "МТС: Мы знаем о перебоях и уже работаем над их устранением", true},
		{"МТС", "«Мы знаем о проблеме и работаем над её устранением», — сообщили в МТС", true},
		{"Ростелеком", "Ростелеком: приносим извинения за сбой, наши специалисты уже устраняют неполадки", true},
		{"Verizon", "We're aware of the issue and our engineers are on it. - Verizon", true},
		{"Verizon", "Verizon: we apologise for the outage and our engineers are working to restore service", true},
		{"Verizon", "\"We are aware of the outage and are working to restore service,\" Verizon said", true},
		// a customer's own voice beside the quotation, or no problem stated
		{"МТС", "МТС пишет: «мы знаем о проблеме», а у меня третий день нет связи", false},
		{"МТС", "Мы знаем, что вы нас ненавидите, но МТС снова повышает цены", false},
		{"Comcast", "We're aware of the issue - yeah right Comcast, I've had no internet for 3 days", false},
	} {
		r := e.Score(Input{Text: c.text, Brand: c.brand})
		if !c.statement {
			checkSentence(t, e, c.brand, c.text, "negative", []string{"complaint"}, nil)
			continue
		}
		checkSentence(t, e, c.brand, c.text, "neutral", nil, []string{"complaint", "praise", "question", "churn"})
		if r.Negativity > 0.55 {
			t.Errorf("%q: negativity %.2f, want at most mildly unfavourable", c.text, r.Negativity)
		}
	}
	// a warning the brand gives keeps its risk tag
	checkSentence(t, e, "МТС", "МТС: мы знаем о мошенниках, которые звонят от имени компании, и уже работаем с полицией",
		"neutral", []string{"fraud"}, []string{"complaint"})
}
