package score

import (
	"github.com/mentionwatch/mentionwatch/internal/model"
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
// Only a text holding one of ruMockWords is read.
func (e *Engine) ruEveryday7(s *scratch, a *analysis, res *Result, tags tagSet, v *voice) tagSet {
	if a.lang != "ru" || !a.about || res.Sentiment == model.Negative || s.d.quest > 0 || v.news {
		return tags
	}
	if !s.ruMocks() {
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
