package score

import (
	"maps"
	"strings"
)

// The sales intents: purchase intent (a lead) and churn (a customer
// leaving). Most of their rules are phrase data (data/sales.phr and the
// #purchase and #churn phrases of en.phr and ru.phr); this file holds the
// two decisions that look at the shape of the text rather than its words.
//
//   - A move to a named company other than the brand is churn: "перейду на
//     #Мегафон", "переводим всю семью на Билайн", "switching to @Delta".
//     A move to the brand itself is a lead (the BRAND phrases), and a move
//     to something unnamed ("перехожу на новый тариф", "switch to raw
//     format") is neither.
//   - A purchase phrase under a link that opens the text is the title of a
//     shared page or a search listing ("http://… Хочу взять кредит в
//     банке N"), not a person's plan.

// moveVerbs are the verbs of moving from one provider to another, in the
// forms of a plan: a move told in the past is news as often as it is the
// author's ("Сделка перешла к ВТБ"), and "перевести" moves money.
var moveVerbs = wordSet(`
		перейти перейду перейдем перейдём переходить перехожу переходим перебегаю перебегу переметнусь
		уйти уйду уйдем уйдём ухожу уходим уходить свалить свалю сваливаю сбежать сбегу
		switch switching switched`)

// withVerbs move only "with" someone: "going with @Delta" ("going to
// Boston" is a trip).
var withVerbs = wordSet("move moving moved go going went jump jumping")

// movePreps are the prepositions that name where a move goes.
var movePreps = map[string]bool{"на": true, "в": true, "во": true, "к": true, "ко": true, "to": true, "with": true}

// moveAway reports whether the author moves to a company named in the
// text other than the brand: a move verb, up to four words, a preposition
// of direction, and a name (a @handle, a #hashtag, or a word in capitals
// or with a capital that does not open a sentence).
func moveAway(s *scratch) bool {
	toks := s.d.toks
	// names are rarer than words: without a name after a preposition of
	// direction there is no move to look for, and the verbs need not be
	// looked up word by word
	direction := false
	mp := movePrepWords
	for j := 1; j < len(toks) && !direction; j++ {
		direction = named(s, j) && toks[j-1].kind == tokWord && mp.may(toks[j-1].norm) && movePreps[toks[j-1].norm]
	}
	if !direction {
		return false
	}
	mv := moveVerbWords
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord {
			continue
		}
		w := strings.TrimSuffix(t.norm, "-ка") // "перейду-ка"
		if !mv.may(w) || !moveVerbs[w] && !withVerbs[w] {
			continue
		}
		// up to four words between: "свалю я с Квазара на …"
		for j, gap := i+1, 0; j < len(toks) && gap <= 4; j++ {
			p := &toks[j]
			if p.kind == tokPunct {
				if p.punct == '-' {
					continue // "перейду-ка"
				}
				break
			}
			if p.kind == tokWord && movePreps[p.norm] && (!withVerbs[w] || p.norm == "with") {
				if j+1 < len(toks) && named(s, j+1) {
					return true
				}
				break
			}
			gap++
		}
	}
	return false
}

// named reports whether token i names a company other than the brand.
func named(s *scratch, i int) bool {
	t := &s.d.toks[i]
	if s.brand[i] {
		return false
	}
	switch t.kind {
	case tokMention:
		return true
	case tokWord:
		return t.hashtag || t.caps || t.title
	}
	return false
}

// titleUnderLink reports whether the text opens with a link: what follows
// is the title of the page shared, not the voice of a customer.
func titleUnderLink(s *scratch) bool { return s.d.linkFirst }

// fromPreps name where a move comes from: the Russian and Ukrainian ones
// of ruFromPreps, and "from".
var fromPreps = func() map[string]bool {
	m := maps.Clone(ruFromPreps)
	m["from"] = true
	return m
}()

// churnToBrand takes the churn tag off phrase hits that read a move from
// another company to the brand: a churn phrase reaches its BRAND across a
// gap of up to two words, so "ухожу от BRAND" also spans "Ухожу от
// Билайна к МТС" scored for МТС. A hit whose brand word follows a
// preposition of direction, with a preposition of origin and another word
// before it in the span, leaves for the brand; "не вернусь к BRAND" and
// "уйду от BRAND" keep their churn.
func churnToBrand(s *scratch) {
	toks := s.d.toks
	for k := range s.hits {
		h := &s.hits[k]
		if h.tags&tChurn == 0 || h.ph < 0 || h.last <= h.tok || !s.brand[h.last] {
			continue
		}
		to := h.last - 1
		if toks[to].kind != tokWord || !movePreps[toks[to].norm] {
			continue
		}
		for j := h.tok; j+1 < to; j++ {
			if toks[j].kind == tokWord && fromPreps[toks[j].norm] && !s.brand[j+1] {
				h.tags &^= tChurn
				break
			}
		}
	}
}
