package score

import "testing"

// TestRussianNames: the words of a quoted product name say nothing of
// the company, while the same words outside quotes, or quoted without a
// product noun before them, keep their weight; a reply signed with a
// support agent's initials ("^ИА") is the company speaking.
func TestRussianNames(t *testing.T) {
	e := newTestEngine(t)
	cases := []struct{ text, want string }{
		{`Подключил тариф «Супер МТС», завтра проверю`, "neutral"},
		{`Подключил программу "Счастливое время" в МТС`, "neutral"},
		{`МТС супер, завтра проверю`, "positive"},
		{`МТС — «супер», завтра проверю`, "positive"},
		{`@nadiwu, рекомендуем обновить настройки, всё отлично заработает ^ДП #МТС`, "neutral"},
		{`@nadiwu у МТС всё отлично работает, рекомендую #МТС`, "positive"},
		{`МТС всё отлично, 2^10 раз проверил`, "positive"},
	}
	for _, c := range cases {
		r := e.Score(Input{Text: c.text, Brand: "МТС", Lang: "ru"})
		if r.Sentiment != c.want {
			t.Errorf("%q: %s (negativity %.2f, %v), want %s", c.text, r.Sentiment, r.Negativity, r.Evidence, c.want)
		}
	}
}
