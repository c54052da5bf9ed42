package score

import "slices"

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
//   - A purchase the author plans ("Gonna get a X membership", "Our firm
//     is about to buy X Business", "Looking to move my insurance to X")
//     is purchase intent, with no opinion yet.
//   - A question may be asked without a "?": "Need to know if X still
//     has …", "Looking for someone who knows whether …", "Can someone
//     explain how …", "…, any gotchas", "…, how do their quotes compare".

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

// planWords open a purchase the author plans: "gonna get", "might open",
// "about to buy", "thinking of applying", "looking to move", "want to".
var planWords = map[string]bool{
	"gonna": true, "wanna": true, "might": true, "planning": true, "plan": true, "thinking": true,
	"considering": true, "looking": true, "about": true, "want": true, "intend": true, "intending": true,
	"hoping": true, "tempted": true, "ready": true, "debating": true, "deciding": true, "leaning": true,
}

// acquireVerbs take up a brand's product or service: "get a X
// membership", "open a X account", "buy X Business", "book X", "move
// my insurance to X", "redo our kitchen with X".
var acquireVerbs = map[string]bool{
	"get": true, "getting": true, "buy": true, "buying": true, "open": true, "opening": true,
	"order": true, "ordering": true, "book": true, "booking": true, "sign": true, "signing": true,
	"subscribe": true, "subscribing": true, "join": true, "joining": true, "try": true, "trying": true,
	"switch": true, "switching": true, "move": true, "moving": true, "apply": true, "applying": true,
	"upgrade": true, "upgrading": true, "grab": true, "rent": true, "renting": true, "lease": true,
	"leasing": true, "hire": true, "hiring": true, "purchase": true, "purchasing": true, "redo": true,
	"furnish": true, "renovate": true, "transfer": true, "transferring": true, "go": true, "going": true,
}

// planFiller may stand before a plan in the author's own clause ("we",
// "our firm is", "seriously"): someone else's plan ("my roommate wants")
// is not the author's purchase.
var planFiller = map[string]bool{
	"i": true, "we": true, "i'm": true, "we're": true, "im": true, "i've": true, "we've": true, "ive": true,
	"i'll": true, "we'll": true, "am": true, "are": true, "have": true, "will": true, "just": true,
	"finally": true, "also": true, "now": true, "so": true, "and": true, "i’m": true, "we’re": true,
	"our": true, "my": true, "firm": true, "company": true, "team": true, "family": true,
	"household": true, "office": true, "business": true, "is": true, "was": true, "really": true,
	"seriously": true, "probably": true, "definitely": true, "think": true, "might": true, "may": true,
}

// notBought are the objects of the acquiring verbs that buy nothing: a
// complaint, a dispute, a claim.
var notBought = map[string]bool{
	"complaint": true, "complaints": true, "dispute": true, "claim": true, "case": true, "ticket": true,
	"chargeback": true, "review": true, "lawsuit": true,
}

// enPlanAt reports a purchase the author plans at token i (planWords),
// with an acquiring verb (acquireVerbs) within three words after it and
// the brand later in the clause, not after "from", "off" or "of"
// (leaving it): "Gonna get a Zipcar membership", "Our firm is about to
// buy Dropbox Business", "Looking to move my home insurance to
// Lemonade"; or "considering" the brand or "it" with the brand named.
//
// c is what enPlan has read of the clause of token i; it keeps a text of
// many plan words costing the length of the text, not its square.
func enPlanAt(s *scratch, i int, c *planClause) bool {
	toks := s.d.toks
	if toks[i].kind != tokWord || !planWords[toks[i].norm] {
		return false
	}
	if !c.fillers {
		return false
	}
	if c.end < 0 {
		// the clause's last token and its last notBought word, read once
		// per clause: every later plan word of it shares them
		end := i
		for end+1 < len(toks) && toks[end+1].kind != tokPunct {
			end++
		}
		c.end, c.notBought = end, -1
		for j := i; j <= end; j++ {
			if notBought[toks[j].norm] {
				c.notBought = j
			}
		}
	}
	end := c.end
	if c.notBought >= i {
		return false
	}
	if toks[i].norm == "considering" && i+1 <= end && toks[i+1].norm == "it" {
		if c.brand == 0 {
			c.brand = 2
			if slices.Contains(s.brand, true) {
				c.brand = 1
			}
		}
		if c.brand == 1 {
			return true // "Is X worth it? seriously considering it"
		}
	}
	verb := -1
	for j := i + 1; j <= end && j <= i+3; j++ {
		if acquireVerbs[toks[j].norm] {
			verb = j
			break
		}
	}
	if verb < 0 {
		return false
	}
	for j := verb + 1; j <= end && j <= verb+8; j++ {
		if s.brand[j] {
			switch toks[j-1].norm {
			case "from", "off", "of":
				return false
			}
			return true
		}
	}
	return false
}

