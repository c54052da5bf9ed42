package score

import (
	"math"
	"strings"
)

// wordPass is the state of the left-to-right pass that turns words,
// emoticons and emoji into contributions: the negation and booster scopes
// still open, and the last word contribution, which a negator after it
// ("связи нет") may turn. It lives on the stack of scoreWords.
type wordPass struct {
	s    *scratch
	a    *analysis
	toks []token

	gen     bool    // general English (not addressed to the brand): VADER's ratings
	shouted bool    // the text is in capitals: capitals stress nothing
	bare    float64 // what a bare negation counts in a message to the brand

	negLeft    int     // words the open negation still reaches
	negTok     int     // a negation that has met no sentiment word yet, -1 if none
	boost      float64 // what the open booster adds (negative: a diminisher)
	boostLeft  int     // words the open booster still reaches
	lastHit    int     // index in s.hits of the last word contribution, -1 if none
	lastHitTok int     // its token
	emoji      int     // emoji seen so far
	headlined  int8    // headline style: 0 not looked at yet, 1 no, 2 yes
}

// scoreWords appends the contribution of every word, emoticon and emoji of
// s.d to s.hits, and records in a the intents, first person, questions and
// profanity the words signal. General English (not addressed to the
// brand) follows VADER.
func scoreWords(s *scratch, a *analysis) {
	w := wordPass{
		s:          s,
		a:          a,
		toks:       s.d.toks,
		gen:        a.lang == "en" && !a.addressed,
		shouted:    s.d.letters > 0 && float64(s.d.capsLet)/float64(s.d.letters) > 0.6,
		bare:       negBare,
		negTok:     -1,
		lastHit:    -1,
		lastHitTok: -1,
	}
	if a.lang == "en" {
		// "can't check in", "haven't heard back": English customer care
		// says what failed with a bare negation more often than Russian
		w.bare = negBareEN
	}
	for i := range w.toks {
		switch w.toks[i].kind {
		case tokPunct:
			if !w.s.off(abPunctScope) {
				w.endClause()
			}
		case tokEmoticon, tokEmoji:
			w.pictograph(i)
		case tokMention, tokNumber:
		default:
			w.word(i)
		}
	}
	w.endNeg()
}

// endNeg closes the negation scope. In a message to the brand, a negation
// that met no sentiment word still says something went wrong ("not
// here", "не пришла"): it counts a little on its own.
func (w *wordPass) endNeg() {
	if w.negTok >= 0 && w.a.addressed {
		w.s.hits = append(w.s.hits, hit{tok: w.negTok, last: w.negTok, val: -w.bare * w.s.weight(w.negTok), ph: -1})
		w.negTok = -1
	}
	w.negLeft = 0
}

// endClause closes the negation and booster scopes at punctuation or a
// barrier word.
func (w *wordPass) endClause() {
	w.endNeg()
	w.boostLeft = 0
}

// stepNeg counts the negation scope down by a word, closing it at the end.
func (w *wordPass) stepNeg() {
	if w.negLeft > 0 {
		if w.negLeft--; w.negLeft == 0 {
			w.endNeg()
		}
	}
}

// stepBoost counts the booster scope down by a word.
func (w *wordPass) stepBoost() {
	if w.boostLeft > 0 {
		w.boostLeft--
	}
}

// pictograph scores emoticon or emoji i. A pictograph repeated many times
// counts twice at most; one that closes a general English text is the
// author's stance on what came before and counts more.
func (w *wordPass) pictograph(i int) {
	t := &w.toks[i]
	if t.val == 0 {
		return
	}
	if t.kind == tokEmoji {
		if w.emoji++; w.emoji > 2 {
			return
		}
	}
	v := t.val
	if w.a.lang == "ru" && w.a.brand {
		// in a Russian text about a named company a smiley is the author's
		// mood more than a view of the company ("Билайн, я дома)")
		v *= targetEmo
	}
	if w.gen && !w.s.off(abTailEmo) && lastToken(w.toks, i) {
		v *= tailEmo
	}
	w.s.hits = append(w.s.hits, hit{tok: i, last: i, val: v, ph: -1})
}

// word scores word i. The words of a phrase close the scopes (the phrase
// spoke for them) and the brand's name counts for nothing; modifiers,
// negators, boosters and intensifiers open a scope; a sentiment word
// contributes its valence.
func (w *wordPass) word(i int) {
	s := w.s
	if s.used[i] {
		w.negTok = -1
		w.endClause()
		return
	}
	if s.brand[i] {
		// the brand's own name is not an opinion ("United", "Альфа")
		return
	}
	if w.a.lang == "en" && !w.s.off(abName) && w.inName(i) && !w.headline() {
		// a word of a name ("Super Eagles", "Best Buy") is not an opinion
		w.stepNeg()
		w.stepBoost()
		return
	}
	if w.modifier(i) {
		return
	}
	e := s.ent[i]
	if e == nil {
		w.stepNeg()
		w.stepBoost()
		return
	}
	w.signals(e)
	if e.flags&fBarrier != 0 {
		w.endClause()
	}
	if e.flags&fNegator != 0 && w.toks[i].long && w.gen {
		// "Nooooo" is a cry, not a negation of what follows
		w.stepNeg()
		w.stepBoost()
		return
	}
	if e.flags&fNegator != 0 {
		w.negator(i, e)
		return
	}
	if w.opensBoost(i, e) {
		return
	}
	w.sentiment(i, e)
}

