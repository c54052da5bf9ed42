package score

import (
	"slices"
	"strconv"
	"strings"
)

// The sixth everyday English round (testdata/everyday/en8.jsonl, its odd
// lines read). Its readings apply, like the others of en_everyday.go, only
// to English scored for a brand and not addressed to it.
//
//   - Service told flatly as fast ("refunded the duplicate charge in two
//     days", "reissued my card overnight", "found us a new place within
//     the hour", "took 2 min") is approval: a praise of flatPraise. A
//     failure the fast service set right ("refunded the whole order when
//     the bag arrived torn") is no complaint then.
//   - A question without "?" that opens with an auxiliary and its subject
//     ("does O2 charge for roaming in Turkey", "easyjet do you allow two
//     cabin bags", "Need to know whether …") asks for information: its
//     words weigh nothing, as those of a question with "?" do.
//   - A purchase weighed by name ("leaning toward X", "looking at X")
//     or made the condition of a question ("before we buy 12 seats", "if
//     I switch") is purchase intent.
//   - An award or a ranking reported as news ("X named best British
//     bank", "X ranked first in …", "X awarded Best Network") is good news
//     for the brand, but nobody's praise.

// flatPraise is the approval of a fast service told flatly, set by hand
// as the mirror of flatFailure.
const flatPraise = 1.2

// quickMost is the most of each unit of time that is fast for a service
// done "in" or "within" it.
var quickMost = map[string]float64{
	"sec": 1e9, "secs": 1e9, "second": 1e9, "seconds": 1e9,
	"min": 30, "mins": 30, "minute": 30, "minutes": 30,
	"hour": 24, "hours": 24, "hr": 24, "hrs": 24,
	"day": 3, "days": 3,
}

// smallCounts are the counts written as words before a unit of time.
var smallCounts = map[string]float64{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "half": 0.5, "couple": 2, "few": 3,
}

// quickFillers stand between "in" and the count ("in like 30 seconds",
// "within just 2 hours").
var quickFillers = map[string]bool{
	"like": true, "just": true, "only": true, "about": true, "under": true, "literally": true,
	"barely": true, "less": true, "than": true, "a": true,
}

// quickServiceStems begin what a brand does for a customer: a refund, a card
// reissued, a parcel arrived, an engineer who came.
var quickServiceStems = []string{"refund", "reissu", "rebook", "replac", "arriv", "deliver", "fixed",
	"sorted", "paid", "handl", "resolv", "found", "came", "shipp", "approv", "process", "credit",
	"answer", "respond", "repair", "install", "return", "sent", "swapp", "unlock", "restor",
	"reimburs", "waiv", "connect", "activat", "done"}

// setRightStems are the services of quickServiceStems that set a failure
// right (enRescue's kind): after them the failure told is what was fixed.
var setRightStems = []string{"refund", "reissu", "rebook", "replac", "sorted", "fixed", "resolv",
	"found", "return", "reimburs", "waiv", "repair", "restor", "swapp"}

// timeCountAt reads the count of a unit of time at token k: a number or a
// small word ("two", "an").
func timeCountAt(text string, toks []token, k int) (float64, bool) {
	if k < 0 {
		return 0, false
	}
	switch toks[k].kind {
	case tokNumber:
		j := toks[k].start
		for j < len(text) && text[j] >= '0' && text[j] <= '9' {
			j++
		}
		n, err := strconv.Atoi(text[toks[k].start:j])
		return float64(n), err == nil
	case tokWord:
		n, ok := smallCounts[toks[k].norm]
		return n, ok
	}
	return 0, false
}

