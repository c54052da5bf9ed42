package score

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Shapes of everyday Russian and Ukrainian customer talk that the words
// alone misread: ironic praise and warnings about scammers who pose as
// the brand.

// ruThanks reports a word of thanks an ironic "ну спасибо" is made of.
func ruThanks(w string) bool {
	switch w {
	case "спасибо", "спс", "благодарю", "мерси", "дякую":
		return true
	}
	return false
}

// ruIronicPraise reads praise said the other way round in a Russian text:
// "Ну спасибо, Мегафон, прям вовремя интернет пропал" (thanks opened by
// "ну"), and a favourable verdict before a colon or a dash followed by a
// complaint ("Почта Банк, отличный сервис: час на линии", "как всегда на
// высоте: привезли чужой заказ"). Where the rest of the text says
// something unfavourable, the praise is inverted as under an explicit
// sarcasm marker; without it the words are left as they are (a sincere
// "Ну спасибо, выручили" or "Отличный сервис: вернули деньги за час").
//
// What the passes ask of the hits (favour before or after a place,
// complaint after it) is answered from the hits' places sorted once, not
// by reading every hit at every word: see ironyHits.
func (s *scratch) ruIronicPraise() {
	toks := s.d.toks
	marker := s.ruIronyMarker() // the last marker of irony, -1 without
	var x ironyHits
	for i := range toks {
		t := &toks[i]
		switch {
		case t.kind == tokWord && marker > i && x.read(s).favourIn(0, i+1) && !x.favourIn(i+1, len(toks)):
			// "обожаю …, особенно когда …", "бьёт рекорды — всего-то"
			x.invertPraiseBefore(i + 1)
			return
		case t.kind == tokWord && i > 0 && toks[i-1].kind == tokWord && toks[i-1].norm == "ну" && ruThanks(t.norm):
			// "ну спасибо": ironic when anything after it is unfavourable
			if x.read(s).unfavourAfter(i+1, false) {
				x.invertPraiseBefore(i + 1)
			}
		case s.ent[i] != nil && s.ent[i].flags&fContrast != 0:
			// "молодцы, но еда — несъедобная": a contrast, not irony
			return
		case t.kind == tokPunct && (t.punct == ':' || t.punct == '-'):
			// "<verdict>: <what happened>", in the text's first clause
			if !x.read(s).favourIn(0, i) || x.favourIn(i+1, len(toks)) {
				continue
			}
			if x.unfavourAfter(i+1, true) {
				x.invertPraiseBefore(i)
			}
			return
		case isSentenceEnd(t):
			return
		}
	}
}

// ironyHits answers ruIronicPraise's questions about the hits of a text
// in time n·log n for the text: where the favourable hits stand, sorted,
// the last unfavourable one and the last naming a complaint, and how far
// the praise has been turned already (invertPraiseBefore turns each
// favourable hit once: what it turns is favourable no more).
type ironyHits struct {
	s *scratch
	// pos are the favourable hits, by first token; turned: those before
	// pos[turned] are turned already, none is favourable
	pos    hitIndex
	turned int
	// lastNeg, lastComplaint: the last first token of an unfavourable hit
	// (of one naming a complaint) before any was turned, -1 none. A turned
	// hit stands before every place asked about after it is turned.
	lastNeg, lastComplaint int
}

// read indexes the hits of s the first time it is asked and returns x.
func (x *ironyHits) read(s *scratch) *ironyHits {
	if x.s != nil {
		return x
	}
	x.s = s
	x.lastNeg, x.lastComplaint = -1, -1
	x.pos = s.indexHits()
	kept := x.pos.by[:0]
	for _, k := range x.pos.by {
		switch h := &s.hits[k]; {
		case h.val > 0:
			kept = append(kept, k)
		case h.val < 0:
			x.lastNeg = max(x.lastNeg, h.tok)
			if h.tags&tComplaint != 0 {
				x.lastComplaint = max(x.lastComplaint, h.tok)
			}
		}
	}
	x.pos.by = kept
	return x
}

// favourIn reports a favourable hit between tokens from and to.
func (x *ironyHits) favourIn(from, to int) bool {
	lo, hi := x.pos.bounds(from, to)
	return max(lo, x.turned) < hi // those turned are favourable no more
}

// unfavourAfter reports an unfavourable hit from token from on; with
// tagged, only one that names a complaint.
func (x *ironyHits) unfavourAfter(from int, tagged bool) bool {
	if tagged {
		return x.lastComplaint >= from
	}
	return x.lastNeg >= from
}

