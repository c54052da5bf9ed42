package score

import (
	"math"
	"strings"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// Eighth round of everyday Russian and Ukrainian (DATA.md, "Everyday
// Russian sentences, eighth round").

// ruEveryday8 applies the eighth round's readings to a Russian text about
// the brand, after ruEveryday7:
//   - a plan to get a product or a service told without the fixed phrases
//     ("Если нормально, подключусь на этой неделе", "хочу тинькофф блэк
//     оформить", "Выбираю между …") is a purchase intent; with no word of
//     a complaint it is neutral and no complaint — not yet an experience;
//   - a text that names the brand only in passing — every word of feeling
//     told before the last full stop or colon before the brand, and
//     nothing felt from there on ("Погода сегодня просто кошмар: пока
//     дошла от метро до Сбера, промокла до нитки") — is neutral toward it
//     and no complaint. Praise is left as it is: "Налоговая приятно
//     удивила: вычет через кабинет ФНС пришёл …" names the brand twice.
func (e *Engine) ruEveryday8(s *scratch, a *analysis, res *Result, tags tagSet, v *voice) tagSet {
	if a.lang != "ru" || !a.about {
		return tags
	}
	if tags&(tPurchase|tChurn) == 0 && !v.news && s.ruPlansToGet() {
		tags |= tPurchase
		if a.negTags&tComplaint == 0 {
			// a plan, not yet an experience: no complaint, and its
			// words of feeling go to what is planned
			tags &^= tComplaint
			if res.Sentiment != model.Neutral && tags&tPraise == 0 {
				res.Sentiment = model.Neutral
				res.Negativity = NeutralNegativity
			}
		}
	}
	if !a.brand || a.addressed {
		return tags
	}
	if (res.Sentiment != model.Neutral || tags&tComplaint != 0) &&
		tags&(tPraise|tChurn|tPurchase|tFraud|tLegal|tQuestion) == 0 && s.ruPassing() {
		res.Sentiment = model.Neutral
		res.Negativity = NeutralNegativity
		tags &^= tComplaint
	}
	return tags
}

// passingMin is the least weight a word of feeling must carry for
// ruPassing to place it.
const passingMin = 0.05

// ruPassing reports a text that names the brand in passing: the brand is
// named after a word (not called at a clause's start: "…. Что сказать,
// Билайн"), not before the text's first full stop or colon, no word of
// feeling carries an intent, some lie before the last full stop or colon
// before the brand, and none of passingMin or more lies after it. A text
// that asks ("?") and a tweet's talk (a @handle, a #hashtag, a link) are
// left alone.
func (s *scratch) ruPassing() bool {
	toks := s.d.toks
	if len(s.hits) == 0 || s.d.quest > 0 || strings.Contains(s.d.text, "http") {
		return false
	}
	first := -1
	for i := range toks {
		if toks[i].kind == tokMention || toks[i].hashtag {
			return false
		}
		if first < 0 && s.brand[i] {
			first = i
		}
	}
	if first <= 0 || toks[first-1].kind != tokWord {
		return false // "…. Что сказать, Билайн": the brand called, not passed
	}
	start := first // the first token after the last full stop or colon before the brand
	for start > 0 && !isSentenceEnd(&toks[start-1]) && !(toks[start-1].kind == tokPunct && toks[start-1].punct == ':') {
		start--
	}
	if start == 0 {
		return false
	}
	felt := false
	for k := range s.hits {
		h := &s.hits[k]
		switch {
		case h.last < start && h.tags == 0:
			felt = felt || h.val != 0 // a word damped by ruElsewhere still tells a feeling
		case math.Abs(h.val) >= passingMin:
			return false
		}
	}
	return felt
}

// ruGetFirst begin the first-person forms of getting a product or a
// service, present or future: "подключусь", "беру", "возьму", "оформлю",
// Ukrainian "візьму", "замовлю".
var ruGetFirst = wordSet(`подключусь подключимся подключу подключим беру берем возьму возьмем куплю купим закажу закажем
	оформлю оформим открою откроем подам подадим забронирую забронируем перейду перейдем
	візьму візьмемо куплю купимо замовлю замовимо оформлю оформимо підключусь підключуся відкрию перейду`)

// ruGetInfs are the infinitives of getting a product or a service after a
// plan ("хочу тинькофф блэк оформить", "собираемся подавать заявку").
var ruGetInfs = wordSet(`оформить оформлять купить покупать взять брать подключить подключиться подключать открыть открывать
	заказать заказывать подать подавать забронировать бронировать слетать съездить полететь арендовать застраховать
	оформити купити взяти брати підключити відкрити замовити подати забронювати`)

// ruPlanWords say a plan: "хочу", "собираемся", "планирую", "выбираю
// между".
var ruPlanWords = wordSet(`хочу хотим собираюсь собираемся собираюся планирую планируем планую думаю думаем решил решила решили
	хочемо збираюся збираємося плануємо`)

// ruConditions open a condition: "если", Ukrainian "якщо".
var ruConditions = wordSet(`если якщо`)

// ruNoCondition follow "если" in a manner of speaking: "если честно",
// "если что", "если коротко".
var ruNoCondition = wordSet(`честно что коротко кратко откровенно серьезно чесно`)

// ruPlansToGet reports a plan to get a product or a service told without
// the fixed phrases of everyday_ru.phr: a first-person form of getting
// after a condition ("Если нормально, подключусь на этой неделе", "если
// будет скидка, беру"); a plan word and, within four words of its
// clause, an infinitive of getting ("хочу тинькофф блэк оформить",
// "собираемся подавать заявку"); "выбираю между". A denied form ("не
// беру") and a wish told the other way ("купил бы") are not read.
func (s *scratch) ruPlansToGet() bool {
	toks := s.d.toks
	if s.replyOrRetweet() || strings.Contains(s.d.text, "http") {
		return false // a link's title ("Хочу взять кредит в …" before a link) or a retweet
	}
	cond := false
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord {
			continue
		}
		w := t.norm
		denied := i > 0 && (toks[i-1].norm == "не" || toks[i-1].norm == "ні")
		switch {
		case ruConditions[w]:
			// not "если честно", "если что": a manner of speaking
			cond = i+1 >= len(toks) || !ruNoCondition[toks[i+1].norm]
		case cond && ruGetFirst[w] && !denied && !(i+1 < len(toks) && toks[i+1].norm == "бы"):
			return true
		case (w == "выбираю" || w == "выбираем" || w == "обираю" || w == "вибираю") && i+1 < len(toks) && (toks[i+1].norm == "между" || toks[i+1].norm == "між"):
			return true
		case ruPlanWords[w] && !denied:
			for k := i + 1; k < len(toks) && k <= i+4; k++ {
				if toks[k].kind == tokPunct {
					break
				}
				if ruGetInfs[toks[k].norm] {
					return true
				}
			}
		}
	}
	return false
}
