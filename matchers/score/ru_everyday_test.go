package score

import "testing"

// TestRuEverydayShapes checks the shapes of ru_everyday.go and the
// everyday vocabulary of data/everyday_ru.{lex,phr} on sentences written
// for this test (none is from testdata/everyday): each shape on its own
// side, and its sincere or plain counterpart on the other.
func TestRuEverydayShapes(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct {
		text, brand, sentiment string
		has, hasNot            []string
	}{
		// ironic "ну спасибо" and a verdict before a colon
		{"Ну спасибо, Ростелеком, как раз к вечеру связь пропала", "Ростелеком", "negative", []string{"complaint"}, []string{"praise"}},
		{"Ну спасибо, Ростелеком, мастер пришёл вовремя и всё починил", "Ростелеком", "positive", nil, []string{"complaint"}},
		{"СДЭК, прекрасный сервис: час на линии и ни одного ответа", "СДЭК", "negative", []string{"complaint"}, []string{"praise"}},
		// scammers posing as the brand: fraud, not a complaint of it
		{"Осторожно, звонят якобы из Газпромбанка и просят код из смс, это мошенники", "Газпромбанк", "neutral", []string{"fraud"}, []string{"complaint"}},
		{"Газпромбанк мошенники, списали деньги без моего согласия", "Газпромбанк", "negative", []string{"fraud", "complaint"}, nil},
		// a shrug is no scam
		{"Райффайзен заблокировал мне карту, а в отделении только разводят руками", "Райффайзен", "negative", []string{"complaint"}, []string{"fraud"}},
		// praise of one thing and a complaint of another
		{"Кассир в Ленте очень вежливая, но доставку опять сорвали, жду третий день", "Лента", "negative", []string{"complaint", "praise"}, nil},
		// "а вот" as a contrast
		{"Тариф у Йоты нормальный, а вот связь в метро еле ловит", "Йота", "negative", []string{"complaint"}, nil},
		// no trouble is praise
		{"Третий год храню деньги в Совкомбанке, ни разу не было проблем", "Совкомбанк", "positive", []string{"praise"}, []string{"complaint"}},
		// everyday Ukrainian
		{"Укртелеком, третій день немає інтернету, набридло", "Укртелеком", "negative", []string{"complaint"}, nil},
		{"Дякую Укрпошті, все швидко і зручно", "Укрпошта", "positive", nil, []string{"complaint"}},
		{"Підкажіть, як у Монобанку змінити ліміт", "Монобанк", "neutral", []string{"question"}, []string{"complaint"}},
		// a question put by the company's name, and headlines that are not
		{"Ozon принимает оплату картами Мир?", "Ozon", "neutral", []string{"question"}, []string{"complaint"}},
		{"Сбербанк будет выдавать кредиты на 5 лет?", "Сбербанк", "neutral", nil, []string{"question"}},
		{"Сбербанк снизит ставки по вкладам?", "Сбербанк", "neutral", nil, []string{"question"}},
		// what a request asks about is not yet praised; something gone missing is
		{"Подскажите, есть ли в Ленте бесплатная доставка", "Лента", "neutral", []string{"question"}, []string{"praise"}},
		{"Лента, куда делась моя посылка", "Лента", "negative", []string{"complaint"}, nil},
		// churn and purchase shapes
		{"больше никогда не закажу в Ситилинке", "Ситилинк", "negative", []string{"churn"}, nil},
		{"Подумываю снести приложение Литрес, одни глюки", "Литрес", "negative", []string{"churn"}, nil},
		{"думаем подключить домашний интернет от Дом.ру", "Дом.ру", "neutral", []string{"purchase_intent"}, nil},
	} {
		checkSentence(t, e, c.brand, c.text, c.sentiment, c.has, c.hasNot)
	}
}

// TestRuEverydaySecondRound checks the second round's vocabulary and
// shapes on sentences written for this test (none is from
// testdata/everyday): each on its own side, and a plain counterpart.
func TestRuEverydaySecondRound(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct {
		text, brand, sentiment string
		has, hasNot            []string
	}{
		// things gone wrong, in everyday words
		{"После обновления Тинькофф перестало открываться приложение", "Тинькофф", "negative", []string{"complaint"}, nil},
		{"В Магните опять пробили товар дороже, чем на ценнике", "Магнит", "negative", []string{"complaint"}, nil},
		{"Додо, пицца приехала холодная, час ждали", "Додо", "negative", []string{"complaint"}, nil},
		{"Поддержка Билайна отвечает шаблонами, толку ноль", "Билайн", "negative", []string{"complaint"}, nil},
		{"Ингосстрах третий месяц не выплачивает компенсацию", "Ингосстрах", "negative", []string{"complaint"}, nil},
		{"Укрпошта знову запізнюється з доставкою", "Укрпошта", "negative", []string{"complaint"}, nil},
		{"Приватбанк не повертає гроші за скасований платіж", "Приватбанк", "negative", []string{"complaint"}, nil},
		// a price tag is no word of value
		{"Ценник в Ашане стоит на верхней полке", "Ашан", "neutral", nil, []string{"praise"}},
		// a complaint that asks about the author's own case, and an outburst that does not
		{"Wildberries, где мой возврат? Две недели прошло", "Wildberries", "negative", []string{"complaint", "question"}, nil},
		{"Wildberries, где мой возврат?! Сколько можно", "Wildberries", "negative", []string{"complaint"}, []string{"question"}},
		// irony before "особенно когда", and none across a contrast
		{"Люблю Zoom, особенно когда он зависает посреди созвона", "Zoom", "negative", nil, []string{"praise"}},
		{"Курьеры Самоката молодцы, но приложение — сплошные глюки", "Самокат", "negative", []string{"complaint", "praise"}, nil},
		// purchase plans and moving one's number
		{"Хочу попробовать Яндекс Плюс, семье понравится", "Яндекс Плюс", "positive", []string{"purchase_intent"}, nil},
		{"Выбирали банк для ипотеки, склоняемся к Домклику", "Домклик", "neutral", []string{"purchase_intent"}, nil},
		{"Портирую номер в Т2, надоело", "МТС", "negative", []string{"churn"}, nil},
	} {
		checkSentence(t, e, c.brand, c.text, c.sentiment, c.has, c.hasNot)
	}
}
