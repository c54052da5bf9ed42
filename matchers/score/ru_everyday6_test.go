package score

import "testing"

// TestRuEverydaySixthRound checks the readings of ru_everyday6.go on
// sentences written for this test (none is from testdata/everyday): each
// reading on its own side, and a plain counterpart on the other.
func TestRuEverydaySixthRound(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct {
		text, brand, sentiment string
		has, hasNot            []string
	}{
		// a service done within a short time, told flatly: approval
		{"Вайлдберриз вернул деньги за брак за три дня", "Вайлдберриз", "positive", []string{"praise"}, []string{"complaint"}},
		{"СДЭК доставил коробку из Казани за 2 дня", "СДЭК", "positive", []string{"praise"}, nil},
		{"Укрпошта доставила посилку за один день", "Укрпошта", "positive", []string{"praise"}, nil},
		// the same words with the time stretched or denied are no approval
		{"Вайлдберриз вернул деньги за брак только через три недели", "Вайлдберриз", "", nil, []string{"praise"}},
		{"СДЭК не доставил коробку за 2 дня, как обещал", "СДЭК", "", nil, []string{"praise"}},
		{"СДЭК доставил коробку из Казани за 2 дня?", "СДЭК", "", nil, []string{"praise"}},
		// a favourable account closed by a verdict or by no trouble: praise
		{"Пользуюсь Билайном пять лет, не было никаких проблем со связью", "Билайн", "positive", []string{"praise"}, nil},
		{"Доставка Самоката быстрая, курьеры вежливые. Советую", "Самокат", "positive", []string{"praise"}, nil},
		{"Хожу в Ворлд Класс полгода, тренажёры работают без сбоев", "Ворлд Класс", "positive", []string{"praise"}, nil},
		// a ranking told as news is neutral; a person's own ranking is not news
		{"Тинькофф признан лучшим розничным банком по версии журнала", "Тинькофф", "neutral", nil, []string{"praise"}},
		{"Ростелеком стал лауреатом отраслевой премии", "Ростелеком", "neutral", nil, []string{"praise"}},
		{"Тинькофф для меня лучший банк, всё быстро и удобно", "Тинькофф", "positive", nil, nil},
	} {
		checkSentence(t, e, c.brand, c.text, c.sentiment, c.has, c.hasNot)
	}
}