// quickAt reports whether token i (a word) ends a span of time told as
// fast: "in/within (like) N unit" within quickMost, "took N min/seconds"
// (at most 5 minutes), "overnight", "same day", "next morning", "within
// the hour", "before lunch", "an hour early".
func quickAt(text string, toks []token, i int) bool {
	w := toks[i].norm
	prev := func(k int) string {
		if i-k >= 0 && toks[i-k].kind == tokWord {
			return toks[i-k].norm
		}
		return ""
	}
	switch w {
	case "overnight":
		return true
	case "day", "morning":
		if p := prev(1); p == "same" || p == "next" {
			return prev(2) != "the" || prev(3) == "by"
		}
	case "hour":
		return prev(1) == "the" && prev(2) == "within"
	case "lunch", "noon", "midday":
		return prev(1) == "before" || prev(1) == "by"
	case "early":
		_, unit := quickMost[prev(1)]
		return unit
	}
	most, unit := quickMost[w]
	if !unit {
		return false
	}
	n, ok := timeCountAt(text, toks, i-1)
	if !ok {
		return false
	}
	k := i - 2
	for k >= 0 && toks[k].kind == tokWord && quickFillers[toks[k].norm] && toks[k].norm != "a" {
		k--
	}
	if k < 0 || toks[k].kind != tokWord {
		return false
	}
	switch toks[k].norm {
	case "in", "within":
		return n <= most
	case "took", "takes":
		return most > 30 && n <= 5*60 || most == 30 && n <= 5
	}
	return false
}

// enQuickService adds praise for the first service told flatly as fast
// (quickAt after a verb of quickServiceStems in its sentence or, for "took
// N min", anywhere before) in a text that asks nothing, turns on no "but"
// and tells no failure after it (failureAfterQuick); failures told after a service that sets them right weigh
// nothing then.
func enQuickService(s *scratch) {
	toks := s.d.toks
	if s.d.quest > 0 {
		return
	}
	for i := range toks {
		if toks[i].kind != tokWord || !quickAt(s.d.text, toks, i) {
			continue
		}
		took := toks[i].norm != "overnight" && i >= 2 && (toks[i-2].norm == "took" || toks[i-2].norm == "takes")
		verb := -1
		for j := i - 1; j >= 0 && (took || j >= i-12 && s.sent[j] == s.sent[i]); j-- {
			if toks[j].kind != tokWord {
				continue
			}
			if n := toks[j].norm; n == "but" || n == "still" || n == "vs" || n == "versus" || n == "compared" {
				return
			}
			if hasStem(toks[j].norm, quickServiceStems) {
				verb = j
				break
			}
		}
		if verb < 0 || contrastAfterQuick(toks, i) || failureAfterQuick(s, i) {
			continue
		}
		if hasStem(toks[verb].norm, setRightStems) {
			for k := range s.hits {
				if h := &s.hits[k]; h.val < 0 && h.tok > verb {
					h.val = 0
					h.tags &^= tComplaint
				}
			}
		}
		s.hits = append(s.hits, hit{tok: i, last: i, val: flatPraise * s.weight(verb), tags: tPraise, ph: -1})
		return
	}
}

// failureAfterQuick reports a clearly unfavourable word (valence -0.5 or
// below) told after the fast span at token i and before a clause of its
// cause ("when", "after", "because", "since"): "answered in 2 minutes and
// said they can't help". The fast service did not serve.
func failureAfterQuick(s *scratch, i int) bool {
	cause := len(s.d.toks)
	for j := i + 1; j < len(s.d.toks); j++ {
		if n := s.d.toks[j].norm; n == "when" || n == "after" || n == "because" || n == "since" {
			cause = j // "… within the hour when our host cancelled": what was set right
			break
		}
	}
	for _, h := range s.hits {
		if h.val <= -0.5 && h.tok > i && h.tok < cause {
			return true
		}
	}
	return false
}

// contrastAfterQuick reports a word after token i that takes the fast
// service back: "… in 2 days but it never did", "still waiting".
func contrastAfterQuick(toks []token, i int) bool {
	for j := i + 1; j < len(toks); j++ {
		switch toks[j].norm {
		case "but", "still", "never", "yet", "however", "though":
			return true
		}
	}
	return false
}

