package score

import (
	"strings"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// Sixth round of everyday Russian and Ukrainian (DATA.md, "Everyday
// Russian sentences, sixth round").

// ruEveryday6 applies the sixth round's readings to a Russian text about
// the brand that the earlier rounds left not unfavourable (after
// ruEveryday5):
//   - a service done within a short time and told flatly is a customer's
//     approval ("Вернули деньги за возврат на Озоне за два дня",
//     "привезли на день раньше", "Нова пошта доставила посилку за один
//     день"), favourable and praise;
//   - a favourable account that ends in a verdict or in no trouble at all
//     ("… Рекомендую", "не было никаких проблем", "ни одной проблемы") is
//     praise, and favourable when its words were faintly so and none
//     unfavourable ("синхронизация работает без сбоев");
//   - a verdict that advises staying away ("рекомендую обходить
//     стороной", "советую не связываться") is a complaint, unfavourable;
//   - a ranking told as news ("Озон признан лучшим маркетплейсом года по
//     версии …", "стал лауреатом премии …") is neutral.
func (e *Engine) ruEveryday6(s *scratch, a *analysis, res *Result, tags tagSet, v *voice) tagSet {
	if a.lang != "ru" || !a.about || res.Sentiment == model.Negative || s.d.quest > 0 {
		return tags
	}
	c := s.ruCues6()
	switch {
	case c&cueAvoid != 0:
		res.Sentiment = model.Negative
		if res.Negativity < e.th.Negative {
			res.Negativity = e.th.Negative
		}
		tags = tags&^tPraise | tComplaint
	case c&cueQuick != 0 && tags&(tComplaint|tChurn|tQuestion|tPurchase|tLegal|tFraud) == 0:
		if res.Sentiment != model.Positive {
			res.Sentiment = model.Positive
			res.Negativity = e.th.Positive
		}
		tags |= tPraise
	case c&cueVerdict != 0 && res.Sentiment == model.Neutral && a.pos > 0 && a.neg == 0 && !v.news && tags&(tComplaint|tChurn|tQuestion|tPurchase) == 0:
		res.Sentiment = model.Positive
		res.Negativity = e.th.Positive
		tags |= tPraise
	case res.Sentiment != model.Positive:
	case c&cueRanked != 0 && !v.person && !v.expressive:
		res.Sentiment = model.Neutral
		res.Negativity = NeutralNegativity
		tags &^= tPraise
	case c&cueVerdict != 0 && !v.news && tags&(tComplaint|tChurn|tQuestion|tPurchase) == 0:
		tags |= tPraise
	}
	return tags
}

// The cues ruCues6 reports.
const (
	cueQuick   = 1 << iota // a service done within a short time (ruServedVerbs, a short time, no negation)
	cueVerdict             // "рекомендую", "не было никаких проблем", "без сбоев"
	cueRanked              // "признан лучшим", "лауреат"
	cueAvoid               // "рекомендую обходить стороной", "советую не связываться"
)

// ruTimeUnits begin the words of a short time: minutes, hours, days.
var ruTimeUnits = []string{"минут", "час", "день", "дня", "дней", "сутк", "суток", "хвилин", "годин", "днів", "дні", "доб"}

// ruCountWords are the numerals written out before a time unit.
var ruCountWords = wordSet(`один одну одна два две три четыре пять шесть пару дві чотири двое трое полтора півтора`)

// ruShortSpans are a short time in one word after "за" or "через".
var ruShortSpans = wordSet(`полдня сутки полчаса добу півдня півгодини`)

// ruServedVerbs begin the past forms of a service done: delivered,
// brought, returned, approved, fixed, issued, credited.
var ruServedVerbs = []string{"доставил", "доставлен", "привез", "вернул", "одобрил", "почин", "выдал", "зачисл", "пришл", "оформил", "доставив", "привіз", "повернул", "повернув", "схвалил", "полагодил"}

// ruStretch are the words of negation, and those that make a time long:
// "не", "только через", "аж за", "уже" (ruSpoiled words count as these).
var ruStretch = wordSet(`не ні нет только лишь аж целых уже еще тільки вже ще лише`)

// ruVerdicts are closing words of approval: "Рекомендую", "раджу".
var ruVerdicts = wordSet(`рекомендую рекомендуем советую раджу`)

// ruTroubleWords are the troubles of "никаких проблем", "ни одной
// проблемы", "без сбоев", "без нареканий", Ukrainian "жодних проблем".
var ruTroubleWords = wordSet(`проблем проблемы сбоев нареканий проблеми збоїв нарікань`)

// ruSuperlative begin the words of a ranking after "признан": "лучшим",
// "самой пунктуальной", Ukrainian "найкращим".
var ruSuperlative = []string{"лучш", "самы", "самой", "самое", "самая", "наилучш", "найкращ", "найбільш"}

// ruSpoiled begin the words of goods that came spoiled, which told after
// the short time take the quickness of a delivery back: broken, damaged,
// crumpled, mixed up; after "за" they tell what a refund was for ("вернули
// деньги за два дня за брак").
var ruSpoiled = []string{"разбит", "сломан", "поврежд", "помят", "испорч", "брак", "битый", "битая", "битое", "перепутал", "зламан", "пошкодж", "розбит"}

// ruAvoidPrefixes begin the words after "рекомендую"/"советую" that
// advise staying away: "обходить стороной", "держаться подальше",
// "не связываться".
var ruAvoidPrefixes = []string{"обход", "сторон", "подальш", "избега", "оббіга", "уника", "тікат", "бежать", "беги"}

// ruDealVerbs begin the verbs of dealing with a company that advice not
// to do keeps one away: contact, buy, order, use, trust, turn to.
var ruDealVerbs = []string{"связыв", "покуп", "купи", "брать", "заказ", "пользова", "обращ", "вестись", "иметь", "доверя", "оформля", "купува", "замовля", "користува", "звертат", "зв'яз"}

// ruAvoidAfter reports advice to stay away within the four words after a
// verdict at token i: "рекомендую обходить стороной", "советую не
// связываться" ("не" before an infinitive of ruDealVerbs; ruInfinitive is
// ru_everyday3.go's), "раджу оминати".
func ruAvoidAfter(toks []token, i int) bool {
	for j := i + 1; j < len(toks) && j <= i+4; j++ {
		if toks[j].kind != tokWord {
			continue
		}
		w := toks[j].norm
		if hasStem(w, ruAvoidPrefixes) || strings.HasPrefix(w, "оминат") {
			return true
		}
		if (w == "не" || w == "ні") && j+1 < len(toks) && ruInfinitive(toks[j+1].norm) && hasStem(toks[j+1].norm, ruDealVerbs) {
			return true // "советую не связываться", not "не пожалеете", "не тянуть"
		}
	}
	return false
}

// ruCues6 reads the words of a text once for the cues of ruEveryday6.
func (s *scratch) ruCues6() int {
	toks := s.d.toks
	c, verb, quick, stretch := 0, false, false, false
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord {
			continue
		}
		var prev, next string
		if i > 0 {
			prev = toks[i-1].norm
		}
		if i+1 < len(toks) {
			next = toks[i+1].norm
		}
		switch {
		case ruStretch[t.norm]:
			stretch = true
		case t.norm == "за" || t.norm == "через":
			if ruShortSpans[next] || i+2 < len(toks) && (toks[i+1].kind == tokNumber || ruCountWords[next]) && hasStem(toks[i+2].norm, ruTimeUnits) {
				quick = true
			}
		case t.norm == "раньше" && hasStem(prev, ruTimeUnits), t.norm == "вовремя", t.norm == "вчасно":
			quick = true
		case ruVerdicts[t.norm] && ruAvoidAfter(toks, i):
			c |= cueAvoid
		case ruVerdicts[t.norm] && prev != "не":
			c |= cueVerdict
		case ruTroubleWords[t.norm] && (prev == "никаких" || prev == "одной" || prev == "без" || prev == "жодних" || prev == "жодної"):
			c |= cueVerdict
		case strings.HasPrefix(t.norm, "лауреат") && !s.brand[i]:
			c |= cueRanked
		case (strings.HasPrefix(t.norm, "признан") || strings.HasPrefix(t.norm, "визнан")) && hasStem(next, ruSuperlative):
			c |= cueRanked
		case hasStem(t.norm, ruServedVerbs):
			verb = true
		case quick && prev != "за" && hasStem(t.norm, ruSpoiled):
			stretch = true // "доставили за 2 дня, всё разбито", not "выплата за разбитую фару пришла через 4 дня"
		}
	}
	if verb && quick && !stretch {
		c |= cueQuick
	}
	return c
}