// inName reports whether English word i is part of a name: written with
// a capital inside a sentence, next to another such word that is no
// sentiment word itself ("the Super Eagles", "at Best Buy", "Paris-Nice"
// comes as one word and is not caught). A hashtag is a tag of its own,
// not a word of a neighbouring name ("#Halloween Party"). A word of the
// law that names where a customer takes a company ("Financial
// Ombudsman", "Attorney General") keeps the valence it has in small
// letters; a court in capitals names a place as often ("Food Court",
// "Court 1"), and a lawyer a title or a firm ("the film Lincoln
// Lawyer", "the Trial Lawyers association"), and they do not.
func (w *wordPass) inName(i int) bool {
	toks := w.toks
	if !toks[i].title || i == 0 || toks[i-1].kind != tokWord {
		return false
	}
	if e := w.s.ent[i]; e != nil && e.tags&tLegal != 0 && !courtWords[toks[i].norm] {
		return false
	}
	name := func(k int) bool {
		if k < 0 || k >= len(toks) || toks[k].kind != tokWord || !toks[k].title || toks[k].hashtag {
			return false
		}
		e := w.s.ent[k]
		return e == nil || e.val == 0 && !e.hasNeg
	}
	return name(i-1) || name(i+1)
}

// courtWords are the words of the law that a name in capitals uses for a
// place, a title or a firm as well (inName).
var courtWords = map[string]bool{"court": true, "courts": true, "lawyer": true, "lawyers": true}

// modifier opens the scope of a modifier word at i and reports whether it
// is one: "kind of" and "sort of" soften what follows (VADER's
// diminishers); "the least helpful" negates the word after "least"
// (VADER), unlike "at least" and "very least".
func (w *wordPass) modifier(i int) bool {
	toks := w.toks
	t := &toks[i]
	if (t.norm == "kind" || t.norm == "sort") && i+1 < len(toks) && toks[i+1].kind == tokWord && toks[i+1].norm == "of" {
		w.boost, w.boostLeft = kindOfBoost, boostScope+1
		return true
	}
	if t.norm == "least" && !afterWord(toks, i, "at", "very") {
		w.negLeft = 1
		return true
	}
	return false
}

// signals records in the analysis what entry e says beyond its valence:
// intents, first person, a question word in a question, profanity.
func (w *wordPass) signals(e *entry) {
	a := w.a
	a.tags |= e.tags &^ (tComplaint | tPraise)
	if e.flags&fFirstPerson != 0 {
		a.personal = true
	}
	if e.flags&fQuestionWord != 0 && w.s.d.quest > 0 {
		a.question = true
	}
	if e.flags&fProfane != 0 {
		a.profane = true
	}
}

// negator scores negator i (entry e) and opens the negation scope. A
// negator with a valence of its own contributes it; one that follows the
// word it negates ("связи нет") turns that word's contribution; one that
// has no valence and opens a fresh scope is remembered as a bare negation
// until it meets a sentiment word.
func (w *wordPass) negator(i int, e *entry) {
	s := w.s
	nv := e.val
	if nv != 0 {
		s.hits = append(s.hits, hit{tok: i, last: i, val: nv * s.weight(i), tags: e.tags, ph: -1})
	}
	if e.flags&fPostNeg != 0 && w.lastHit >= 0 && w.lastHitTok == i-1 && s.ent[w.lastHitTok] != nil {
		pe := s.ent[w.lastHitTok]
		h := &s.hits[w.lastHit]
		if pe.hasNeg {
			h.val = pe.negVal * s.weight(w.lastHitTok)
		} else {
			h.val *= negScalar
		}
		w.lastHit = -1
	} else if nv == 0 && w.negLeft == 0 {
		w.negTok = i
	}
	w.negLeft = negScope
}

// opensBoost opens the booster scope of word i (entry e) and reports
// whether it did. A booster with a valence of its own ("pretty") boosts a
// sentiment word right after it and otherwise counts itself; profanity
// used as an intensifier ("fucking great") boosts a strong word right
// after it that is not profane itself.
func (w *wordPass) opensBoost(i int, e *entry) bool {
	s := w.s
	if e.flags&fBooster != 0 {
		k := nextWord(w.toks, i)
		// in general English a booster VADER rates as a word ("super")
		// counts itself unless a sentiment word follows
		if w.valence(e) == 0 || (k >= 0 && s.ent[k] != nil && math.Abs(s.ent[k].val) >= 0.5) {
			w.boost, w.boostLeft = e.boost, boostScope
			return true
		}
	}
	if e.flags&fIntensify != 0 {
		if k := nextWord(w.toks, i); k >= 0 && s.ent[k] != nil && math.Abs(s.ent[k].val) >= 1 && s.ent[k].flags&fProfane == 0 {
			w.boost, w.boostLeft = intensifyBump, boostScope
			return true
		}
	}
	return false
}

