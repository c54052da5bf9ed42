package score

import (
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestIntentShapesSales checks the shapes of purchase intent and churn on
// sentences written for the test (none is from the labelled sets), in
// both languages, each kind with cases that must not be tagged: a plan to
// buy is a lead and a purchase made is not; a move to the brand is a lead
// and a move to another company is churn; a move to a new plan, a trip
// or a minus balance is neither; a link title is nobody's plan.
func TestIntentShapesSales(t *testing.T) {
	e, err := New(config.Scoring{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	P, C := TagPurchaseIntent, TagChurn
	cases := []struct {
		brand, lang, text string
		want, not         []string
	}{
		// Russian purchase intent: plans, looking around, a move to the brand
		{"Квазар", "ru", "Хочу подключить безлимит в Квазаре", []string{P}, nil},
		{"Квазар", "ru", "Думаю перейти на Квазар с сохранением номера", []string{P}, []string{C}},
		{"Квазар", "ru", "Перейду на #Квазар, надоели обрывы у Зенита", []string{P}, []string{C}},
		{"Квазар", "ru", "Присматриваюсь к тарифам Квазара для планшета", []string{P}, nil},
		{"Квазар", "ru", "Какую карту лучше оформить в Квазаре?", []string{P}, nil},
		{"Квазар", "ru", "Перехожу на новый тариф Квазара, там дешевле", []string{P}, []string{C}},
		// not purchase intent: done already, a link title
		{"Квазар", "ru", "Подключил безлимит в Квазаре, доволен", nil, []string{P}},
		{"Квазар", "ru", "http://example.com/k Хочу взять кредит в банке Квазар", nil, []string{P}},
		// Russian churn: moving to another company, considering it, leaving
		{"Квазар", "ru", "Перейду на #Зенит, Квазар совсем охренел", []string{C}, []string{P}},
		{"Квазар", "ru", "Всю семью переходим к Зениту, Квазар задолбал обрывами", []string{C}, nil},
		{"Квазар", "ru", "Думаю о смене оператора, Квазар достал", []string{C}, nil},
		{"Квазар", "ru", "Хочу перейти на Зенит, Квазар достал", []string{C}, []string{P}},
		{"Квазар", "ru", "Свалю-ка я с Квазара на Зенит с сохранением номера", []string{C}, nil},
		{"Квазар", "ru", "Придётся банк менять, Квазар опять заблокировал карту", []string{C}, nil},
		{"Квазар", "ru", "Квазар, уйду от вас, если не почините интернет", []string{C}, nil},
		{"Квазар", "ru", "Уже неделю как перешла к другому оператору, Квазар", []string{C}, nil},
		{"Квазар", "ru", "Прощай Квазар, больше не вернусь", []string{C}, nil},
		{"Квазар", "ru", "На Квазар больше никогда не пойду", []string{C}, nil},
		// not churn: a minus balance, a new plan, money moved, advice
		{"Квазар", "ru", "Квазар, я опять ушёл в минус из-за вашей абонентки", nil, []string{C}},
		{"Квазар", "ru", "Квазар перевёл деньги на Яндекс только к вечеру", nil, []string{C}},
		{"Квазар", "ru", "Ухожу в отпуск, Квазар, не скучайте", nil, []string{C}},
		// English purchase intent
		{"Quasar", "en", "@Quasar trying to book a flight to Denver for March, any deals?", []string{P}, nil},
		{"Quasar", "en", "@Quasar is it possible to purchase an upgrade to first class?", []string{P}, nil},
		{"Quasar", "en", "thinking about getting the Quasar card, is the sign-up bonus back?", []string{P}, nil},
		{"Quasar", "en", "@Quasar how much is a checked bag on the Denver flight?", []string{P}, nil},
		// not purchase intent: a wait, a purchase made, advice
		{"Quasar", "en", "@Quasar any idea how much longer we wait at the gate?", nil, []string{P}},
		{"Quasar", "en", "just booked my Quasar flight to Denver, so excited", nil, []string{P}},
		{"Quasar", "en", "try to buy the Quasar one, the battery is better", nil, []string{P}},
		// English churn
		{"Quasar", "en", "@Quasar I'll never fly your airline again", []string{C}, nil},
		{"Quasar", "en", "@Quasar you screwed me over for the last time, switching to @Zenith", []string{C}, nil},
		{"Quasar", "en", "@Quasar learned my lesson. Flying Zenith from now on", []string{C}, nil},
		{"Quasar", "en", "@Quasar about to book on a different airline", []string{C}, nil},
		{"Quasar", "en", "Quasar lost my bag again, switching to @Zenith next month", []string{C}, nil},
		{"Quasar", "en", "done waiting, going with #Zenith this time", []string{C}, nil},
		{"Quasar", "en", "@Quasar I won't be using Quasar again", []string{C}, nil},
		// not churn: a seat switched, a trip, another airline in passing
		{"Quasar", "en", "@Quasar thanks for switching my seat to the aisle", nil, []string{C}},
		{"Quasar", "en", "@Quasar switching to the family plan was easy", nil, []string{C}},
		{"Quasar", "en", "@Quasar we are going to Boston with the kids tomorrow", nil, []string{C}},
		{"Quasar", "en", "@Quasar the captain asked if we were ready to go flying", nil, []string{C}},
		{"Quasar", "en", "@Quasar whenever I use any other airline I'm delayed, you are the best", nil, []string{C}},
		{"Quasar", "en", "switched to Quasar last year and never looked back", nil, []string{C, P}},
	}
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
