package score

import (
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// everyday are sentences a user would try first, about a bank, a telecom
// operator and a shop (issue 12, "Everyday bank complaints misjudged"):
// the sentiment they must get ("negative", "positive", or "!negative" for
// anything but negative) and the tags they must and must not have.
var everyday = []struct {
	brand, text string
	sentiment   string
	tags, no    []string
}{
	// the issue's own sentences
	{"Quasar Bank", "The Quasar Bank app has been down since morning, can't pay rent", "negative", []string{"complaint"}, nil},
	{"Quasar Bank", "Pay with Quasar Bank card", "!negative", nil, []string{"complaint"}},
	{"Quasar Bank", "Does anyone know whether Quasar Bank cards work with Apple Pay?", "!negative", []string{"question"}, []string{"complaint"}},
	{"Квазар Банк", "Приложение Квазар Банка вылетает при входе", "negative", []string{"complaint"}, nil},
	{"Квазар Банк", "У Квазар Банка не было никаких проблем с переводом", "!negative", nil, []string{"complaint"}},
	{"Квазар Банк", "Квазар Банк снизил ставки по вкладам до 15%", "!negative", nil, []string{"complaint"}},
	{"Квазар Банк", "Ушёл из Квазар Банка в Сбер, больше не вернусь", "negative", []string{"churn"}, nil},
	{"Квазар Банк", "ЦБ проверит Квазар Банк в плановом порядке", "!negative", nil, []string{"legal_threat", "complaint"}},
	// more of the same kind: bank
	{"Квазар Банк", "Подскажите, сколько стоит обслуживание карты Квазар Банка", "!negative", []string{"question"}, []string{"complaint"}},
	{"Квазар Банк", "Кто-нибудь знает как отключить платную подписку в Квазар Банке", "!negative", []string{"question"}, []string{"complaint"}},
	{"Квазар Банк", "Квазар Банк списал деньги дважды, поддержка молчит", "negative", []string{"complaint"}, nil},
	{"Квазар Банк", "Квазар Банк заблокировал карту без объяснений, вы издеваетесь?!", "negative", []string{"complaint"}, []string{"question"}},
	{"Квазар Банк", "Квазар Банк — мошенники, украли мои сбережения", "negative", []string{"fraud"}, nil},
	{"Квазар Банк", "Подаю иск в суд на Квазар Банк, деньги не вернули", "negative", []string{"legal_threat", "complaint"}, nil},
	{"Квазар Банк", "Спасибо Квазар Банку, карту перевыпустили за один день", "positive", []string{"praise"}, []string{"complaint"}},
	{"Quasar Bank", "Quasar Bank is a scam, they stole my savings", "negative", []string{"fraud"}, nil},
	{"Quasar Bank", "Is there a way to get a refund from Quasar Bank for a duplicate charge", "", []string{"question"}, nil},
	{"Quasar Bank", "Closed my Quasar Bank account today, moving to a credit union", "negative", []string{"churn"}, nil},
	{"Quasar Bank", "Quasar Bank reports record quarterly profit", "!negative", nil, []string{"complaint"}},
	// telecom
	{"МТС", "МТС, третий день нет интернета, сколько можно?!", "negative", []string{"complaint"}, []string{"question"}},
	{"МТС", "Перехожу с МТС на Билайн, надоели обрывы", "negative", []string{"churn", "complaint"}, nil},
	{"МТС", "Как подключить роуминг на МТС?", "!negative", []string{"question"}, []string{"complaint"}},
	{"Orbitel", "Orbitel dropped my calls all week and nobody at support picks up", "negative", []string{"complaint"}, nil},
	{"Orbitel", "Orbitel customer service sorted my bill in five minutes, great job", "positive", []string{"praise"}, []string{"complaint"}},
	// retail
	{"Мегамаркет", "Мегамаркет третью неделю не может доставить заказ", "negative", []string{"complaint"}, nil},
	{"Мегамаркет", "Где купить подарочную карту Мегамаркета?", "!negative", []string{"question"}, []string{"complaint"}},
	{"ShopCo", "ShopCo opens a new store in Leeds", "!negative", nil, []string{"complaint"}},
	{"ShopCo", "Never shopping at ShopCo again, rude staff and broken returns", "negative", []string{"churn", "complaint"}, nil},
}

// checkSentence scores text for brand and reports what it gets wrong: the
// sentiment ("" for any, "!negative" for anything but negative) and the
// tags it must and must not have. It returns whether all was right.
func checkSentence(t *testing.T, e *Engine, brand, text, sentiment string, tags, no []string) bool {
	t.Helper()
	r := e.Score(Input{Text: text, Brand: brand})
	ok := true
	switch {
	case sentiment == "":
	case sentiment == "!negative" && r.Sentiment == model.Negative,
		sentiment != "!negative" && r.Sentiment != sentiment:
		ok = false
		t.Errorf("%q: sentiment %s (negativity %.2f, evidence %v), want %s", text, r.Sentiment, r.Negativity, r.Evidence, sentiment)
	}
	for _, tag := range tags {
		if !model.HasTag(r.Tags, tag) {
			ok = false
			t.Errorf("%q: tags %v lack %q", text, r.Tags, tag)
		}
	}
	for _, tag := range no {
		if model.HasTag(r.Tags, tag) {
			ok = false
			t.Errorf("%q: tags %v should not have %q", text, r.Tags, tag)
		}
	}
	return ok
}

// TestEveryday checks the everyday sentences.
func TestEveryday(t *testing.T) {
	e := newTestEngine(t)
	bad := 0
	for _, c := range everyday {
		t.Run(truncate(c.text, 50), func(t *testing.T) {
			if !checkSentence(t, e, c.brand, c.text, c.sentiment, c.tags, c.no) {
				bad++
			}
		})
	}
	t.Logf("%d of %d everyday sentences judged right", len(everyday)-bad, len(everyday))
}

// TestNeighbourLanguages checks that a complaint in a neighbour's
// Cyrillic language is read on the Russian scale and reported in its own
// language, and that a declared Latin language other than English is not
// read as English.
func TestNeighbourLanguages(t *testing.T) {
	e := newTestEngine(t)
	tests := []struct {
		in        Input
		sentiment string
		tags      []string
	}{
		{Input{Text: "Квазар Банк заблокував мою картку", Lang: "uk", Brand: "Квазар Банк"}, model.Negative, []string{TagComplaint}},
		{Input{Text: "Додаток Квазар Банку не працює з ранку", Lang: "uk", Brand: "Квазар Банк"}, model.Negative, []string{TagComplaint}},
		{Input{Text: "Квазар Банк — шахраї, обдурили мене", Lang: "uk", Brand: "Квазар Банк"}, model.Negative, []string{TagFraud}},
		{Input{Text: "Quasar Bank hat meine Karte gesperrt", Lang: "de", Brand: "Quasar Bank"}, "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.in.Text, func(t *testing.T) {
			r := e.Score(tc.in)
			if r.Lang != tc.in.Lang {
				t.Errorf("lang %s, want %s", r.Lang, tc.in.Lang)
			}
			if tc.sentiment != "" && r.Sentiment != tc.sentiment {
				t.Errorf("sentiment %s (negativity %.2f), want %s", r.Sentiment, r.Negativity, tc.sentiment)
			}
			for _, tag := range tc.tags {
				if !model.HasTag(r.Tags, tag) {
					t.Errorf("tags %v lack %q", r.Tags, tag)
				}
			}
		})
	}
}