// invertPraiseBefore turns the favourable hits before token to into
// mild unfavourable ones, as invertPraise does for a text: what is turned
// is always the first favourable hits.
func (x *ironyHits) invertPraiseBefore(to int) {
	_, hi := x.pos.bounds(0, to)
	for _, k := range x.pos.by[min(x.turned, hi):hi] {
		h := &x.s.hits[k]
		h.val *= ironyInvert
		h.polite = false
		h.tags &^= tPraise
	}
	x.turned = max(x.turned, hi)
}

// ironyInvert is what a favourable word keeps, turned, in praise said
// the other way round (the factor invertPraise applies).
const ironyInvert = -0.5

// ruPosing reports a word that says a message or a call only claims to
// come from someone ("якобы от Сбера", "нібито з ПриватБанку").
func ruPosing(w string) bool {
	switch w {
	case "якобы", "будто", "нібито", "начебто", "ніби":
		return true
	}
	return false
}

// ruFrom reports a preposition after ruPosing ("якобы от", "нібито з").
func ruFrom(w string) bool {
	switch w {
	case "от", "из", "со", "с", "від", "з", "із":
		return true
	}
	return false
}

// posingStems begin the verbs of introducing oneself ("представляются
// сотрудниками").
var posingStems = []string{"представля", "представив", "представил"}

// staffStems begin the staff one claims to be.
var staffStems = []string{"сотрудник", "работник", "співробітник", "служб"}

// ruPosingWarning reports a warning about scammers posing as the brand
// ("смс якобы от Сбера", "звонят от имени банка", "под видом сотрудников",
// "нібито з ПриватБанку"): the brand is not the wrongdoer there.
func (s *scratch) ruPosingWarning() bool {
	toks := s.d.toks
	for i := range toks {
		if toks[i].kind != tokWord {
			continue
		}
		w := toks[i].norm
		switch r, _ := utf8.DecodeRuneInString(w); r {
		case 'я', 'б', 'н', 'о', 'в', 'п', 'ф', 'л':
			// the first letters of every word the cases below begin with
		default:
			continue
		}
		next := ""
		if i+1 < len(toks) && toks[i+1].kind == tokWord {
			next = toks[i+1].norm
		}
		switch {
		case ruPosing(w) && ruFrom(next):
			return true
		case ruPosing(w) && next == "бы" && i+2 < len(toks) && ruFrom(toks[i+2].norm):
			return true
		case (w == "от" || w == "від") && (next == "имени" || next == "імені"):
			return true
		case w == "под" && next == "видом", w == "під" && next == "виглядом":
			return true
		case next != "" && strings.HasPrefix(w, "представ") && hasStem(w, posingStems) && hasStem(next, staffStems):
			return true
		case hasStem(w, fakeStems) && s.ruQuotedBrand(i+1):
			// "фейковые ссылки на «OLX Доставку»"
			return true
		}
	}
	return false
}

// ruFraudWarning clears a warning about scammers posing as the brand of
// the unfavourable weight its words would put on the brand: the scam,
// the fake site, the scammers are what is unfavourable, and the text is
// no complaint of the brand (docs/labelling.md, "Fraud around the
// brand"). The fraud tag the words carry stays. With no brand given for
// the text, the warning as a whole is bad news and keeps its weight.
func (s *scratch) ruFraudWarning(about bool) {
	s.posing = about && s.ruPosingWarning()
	if !s.posing {
		return
	}
	for k := range s.hits {
		if h := &s.hits[k]; h.val < 0 {
			h.val *= posingDamp
			h.tags &^= tComplaint
		}
	}
}

// posingDamp is what the unfavourable words of a warning about scammers
// posing as the brand count toward it.
const posingDamp = 0.2

