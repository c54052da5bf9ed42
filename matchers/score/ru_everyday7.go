package score

import (
	"github.com/mentionwatch/mentionwatch/internal/model"
	"strings"
)

// Seventh round of everyday Russian and Ukrainian (DATA.md, "Everyday
// Russian sentences, seventh round").

// ruMockWords are the words of thanks and approval that are as often said
// the other way round: "спасибо", "молодцы", "браво", "обожаю", "класс".
var ruMockWords = wordSet(`спасибо спасибочки благодарю молодцы молодец браво обожаю класс круто отлично смешно ок окей гениально супер прекрасно замечательно шикарно дякую клас чудово`)

// ruThanksWords are the words of thanks among ruMockWords.
var ruThanksWords = wordSet(`спасибо спасибочки благодарю дякую`)

// ruPraiseAddress are the words of approval addressed to the brand,
// which close a text in earnest ("… Сбер, молодцы").
var ruPraiseAddress = wordSet(`молодцы молодец супер`)

// ruEveryday7 applies the seventh round's reading to a Russian text about
// the brand that the earlier rounds left not unfavourable (after
// ruEveryday6): thanks or approval said the other way round — with
// nothing else favourable in the text — is a complaint, unfavourable:
//   - after "ну" ("ну класс", "ну спасибо Додо"), thanks after "вот"
//     ("вот спасибо, Билайн, что …");
//   - closing the text after a break, told flatly (no "!" in the text)
//     ("… до 99 рублей. Ок.", "… теперь процент ниже. Отлично");
//   - opening the text and followed by a colon ("Браво, Деливери:
//     курьер …", "обожаю вайлдберриз: …").
//
// Thanks and "молодцы" closing a text are taken in earnest.
//
// Before that, a text that tells of the brand raising or bringing in a
// charge its customers pay, with no other intent read and not told as
// news, is a complaint, unfavourable ("Мегафон поднял абонентку на 150 рублей.
// Третий раз за год", "Укртелеком підняв абонплату …"); the noun told as
// news ("объявила о повышении тарифов") and a denied verb ("не ввёл
// комиссию") are not read.
//
// Only a text holding one of ruMockWords or ruRaiseVerbs is read.
func (e *Engine) ruEveryday7(s *scratch, a *analysis, res *Result, tags tagSet, v *voice) tagSet {
	if a.lang != "ru" || !a.about || s.d.quest > 0 {
		return tags
	}
	if tags&(tComplaint|tPraise|tPurchase|tChurn) == 0 && !v.news && s.ruRaisesCharge() {
		res.Sentiment = model.Negative
		if res.Negativity < e.th.Negative {
			res.Negativity = e.th.Negative
		}
		return tags | tComplaint
	}
	if res.Sentiment == model.Negative || v.news || !s.ruMocks() {
		return tags
	}
	res.Sentiment = model.Negative
	if res.Negativity < e.th.Negative {
		res.Negativity = e.th.Negative
	}
	return (tags | tComplaint) &^ tPraise
}

// ruMocks reports whether thanks or approval in the text is said the
// other way round (ruEveryday7).
func (s *scratch) ruMocks() bool {
	toks := s.d.toks
	first := -1
	for i := range toks {
		if toks[i].kind == tokWord && ruMockWords[toks[i].norm] {
			first = i
			break
		}
	}
	if first < 0 {
		return false
	}
	// otherFavour: a favourable hit on a word other than a mock word
	otherFavour := false
	for _, h := range s.hits {
		if h.val > 0 && !(h.tok == h.last && ruMockWords[toks[h.tok].norm]) {
			otherFavour = true
			break
		}
	}
	if otherFavour {
		return false // "Ну спасибо, Ростелеком, мастер пришёл вовремя"
	}
	last := len(toks) - 1
	for last >= 0 && toks[last].kind != tokWord && toks[last].kind != tokNumber {
		last--
	}
	for i := first; i < len(toks); i++ {
		t := &toks[i]
		if t.kind != tokWord || !ruMockWords[t.norm] {
			continue
		}
		if i > 0 && toks[i-1].kind == tokWord && (toks[i-1].norm == "ну" || toks[i-1].norm == "вот" && ruThanksWords[t.norm]) {
			return true
		}
		if i == last && i > 3 && toks[i-1].kind == tokPunct && s.d.excl == 0 && !ruThanksWords[t.norm] && !ruPraiseAddress[t.norm] {
			return true
		}
		if i <= 2 {
			for j := i + 1; j < len(toks) && j <= i+6; j++ {
				if toks[j].kind == tokPunct && toks[j].punct == ':' {
					return true
				}
			}
		}
	}
	return false
}

// ruNegators deny the verb after them: "не ввёл комиссию".
var ruNegators = wordSet(`не ні`)

// ruRaiseVerbs begin the verbs of raising or bringing in a charge:
// "поднял", "повышает", "ввёл", Ukrainian "підняв", "запровадив".
var ruRaiseVerbs = []string{"подня", "подним", "повыс", "повыш", "ввел", "ввёл", "вводит", "введ", "підня", "підвищ", "піднім", "запровад"}

// ruCharges begin the words of what a customer pays for a service: a fee,
// a tariff, a subscription charge, a commission, a minimum balance.
var ruCharges = []string{"сбор", "абонентк", "абонплат", "абонентск", "тариф", "комисси", "комісі", "минималк", "подписк", "плату"}

// ruRaisesCharge reports whether the text tells of the brand raising or
// bringing in a charge its customers pay ("Мегафон поднял абонентку на
// 150 рублей", "Укртелеком підняв абонплату"): a verb of ruRaiseVerbs
// with a charge of ruCharges within the next three words.
func (s *scratch) ruRaisesCharge() bool {
	toks := s.d.toks
	for i := range toks {
		if toks[i].kind != tokWord || !hasStem(toks[i].norm, ruRaiseVerbs) ||
			i > 0 && ruNegators[toks[i-1].norm] || strings.Contains(toks[i].norm, "ени") || strings.Contains(toks[i].norm, "енн") {
			continue
		}
		for j := i + 1; j < len(toks) && j <= i+3; j++ {
			if toks[j].kind == tokPunct {
				break
			}
			if toks[j].kind == tokWord && hasStem(toks[j].norm, ruCharges) {
				return true
			}
		}
	}
	return false
}
