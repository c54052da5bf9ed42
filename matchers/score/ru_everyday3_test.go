package score

import "testing"

// TestRuEverydayThirdRound checks the shapes of ru_everyday3.go on
// sentences written for this test (none is from testdata/everyday): each
// shape on its own side, and a plain counterpart on the other.
func TestRuEverydayThirdRound(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct {
		text, brand, sentiment string
		has, hasNot            []string
	}{
		// leaving without a named rival
		{"Со следующего месяца ухожу от Ростелекома, сил нет на эти обрывы", "Ростелеком", "", []string{"churn"}, nil},
		{"Закрываю вклад в Совкомбанке, надоело", "Совкомбанк", "", []string{"churn"}, nil},
		{"Перестал заказывать в Ситилинке после двух сломанных посылок", "Ситилинк", "", []string{"churn"}, nil},
		{"Всем отделом переезжаем с Трелло на Кайтен", "Трелло", "", []string{"churn"}, nil},
		{"В Ашан я больше ни ногой", "Ашан", "", []string{"churn"}, nil},
		// a trip, a past move by someone else
		{"Ухожу в отпуск, МТС, не звоните", "МТС", "", nil, []string{"churn"}},
		{"Магазин Ситилинка на углу закрыли, перешли в соседний", "Ситилинк", "", nil, []string{"churn"}},
		// questions for information with one "?" or none
		{"Кто летал Уралом с собакой, её можно брать в салон", "Урал", "neutral", []string{"question"}, []string{"complaint"}},
		{"Какой тариф у Мегафона взять для планшета", "Мегафон", "neutral", []string{"question"}, nil},
		{"В Ленте примут возврат без чека или нет", "Лента", "", []string{"question"}, nil},
		{"Почта России как всегда: посылка третью неделю на сортировке", "Почта России", "negative", nil, []string{"question"}},
		// posing as the brand: fraud; speaking on its behalf: not
		{"Осторожно, пишут якобы от Авито и присылают ссылку на оплату", "Авито", "neutral", []string{"fraud"}, []string{"complaint"}},
		{"Поздравляю коллег от имени всего Авито", "Авито", "", nil, []string{"fraud"}},
		// a feeling about the day or the traffic is not about the brand
		{"Кошмарная погода, но Самокат привёз всё за пятнадцать минут", "Самокат", "!negative", nil, []string{"complaint"}},
		{"Ужасный день, еду в Альфа-Банк подписать договор", "Альфа-Банк", "neutral", nil, nil},
		{"Альфа-Банк не работает по понедельникам, ужасно неудобно", "Альфа-Банк", "negative", nil, nil},
		// a calm question is no complaint
		{"Как подключить роуминг в Теле2 перед поездкой в Турцию", "Теле2", "neutral", []string{"question"}, []string{"complaint"}},
	} {
		checkSentence(t, e, c.brand, c.text, c.sentiment, c.has, c.hasNot)
	}
}
