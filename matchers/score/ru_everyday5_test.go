package score

import "testing"

// TestRuEverydayFifthRound checks the readings of ru_everyday5.go on
// sentences written for this test (none is from testdata/everyday): each
// reading on its own side, and a plain counterpart on the other.
func TestRuEverydayFifthRound(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct {
		text, brand, sentiment string
		has, hasNot            []string
	}{
		// a report that names its source, says the trouble is over, or
		// tells what a company announced: told, not judged
		{"МегаФон сообщил о сбое передачи данных в Поволжье", "МегаФон", "neutral", nil, []string{"complaint"}},
		{"В Билайне сообщили, что связь в Казани восстановлена после аварии на линии", "Билайн", "neutral", nil, []string{"complaint"}},
		{"Приложение Райффайзенбанка не открывается у части клиентов, пишет «РБК»", "Райффайзенбанк", "neutral", nil, []string{"complaint"}},
		{"Wildberries задерживает выплаты продавцам, сообщает РБК", "Wildberries", "neutral", nil, []string{"complaint"}},
		{"В МТС заявили, что сбой мобильного интернета затронул всю Москву", "МТС", "neutral", nil, []string{"complaint"}},
		{"Ozon объявил о повышении комиссии для продавцов электроники", "Ozon", "neutral", nil, nil},
		// the news convention kept without such a cue, and a person's
		// account is no report
		{"ЦБ оштрафовал Киви Банк за нарушения", "Киви Банк", "negative", nil, nil},
		{"МегаФон опять отключил мне интернет, третий день сижу без связи", "МегаФон", "negative", []string{"complaint"}, nil},
		{"Я сообщил о проблеме Билайну неделю назад, до сих пор тишина", "Билайн", "negative", nil, nil},
	} {
		checkSentence(t, e, c.brand, c.text, c.sentiment, c.has, c.hasNot)
	}
}
