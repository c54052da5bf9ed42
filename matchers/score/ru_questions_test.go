package score

import (
	"strings"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// TestRussianQuestions checks that an indignant question about a failure
// is negative without an unfavourable word, and that a question which
// only asks, or asks politely, stays neutral.
func TestRussianQuestions(t *testing.T) {
	e, err := New(config.Scoring{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ text, want string }{
		{"Сбербанк, почему опять не работает приложение?", "negative"},
		{"Билайн, сколько можно ждать подключения?", "negative"},
		{"МТС, где мои деньги?", "negative"},
		{"Когда уже Билайн починит интернет в Химках?", "negative"},
		{"Почему у Билайна до сих пор нет 4G в Коломне??", "negative"},
		// questions that ask
		{"Как подключить роуминг на Билайне?", "neutral"},
		{"Где ближайший офис Сбербанка?", "neutral"},
		{"Сбербанк, подскажите, пожалуйста, когда уже можно будет оформить карту?", "neutral"},
		{"Когда Сбербанк откроет новый офис?", "neutral"},
	}
	for _, c := range cases {
		brand := "Сбербанк"
		for _, b := range []string{"Билайн", "МТС"} {
			if containsFold(c.text, b) {
				brand = b
			}
		}
		got := e.Score(Input{Text: c.text, Lang: "ru", Brand: brand})
		if got.Sentiment != c.want {
			t.Errorf("%q: %s (%.2f %v), want %s", c.text, got.Sentiment, got.Negativity, got.Evidence, c.want)
		}
	}
}

func containsFold(s, sub string) bool {
	return strings.Contains(foldString(s), foldString(sub))
}