// awardVerbs report an award or a ranking after the brand: "named",
// "ranked", "awarded", "tops".
var awardVerbs = map[string]bool{
	"named": true, "ranked": true, "awarded": true, "wins": true, "won": true, "tops": true,
	"voted": true, "crowned": true, "rated": true,
}

// awardNouns say what an award verb gave: "best", "first", "award",
// "of the year", "ranking", "poll".
var awardNouns = map[string]bool{
	"best": true, "first": true, "top": true, "most": true, "award": true, "awards": true,
	"year": true, "ranking": true, "rankings": true, "survey": true, "poll": true, "table": true,
	"winner": true, "league": true, "index": true, "prize": true,
}

// lowRanks are the places of a ranking that are no award: "ranked last",
// "voted worst", "named least trusted".
var lowRanks = map[string]bool{
	"last": true, "worst": true, "bottom": true, "lowest": true, "least": true, "poorest": true,
	"slowest": true, "dead": true,
}

// enLowRank returns the award verb of a low place told as news after the
// brand ("X ranked last in …", "X voted worst …": a lowRanks word within
// three words of it) in a text nobody speaks in, or -1.
func enLowRank(s *scratch) int {
	toks := s.d.toks
	for i := 1; i < len(toks); i++ {
		if toks[i].kind != tokWord || !awardVerbs[toks[i].norm] || !brandBefore(s, i) {
			continue
		}
		for j := i + 1; j < len(toks) && j <= i+3; j++ {
			if toks[j].kind == tokWord && lowRanks[toks[j].norm] {
				if enPerson(s) {
					return -1
				}
				return i
			}
		}
	}
	return -1
}

// enAwardNews reports whether the text reports an award or a ranking of
// the brand as news: nobody speaks in it (no I, we or you, no "!"), and
// an award verb right after the brand is followed within six words by
// what it gave, no low place (lowRanks) before it.
func enAwardNews(s *scratch) bool {
	toks := s.d.toks
	if s.d.excl > 0 {
		return false
	}
	for i := 1; i < len(toks); i++ {
		if toks[i].kind != tokWord || !awardVerbs[toks[i].norm] || !brandBefore(s, i) {
			continue
		}
		for j := i + 1; j < len(toks) && j <= i+6; j++ {
			if toks[j].kind == tokWord && lowRanks[toks[j].norm] {
				return false // "ranked last", "voted worst": enLowRank
			}
			if toks[j].kind == tokWord && awardNouns[toks[j].norm] {
				return !enPerson(s)
			}
		}
	}
	return false
}

// enAward keeps an award reported as news favourable and takes the praise
// off its words (intents.go gives it no praise either); a text whose
// words already weigh unfavourable ("… despite the outage") is given no
// favourable weight. A low place told as news ("X ranked last in the
// survey", enLowRank) is unfavourable news, nobody's praise.
func enAward(s *scratch) {
	if at := enLowRank(s); at >= 0 {
		for k := range s.hits {
			s.hits[k].tags &^= tPraise
			if s.hits[k].val > 0 {
				s.hits[k].val = 0
			}
		}
		s.hits = append(s.hits, hit{tok: at, last: at, val: -flatPraise * s.weight(at), ph: -1})
		return
	}
	if !enAwardNews(s) {
		return
	}
	sum, at := 0.0, -1
	for k := range s.hits {
		h := &s.hits[k]
		h.tags &^= tPraise
		sum += h.val
	}
	if sum != 0 {
		return
	}
	for i := 1; i < len(s.d.toks); i++ {
		if awardVerbs[s.d.toks[i].norm] && brandBefore(s, i) {
			at = i
			break
		}
	}
	s.hits = append(s.hits, hit{tok: at, last: at, val: flatPraise * s.weight(at), ph: -1})
}

// askSubjects are the words that follow an opening auxiliary as its
// subject ("does my policy", "do you", "is there", "can I").
var askSubjects = map[string]bool{
	"i": true, "you": true, "we": true, "they": true, "it": true, "there": true, "my": true,
	"your": true, "our": true, "the": true, "a": true, "an": true, "this": true, "that": true,
	"he": true, "she": true, "their": true, "its": true,
}

