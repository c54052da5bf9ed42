package score

import "slices"

// Readings of everyday English found in the eighth round (DATA.md,
// "Everyday English, eighth round"): the brand named in passing, and
// purchases planned in more shapes.

// passingPlaces are the prepositions that name the brand as a place or a
// thing beside what the text is about: "outside the Starbucks", "at
// walmart", "in a Nike hoodie", "next to the FedEx van".
var passingPlaces = map[string]bool{
	"at": true, "in": true, "outside": true, "inside": true, "near": true, "opposite": true,
	"behind": true, "beside": true, "past": true, "on": true, "with": true, "to": true,
}

// causeTo stand before "to" when the brand is a cause or the one told:
// "thanks to X", "due to X", "wrote to X".
var causeTo = map[string]bool{
	"thanks": true, "due": true, "owing": true, "according": true, "wrote": true, "write": true,
	"writing": true, "complained": true, "complain": true, "spoke": true, "speak": true,
	"talked": true, "talk": true, "sent": true, "reported": true, "letter": true, "complaint": true,
	"loyal": true, "back": true, "over": true,
}

// passingUse are verbs of using the brand's service before the place it
// is named at: "ordered a coat on X" is the brand's sale, not a passing
// mention.
var passingUse = map[string]bool{
	"ordered": true, "order": true, "bought": true, "buy": true, "booked": true, "book": true,
	"paid": true, "pay": true, "flew": true, "fly": true, "flying": true, "shopped": true,
	"shopping": true, "purchased": true, "banked": true, "switched": true, "moved": true,
	"signed": true, "subscribed": true, "stayed": true, "staying": true, "ate": true,
}

// passingDets stand before the brand used as a word of a noun phrase:
// "the new Amazon depot", "a Heineken ad", "my Delta flight".
var passingDets = map[string]bool{
	"the": true, "a": true, "an": true, "my": true, "our": true, "new": true, "old": true,
	"local": true, "big": true, "same": true, "this": true, "that": true,
}

// passingOthers are whom or what a text's feelings are about when it names
// the brand only in passing: the author's own people, people at large,
// public figures and bodies, the weather.
var passingOthers = map[string]bool{
	"friend": true, "friends": true, "mate": true, "mates": true, "roommate": true, "flatmate": true,
	"sister": true, "brother": true, "mum": true, "mom": true, "dad": true, "husband": true,
	"wife": true, "boyfriend": true, "girlfriend": true, "son": true, "daughter": true,
	"grandkids": true, "nan": true, "grandma": true, "grandpa": true, "cousin": true,
	"people": true, "man": true, "woman": true, "council": true, "councillors": true,
	"councilors": true, "mayor": true, "government": true, "politicians": true, "warden": true,
	"wardens": true, "referee": true, "refereeing": true, "ref": true, "influencer": true,
	"landlord": true, "humanity": true, "snow": true, "rain": true, "weather": true, "hot": true,
	"heat": true, "power": true, "city": true,
}

// passingOtherWords and planEighthWords filter the words enPassing and
// enPlanEighth ask every word of a text about (wordfilter.go).
var (
	passingOtherWords = newWordFilter(passingOthers)
	planEighthWords   = newWordFilter(weighVerbs, planEighthOpen)
)

// planEighthOpen are the other words that open enPlanEighth's shapes.
var planEighthOpen = map[string]bool{
	"if": true, "going": true, "looking": true, "quote": true, "quotes": true, "test": true,
	"shopping": true, "i'm": true, "im": true, "i'll": true, "i'd": true, "we'll": true,
	"we'd": true, "we're": true,
}

// brandTrade are nouns after the brand that name what it sells or who
// serves for it: "the Starbucks staff", "my Delta flight", "the Hertz app".
// The brand before them is no passing mention when its clause holds a
// contribution.
var brandTrade = map[string]bool{
	"staff": true, "app": true, "flight": true, "flights": true, "order": true, "delivery": true,
	"service": true, "store": true, "shop": true, "counter": true, "driver": true, "agent": true,
	"customer": true, "account": true, "card": true, "website": true, "site": true, "support": true,
	"rental": true, "booking": true, "branch": true, "employee": true, "employees": true,
	"cashier": true, "barista": true, "manager": true, "rep": true, "crew": true, "price": true,
	"prices": true, "bill": true, "plan": true, "subscription": true,
}

