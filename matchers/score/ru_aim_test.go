package score

import "testing"

// TestRussianAim: a Russian sentence that names no company is aimed at
// the company named before it, so what it says of a competitor does not
// count against the brand; the same sentences after the brand still do.
func TestRussianAim(t *testing.T) {
	e := newTestEngine(t)
	score := func(text, brand string) Result {
		return e.Score(Input{Text: text, Brand: brand, Lang: "ru", Others: []string{"Билайн", "Мегафон", "МТС"}})
	}
	text := "Как меня уже достал оператор Билайн. Постоянно пропадает связь. Уже четвёртый день глюки идут. Приходится с Мегафоном сидеть"
	if got := score(text, "Билайн"); got.Sentiment != "negative" {
		t.Errorf("Билайн: %s (%.2f), want negative", got.Sentiment, got.Negativity)
	}
	if got := score(text, "Мегафон"); got.Sentiment != "neutral" {
		t.Errorf("Мегафон: %s (%.2f) %v, want neutral: the complaints are Билайн's", got.Sentiment, got.Negativity, got.Evidence)
	}
	// the brand named first: the sentences after it are its own
	own := "Приходится с Мегафоном сидеть. Билайн меня достал. Постоянно пропадает связь. Уже четвёртый день глюки идут"
	if got := score(own, "Мегафон"); got.Sentiment != "neutral" {
		t.Errorf("Мегафон first: %s (%.2f), want neutral", got.Sentiment, got.Negativity)
	}
	if got := score(own, "Билайн"); got.Sentiment != "negative" {
		t.Errorf("Билайн second: %s (%.2f), want negative", got.Sentiment, got.Negativity)
	}
	// with no competitor named nothing changes
	alone := "Как меня уже достал Мегафон. Постоянно пропадает связь"
	if got := score(alone, "Мегафон"); got.Sentiment != "negative" {
		t.Errorf("alone: %s (%.2f), want negative", got.Sentiment, got.Negativity)
	}
}

// TestRussianConditional: a case supposed in an "если" clause weighs
// less than the same event told.
func TestRussianConditional(t *testing.T) {
	e := newTestEngine(t)
	neg := func(text string) float64 {
		return e.Score(Input{Text: text, Brand: "МТС", Lang: "ru"}).Negativity
	}
	told := neg("Вирус повредил память телефона МТС, что делать?")
	supposed := neg("Если вирус повредил память телефона МТС, что делать?")
	if supposed >= told {
		t.Errorf("supposed %.2f, want below the event told %.2f", supposed, told)
	}
	// the main clause keeps its weight
	main := neg("МТС ужасный оператор, если честно")
	if main < 0.6 {
		t.Errorf("main clause: negativity %.2f, want negative", main)
	}
}

// TestRussianAimClauses: within a sentence, a clause that names nobody
// goes on about the company of the clause before it.
func TestRussianAimClauses(t *testing.T) {
	e := newTestEngine(t)
	others := []string{"Билайн", "МТС"}
	text := "Билайн нормальный оператор, а у МТС вечно проблемы, интернет не работает, связь ужасная"
	if got := e.Score(Input{Text: text, Brand: "Билайн", Lang: "ru", Others: others}); got.Sentiment == "negative" {
		t.Errorf("Билайн: %s (%.2f) %v, want not negative: the trouble is МТС's", got.Sentiment, got.Negativity, got.Evidence)
	}
	if got := e.Score(Input{Text: text, Brand: "МТС", Lang: "ru", Others: others}); got.Sentiment != "negative" {
		t.Errorf("МТС: %s (%.2f), want negative", got.Sentiment, got.Negativity)
	}
}