// ruContrastPair reads "а вот" inside a Russian sentence as a contrast
// word ("Связь отличная, а вот в роуминге цены конские"): what comes
// after it outweighs what came before, as after "но". A text with a
// contrast word of the lexicon is left to contrast.
func (s *scratch) ruContrastPair() {
	toks := s.d.toks
	at := -1
	for i := len(toks) - 2; i > 0; i-- {
		// the last "а вот" after something in the same sentence, not
		// opening it
		if toks[i].kind == tokWord && toks[i].norm == "а" && toks[i+1].kind == tokWord &&
			toks[i+1].norm == "вот" && s.sent[i-1] == s.sent[i] {
			at = i
			break
		}
	}
	if at < 0 {
		return
	}
	for i := 1; i < len(toks)-1; i++ {
		if e := s.ent[i]; e != nil && e.flags&fContrast != 0 {
			return
		}
	}
	sent := s.sent[at]
	for k := range s.hits {
		h := &s.hits[k]
		switch hs := s.sent[h.tok]; {
		case h.tok < at && hs == sent:
			h.val *= contrastPre
		case h.tok > at+1 && hs == sent:
			h.val *= contrastPost
		}
	}
}

// ruMixedVerdict reports praise of one thing and a complaint of another
// told in one sentence ("Девушка в отделении очень помогла, но сам банк
// держит перевод пятый день", "Пицца вкусная, но курьер опоздал"): a
// favourable clause with nothing unfavourable in it, a contrast word,
// and an unfavourable clause after it.
//
// A sentence's contrast words are not each weighed against all its words:
// before the first unfavourable word the praise before a contrast only
// grows from one contrast to the next (a sum of favourable weights over
// more of them, in the same order) while the complaint after it stays
// the same, so the first contrast with praise enough is the only one to
// weigh, found by bisection, and the one at that unfavourable word if
// any. The answer is the one of weighing every contrast, at n·log n.
func (s *scratch) ruMixedVerdict() bool {
	toks := s.d.toks
	hs := s.hits
	// by: the hits by sentence, in their own order within one
	var by []int32
	indexed := false
	sentOf := func(x int32) int32 { return s.sent[hs[x].tok] }
	for i := 1; i+1 < len(toks); i++ {
		if !s.mixedContrast(i) {
			continue
		}
		if !indexed {
			indexed = true
			by = s.order[:0]
			for k := range hs {
				by = append(by, int32(k))
			}
			slices.SortStableFunc(by, func(x, y int32) int { return cmp.Compare(sentOf(x), sentOf(y)) })
			s.order = by
		}
		// the sentence's contrasts, from i on
		sent := s.sent[i]
		cs := s.count[:0]
		for ; i+1 < len(toks) && s.sent[i] == sent; i++ {
			if s.mixedContrast(i) {
				cs = append(cs, int32(i))
			}
		}
		s.count = cs
		lo, _ := slices.BinarySearchFunc(by, sent, func(x, t int32) int { return cmp.Compare(sentOf(x), t) })
		hi, _ := slices.BinarySearchFunc(by, sent+1, func(x, t int32) int { return cmp.Compare(sentOf(x), t) })
		in := by[lo:hi]
		// first: the sentence's first unfavourable word
		first := len(toks)
		for _, k := range in {
			if hs[k].val < 0 {
				first = min(first, hs[k].tok)
			}
		}
		before := cs
		for len(before) > 0 && int(before[len(before)-1]) >= first {
			before = before[:len(before)-1]
		}
		j, _ := slices.BinarySearchFunc(before, true, func(c int32, _ bool) int {
			if b, _, _ := s.mixedSums(in, int(c)); b >= mixedPraise {
				return 1
			}
			return -1
		})
		if j < len(before) && s.mixedAt(in, int(before[j])) {
			return true
		}
		if len(before) < len(cs) && int(cs[len(before)]) == first && s.mixedAt(in, first) {
			return true
		}
		i-- // the loop steps to the next sentence's first token
	}
	return false
}

// mixedContrast reports a contrast word at token i for ruMixedVerdict:
// "но", "однако" (not "зато"), or "а вот".
func (s *scratch) mixedContrast(i int) bool {
	toks := s.d.toks
	e := s.ent[i]
	return e != nil && e.flags&fContrast != 0 && toks[i].norm != "зато" ||
		toks[i].kind == tokWord && toks[i].norm == "а" && toks[i+1].kind == tokWord && toks[i+1].norm == "вот"
}

// mixedSums weighs the hits in (of one sentence, in their order) against
// the contrast at token i: the favourable weight before it, the
// unfavourable before it and the unfavourable after it.
func (s *scratch) mixedSums(in []int32, i int) (before, against, after float64) {
	for _, k := range in {
		switch h := &s.hits[k]; {
		case h.tok < i && h.val > 0:
			before += h.val
		case h.tok < i && h.val < 0:
			against -= h.val
		case h.tok > i && h.val < 0:
			after -= h.val
		}
	}
	return before, against, after
}

