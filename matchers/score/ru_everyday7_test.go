package score

import "testing"

// TestRuEverydaySeventhRound checks the reading of ru_everyday7.go on
// sentences written for this test (none is from testdata/everyday): thanks
// or approval said the other way round is a complaint, and the same words
// in earnest stay as they were.
func TestRuEverydaySeventhRound(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct {
		text, brand, sentiment string
		has, hasNot            []string
	}{
		// after "ну" / "вот"
		{"Магнит опять пробил товар дважды, ну супер", "Магнит", "negative", []string{"complaint"}, []string{"praise"}},
		{"Вот спасибо, Теле2, что списали абонплату дважды", "Теле2", "negative", []string{"complaint"}, []string{"praise"}},
		// closing the text after a break, nothing else favourable
		{"Ростелеком снова поднял цену за домашний интернет. Прекрасно", "Ростелеком", "negative", []string{"complaint"}, []string{"praise"}},
		// opening the text before a colon, nothing else favourable
		{"Браво, СДЭК: посылка третью неделю лежит на складе", "СДЭК", "negative", []string{"complaint"}, []string{"praise"}},
		// in earnest: thanks or "молодцы" closing a text, or beside other praise
		{"Вернули деньги за сломанный чайник. Спасибо", "Эльдорадо", "", nil, []string{"complaint"}},
		{"Заказ пришёл раньше срока, Озон, молодцы", "Озон", "", nil, []string{"complaint"}},
		{"Браво, Самокат: курьер быстрый и вежливый", "Самокат", "positive", nil, []string{"complaint"}},
		{"Самокат привёз всё быстро и свежее. Отлично", "Самокат", "positive", nil, []string{"complaint"}},
	} {
		checkSentence(t, e, c.brand, c.text, c.sentiment, c.has, c.hasNot)
	}
}

// TestRuRaisesCharge checks that a charge raised or brought in, told
// flatly, is a complaint, and that a denied verb or a rate raised in the
// customer's favour is not.
func TestRuRaisesCharge(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct {
		text, brand, sentiment string
		has, hasNot            []string
	}{
		{"Теле2 поднял абонплату на 100 рублей, второй раз за полгода", "Теле2", "negative", []string{"complaint"}, nil},
		{"Київстар підвищив тариф на домашній інтернет", "Київстар", "negative", []string{"complaint"}, nil},
		{"Почта Банк ввёл комиссию за снятие наличных", "Почта Банк", "negative", []string{"complaint"}, nil},
		{"Почта Банк пока не вводит комиссию за снятие наличных", "Почта Банк", "", nil, []string{"complaint"}},
		{"Совкомбанк повысил ставку по вкладу до 17%", "Совкомбанк", "", nil, []string{"complaint"}},
	} {
		checkSentence(t, e, c.brand, c.text, c.sentiment, c.has, c.hasNot)
	}
}
