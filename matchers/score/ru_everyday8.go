package score

import (
	"math"
	"strings"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// Eighth round of everyday Russian and Ukrainian (DATA.md, "Everyday
// Russian sentences, eighth round").

// ruEveryday8 applies the eighth round's reading to a Russian text about
// the brand, after ruEveryday7: a text that names the brand only in
// passing — every word of feeling told before the brand is named, in
// clauses that do not name it, and nothing felt from the brand's clause on
// ("Погода сегодня просто кошмар: пока дошла от метро до Сбера, промокла
// до нитки") — is neutral toward it, no complaint and no praise.
func (e *Engine) ruEveryday8(s *scratch, a *analysis, res *Result, tags tagSet, v *voice) tagSet {
	if a.lang != "ru" || !a.about || !a.brand || a.addressed {
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
// not named in the text's first clause, every word of feeling lies before
// the clause that first names it, and no such word carries an intent.
// Tweets' talk (a @handle, a #hashtag, a link) is left alone.
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
			felt = felt || h.val != 0 // damped words count: "Жара невыносимая"
		case math.Abs(h.val) >= passingMin:
			return false
		}
	}
	return felt
}
