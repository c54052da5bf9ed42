package score

// The third everyday English round (testdata/everyday/en5.jsonl, its odd
// lines read). Its readings apply, like the others of en_everyday.go, only
// to English scored for a brand and not addressed to it.
//
//   - A bad moment that is nobody's doing but the day's ("Awful weather in
//     Chicago but Delta still got us out", "My kids were a nightmare in
//     the store but the Costco cashier was so patient", "The match was a
//     disaster, at least Deliveroo got the pizza here") is told as the
//     setting of what the brand did: its words are about the weather, the
//     kids, the match, not the brand. Set against the brand with "but",
//     "at least", "still" or "itself", the brand comes out of it well.

// Weights of the third everyday round, set by hand.
const (
	asidePraise = 1.2 // the valence of a brand set against a bad moment it did not cause
	asideMild   = 0.5 // the least unfavourable valence in the brand's clause that still tells against it then
)

// asideNouns are what a bad moment is about when no brand made it: the
// weather, the roads, the family, the boss, a game.
var asideNouns = map[string]bool{
	"weather": true, "rain": true, "snow": true, "storm": true, "storms": true, "heatwave": true, "fog": true, "wind": true,
	"traffic": true, "roads": true, "commute": true, "jam": true,
	"kids": true, "kid": true, "children": true, "toddler": true, "toddlers": true, "baby": true, "twins": true,
	"match": true, "game": true, "exam": true, "exams": true, "boss": true,
	"neighbour": true, "neighbours": true, "neighbor": true, "neighbors": true, "dog": true, "cat": true,
	"hangover": true, "headache": true, "flu": true,
}

// ownAsideNouns are people and groups that are the author's own only
// with "my", "our" before them ("my team lost", "our new manager"): a
// store's manager or a support team is the brand's.
var ownAsideNouns = map[string]bool{
	"team": true, "manager": true, "coworker": true, "coworkers": true, "colleague": true, "colleagues": true,
}

// asideAt reports whether toks[i] names a bad moment's subject
// (asideNouns, ownAsideNouns).
func asideAt(toks []token, i int) bool {
	if toks[i].kind != tokWord {
		return false
	}
	if asideNouns[toks[i].norm] {
		return true
	}
	if !ownAsideNouns[toks[i].norm] {
		return false
	}
	for j := max(0, i-3); j < i; j++ {
		switch toks[j].norm {
		case "my", "our":
			return true
		}
	}
	return false
}

// asideTurns are the words that set the brand against what came before:
// "but", "though", "at least", "still", "itself".
func asideTurn(toks []token, i int) bool {
	switch toks[i].norm {
	case "but", "though", "although", "still", "itself", "themselves":
		return true
	case "least":
		return i > 0 && toks[i-1].norm == "at"
	}
	return false
}

// enAside damps the words of a bad moment the brand did not cause (see
// asideNouns) told in a clause before the brand's, and gives the brand
// credit when the text turns to it (asideTurn) with nothing against it:
// its clause holds no unfavourable word of weight and no complaint.
// Clauses end at punctuation and before "but", "though", "although" and
// "at least".
func enAside(s *scratch) {
	toks := s.d.toks
	if len(s.hits) == 0 {
		return
	}
	first := -1
	for i := range toks {
		if s.brand[i] {
			first = i
			break
		}
	}
	if first < 0 {
		return
	}
	opens := func(i int) bool {
		switch toks[i].norm {
		case "but", "though", "although":
			return true
		case "at":
			return i+1 < len(toks) && toks[i+1].norm == "least"
		}
		return false
	}
	// the brand's clause
	from := first
	for from > 0 && toks[from-1].kind != tokPunct && !opens(from) {
		from--
	}
	to := first
	for to+1 < len(toks) && toks[to+1].kind != tokPunct && !opens(to+1) {
		to++
	}
	if from == 0 {
		return // nothing told before the brand's clause
	}
	// the clauses before it: one at least about a bad moment of the day,
	// none naming the brand's trade ("my flight", "the app")
	aside := false
	for i := 0; i < from; i++ {
		if asideAt(toks, i) {
			aside = true
		}
	}
	if !aside {
		return
	}
	for _, h := range s.hits {
		if h.tok < from && h.last >= from {
			return // a phrase across the turn
		}
		if h.tok >= from && h.tok <= to && (h.val <= -asideMild || h.val < 0 && h.tags&tComplaint != 0) {
			return // the brand's clause tells against it
		}
		if h.tok > to && h.val < 0 {
			return // so does what follows
		}
	}
	turned, praised := false, false
	for i := max(0, from-1); i <= to; i++ {
		if asideTurn(toks, i) {
			turned = true
		}
	}
	for k := range s.hits {
		h := &s.hits[k]
		switch {
		case h.tok < from:
			h.val = 0
			h.tags &^= tComplaint | tPraise | tChurn
		case h.val < 0:
			h.val = 0 // "only 10 minutes late"
		case h.val > 0:
			praised = true
		}
	}
	if turned && !praised {
		s.hits = append(s.hits, hit{tok: first, last: first, val: asidePraise * s.weight(first), tags: tPraise, ph: -1})
	}
}