// mixedAt reports praise before the contrast at token i with nothing
// unfavourable in it, and more complaint after it (ruMixedVerdict).
func (s *scratch) mixedAt(in []int32, i int) bool {
	before, against, after := s.mixedSums(in, i)
	return before >= mixedPraise && against == 0 && after > before
}

// replyOrRetweet reports a text that opens with a @handle or "RT": put to
// the brand or retold, where praise before "но" is mostly a foil for the
// complaint ("Вы лучшие ^_^, но тяжко с вами").
func (s *scratch) replyOrRetweet() bool {
	toks := s.d.toks
	return len(toks) > 0 && (toks[0].kind == tokMention || toks[0].kind == tokWord && toks[0].norm == "rt")
}

// mixedPraise is the least favourable weight the clause before a contrast
// must carry to be praise of its own in ruMixedVerdict.
const mixedPraise = 0.3

// ruSettle applies to the intents of a Russian text, after the rules and
// the model, the shapes above that the model has not learned: a warning
// about scammers posing as the brand is no complaint of it, praise of
// one thing beside a complaint of another is praise too, and so is a
// favourable text that says in a phrase of praise that nothing went wrong
// ("ни разу не было проблем", "пользуюсь без нареканий").
func (s *scratch) ruSettle(a *analysis, pos, news bool, built tagSet) tagSet {
	if a.lang != "ru" {
		return built
	}
	if pos && s.praisePhrase() {
		built |= tPraise
	}
	if a.about && !news {
		switch {
		case built&tComplaint != 0 && built&tQuestion == 0 && s.ruAsksWithin():
			// "где мой заказ?": indignant, and still asking
			built |= tQuestion
		}
	}
	if built&(tComplaint|tQuestion) == tComplaint|tQuestion && a.negTags&tComplaint == 0 && s.ruCalmAsk() {
		built &^= tComplaint // asking, not complaining (ru_everyday3.go)
	}
	if s.posing {
		built &^= tComplaint
		if s.ruScamContact() {
			built |= tFraud // someone posing as the brand to reach people: a scam
		}
	}
	if a.about && !news && built&tQuestion == 0 && s.ruAsksPlain() {
		built |= tQuestion // ru_everyday3.go
	}
	if a.about && !news && s.ruLeaving(built&tComplaint != 0) {
		built |= tChurn // ru_everyday3.go
	}
	if built&tComplaint != 0 && !a.addressed && !s.replyOrRetweet() && s.ruMixedVerdict() {
		built |= tPraise
	}
	return built
}

// praisePhrase reports a favourable phrase of praise in the text.
func (s *scratch) praisePhrase() bool {
	for _, h := range s.hits {
		if h.ph >= 0 && h.val > 0 && h.tags&tPraise != 0 {
			return true
		}
	}
	return false
}

// presentEnds end the third person of a present-tense verb ("доставляет",
// "берёт", "работают", Ukrainian "доставляє").
var presentEnds = []string{"ет", "ёт", "ит", "ут", "ют", "ат", "ят", "є"}

// notNow are the verbs of a headline's question about what is to come
// ("Сбербанк будет выдавать…?", "станет ли").
var notNow = map[string]bool{"будет": true, "будут": true, "станет": true, "станут": true, "буде": true, "стане": true}

// serviceAsked reports a question about what a company does, put by its
// name ("Самокат доставляет после 23:00 в Химки?", "Альфа-Банк берёт
// комиссию за переводы?"): the name, then at once a verb in the present
// tense that is no word of the news (which "Сбербанк снизит ставки?"
// and "Сбербанк будет выдавать кредиты?" are, as headlines).
func (s *scratch) serviceAsked(from, to int) bool {
	toks := s.d.toks
	for k := from; k < to; k++ {
		if !s.brand[k] {
			continue
		}
		j := k + 1
		for j < to && s.brand[j] {
			j++
		}
		if j >= to || toks[j].kind != tokWord || s.cues[j]&cueNews != 0 || notNow[toks[j].norm] || s.ent[j] != nil && s.ent[j].val != 0 {
			return false
		}
		w := toks[j].norm
		for _, e := range presentEnds {
			if len([]rune(w)) > 4 && strings.HasSuffix(w, e) {
				return true
			}
		}
		return false
	}
	return false
}