// askPronouns are the subjects of askSubjects that a question after the
// brand's name keeps ("X is there a way", "X are you open on Sundays"),
// where a determiner tells a statement ("X is a scam").
var askPronouns = map[string]bool{
	"i": true, "you": true, "we": true, "they": true, "it": true, "there": true, "he": true, "she": true,
}

// askAux are the auxiliaries a question opens with.
var askAux = map[string]bool{
	"does": true, "do": true, "did": true, "is": true, "are": true, "can": true, "could": true,
	"will": true, "would": true, "has": true, "have": true, "should": true,
}

// enAskOpen reports a question without "?" in one sentence: it opens
// (after the brand) with an auxiliary and its subject, the brand or one
// of askSubjects ("geico does my policy cover a uhaul trailer", "does O2
// charge for roaming"), or with "need/want to know whether/if".
func enAskOpen(s *scratch) bool {
	toks := s.d.toks
	if s.d.quest > 0 || s.d.excl > 0 {
		return false
	}
	first := -1
	for i := range toks {
		switch {
		case toks[i].kind == tokMention:
			return false // a message to a handle: the care readings' (care_en.go)
		case toks[i].kind == tokPunct && (toks[i].punct == '.' || toks[i].punct == ';') && i < len(toks)-1:
			return false // more than one sentence
		case first < 0 && toks[i].kind == tokWord && !s.brand[i]:
			first = i
		}
	}
	if first < 0 || first+2 >= len(toks) {
		return false
	}
	w, next := toks[first].norm, &toks[first+1]
	switch {
	case askAux[w]:
		if next.kind != tokWord || !askSubjects[next.norm] && !s.brand[first+1] {
			return false
		}
		if first > 0 && s.brand[first-1] && (w == "is" || w == "are" || w == "has" || w == "have") && !askPronouns[next.norm] {
			return false // the brand its subject: "X is a scam", "X has the best rates"
		}
		return !enAskRhetoric(toks, first)
	case w == "need" || w == "want" || w == "wanted" || w == "i'd":
		for j := first + 1; j < len(toks) && j <= first+4; j++ {
			if toks[j].norm == "know" && j+1 < len(toks) && (toks[j+1].norm == "whether" || toks[j+1].norm == "if") {
				return true
			}
		}
	}
	return false
}

// enTailIt reports a closing clause after a comma that asks with "it" as
// its subject ("…, does it pay off if we order twice a month", "…, is it
// worth it"), which enTailQuestion's subjects leave out; a text with "?",
// "!" or a full stop before its end is not read.
func enTailIt(s *scratch) bool {
	toks := s.d.toks
	if s.d.quest > 0 || s.d.excl > 0 || len(toks) < 4 {
		return false
	}
	last := len(toks) - 1
	if toks[last].kind == tokPunct {
		return false
	}
	from := last
	for from > 0 && toks[from-1].kind != tokPunct {
		from--
	}
	if from < 2 || toks[from-1].punct != ',' || last-from < 3 {
		return false
	}
	return askAux[toks[from].norm] && toks[from+1].norm == "it" && !enAskRhetoric(toks, from)
}

// enAskOpenDamp takes the weight off the words of an unmarked question
// (enAskOpen), complaints aside, as enQuestionDamp does for one with "?".
func enAskOpenDamp(s *scratch) {
	if !enAskOpen(s) && !enTailIt(s) {
		return
	}
	for k := range s.hits {
		if h := &s.hits[k]; h.tags&tComplaint == 0 {
			h.val *= enAskDamp
		}
	}
}

// conditionVerbs are the acquiring verbs of a purchase made a condition
// of a question: "before we buy 12 seats", "if I switch".
var conditionVerbs = map[string]bool{
	"buy": true, "switch": true, "sign": true, "order": true, "book": true, "join": true,
	"subscribe": true, "upgrade": true, "purchase": true, "move": true, "port": true,
}

