package score

import "testing"

// TestRussianRegister checks who is speaking in a Russian text about a
// company (issue 12, item 3): the company's own account retweeted and its
// support's replies are no opinion of it, nor are the favourable words of
// an advertisement; a person's words, a headline and a customer's formal
// "Вы" to the company keep their weight.
func TestRussianRegister(t *testing.T) {
	e := newTestEngine(t)
	cases := []struct {
		name, brand, text, want string
		matched                 []string
	}{
		{"own account retweeted", "Билайн", "RT @Beeline_RUS: С нами легко экономить: подключайте тариф и получайте бонусы", "neutral", []string{"Билайн", "beeline"}},
		{"someone else retweeted", "Билайн", "RT @anna: Билайн отличный оператор, связь прекрасная", "positive", nil},
		{"support reply", "Билайн", "@dimadr Спасибо за уточнение! Мы свяжемся с Вами завтра. #билайн", "neutral", nil},
		{"customer to the company", "МТС", "@ru_mts ура! Огромное спасибо Вам, всё отлично работает!", "positive", nil},
		{"support greeting a customer", "Билайн", "@kambot3 Добрый день! К сожалению, в этом районе сейчас сбой связи, специалисты уже работают #билайн", "neutral", nil},
		{"customer greeting another", "Билайн", "@anna привет! у билайна опять ужасная связь", "negative", nil},
		{"reply without the formal you", "Билайн", "@anna у меня билайн, связь отличная, очень довольна", "positive", nil},
		{"ad listing", "Сбербанк", "кредит наличными сбербанк быстро http://example.com/x", "neutral", nil},
		{"the same words said", "Сбербанк", "кредит наличными сбербанк быстро", "positive", nil},
		{"ad opening with a link", "ВТБ", "http://example.com/x Быстро получить кредит в ВТБ", "neutral", nil},
		{"headline with a link", "ВТБ", "Быстро получить кредит в ВТБ http://example.com/x", "positive", nil},
		{"person with a link", "Сбербанк", "Наконец-то отличное приложение у сбербанка, очень удобно! http://example.com/x", "positive", nil},
		{"complaint in an ad shape keeps its blame", "Сбербанк", "сбербанк опять списал деньги без спроса http://example.com/x", "negative", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.Score(Input{Text: c.text, Brand: c.brand, Matched: c.matched, Lang: "ru"})
			if r.Sentiment != c.want {
				t.Errorf("%q: %s (negativity %.2f, %v), want %s", c.text, r.Sentiment, r.Negativity, r.Evidence, c.want)
			}
		})
	}
}

// TestHeadlineOpening: a headline with a link reads the same whether it
// opens with a space, a quotation mark or its first word; only a link
// before the words makes the shape of a listing.
func TestHeadlineOpening(t *testing.T) {
	e := newTestEngine(t)
	text := "Сбербанк запустил отличный удобный сервис переводов http://example.com/x"
	want := e.Score(Input{Text: text, Brand: "Сбербанк", Lang: "ru"}).Negativity
	for _, v := range []string{"\n  " + text, "«Сбербанк» запустил отличный удобный сервис переводов http://example.com/x"} {
		if got := e.Score(Input{Text: v, Brand: "Сбербанк", Lang: "ru"}).Negativity; got != want {
			t.Errorf("%q: negativity %.2f, want %.2f as without the opening", v, got, want)
		}
	}
	listing := e.Score(Input{Text: "http://example.com/x Сбербанк запустил отличный удобный сервис переводов", Brand: "Сбербанк", Lang: "ru"}).Negativity
	if listing <= want {
		t.Errorf("link first: negativity %.2f, want the damped favour of a listing (above %.2f)", listing, want)
	}
}
