package score

import (
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestIntentShapes checks the general shapes of a question and a
// complaint on sentences written for the test (none is from the labelled
// sets): the forms that ask without a "?", the "?" that asks nothing, and
// the problem shapes that make a complaint, each with negatives.
func TestIntentShapes(t *testing.T) {
	e, err := New(config.Scoring{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		brand, lang, text string
		want, not         []string
	}{
		// questions without a "?"
		{"Квазар", "ru", "Подскажите, сколько стоит обслуживание карты Квазар", []string{TagQuestion}, nil},
		{"Квазар", "ru", "Кто-нибудь знает как отключить платную подписку Квазар", []string{TagQuestion}, []string{TagComplaint}},
		{"Квазар", "ru", "не подскажете, где можно снять наличные в Квазаре", []string{TagQuestion}, nil},
		{"Квазар", "ru", "Квазар, как подключить безлимит", []string{TagQuestion}, nil},
		{"Квазар", "ru", "а можно ли перевести деньги с карты Квазар за границу", []string{TagQuestion}, nil},
		{"Квазар", "ru", "Почему у Квазара нет нормального тарифа для планшета", []string{TagQuestion}, nil},
		{"Quasar", "en", "is there a way to get a refund from Quasar", []string{TagQuestion}, nil},
		{"Quasar", "en", "@Quasar can you seat my kids together on Friday", []string{TagQuestion}, nil},
		{"Quasar", "en", "@Quasar do you fly nonstop to Boston in summer", []string{TagQuestion}, nil},
		{"Quasar", "en", "Hi @Quasar, how do I add a bag to my booking", []string{TagQuestion}, nil},
		{"Quasar", "en", "can someone tell me if Quasar lounges take guests", []string{TagQuestion}, nil},
		{"Quasar", "en", "@Quasar is there wifi on the flight to Denver", []string{TagQuestion}, nil},
		{"Quasar", "en", "@Quasar pls tell me how to get a person on the phone", []string{TagQuestion}, nil},
		{"Quasar", "en", "@Quasar need to change two more bookings can you please check DM", []string{TagQuestion}, nil},
		{"Quasar", "en", "Quasar's crew will tell you what to expect at the gate, great service", nil, []string{TagQuestion}},
		// not questions
		{"Квазар", "ru", "Как всегда Квазар не работает", nil, []string{TagQuestion}},
		{"Квазар", "ru", "Когда я пришел в Квазар, там никого не было", nil, []string{TagQuestion}},
		{"Квазар", "ru", "Пошёл в салон Квазар, где мне сказали что ничего не могут сделать", nil, []string{TagQuestion}},
		{"Квазар", "ru", "Квазар, вы издеваетесь?!", []string{TagComplaint}, []string{TagQuestion}},
		{"Квазар", "ru", "«Квазар снизит ставки?» — пишет газета", nil, []string{TagQuestion, TagComplaint}},
		{"Квазар", "ru", "Квазар у меня уже пять лет. Как ты, Саш?", nil, []string{TagQuestion}},
		{"Quasar", "en", "@Quasar how hard can it be to keep a schedule?", []string{TagComplaint}, []string{TagQuestion}},
		{"Quasar", "en", "@Quasar can you believe this, 3 hours on the tarmac", []string{TagComplaint}, []string{TagQuestion}},
		{"Quasar", "en", "@Quasar has the best crew, thank you", nil, []string{TagQuestion}},
		{"Quasar", "en", "@Quasar is the worst airline ever", []string{TagComplaint}, []string{TagQuestion}},
		{"Quasar", "en", "When I got to the gate Quasar had already left", nil, []string{TagQuestion}},
		{"Quasar", "en", "What a great flight with Quasar today", nil, []string{TagQuestion}},
		{"Quasar", "en", "Quasar deals this week (http://quasar.example/deals?id=5) look good", nil, []string{TagQuestion}},
		{"Yahoo!", "en", "Yahoo!? Still a name to smile at", nil, []string{TagQuestion}},
		{"Yahoo!", "en", "Do you still use Yahoo!?", []string{TagQuestion}, nil},
		// a "?" that is someone else's, an outburst, or a line on a link
		{"Квазар", "ru", "Кассир Квазара спросила: \"Вам карту оформить? Это быстро\" и ушла", nil, []string{TagQuestion}},
		{"Квазар", "ru", "Квазар, бля, когда ты уже заработаешь?", []string{TagComplaint}, []string{TagQuestion}},
		{"Квазар", "ru", "Квазар, ты будешь работать или что?", []string{TagComplaint}, []string{TagQuestion}},
		{"Квазар", "ru", "«Надёжный Квазар» говорите? Третий сбой за неделю", []string{TagComplaint}, []string{TagQuestion}},
		{"Квазар", "ru", "Как вам новая реклама Квазара? http://example.com/ad", nil, []string{TagQuestion}},
		{"Quasar", "en", "@Quasar why is my refund not here yet? http://example.com/shot", []string{TagQuestion}, nil},
		{"Quasar", "en", "@Quasar what's the status of flight 12??", []string{TagQuestion}, nil},
		{"Quasar", "en", "@Quasar how on earth could you lose two bags in one trip?", []string{TagComplaint}, []string{TagQuestion}},
		{"Quasar", "ru", "@Quasar 180 дней? Вы серьёзно? Полгода ждать?", []string{TagComplaint}, nil},
		// a headline with a link, the brand's own post passed on
		{"Квазар", "ru", "Квазар приостановит онлайн-переводы из-за техработ http://example.com/news", nil, []string{TagComplaint}},
		{"Квазар", "ru", "Квазар — банк воров и обманщиков http://example.com/x", []string{TagComplaint}, nil},
		{"Quasar", "ru", "RT @Quasar: @anna к сожалению, перенос номера в другой регион невозможен", nil, []string{TagComplaint}},
		// a question to care about a live failure is both
		{"Quasar", "en", "@Quasar where the heck are our bags, it has been an hour", []string{TagQuestion, TagComplaint}, nil},
		{"Квазар", "ru", "Квазар, почему не приходит смс с кодом?", []string{TagQuestion, TagComplaint}, nil},
		// complaint shapes
		{"Quasar", "en", "Quasar won't let me check in online", []string{TagComplaint}, nil},
		{"Quasar", "en", "@Quasar you lost my suitcase", []string{TagComplaint}, nil},
		{"Quasar", "en", "Quasar billed me twice this month", []string{TagComplaint}, nil},
		{"Quasar", "en", "@Quasar your site keeps crashing", []string{TagComplaint}, nil},
		{"Quasar", "en", "no signal at home since Quasar's update", []string{TagComplaint}, nil},
		{"Квазар", "ru", "Квазар не даёт войти в приложение", []string{TagComplaint}, nil},
		{"Квазар", "ru", "Перевод на карту Квазар не приходит", []string{TagComplaint}, nil},
		{"Квазар", "ru", "Третий день без интернета, Квазар", []string{TagComplaint}, nil},
		{"Квазар", "ru", "Квазар, вы обнаглели", []string{TagComplaint}, nil},
		{"Квазар", "ru", "Куда уходят деньги с баланса Квазар", []string{TagComplaint}, nil},
		// not complaints
		{"Квазар", "ru", "@lena где ты её нашла? я даже в Квазаре найти не могу ((", nil, []string{TagComplaint}},
		{"Квазар", "ru", "Квазар открыл новый офис в Казани", nil, []string{TagComplaint}},
		{"Квазар", "ru", "Все платежи через Квазар проходят без проблем", nil, []string{TagComplaint}},
		{"Quasar", "en", "Does anyone know whether Quasar cards work with Apple Pay?", []string{TagQuestion}, []string{TagComplaint}},
		{"Quasar", "en", "Quasar lets me check in online in a minute, love it", nil, []string{TagComplaint}},
		// a problem named inside a question for information asks; a
		// "why" question, or a problem told beside the question, complains
		{"Quasar", "en", "@Quasar can someone help me with some booking issues today?", []string{TagQuestion}, []string{TagComplaint}},
		{"Quasar", "en", "@Quasar what's not allowed in a checked bag?", []string{TagQuestion}, []string{TagComplaint}},
		{"Quasar", "en", "@Quasar why is my card blocked again?", []string{TagComplaint}, nil},
		{"Quasar", "en", "@Quasar my card was blocked twice this week. can you unblock it?", []string{TagComplaint, TagQuestion}, nil},
		{"Quasar", "en", "@Quasar do not answer my emails?", []string{TagComplaint}, nil},
		// statement order told in anger is an outburst; question order still asks
		{"Quasar", "en", "@Quasar awful service. ten years a customer and that is the response you give?", []string{TagComplaint}, []string{TagQuestion}},
		{"Quasar", "en", "@Quasar I was told twice it was fixed, it is still broken. And when I write to you it bounces?! #worstservice", []string{TagComplaint}, []string{TagQuestion}},
		{"Quasar", "en", "@Quasar do not reply to emails? terrible service", []string{TagComplaint}, []string{TagQuestion}},
		{"Quasar", "en", "@Quasar my bag is lost again, guys where is it?", []string{TagQuestion}, nil},
		{"Quasar", "en", "@Quasar terrible delay, when will flight 12 board?", []string{TagQuestion}, nil},
		{"Quasar", "en", "@Quasar awful night, is there any hotel for us?", []string{TagQuestion}, nil},
		// approval of a failure is sarcasm; a reaction to the brand's own
		// post is no intent
		{"Quasar", "en", "@Quasar so nice of you to cancel my flight", []string{TagComplaint}, nil},
		{"Quasar", "en", "@Quasar happy to fly with you again despite the storm", nil, []string{TagComplaint}},
		{"Quasar", "en", "😕 RT @Quasar: Our new seats are here!", nil, []string{TagComplaint, TagPraise}},
		{"Quasar", "en", "“@Quasar: Status on another airline? Match it with us: http://example.com/m” @sam_k ? 🙉", nil, []string{TagComplaint, TagChurn}},
		{"Quasar", "en", "“@Quasar: Our new seats are here! http://example.com/s” make it stop", nil, []string{TagComplaint}},
		{"Quasar", "en", "“@Quasar: Our new seats are here!” Thanks again Quasar, great job", []string{TagPraise}, []string{TagComplaint}},
		{"Quasar", "en", "“@Quasar: Our new seats are here!” they broke my back on the flight to Denver, never again", []string{TagComplaint}, nil},
	}
	cases = append(cases, riskShapeCases...)  // intents_risk_test.go
	cases = append(cases, salesShapeCases...) // intents_sales_test.go
	for _, c := range cases {
		res := e.Score(Input{Text: c.text, Lang: c.lang, Brand: c.brand})
		for _, tag := range c.want {
			if !model.HasTag(res.Tags, tag) {
				t.Errorf("%q: no %s (tags %v)", c.text, tag, res.Tags)
			}
		}
		for _, tag := range c.not {
			if model.HasTag(res.Tags, tag) {
				t.Errorf("%q: %s (tags %v)", c.text, tag, res.Tags)
			}
		}
	}
}