// planClause is what enPlan has read of the clause (the tokens between
// two punctuation marks) it stands in.
type planClause struct {
	// fillers: every token of the clause before the current one is a
	// planFiller word
	fillers bool
	// end is the clause's last token (-1 not yet read); notBought its
	// last notBought word at or after the first plan word read (-1 none)
	end, notBought int
	// brand: 1 the text names the brand, 2 it does not, 0 not yet read
	brand int8
}

// enPlan marks a purchase the author plans (enPlanAt) or a choice made
// between offers ("… so going with them"): purchase intent, no opinion.
func enPlan(s *scratch) {
	toks := s.d.toks
	c := planClause{fillers: true, end: -1}
	for i := range toks {
		at := enPlanAt(s, i, &c)
		if !at && (toks[i].norm == "going" || toks[i].norm == "go") && i+2 < len(toks) && toks[i+1].norm == "with" &&
			(s.brand[i+2] || toks[i+2].norm == "them") && (i == 0 || toks[i-1].norm == "so" || toks[i-1].norm == "i'm" || toks[i-1].norm == "we're" || toks[i-1].norm == "im") {
			at = true // "came out $400 cheaper so going with them"
		}
		if at {
			s.hits = append(s.hits, hit{tok: i, last: i, tags: tPurchase, ph: -1})
			return
		}
		if toks[i].kind == tokPunct {
			c.fillers, c.end = true, -1 // a new clause
		} else {
			c.fillers = c.fillers && toks[i].kind == tokWord && planFiller[toks[i].norm]
		}
	}
}

// knowVerbs ask for knowledge before "if", "whether" or a wh-word: "need
// to know if", "trying to figure out if", "someone who knows whether",
// "wondering how", "not sure whether".
var knowVerbs = map[string]bool{
	"know": true, "knows": true, "figure": true, "find": true, "understand": true, "wondering": true,
	"wonder": true, "curious": true, "sure": true, "idea": true, "confirm": true, "explain": true,
	"tell": true, "clarify": true, "check": true, "learn": true, "work": true,
}

// askComplements open what is asked after knowVerbs.
var askComplements = map[string]bool{
	"if": true, "whether": true, "how": true, "what": true, "when": true, "where": true,
	"which": true, "who": true, "why": true, "whats": true, "what's": true,
}

// askerWords stand before a knowVerb when the author asks: "need to
// know", "trying to figure out", "someone who knows", "I wonder", "not
// sure", "any idea", "can anyone tell" — not "the crew will tell you
// what to expect".
var askerWords = map[string]bool{
	"need": true, "needs": true, "needed": true, "want": true, "wanted": true, "wanna": true,
	"trying": true, "tryna": true, "someone": true, "somebody": true, "anyone": true, "anybody": true,
	"who": true, "i": true, "i'm": true, "im": true, "i’m": true, "we": true, "not": true, "no": true,
	"any": true, "please": true, "pls": true, "just": true, "really": true, "does": true, "do": true,
	"here": true, "way": true, "how": true, "where": true, "help": true, "me": true, "can": true,
	"could": true, "would": true,
}

