package score

import "testing"

// TestRuPassingMention checks the reading of ru_everyday8.go on sentences
// written for this test (none is from testdata/everyday): a brand named in
// passing, after a feeling about something else, is left neutral; a brand
// whose own clause carries the feeling, or which is called by name, keeps
// the complaint.
func TestRuPassingMention(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct {
		text, brand, sentiment string
		has, hasNot            []string
	}{
		// named in passing
		{"Жара сегодня просто ужасная. Пока шла от остановки до Пятёрочки, сгорела на солнце", "Пятёрочка", "neutral", nil, []string{"complaint"}},
		{"Брат снова всех рассмешил: доехал на Ситимобиле до соседнего дома", "Ситимобил", "neutral", nil, []string{"complaint", "praise"}},
		{"Горжусь подругой: её взяли аналитиком в Альфа-Банк без опыта", "Альфа-Банк", "neutral", nil, []string{"praise"}},
		// the brand's clause carries the feeling
		{"Жара невыносимая. В Пятёрочке опять не работает кондиционер", "Пятёрочка", "negative", []string{"complaint"}, nil},
		// the brand called by name after the feeling
		{"Интернет третий день отвратительный. Что сказать, Ростелеком", "Ростелеком", "negative", nil, nil},
		// the brand named in the first clause: a post about it
		{"Заказала в Озоне кроссовки. Ужас: подошва отклеилась через неделю", "Озон", "negative", []string{"complaint"}, nil},
		// a comma is no break: "Ненавижу очереди, стою в Сбербанке" stays as the words say
		{"Ненавижу очереди, опять стою в Сбербанке полчаса", "Сбербанк", "negative", nil, nil},
	} {
		checkSentence(t, e, c.brand, c.text, c.sentiment, c.has, c.hasNot)
	}
}

// TestRuPlansToGet checks that a plan to get a product told without the
// fixed phrases is a purchase intent, neutral, and that a denied form, a
// past wish and a link's title are not.
func TestRuPlansToGet(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct {
		text, brand, sentiment string
		has, hasNot            []string
	}{
		{"Если у Теле2 нормальная связь на даче, подключусь в выходные", "Теле2", "neutral", []string{"purchase_intent"}, []string{"complaint"}},
		{"Хочу в Альфе ипотеку оформить до конца года", "Альфа-Банк", "neutral", []string{"purchase_intent"}, nil},
		{"Собираемся подавать заявку на автокредит в Росбанк", "Росбанк", "neutral", []string{"purchase_intent"}, nil},
		{"Выбираю между Сбером и ВТБ, где открыть вклад", "Сбер", "", []string{"purchase_intent"}, nil},
		// not a plan: denied, a past wish, a manner of speaking
		{"Если Теле2 не починит связь на даче, не подключусь к ним больше", "Теле2", "negative", []string{"complaint"}, []string{"purchase_intent"}},
		{"Хотел в Тинькофф карту оформить, но передумал", "Тинькофф", "", nil, []string{"purchase_intent"}},
		{"Если честно, в Ленте я беру только хлеб", "Лента", "", nil, []string{"purchase_intent"}},
	} {
		checkSentence(t, e, c.brand, c.text, c.sentiment, c.has, c.hasNot)
	}
}