// ruAskedFavour damps the favourable words of a Russian sentence that
// asks for information in a request form ("Подскажите, есть ли сейчас
// бесплатное обслуживание", "посоветуйте удобный тариф"): what is asked
// about is not yet praised, as requests does for unfavourable words.
// Courtesy and words of praise keep their weight.
func (s *scratch) ruAskedFavour() {
	s.dampRequested(func(g *hit) bool { return g.val > 0 && !g.polite && g.tags&tPraise == 0 })
}

// ruWhere are the interrogatives of an indignant question that still
// wants an answer ("где мой заказ?", "почему висит долг?", "чому не
// приходить кешбек?"), as against the rhetorical "как можно", "сколько
// можно", "зачем".
func ruWhere(w string) bool {
	switch w {
	case "где", "куда", "почему", "когда", "отчего", "де", "куди", "чому", "коли":
		return true
	}
	return false
}

// ruAsksWithin reports a complaint that is also a question about the
// author's own case: a sentence opened by one of ruWhere (at its start or
// after the brand's name) that speaks in the first person and ends in a
// single "?" ("Кухня на районе, где мой заказ?", "ФНС, почему висит
// долг, который я давно оплатил?"), or "по какой причине" put that way
// with or without one ("Booking.com, по какой причине отменили мою
// бронь"). An outburst ("?!", "???") stays rhetorical, and so does a
// "почему бы" suggestion.
func (s *scratch) ruAsksWithin() bool {
	toks, text := s.d.toks, s.d.text
	opens := true // the next word may open the question
	open, mine := false, false
	words := 0 // words of the sentence so far
	for i := range toks {
		t := &toks[i]
		switch {
		case t.kind == tokPunct && t.punct == '?':
			single := !outburst(toks, i) && !strings.HasPrefix(text[t.end:], "?") && !strings.HasSuffix(text[:t.start], "?")
			if open && mine && single && t.end-t.start == 1 {
				return true
			}
			open, mine, opens, words = false, false, true, 0
		case t.kind == tokPunct && t.punct == '.' && s.brand[i]:
			// the dot of a name ("Booking.com")
		case isSentenceEnd(t):
			open, mine, opens, words = false, false, true, 0
		case t.kind == tokPunct:
			if t.punct == ',' && words <= vocativeWords {
				opens = true // after a name called ("Кухня на районе, где …")
			}
		case s.brand[i] || t.kind == tokMention:
			opens = true
		case t.kind == tokWord:
			words++
			w := t.norm
			if ruMine(w) {
				mine = true
			}
			if w == "спрашиваю" || w == "спрашивается" || w == "питаю" {
				open, opens = false, false // "где польза, я спрашиваю?"
				continue
			}
			switch {
			case opens && ruWhere(w) && !(i+1 < len(toks) && toks[i+1].norm == "бы"):
				open = true
			case opens && w == "по" && i+2 < len(toks) && toks[i+1].norm == "какой" && toks[i+2].norm == "причине":
				open = true
				for k := i + 3; k < len(toks) && !isSentenceEnd(&toks[k]); k++ {
					if toks[k].kind == tokWord && ruMine(toks[k].norm) {
						return true
					}
				}
			}
			opens = false
		}
	}
	return false
}

// vocativeWords is the most words a name called at a sentence's start
// runs to before its comma.
const vocativeWords = 3

// ruMine reports a word of the first person singular or plural.
func ruMine(w string) bool {
	switch w {
	case "я", "мне", "меня", "мной", "мой", "моя", "моё", "мое", "мои", "моего", "моей", "мою", "моих", "моим",
		"мы", "нам", "нас", "наш", "наша", "наше", "наши", "нашу", "нашего", "нашей",
		"мені", "мій", "моє", "моєї", "моїх":
		return true
	}
	return false
}

// ruIronyMarker returns the last token of the text that turns praise
// before it into irony ("обожаю Teams, особенно когда он съедает 4
// гига", "бьёт рекорды — посылка шла всего-то три недели"), or -1.
func (s *scratch) ruIronyMarker() int {
	toks := s.d.toks
	for i := len(toks) - 1; i >= 0; i-- {
		if toks[i].kind != tokWord {
			continue
		}
		switch w := toks[i].norm; {
		case w == "всего-то":
			return i
		case w == "особенно" && i+1 < len(toks) && toks[i+1].kind == tokWord && toks[i+1].norm == "когда":
			return i
		}
	}
	return -1
}