// enAsker reports whether the knowVerb at toks[i] is the author's asking
// (askerWords within three words before it, or the text's clause opening
// with it: "Wondering if …", "Curious whether …").
func enAsker(toks []token, i int) bool {
	if i == 0 || toks[i-1].kind != tokWord {
		return true
	}
	for j := i - 1; j >= 0 && j >= i-3 && toks[j].kind == tokWord; j-- {
		if askerWords[toks[j].norm] {
			return true
		}
	}
	return false
}

// askNouns are asked for as "any …" closing a text: "any gotchas", "any
// tips", "any advice".
var askNouns = map[string]bool{
	"gotchas": true, "gotcha": true, "tips": true, "advice": true, "ideas": true, "thoughts": true,
	"recommendations": true, "recs": true, "suggestions": true, "experience": true, "experiences": true,
	"downsides": true, "catches": true, "catch": true, "pitfalls": true, "reviews": true, "insight": true,
}

// enAskUnmarkedOf reports a question asked without a "?": knowledge
// asked for (knowVerbs followed within two words by "if", "whether" or
// a wh-word, in the text's first eight words: "Need to know if X still
// has …", "Looking for someone who knows whether …"), "can someone
// explain/tell …" opening the text, "any gotchas/tips/advice" closing it,
// or a closing clause of a wh-word and an auxiliary ("…, how do their
// quotes compare for a 2-bed flat").
func enAskUnmarkedOf(s *scratch) bool {
	toks := s.d.toks
	if s.d.quest > 0 || len(toks) == 0 {
		return false
	}
	first := -1
	for i := range toks {
		if toks[i].kind == tokWord && !s.brand[i] {
			first = i
			break
		}
	}
	if first < 0 {
		return false
	}
	for i := first; i < len(toks) && i < first+8; i++ {
		if toks[i].kind != tokWord || !knowVerbs[toks[i].norm] || !enAsker(toks, i) {
			continue
		}
		for j := i + 1; j < len(toks) && j <= i+2; j++ {
			if toks[j].kind == tokWord && askComplements[toks[j].norm] {
				if toks[i].norm == "work" && toks[j-1].norm != "out" {
					break
				}
				return true
			}
		}
	}
	if first+2 < len(toks) {
		switch toks[first].norm {
		case "can", "could", "will", "would":
			switch toks[first+1].norm {
			case "someone", "somebody", "anyone", "anybody":
				return true
			}
		}
	}
	// the closing clause
	last := len(toks) - 1
	for last >= 0 && toks[last].kind != tokWord && toks[last].kind != tokNumber {
		if toks[last].kind == tokPunct && toks[last].punct != ',' {
			return false // a statement's full stop, an exclamation
		}
		last--
	}
	from := last
	for from > 0 && toks[from-1].kind != tokPunct {
		from--
	}
	if from == 0 || toks[from-1].punct != ',' {
		return false
	}
	if toks[from].norm == "any" && last-from <= 2 && askNouns[toks[last].norm] {
		return true // "…, any gotchas"
	}
	if last-from >= 2 && askComplements[toks[from].norm] && toks[from].norm != "why" && toks[from+1].kind == tokWord {
		for j := from + 1; j <= last; j++ {
			if outrageWords[toks[j].norm] {
				return false // "…, how is this even possible"
			}
		}
		iw := intentWordList()
		return iw.get(toks[from+1].norm).cue&cueAux != 0 // "…, how do their quotes compare"
	}
	return false
}

// outrageWords make a closing wh-clause an outburst, not a question: "how
// is this even possible", "how is that acceptable", "what is wrong with
// you".
var outrageWords = map[string]bool{
	"even": true, "possible": true, "acceptable": true, "legal": true, "allowed": true, "ok": true,
	"okay": true, "normal": true, "fair": true, "wrong": true, "hard": true, "difficult": true,
}