// enPlanMore marks purchase intent in two shapes enPlan leaves out: an
// offer weighed by name ("leaning toward X's plan", "looking at X for
// Amsterdam", not looking at a thing of the brand's: brandThing) and a purchase made
// the condition of what is asked ("… before we buy 12 seats", "… if I
// switch", not "if I switch from X" nor a refusal). A text that already
// plans one is left alone.
func enPlanMore(s *scratch) {
	toks := s.d.toks
	for _, h := range s.hits {
		if h.tags&tPurchase != 0 {
			return
		}
	}
	for i := 0; i+2 < len(toks); i++ {
		w := toks[i].norm
		at := false
		switch w {
		case "leaning", "looking":
			if p := toks[i+1].norm; p == "toward" || p == "towards" || w == "looking" && p == "at" {
				b := i + 2
				if !s.brand[b] && b+1 < len(toks) && s.brand[b+1] && toks[b].norm == "the" {
					b++
				}
				at = s.brand[b] && (w == "leaning" || !brandThing(toks, b))
			}
		case "before", "if", "once":
			if p := toks[i+1].norm; p == "i" || p == "we" {
				at = conditionVerbs[toks[i+2].norm] && slices.Contains(s.brand, true) &&
					(i+3 >= len(toks) || toks[i+3].norm != "from" && toks[i+3].norm != "away") && !refusal(toks)
			}
		}
		if at {
			s.hits = append(s.hits, hit{tok: i, last: i, tags: tPurchase, ph: -1})
			return
		}
	}
}

// brandParts are the things of a brand one looks at without weighing a
// purchase: "looking at the Acme app", "looking at Acme's outage map".
var brandParts = map[string]bool{
	"app": true, "website": true, "site": true, "page": true, "map": true, "status": true,
	"account": true, "bill": true, "statement": true, "email": true, "emails": true, "tracking": true,
	"outage": true, "chat": true, "feed": true, "screen": true, "error": true, "queue": true,
}

// brandThing reports the brand's name at token b in the possessive
// ("Acme's") or before one of brandParts ("the Acme app"): a thing of the
// brand looked at, not the brand weighed as an offer.
func brandThing(toks []token, b int) bool {
	n := toks[b].norm
	if strings.HasSuffix(n, "'s") || strings.HasSuffix(n, "’s") {
		return true
	}
	return b+1 < len(toks) && toks[b+1].kind == tokWord && brandParts[toks[b+1].norm]
}

// refusal reports a text that refuses what its condition names: "before
// I buy from X again I'd rather …", "never".
func refusal(toks []token) bool {
	for i := range toks {
		if n := toks[i].norm; n == "rather" || n == "never" {
			return true
		}
	}
	return false
}

// enEveryday6 applies the readings of this file.
func enEveryday6(s *scratch) {
	enPlanMore(s)
	enAskOpenDamp(s)
	enQuickService(s)
	enAward(s)
}

// enAskRhetoric reports the opening of a question asked by someone living
// through a failure, not for information: "is it normal that …", "is it
// just me", "is it too much to ask", "can you believe", "will they ever",
// "are you kidding me", "are you serious".
func enAskRhetoric(toks []token, first int) bool {
	for j := first + 1; j < len(toks) && j <= first+5; j++ {
		switch toks[j].norm {
		case "normal", "just", "believe", "ever", "seriously", "really", "acceptable", "ok", "okay",
			"serious", "kidding", "joking":
			return true
		case "too":
			return j+1 < len(toks) && toks[j+1].norm == "much"
		}
	}
	return false
}

// brandBefore reports the brand's name ending at most one word before
// token i ("Skyway named", "Skyway UK awarded", "Skyway Airlines ranked").
func brandBefore(s *scratch, i int) bool {
	for j := i - 1; j >= 0 && j >= i-2; j-- {
		if s.d.toks[j].kind != tokWord {
			return false
		}
		if s.brand[j] {
			return true
		}
	}
	return false
}