// sentiment adds the contribution of sentiment word i (entry e): its
// valence in this register, negated within a negation's scope, boosted
// and stressed, weighted by its place. A negated favourable word is not
// praise, nor negated courtesy courtesy.
func (w *wordPass) sentiment(i int, e *entry) {
	v, negated := w.negate(i, e, w.valence(e))
	if v == 0 {
		w.stepBoost()
		return
	}
	v = w.amplify(&w.toks[i], v)
	tags := e.tags
	if negated && e.val > 0 {
		tags &^= tPraise
	}
	s := w.s
	s.hits = append(s.hits, hit{tok: i, last: i, val: v * s.weight(i), tags: tags, ph: -1, polite: e.flags&fPolite != 0 && !negated})
	w.lastHit, w.lastHitTok = len(s.hits)-1, i
}

// valence is the valence of entry e in this text: its customer-care
// rating in a message to the brand; in general English, VADER's rating,
// except for the complaint, fraud and legal vocabulary and profanity,
// where the project's own weights hold everywhere; else the project's own.
func (w *wordPass) valence(e *entry) float64 {
	switch {
	case e.hasCare && w.a.addressed:
		return e.careVal
	case e.hasGen && w.gen && (e.tags == 0 && e.flags&fProfane == 0 || w.s.off(abOwnTagged)):
		return e.genVal
	case w.gen && w.ownScaled(e):
		return e.val * genOwn
	}
	return e.val
}

// ownScaled reports whether entry e is one of the project's own English
// words that general English weighs less (genOwn): a word VADER does not
// rate, written for customer care, that is not profanity, fraud or legal
// vocabulary.
func (w *wordPass) ownScaled(e *entry) bool {
	return e.flags&(fVader|fProfane) == 0 && !e.hasGen && e.tags&(tFraud|tLegal) == 0
}

// negate applies the open negation scope to word i (entry e, valence v),
// counts the scope down, and returns the valence and whether the word was
// negated. A word that only matters negated ("работает") and is not is
// kept with no valence for a "нет" after it.
func (w *wordPass) negate(i int, e *entry, v float64) (float64, bool) {
	negated := false
	if w.negLeft > 0 && cannotBeMore(w.toks, i) {
		w.stepNeg() // "couldn't be happier": the most, not its negation
		return v, false
	}
	if w.negLeft > 0 {
		negated = true
		switch {
		case e.hasNeg && w.gen && w.ownScaled(e):
			v = e.negVal * genOwn
		case e.hasNeg:
			v = e.negVal
		case e.flags&fProfane != 0:
			// "not doing a damn thing": profanity stays what it is
		case v < 0 && !w.s.off(abNegNeg):
			// "not rude" is faint praise at most
			v *= negScalarNeg
		default:
			v *= negScalar
		}
	} else if e.hasNeg && v == 0 {
		w.s.hits = append(w.s.hits, hit{tok: i, last: i, val: 0, tags: e.tags, ph: -1})
		w.lastHit, w.lastHitTok = len(w.s.hits)-1, i
	}
	if negated && v != 0 {
		// the negation met a sentiment word: it is not bare
		w.negTok = -1
	}
	w.stepNeg()
	return v, negated
}

// amplify applies the open booster to valence v and closes its scope (a
// diminisher halves a word no stronger than itself), then stresses a word
// in capitals when the text is not shouted and a word with a letter
// drawn out.
func (w *wordPass) amplify(t *token, v float64) float64 {
	if w.boostLeft > 0 && w.boost != 0 {
		if w.boost < 0 && math.Abs(v) <= -w.boost {
			v *= 0.5
		} else {
			v += sign(v) * w.boost
		}
		w.boostLeft = 0
	}
	if t.caps && !w.shouted && t.script != scriptOther {
		v += sign(v) * capsIncr
	}
	if t.long && !w.s.off(abLong) {
		v += sign(v) * longIncr
	}
	return v
}

// cannotBeMore reports a comparative at token i told after "could not be"
// or "can't be" ("couldn't be happier", "could not be more pleased",
// "could not have been better", "couldn't be worse"): the most there is,
// which no negation turns.
func cannotBeMore(toks []token, i int) bool {
	w := toks[i].norm
	j := i - 1
	if j >= 0 && toks[j].norm == "more" {
		j--
	} else if !strings.HasSuffix(w, "er") && w != "worse" {
		return false
	}
	if j >= 0 && toks[j].norm == "been" && j > 0 && toks[j-1].norm == "have" {
		j--
	} else if j < 0 || toks[j].norm != "be" {
		return false
	}
	j--
	if j < 0 {
		return false
	}
	switch toks[j].norm {
	case "couldn't", "couldnt", "can't", "cant", "cannot":
		return true
	case "not":
		return j > 0 && (toks[j-1].norm == "could" || toks[j-1].norm == "can")
	}
	return false
}