// enPassing reports whether every mention of the brand names it in
// passing — after a preposition of place or company (passingPlaces) or a
// determiner (passingDets) — in a text whose feelings have someone or
// something else to be about (passingOthers), not one of the brand's own
// people ("the guy at X"). A brand before one of its trade's nouns
// (brandTrade) is in passing only when its clause holds no contribution.
func enPassing(s *scratch) bool {
	toks := s.d.toks
	other := false
	for i := range toks {
		if toks[i].kind == tokWord && passingOtherWords.may(toks[i].norm) && passingOthers[toks[i].norm] && !s.brand[i] {
			other = true
			break
		}
	}
	if !other {
		return false
	}
	for _, h := range s.hits {
		if h.ph >= 0 && h.tags&tComplaint != 0 {
			return false // a customer's complaint told in its phrase ("refuses the return")
		}
	}
	named := false
	from, to := 0, -1 // the clause of token i, found once per clause
	use := false      // a passingUse word stands before token i in its clause
	// weight: the largest |valence| of a hit touching the clause (-1 not yet read)
	weight := -1.0
	var idx hitIndex
	indexed := false
	clauseWeight := func() float64 {
		if weight >= 0 {
			return weight
		}
		if !indexed {
			idx, indexed = s.indexHits(), true
		}
		weight = 0
		for _, k := range idx.touching(from, to) {
			if h := &s.hits[k]; h.last >= from && h.tok <= to {
				weight = max(weight, h.val, -h.val)
			}
		}
		return weight
	}
	for i := range toks {
		if toks[i].kind == tokPunct {
			use = false
			continue
		}
		if i > to {
			from, to, weight = i, i, -1
			for to+1 < len(toks) && toks[to+1].kind != tokPunct {
				to++
			}
		}
		if !s.brand[i] {
			use = use || toks[i].kind == tokWord && passingUse[toks[i].norm]
			continue
		}
		if i > 0 && s.brand[i-1] {
			continue // a later word of the same name
		}
		named = true
		if toks[i].kind == tokMention || use {
			return false // a message to it; "ordered a coat on X"
		}
		j := i - 1
		for j >= 0 && toks[j].kind == tokWord && passingDets[toks[j].norm] {
			j--
		}
		det := j < i-1
		place := j >= 0 && toks[j].kind == tokWord && passingPlaces[toks[j].norm]
		if place && toks[j].norm == "to" && j > 0 && causeTo[toks[j-1].norm] {
			return false // "thanks to X", "wrote to X": the brand did it or is told
		}
		if !det && !place {
			return false // the brand acts or is acted on
		}
		if !place && j-from < 1 && clauseWeight() >= passingWeight {
			// the brand's own noun phrase opening its clause, which tells
			// something of weight: "The NHS looked after my dad brilliantly"
			return false
		}
		if place {
			// "the guy at X", "someone from X": one of its people
			for k := max(0, j-2); k < j; k++ {
				switch toks[k].norm {
				case "guy", "man", "woman", "lady", "girl", "someone", "person", "people", "staff":
					return false
				}
			}
		}
		end := i
		for end+1 < len(toks) && s.brand[end+1] {
			end++
		}
		if end+1 < len(toks) && brandTrade[toks[end+1].norm] && clauseWeight() > 0 {
			return false // "the X staff were so rude to my mum"
		}
	}
	return named
}

// passingWeight is the least weight a contribution in the clause of a
// brand named after a determiner has when the clause is about the brand.
const passingWeight = 0.5

// enEveryday8 applies the readings of this file.
func enEveryday8(s *scratch) {
	enPlanEighth(s)
	if len(s.hits) > 0 && enPassing(s) {
		for k := range s.hits {
			s.hits[k].val = 0
			s.hits[k].tags &^= tComplaint | tPraise
		}
	}
}

// weighVerbs weigh offers against each other: "can't decide between X
// and Y", "torn between".
var weighVerbs = map[string]bool{
	"decide": true, "deciding": true, "choose": true, "choosing": true, "torn": true, "pick": true,
	"picking": true, "undecided": true,
}

// buyNow are the acquiring verbs of "going to open …" and of a purchase
// promised on a condition ("if X brings it back I'm buying one").
var buyNow = map[string]bool{
	"buy": true, "buying": true, "get": true, "getting": true, "open": true, "opening": true,
	"order": true, "ordering": true, "book": true, "booking": true, "sign": true, "join": true,
	"subscribe": true, "try": true, "grab": true, "preorder": true, "pre-order": true,
}

// enPlanEighth marks purchase intent in shapes the earlier readings leave
// out: "going to open an account with X", offers weighed ("can't decide
// between X and Y", "looking at a X"), a quote asked of the brand
// ("getting a quote from X"), "a test drive", "shopping around", and a
// purchase promised on a condition ("if X …, I'm buying one"). A text that
// already plans one is left alone.
func enPlanEighth(s *scratch) {
	toks := s.d.toks
	for _, h := range s.hits {
		if h.tags&tPurchase != 0 {
			return
		}
	}
	brandAfter := func(from, n int) bool {
		for j := from; j < len(toks) && j < from+n && toks[j].kind != tokPunct; j++ {
			if s.brand[j] {
				switch toks[j-1].norm {
				case "from", "off", "of", "leave", "leaving", "left":
					return false
				}
				return true
			}
		}
		return false
	}
	cond := false
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].kind != tokWord || !planEighthWords.may(toks[i].norm) {
			continue
		}
		w, next := toks[i].norm, toks[i+1].norm
		at := false
		switch {
		case w == "if":
			cond = true
		case w == "going" && next == "to" && i+2 < len(toks) && buyNow[toks[i+2].norm] && (i == 0 || planFiller[toks[i-1].norm]):
			at = brandAfter(i+3, 8)
		case weighVerbs[w] && next == "between":
			at = brandAfter(i+2, 5)
		case w == "looking" && next == "at" && i+3 < len(toks) && (toks[i+2].norm == "a" || toks[i+2].norm == "an") && s.brand[i+3]:
			at = !brandThing(toks, i+3)
		case (w == "quote" || w == "quotes") && next == "from":
			at = i+2 < len(toks) && s.brand[i+2]
		case w == "test" && (next == "drive" || next == "ride"):
			at = true
		case w == "shopping" && next == "around":
			at = true
		case cond && i+2 < len(toks) && (w == "i'm" || w == "im" || w == "i'll" || w == "i'd" || w == "we'll" || w == "we'd" || w == "we're") &&
			buyNow[next] && (toks[i+2].norm == "one" || toks[i+2].norm == "it" || toks[i+2].norm == "them"):
			at = true
		}
		if at {
			if !slices.Contains(s.brand, true) || refusal(toks) {
				return
			}
			s.hits = append(s.hits, hit{tok: i, last: i, tags: tPurchase, ph: -1})
			return
		}
	}
}
