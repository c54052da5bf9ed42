package score

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Everyday English about a named brand: what a user scoring a mention of
// their brand meets first (testdata/everyday). These readings apply when
// the brand is given (analysis.about) and the text is English; the
// general English of the evaluation sets, scored without a brand, never
// passes through them.
//
//   - News about the brand ("Sberbank cuts mortgage rates", "FCA fines
//     Starling Bank £29m", "Slack reports partial outage") and warnings of
//     scammers posing as it ("texts pretending to be from Barclays") carry
//     no opinion of the brand: their words keep newsDamp of their weight
//     and make no complaint.
//   - "support" is the brand's support desk, not approval, and "please"
//     is courtesy: neither is praise.
//   - Thanks or love for a failure ("thanks for charging me €55 to print a
//     boarding pass", "love how the site goes down on the last day") is
//     sarcasm: its favourable words turn unfavourable.
//   - Praise of one employee beside a failure ("the agent was lovely, but
//     support won't refund") is praise of the employee, not of the brand:
//     the text stays a complaint (and gets praise as well, intents.go).
//   - A question for information ("can I hold my mail for 3 days?") or a
//     purchase being planned ("thinking of switching to X, what's the
//     deal?") reports no opinion yet.
//   - "why not add more evening flights?" is a suggestion, neither a
//     question nor a complaint.

// Weights of the everyday readings, set by hand.
const (
	newsDamp      = 0   // what a word of news or of a scam warning keeps
	staffDamp     = 0.3 // what praise of one employee keeps beside a failure
	staffFailure  = 0.5 // the least unfavourable valence that is a failure then
	enAskDamp     = 0.0 // what a word of an information question keeps
	planDamp      = 0   // what approval keeps in a purchase being planned and asked about
	sarcasmInvert = -0.6
	thanksFailure = 0.2 // the least unfavourable valence a sarcastic thanks is given for
)

// everydayEN applies the readings above to the hits of an English text
// scored for a brand. A message addressed to the brand (customer care)
// has its own readings of courtesy, thanks, questions and news
// (care_en.go, gratitude, questions) and the English intent model reads
// their outcome: of the readings above it gets only the suggestion.
func (s *scratch) everydayEN(addressed bool) {
	toks := s.d.toks
	if enSuggestion(s) {
		for k := range s.hits {
			if h := &s.hits[k]; h.val < 0 && h.ph < 0 && negator(toks[h.tok].norm) {
				h.val = 0
			}
		}
	}
	if addressed {
		return
	}
	for k := range s.hits {
		h := &s.hits[k]
		if h.ph < 0 && h.tok == h.last && h.val > 0 {
			switch toks[h.tok].norm {
			case "please", "pls", "plz":
				h.val = 0
			case "support":
				// the desk, acting ("support won't refund", "support
				// agent"), or the verb ("does X support offline mode")
				if h.tok+1 < len(toks) && toks[h.tok+1].kind == tokWord {
					h.val = 0
				}
			}
		}
	}
	if enNews(s) || enScamWarning(s) || enNewsWideOf(s) { // enNewsWideOf: en_everyday5.go
		s.noteAdverseNews() // news_severity.go
		for k := range s.hits {
			s.hits[k].val *= newsDamp
			s.hits[k].tags &^= tComplaint | tPraise
		}
		return
	}
	if enSarcasticThanks(s) || enIronicPraise(s) {
		first := true
		for k := range s.hits {
			if h := &s.hits[k]; h.val > 0 {
				h.val *= sarcasmInvert
				h.tags &^= tPraise
				if first {
					h.tags |= tComplaint
					first = false
				}
			}
		}
		return
	}
	if from, to, ok := enStaffPraise(s); ok {
		failure := false
		for _, h := range s.hits {
			if h.val <= -staffFailure && (h.tok < from || h.tok > to) {
				failure = true
			}
		}
		if failure {
			for k := range s.hits {
				if h := &s.hits[k]; h.val > 0 && h.tok >= from && h.tok <= to {
					h.val *= staffDamp
				}
			}
		}
	}
	s.enSecondRound()
	enPlan(s) // en_everyday3.go
	enQuestionDamp(s)
	enOffBrand(s)
	enAside(s)        // en_everyday3.go
	enFlatFailure(s)  // en_everyday4.go
	enRescue(s)       // en_everyday4.go
	enClosingIrony(s) // en_everyday4.go
	enLeaving(s)      // en_everyday5.go
	enEveryday6(s)    // en_everyday6.go
	enEveryday7(s)    // en_everyday7.go
	enEveryday8(s)    // en_everyday8.go
}

// enPerson reports whether a word of the text speaks for its author or
// to a reader (I, my, we, you, your, "don't" aside): news and warnings
// have none.
func enPerson(s *scratch) bool {
	for i := range s.d.toks {
		if e := s.ent[i]; e != nil && e.flags&fFirstPerson != 0 {
			return true
		}
	}
	return false
}

// headlineVerbs are the verbs of business and regulatory news, in the
// present tense headlines use ("cuts", "fines", "expands") and in the base
// form a headline question takes ("Will X cut rates?").
var headlineVerbs = map[string]bool{
	"cuts": true, "cut": true, "slashes": true, "slash": true, "lowers": true, "lower": true,
	"raises": true, "raise": true, "hikes": true, "hike": true, "fines": true, "fine": true,
	"fined": true, "expands": true, "expand": true, "opens": true, "launches": true, "launch": true,
	"unveils": true, "announces": true, "reports": true, "warns": true, "recalls": true,
	"acquires": true, "suspends": true, "resumes": true, "restores": true, "confirms": true,
	"denies": true, "plans": true, "posts": true, "sues": true, "settles": true, "faces": true,
	"closes": true, "shuts": true, "introduces": true, "rolls": true, "axes": true, "lays": true,
	"probes": true, "investigates": true, "drops": true, "scraps": true, "delays": true,
	"freezes": true, "reopens": true, "partners": true, "buys": true, "sells": true,
}

// toVerbs are the base forms a headline puts after "X to" ("Northbank to
// close 40 branches"); alone after a capital they are a request ("Please
// open …"), so only the headline's "to" counts them.
var toVerbs = map[string]bool{
	"close": true, "open": true, "shut": true, "buy": true, "sell": true, "acquire": true,
	"introduce": true, "scrap": true, "axe": true, "pay": true, "exit": true, "merge": true,
	"cut": true, "raise": true, "hike": true, "launch": true, "expand": true, "slash": true,
}

// newsSubjects are the common nouns a headline's subject is ("State
// regulators fine X").
var newsSubjects = map[string]bool{
	"regulators": true, "regulator": true, "watchdog": true, "authorities": true, "officials": true,
	"court": true, "judge": true, "prosecutors": true, "police": true, "lawmakers": true, "government": true,
}

// enNewsOf reports whether the text is a news report about the brand: no
// one speaks in it (no I, we or you, no "!", no smiley), and a headline
// verb follows its subject — the brand, a capitalised name or
// abbreviation ("FCA fines", "Getaround expands") or a regulator ("State
// regulators fine") — or the brand and "to" ("X to close 40 branches"),
// or new rules "take effect".
func enNewsOf(s *scratch) bool {
	toks := s.d.toks
	if s.d.excl > 0 || enPerson(s) {
		return false
	}
	subj, verbs := newsSubjectWords, headlineVerbWords
	for i := range toks {
		t := &toks[i]
		switch t.kind {
		case tokEmoticon, tokEmoji:
			return false
		case tokWord:
		default:
			continue
		}
		if (t.norm == "take" || t.norm == "takes" || t.norm == "took") && i+1 < len(toks) && toks[i+1].norm == "effect" {
			return true
		}
		if i > 0 && enCrimeReport(toks, i) {
			return true // "Former X employee charged with stealing …"
		}
		if i >= 2 && toks[i-1].norm == "to" && toVerbs[t.norm] && s.brand[i-2] && toks[i-2].kind == tokWord {
			return true // "Northbank to close 40 branches"
		}
		if i > 0 && subj.may(toks[i-1].norm) && newsSubjects[toks[i-1].norm] && !functionWords[t.norm] && !s.brand[i] {
			return true // "Police arrest …", "Regulators probe …"
		}
		if i == 0 || !verbs.may(t.norm) || !headlineVerbs[t.norm] || s.brand[i] {
			continue
		}
		p := &toks[i-1]
		if p.kind == tokWord && (s.brand[i-1] || p.caps || p.title && i-1 > 0 || newsSubjects[p.norm]) {
			return true
		}
		if p.kind == tokWord && p.title && i-1 == 0 && !headlineVerbs[p.norm] {
			return true // "Getaround expands …" opening the text
		}
	}
	return false
}

// impostorNouns are what scammers fake in a brand's name: messages,
// calls, pages, staff.
var impostorNouns = map[string]bool{
	"text": true, "texts": true, "sms": true, "message": true, "messages": true, "email": true,
	"emails": true, "call": true, "calls": true, "caller": true, "callers": true, "site": true,
	"sites": true, "website": true, "websites": true, "page": true, "pages": true, "account": true,
	"accounts": true, "app": true, "apps": true, "ad": true, "ads": true, "agent": true, "agents": true,
	"adjuster": true, "adjusters": true, "driver": true, "drivers": true, "courier": true,
	"couriers": true, "invoice": true, "invoices": true, "notice": true, "notices": true,
	"listing": true, "listings": true, "link": true, "links": true, "offer": true, "offers": true,
	"representative": true, "representatives": true, "reps": true, "staff": true, "support": true,
}

// enImpostorOf reports whether the text tells of scammers posing as the
// brand or preying on its customers: "fake"/"bogus"/"phony" before one of
// impostorNouns within three words ("fake Amazon delivery texts", "fake
// claim adjusters"), "pretending to be", "posing as", "phishing", card
// skimming and cloning.
func enImpostorOf(s *scratch) bool {
	toks := s.d.toks
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord {
			continue
		}
		switch t.norm {
		case "phishing", "impersonating", "impersonators", "impersonator", "spoofed", "spoofing",
			"skimming", "skimmer", "skimmers", "cloning", "cloned":
			return true
		case "pretending", "posing":
			if i+1 < len(toks) && (toks[i+1].norm == "to" || toks[i+1].norm == "as") {
				return true
			}
		case "from", "by":
			// "a call from 'HMRC'", "a text signed by 'Royal Mail'"
			if i+1 < len(toks) && s.brand[i+1] && enQuotedAt(s, i+1) {
				return true
			}
		case "fake", "bogus", "phony", "phoney", "counterfeit", "fraudulent":
			for j := i + 1; j < len(toks) && j <= i+3 && toks[j].kind == tokWord; j++ {
				if impostorNouns[toks[j].norm] {
					return true
				}
			}
		}
	}
	return false
}

// enScamWarningOf reports whether the text warns of scammers posing as the
// brand and nobody in it says they were harmed (no I or we): a warning
// is about the scammers, not an opinion of the brand.
func enScamWarningOf(s *scratch) bool {
	if !enImpostor(s) {
		return false
	}
	if enWarns(s) && !enHarmed(s) {
		return true // "Watch out: a fake X message asked me to …", "… Reported it to Action Fraud."
	}
	for i := range s.d.toks {
		if e := s.ent[i]; e != nil && e.flags&fFirstPerson != 0 {
			switch s.d.toks[i].norm {
			case "you", "your", "u", "ur", "yours":
				continue // "don't click the link if you get one"
			}
			return false
		}
	}
	return true
}

// failureWord reports a failure a sarcastic thanks or "love how" points
// at though the lexicon gives it little or no valence.
func failureWord(w string) bool {
	switch w {
	case "down", "offline", "overdraft", "fee", "fees", "surcharge", "outage", "outages", "surge",
		"maintenance", "downtime":
		return true
	}
	return strings.HasPrefix(w, "charg") || strings.HasPrefix(w, "crash") || strings.HasPrefix(w, "cancel")
}

// enSarcasticThanks reports whether thanks ("thanks X for …", "thank you
// for …") or love ("love how …", "love that …", "gotta love …") is given
// for a failure in the same sentence: a charge, a fee, an outage, or an
// unfavourable word other than a refund or help received.
//
// The failure words and unfavourable hits after each opener are found by
// reading on from the last one or by bisection, not by reading the rest
// of the text again: a text of many thanks costs n·log n.
func enSarcasticThanks(s *scratch) bool {
	toks := s.d.toks
	fail := -1      // the first failure word after the last opener read
	var bad []int32 // the unfavourable hits' first tokens, ascending
	badRead := false
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord {
			continue
		}
		opener := false
		switch {
		case t.norm == "thanks" || t.norm == "thank" || t.norm == "thx" || shoutout(toks, i):
			// "for" must follow within four words ("thanks Ryanair for")
			for j := i + 1; j < len(toks) && j <= i+4 && toks[j].kind == tokWord; j++ {
				if toks[j].norm == "for" {
					opener = true
					break
				}
			}
		case t.norm == "love" && i+1 < len(toks) && (toks[i+1].norm == "how" || toks[i+1].norm == "that" || toks[i+1].norm == "when"):
			opener = i == 0 || toks[i-1].norm != "i" && toks[i-1].norm != "would" && toks[i-1].norm != "i'd"
			if i > 0 && (toks[i-1].norm == "just" || toks[i-1].norm == "gotta" || toks[i-1].norm == "i") {
				opener = true // "just love how", "gotta love how", "I love how"
			}
		}
		if !opener {
			continue
		}
		// the first failure word after the opener, read on from the last
		// one found: a later one is in the same sentence only if it is
		for fail <= i {
			fail++
			for fail < len(toks) && !(toks[fail].kind == tokWord && failureWord(toks[fail].norm)) {
				fail++
			}
		}
		if fail < len(toks) && s.sent[fail] == s.sent[i] {
			return true
		}
		if !badRead {
			badRead = true
			// the unfavourable hits that are no help received, by place
			bad = s.order[:0]
			for _, h := range s.hits {
				if h.val < -thanksFailure && !helpWord(toks[h.tok].norm) {
					bad = append(bad, int32(h.tok))
				}
			}
			slices.Sort(bad)
			s.order = bad
		}
		if k, _ := slices.BinarySearch(bad, int32(i)+1); k < len(bad) && s.sent[bad[k]] == s.sent[i] {
			return true
		}
	}
	return false
}

// helpStems begin what a sincere thanks is given for even though the
// lexicon marks it as a sign of trouble ("thanks for the refund").
var helpStems = []string{"refund", "reimburs", "compensat", "voucher", "help", "fix", "sort", "resolv", "replac", "rebook"}

// helpWord reports a word of help received (helpStems).
func helpWord(w string) bool { return hasStem(w, helpStems) }

// staffNouns are the people of a brand a customer meets.
var staffNouns = map[string]bool{
	"agent": true, "agents": true, "rep": true, "representative": true, "staff": true, "crew": true,
	"driver": true, "rider": true, "courier": true, "adjuster": true, "engineer": true, "technician": true,
	"cashier": true, "teller": true, "attendant": true, "attendants": true, "pilot": true, "waiter": true,
	"waitress": true, "manager": true, "employee": true, "guy": true, "lady": true, "woman": true, "man": true,
	"operator": true, "clerk": true, "host": true, "hostess": true, "stewardess": true, "steward": true,
	"mechanic": true, "officer": true, "consultant": true, "advisor": true, "adviser": true, "nurse": true,
}

// enStaffPraiseOf finds praise of one employee: a staff noun (perhaps
// with a name after it) followed by "was/were/is" and a favourable word
// in the same clause ("the United gate agent in Denver was amazing",
// "Adjuster from Geico was kind and quick", "support agent Olga was very
// polite"). It returns the clause's token range.
func enStaffPraiseOf(s *scratch) (from, to int, ok bool) {
	toks := s.d.toks
	// the wider shapes of the second round hold in a post about the
	// brand; a message to its handle keeps the first round's (customer
	// care has its own readings, and "your agents are horrible" is no
	// praise)
	wide := !addressed(toks, s.brand)
	reach := 5
	if wide {
		reach = 8
	}
	q := staffHits{ends: clauseEnds{from: 1, end: 0}}
	staff := staffNounWords
	for i := range toks {
		if toks[i].kind != tokWord {
			continue
		}
		if at, end, ok := enNamedThanks(s, i); wide && ok {
			return at, end, true
		}
		if !staff.may(toks[i].norm) || !staffNouns[toks[i].norm] {
			continue
		}
		if wide {
			if at, end, ok := enStaffEpithet(s, q.read(s), i); ok {
				return at, end, true
			}
		}
		// the verb within reach, in the clause
		for j := i + 1; j < len(toks) && j <= i+reach; j++ {
			t := &toks[j]
			if t.kind == tokPunct {
				break
			}
			if wide && j <= i+2 && helpVerbs[t.norm] {
				// "the guy helped me pick a laptop and was super patient"
				end := q.ends.at(toks, j)
				if k := q.read(s).pos.firstAfter(j); k >= 0 && k <= end {
					return i, end, true
				}
				break
			}
			if t.norm != "was" && t.norm != "were" && t.norm != "is" && t.norm != "are" {
				continue
			}
			end := j + 1
			for end < len(toks) && toks[end].kind != tokPunct && toks[end].norm != "but" && end <= j+5 {
				end++
			}
			if k := q.read(s).pos.firstAfter(j); k >= 0 && k < end {
				return i, end - 1, true
			}
			break
		}
	}
	return 0, 0, false
}

// staffHits answers enStaffPraiseOf's questions about the hits in time
// log n each, from their places sorted once: where the favourable ones
// start, which are single favourable words, and how far the unfavourable
// ones reach.
type staffHits struct {
	done bool
	pos  tokRanks // first tokens of the favourable hits
	one  tokRanks // tokens of the favourable hits of one token
	// neg: first tokens of the unfavourable hits, ascending; reach[k]:
	// the furthest last token of neg[:k+1]'s hits
	neg, reach []int32
	ends       clauseEnds
}

// read sorts the hits of s the first time it is asked and returns q.
func (q *staffHits) read(s *scratch) *staffHits {
	if q.done {
		return q
	}
	q.done = true
	x := s.indexHits()
	for _, k := range x.by {
		switch h := &s.hits[k]; {
		case h.val > 0:
			q.pos = append(q.pos, int32(h.tok))
			if h.tok == h.last {
				q.one = append(q.one, int32(h.tok))
			}
		case h.val < 0:
			r := int32(h.last)
			if n := len(q.reach); n > 0 {
				r = max(r, q.reach[n-1])
			}
			q.neg = append(q.neg, int32(h.tok))
			q.reach = append(q.reach, r)
		}
	}
	return q
}

// negOver reports an unfavourable hit that starts by token end and ends
// at token from or later.
func (q *staffHits) negOver(from, end int) bool {
	k, _ := slices.BinarySearch(q.neg, int32(end)+1) // the hits starting by end: neg[:k]
	return k > 0 && int(q.reach[k-1]) >= from
}

// enQuestionDamp damps the words of sentences that ask for information
// (they end in "?" and open with an auxiliary, "what", "where", "when",
// "how" or "any" — not "why", the question of someone living through a
// failure), except words of a complaint, and the favourable words of a
// text that plans a purchase and asks about it ("thinking of switching
// to X, what's the deal for 3 lines?").
func enQuestionDamp(s *scratch) {
	unmarked := enAskUnmarked(s) // en_everyday3.go
	if s.d.quest == 0 && !enTailQuestion(s) && !unmarked {
		return
	}
	var purchase bool
	for _, h := range s.hits {
		if h.tags&tPurchase != 0 {
			purchase = true
		}
	}
	for k := range s.hits {
		h := &s.hits[k]
		switch {
		case h.tags&tComplaint != 0:
		case h.val < 0 && ventQuestion(s, h.tok): // en_ask_vent.go
		case enInfoQuestion(s, h.tok) || unmarked:
			h.val *= enAskDamp
		case purchase && h.val > 0 && h.tags&tPraise == 0:
			h.val *= planDamp
		}
	}
}

// enInfoQuestion reports whether the sentence of token i ends in "?" and
// opens (after handles and the brand) with an auxiliary, "what", "where",
// "when", "how", "which" or "any".
func enInfoQuestion(s *scratch, i int) bool {
	toks := s.d.toks
	n := s.sent[i]
	from := i
	for from > 0 && s.sent[from-1] == n {
		from--
	}
	first, last := -1, i
	for k := from; k < len(toks) && s.sent[k] == n; k++ {
		last = k
		if first < 0 && toks[k].kind == tokWord && !s.brand[k] {
			first = k
		}
	}
	if first < 0 {
		return false
	}
	end := last
	for end > from && toks[end].kind != tokPunct {
		end--
	}
	if toks[end].kind != tokPunct || toks[end].punct != '?' || toks[end].run > 0 {
		return false
	}
	switch toks[first].norm {
	case "can", "could", "do", "does", "did", "is", "are", "will", "would", "should", "may",
		"what", "what's", "whats", "where", "when", "how", "which", "any", "anyone", "anybody", "has", "have":
		return true
	}
	return false
}

// enSuggestionOf reports whether the text suggests something dressed as a
// question: "why not add more evening flights?", "why not offer …".
func enSuggestionOf(s *scratch) bool {
	toks := s.d.toks
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].norm != "why" || toks[i+1].norm != "not" {
			continue
		}
		switch toks[i+2].norm {
		case "add", "offer", "introduce", "open", "launch", "extend", "bring", "consider", "make", "have", "let", "run", "put", "start", "allow":
			return true
		}
	}
	return false
}

// enChurnOnly reports whether every unfavourable contribution of the
// text is a move away (churn): "Cancelled our Zoom subscription today,
// Google Meet does everything we need" leaves without complaining.
func enChurnOnly(s *scratch) bool {
	found := false
	for _, h := range s.hits {
		if h.val >= 0 {
			continue
		}
		if h.tags&tChurn == 0 {
			return false
		}
		found = true
	}
	return found
}

// enOffBrand damps what a text feels about something else when the brand
// only served it: "terrible day at work, ordered pizza on Grubhub to
// cope", "Lost my dog today, devastated. Paid the vet bill with my Chase
// card". The brand's clauses hold no contribution, each names it as a
// means (after "on", "with", "via", "through", "using", "from", or in a
// clause opening with a past tense: "Flew SAS from Copenhagen"), every
// contribution comes before the brand (a reaction after it is to it:
// "Renewed my licence on the DVLA website in 5 minutes, genuinely
// impressed"; what the author did it for, "to cheer up", is the author's
// own), and none carries a complaint (a lost bag would; "lost"
// on its own does not).
func enOffBrand(s *scratch) {
	toks := s.d.toks
	if len(s.hits) == 0 {
		return
	}
	// the clause of the last brand token read: every token of a clause
	// has the same, so a clause naming the brand often is read once
	cFrom, cTo := 1, 0
	clause := func(i int) (int, int) {
		if i >= cFrom && i <= cTo {
			return cFrom, cTo
		}
		from, to := i, i
		for from > 0 && toks[from-1].kind != tokPunct {
			from--
		}
		for to+1 < len(toks) && toks[to+1].kind != tokPunct {
			to++
		}
		cFrom, cTo = from, to
		return from, to
	}
	var idx hitIndex
	indexed := false
	// purposeTo: the next "to" followed by a word other than the brand
	// (within a clause, as a word is no punctuation), read on as i grows
	purposeTo := -1
	located := -1                 // where the first clause naming the brand opens
	purpose, purposeEnd := -1, -1 // "to" of a purpose after the brand ("… on X to cheer up") and its clause's end
	for i := range toks {
		if !s.brand[i] {
			continue
		}
		from, to := clause(i)
		if located < 0 {
			located = from
		}
		for purposeTo <= i {
			purposeTo++
			for purposeTo < len(toks) && !(toks[purposeTo].norm == "to" && purposeTo+1 < len(toks) && toks[purposeTo+1].kind == tokWord && !s.brand[purposeTo+1]) {
				purposeTo++
			}
		}
		if j := purposeTo; j < len(toks) && j <= to {
			purpose, purposeEnd = j, to
			to = j - 1
		}
		if !indexed {
			idx, indexed = s.indexHits(), true
		}
		for _, k := range idx.touching(from, to) {
			if h := &s.hits[k]; h.tok >= from && h.tok <= to || h.last >= from && h.last <= to {
				return // the brand's own clause says something
			}
		}
		means := false
		for j := max(from, i-3); j < i; j++ {
			switch toks[j].norm {
			case "on", "with", "via", "through", "using", "from":
				means = true
			}
		}
		if w := toks[from].norm; toks[from].kind == tokWord && !s.brand[from] && (strings.HasSuffix(w, "ed") || pastUse[w] || contactUse[w]) {
			means = true
		}
		for j := max(from+1, i-3); j < i; j++ {
			if toks[j].norm == "to" && toks[j-1].norm == "back" {
				means = true // "going back to my X instead"
			}
		}
		if !means {
			return
		}
	}
	if located < 0 {
		return
	}
	for _, h := range s.hits {
		if h.last >= located && (purpose < 0 || h.tok <= purpose || h.last > purposeEnd) {
			return // a reaction after the brand is to it ("…, genuinely impressed")
		}
		if h.tags&(tComplaint|tChurn|tFraud|tLegal) == 0 {
			continue
		}
		if w := toks[h.tok].norm; h.ph < 0 && (w == "lost" || w == "lose" || w == "losing") {
			continue
		}
		return
	}
	for k := range s.hits {
		s.hits[k].val = 0
	}
}

// pastUse are irregular past tenses of using a service ("Flew SAS",
// "Took an Uber").
var pastUse = map[string]bool{
	"flew": true, "took": true, "got": true, "paid": true, "bought": true, "went": true,
	"rode": true, "drove": true, "ate": true, "watched": true, "used": true, "sent": true,
}

// enHandled reports whether the text names the brand by its handle
// (@brand): a message to its account is customer care, where courtesy is
// convention and the care readings (and the English intent model) judge
// praise, not a post about the brand.
func enHandled(s *scratch) bool {
	for i := range s.d.toks {
		if s.brand[i] && s.d.toks[i].kind == tokMention {
			return true
		}
	}
	return false
}

// enAuxBrand reports whether the text opens with an auxiliary and the
// brand's name as its subject, a question with or without "?" ("Does
// Spotify have a student plan in Poland", "Is Northbank open on
// Sundays").
func enAuxBrand(s *scratch) bool {
	toks := s.d.toks
	if len(toks) < 2 || toks[0].kind != tokWord || toks[1].kind != tokWord || !s.brand[1] {
		return false
	}
	switch toks[0].norm {
	case "does", "do", "did", "is", "are", "can", "will", "has", "have", "would", "could":
		return true
	}
	return false
}

var (
	everydayLexOnce sync.Once
	everydayLexVal  *lexicon
)

// everydayLexiconEN is data/everyday_en.lex: the words of everyday
// customer English, read only in English scored for a brand. Each entry
// keeps its valence in general English too (genVal), so that the
// project's scaling of its own words there (genOwn) does not apply: the
// list is written for this register.
func everydayLexiconEN() *lexicon {
	everydayLexOnce.Do(func() {
		b, err := dataFS.ReadFile("data/everyday_en.lex")
		if err != nil {
			panic(fmt.Errorf("score: %w", err))
		}
		lx := newLexicon()
		if err := parseLexicon(lx, "everyday_en.lex", string(b)); err != nil {
			panic(err)
		}
		for k := range lx.entries {
			e := &lx.entries[k]
			e.genVal, e.hasGen = e.val, true
		}
		lx.finish()
		everydayLexVal = lx
	})
	return everydayLexVal
}

// everydayWordsEN replaces the lexicon entries of the words that everyday
// customer English uses in its own sense (data/everyday_en.lex: "the app
// crashed", "the queue was a joke", "a no-show", "refuses the return",
// "waiting for my benefits") in a text scored for a brand and not
// addressed to it. It runs before the words are scored, so negation,
// boosters and clause weights apply to them as to any word.
func (s *scratch) everydayWordsEN() {
	lx := everydayLexiconEN()
	for i := range s.d.toks {
		t := &s.d.toks[i]
		if t.kind != tokWord || s.brand[i] {
			continue
		}
		if e := lx.lookup(t.norm, nil); e != nil {
			s.ent[i] = e
		}
	}
}

// Weights of the second everyday round, set by hand.
const (
	pastFlip    = -0.6 // what a failure of the past keeps, turned, beside a better present
	ratingValue = 2.0  // the valence of a rating out of 10 or 5 ("10/10", "1/5")
)

// enSecondRound applies the readings of the second everyday round to a
// text scored for a brand and not addressed to it: ratings out of 10 or
// 5 (enRatings), failures of an earlier time beside a better present
// (enPastContrast) and wishes put to the brand (enWishDamp).
func (s *scratch) enSecondRound() {
	s.enRatings()
	enPastContrast(s)
	enWishDamp(s)
}

// enRatings adds a hit for a rating out of 10 or 5 ("10/10 service",
// "0/10 would not recommend", "2/5"): high is praise, low a complaint,
// the middle nothing.
func (s *scratch) enRatings() {
	toks := s.d.toks
	text := s.d.text
	for i := 0; i+1 < len(toks); i++ {
		a, b := &toks[i], &toks[i+1]
		if a.kind != tokNumber || b.kind != tokNumber || a.end >= b.start || text[a.end:b.start] != "/" {
			continue
		}
		n, err1 := strconv.ParseFloat(text[a.start:a.end], 64)
		d, err2 := strconv.ParseFloat(text[b.start:b.end], 64)
		if err1 != nil || err2 != nil || d != 10 && d != 5 || n < 0 || n > d {
			continue
		}
		var v float64
		var tags tagSet
		switch r := n / d; {
		case r >= 0.8:
			v, tags = ratingValue, tPraise
		case r <= 0.4:
			v, tags = -ratingValue, tComplaint
		default:
			continue
		}
		s.hits = append(s.hits, hit{tok: i, last: i, val: v * s.weight(i), tags: tags, ph: -1})
	}
}

// pastWord reports whether toks[i] opens a mention of an earlier time:
// "last time", "last year", "before", "previously", "usually", "used to".
func pastWord(toks []token, i int) bool {
	switch toks[i].norm {
	case "before", "previously", "usually", "formerly":
		return true
	case "last":
		if i+1 < len(toks) {
			switch toks[i+1].norm {
			case "time", "year", "month", "week", "visit", "round", "winter", "summer":
				return true
			}
		}
	case "used":
		return i+1 < len(toks) && toks[i+1].norm == "to"
	}
	return false
}

// enPastContrast turns the failures told of an earlier time beside the
// present ("took 10 minutes vs 3 hours in a queue last time", "compared
// to two weeks before"): the present is better than they were. The span
// runs from "vs", "versus", "compared to/with" or "instead of" to the end
// of its sentence, which must name the earlier time.
func enPastContrast(s *scratch) {
	toks := s.d.toks
	for i := range toks {
		w := toks[i].norm
		marker := w == "vs" || w == "versus" ||
			(w == "compared" || w == "instead") && i+1 < len(toks) && (toks[i+1].norm == "to" || toks[i+1].norm == "with" || toks[i+1].norm == "of")
		if !marker {
			continue
		}
		end := i
		past := false
		for end+1 < len(toks) && s.sent[end+1] == s.sent[i] {
			end++
			if toks[end].kind == tokWord && pastWord(toks, end) {
				past = true
			}
		}
		if !past {
			continue
		}
		for k := range s.hits {
			if h := &s.hits[k]; h.tok > i && h.tok <= end && h.val < 0 {
				h.val *= pastFlip
				h.tags &^= tComplaint
			}
		}
		return
	}
}

// wishVerbs are what a customer wishes a brand did ("X should bring back
// the old rewards program", "they could add more evening flights").
var wishVerbs = map[string]bool{
	"bring": true, "add": true, "offer": true, "introduce": true, "open": true, "launch": true,
	"extend": true, "make": true, "let": true, "allow": true, "consider": true, "start": true,
	"restore": true, "reinstate": true, "expand": true, "include": true, "keep": true,
}

// enWish finds a wish put to the brand: the brand or "they" before
// "should"/"could"/"needs to" and a verb of wishVerbs ("Target should
// bring back …"). It returns the token of the verb.
func enWish(s *scratch) (int, bool) {
	toks := s.d.toks
	for i := 1; i+1 < len(toks); i++ {
		if toks[i].norm != "should" && toks[i].norm != "could" {
			continue
		}
		j := i + 1
		if toks[j].norm == "really" || toks[j].norm == "just" || toks[j].norm == "totally" {
			j++
		}
		if j >= len(toks) || !wishVerbs[toks[j].norm] {
			continue
		}
		if p := i - 1; s.brand[p] || toks[p].norm == "they" {
			return j, true
		}
	}
	return 0, false
}

// enWishDamp leaves no approval in the clause of a wish (enWish): the
// thing wished for ("the old rewards program") is not praise of the
// brand as it is.
func enWishDamp(s *scratch) {
	at, ok := enWish(s)
	if !ok {
		return
	}
	toks := s.d.toks
	end := at
	for end+1 < len(toks) && toks[end+1].kind != tokPunct {
		end++
	}
	for k := range s.hits {
		if h := &s.hits[k]; h.val > 0 && h.tok >= at && h.tok <= end {
			h.val = 0
		}
	}
}

// enTailQuestion reports whether a text with no "?" ends in a clause,
// after a comma, that asks by its order: an auxiliary before its subject
// ("Want to open a savings account with X, is the 4% rate still
// available", "…, do they do group deliveries"). The clause opening a
// sentence is asksUnmarked's (intents.go).
func enTailQuestion(s *scratch) bool {
	toks := s.d.toks
	if s.d.quest > 0 || len(toks) == 0 {
		return false
	}
	last := len(toks) - 1
	for last >= 0 && toks[last].kind != tokWord && toks[last].kind != tokNumber {
		if toks[last].kind == tokPunct {
			return false // a statement's full stop, an exclamation
		}
		last--
	}
	if last < 0 {
		return false // only @handles, links or emoji: no clause at all
	}
	from := last
	for from > 0 && toks[from-1].kind != tokPunct {
		from--
	}
	if from == 0 || toks[from-1].punct != ',' || last-from < 2 {
		return false
	}
	if toks[from].kind != tokWord || toks[from+1].kind != tokWord {
		return false
	}
	iw := intentWordList()
	return iw.get(toks[from].norm).cue&cueAux != 0 && iw.get(toks[from+1].norm).cue&cueSubj != 0
}

// helpVerbs are what an employee does for a customer, told right after
// the staff noun ("the guy helped me …", "the agent sorted it").
var helpVerbs = map[string]bool{
	"helped": true, "tried": true, "fixed": true, "sorted": true, "explained": true, "stayed": true,
	"walked": true, "went": true, "got": true, "found": true, "called": true, "listened": true,
}

// enClauseEnd returns the last token of the clause of token i: up to a
// punctuation mark or "but".
func enClauseEnd(toks []token, i int) int {
	end := i
	for end+1 < len(toks) && toks[end+1].kind != tokPunct && toks[end+1].norm != "but" {
		end++
	}
	return end
}

// enNamedThanks finds thanks to one person by name opening at token i:
// "shout out to Dmitry at the store who …", "kudos to Anna from …",
// "props to Sam". It returns the clause's token range.
func enNamedThanks(s *scratch, i int) (from, to int, ok bool) {
	toks := s.d.toks
	j := i + 1
	switch toks[i].norm {
	case "shout", "shoutout", "shout-out", "kudos", "props", "thanks", "thank", "hats":
	default:
		return 0, 0, false
	}
	for j < len(toks) && j <= i+3 && toks[j].kind == tokWord && toks[j].norm != "to" {
		j++
	}
	if j+1 >= len(toks) || toks[j].norm != "to" {
		return 0, 0, false
	}
	if n := &toks[j+1]; n.kind != tokWord || !n.title || s.brand[j+1] || functionWords[n.norm] {
		return 0, 0, false
	}
	return i, enClauseEnd(toks, j+1), true
}

// enIronicPraise reports praise said the other way round: a marker of
// irony — an exclamation opening a sentence ("Oh wonderful", "Wow X,"),
// "great job"/"well done" opening the text, a favourable "… timing"
// ("what impeccable timing"), thanks closing the text ("Thanks so
// much"), clapping — in a text that tells a failure (a failure word, an
// unfavourable word other than help received, or a service word in scare
// quotes: "'delivered' to a porch that isn't mine", "another 'planned
// maintenance'").
func enIronicPraise(s *scratch) bool {
	if !enIronyMarker(s) {
		return false
	}
	toks := s.d.toks
	for i := range toks {
		if toks[i].kind == tokWord && failureWord(toks[i].norm) && !enRescued(s, i) {
			return true
		}
	}
	for _, h := range s.hits {
		if h.val <= -staffFailure && !helpWord(toks[h.tok].norm) && !enRescued(s, h.tok) {
			return true
		}
	}
	return enScareQuote(s)
}

// enIronyMarker reports a marker of irony (see enIronicPraise).
func enIronyMarker(s *scratch) bool {
	toks := s.d.toks
	text := s.d.text
	first := -1 // the first word, handles aside
	lastWord := -1
	for i := range toks {
		if toks[i].kind == tokWord {
			if first < 0 {
				first = i
			}
			lastWord = i
		}
	}
	for i := range toks {
		t := &toks[i]
		if t.kind == tokEmoji && strings.Contains(text[t.start:t.end], "\U0001F44F") {
			return true // 👏
		}
		if t.kind != tokWord {
			continue
		}
		opens := i == first || i > 0 && isSentenceEnd(&toks[i-1])
		switch t.norm {
		case "oh", "ohh", "ooh", "wow", "gee", "yay":
			if opens && i+1 < len(toks) {
				return true
			}
		case "great", "good", "nice", "brilliant", "excellent", "well":
			if i == first && i+1 < len(toks) {
				switch toks[i+1].norm {
				case "job", "work", "going", "done", "one":
					return true
				}
			}
		case "timing":
			for _, h := range s.hits {
				if h.val > 0 && h.last < i && h.last >= i-2 {
					return true
				}
			}
		case "thanks", "thank":
			if i+3 >= lastWord && i > first && s.sent[i] == s.sent[lastWord] {
				return true // "… Thanks so much", "… thanks a lot"
			}
		}
	}
	return false
}

// enScareQuote reports a span of one to four words in quotes, not the
// brand's name, in a customer's text: "'delivered'", "'planned
// maintenance'", "'free 2-day shipping'" — the brand's word, doubted.
func enScareQuote(s *scratch) bool {
	toks := s.d.toks
	text := s.d.text
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord || t.start == 0 || s.brand[i] {
			continue
		}
		open, n := utf8.DecodeLastRuneInString(text[:t.start])
		if !strings.ContainsRune("\"'“‘«", open) {
			continue
		}
		if k := t.start - n; k > 0 {
			if b, _ := utf8.DecodeLastRuneInString(text[:k]); !unicode.IsSpace(b) && !unicode.IsPunct(b) {
				continue // an apostrophe inside a word
			}
		}
		for j := i; j < len(toks) && j <= i+4; j++ {
			u := &toks[j]
			if s.brand[j] || u.kind == tokPunct && isSentenceEnd(u) {
				break
			}
			if u.end >= len(text) {
				break
			}
			closing, m := utf8.DecodeRuneInString(text[u.end:])
			if !strings.ContainsRune("\"'”’»", closing) {
				continue
			}
			if k := u.end + m; k < len(text) {
				if a, _ := utf8.DecodeRuneInString(text[k:]); !unicode.IsSpace(a) && !unicode.IsPunct(a) {
					continue
				}
			}
			return true
		}
	}
	return false
}

// enQuotedAt reports whether token i stands right after an opening quote
// ("a call from 'HMRC'").
func enQuotedAt(s *scratch, i int) bool {
	t := &s.d.toks[i]
	if t.start == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s.d.text[:t.start])
	return strings.ContainsRune("\"'“‘«", r)
}

// enWarns reports whether the author warns others or reports the scam:
// "watch out", "beware", "heads up", "PSA", "be careful", "don't click",
// "reported it to …".
func enWarns(s *scratch) bool {
	toks := s.d.toks
	for i := range toks {
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1].norm
		}
		switch toks[i].norm {
		case "beware", "psa", "careful", "warning":
			return true
		case "watch", "look":
			if next == "out" {
				return true
			}
		case "heads":
			if next == "up" {
				return true
			}
		case "reported", "reporting":
			switch next {
			case "it", "them", "this", "the", "to":
				return true
			}
		case "don't", "dont", "do", "never":
			if next == "click" || next == "not" && i+2 < len(toks) && toks[i+2].norm == "click" {
				return true
			}
		}
	}
	return false
}

// enHarmed reports whether the author says the scam cost them: money
// lost, taken or drained, a fall for it.
func enHarmed(s *scratch) bool {
	for _, t := range s.d.toks {
		switch t.norm {
		case "lost", "stole", "stolen", "drained", "emptied", "took", "taken", "fell", "robbed", "cleaned", "wiped":
			return true
		}
	}
	return false
}

// contactUse are the present participles that open a clause using or
// contacting a service ("Calling Progressive tomorrow", "Ordering from X
// tonight").
var contactUse = map[string]bool{
	"calling": true, "ringing": true, "phoning": true, "contacting": true, "emailing": true,
	"messaging": true, "texting": true, "ordering": true, "booking": true, "using": true,
}

// enCrimeReport reports the passive of a criminal case at token i, after
// a noun: "employee charged with stealing", "driver arrested", "manager
// jailed for fraud", "ex-boss accused of embezzling" — a report, told by
// no one in it (enNews checks that).
func enCrimeReport(toks []token, i int) bool {
	next := ""
	if i+1 < len(toks) {
		next = toks[i+1].norm
	}
	var ok bool
	switch toks[i].norm {
	case "charged":
		ok = next == "with"
	case "accused", "convicted":
		ok = next == "of"
	case "arrested", "jailed", "sentenced", "indicted", "imprisoned":
		ok = true
	}
	// the noun before it, asked only of the few words that can report
	p := &toks[i-1]
	return ok && p.kind == tokWord && !functionWords[p.norm]
}

// enStaffEpithet finds a favourable word right before the staff noun at
// i ("Lovely lady at the branch …", "Really kind agent on the phone"),
// with no unfavourable word in the clause and not in quotes ("love how
// \"friendly\" your staff is"). It returns the clause's token range.
func enStaffEpithet(s *scratch, q *staffHits, i int) (from, to int, ok bool) {
	toks := s.d.toks
	end := q.ends.at(toks, i)
	if q.negOver(i-1, end) {
		return 0, 0, false
	}
	at := -1
	if q.one.has(i - 1) {
		at = i - 1
	}
	if at < 0 || enQuotedAt(s, at) {
		return 0, 0, false
	}
	if p := at - 1; p >= 0 && toks[p].kind == tokWord {
		switch toks[p].norm {
		case "your", "their", "our", "no":
			return 0, 0, false // "your advantage agents are …"
		case "the", "a", "an", "very", "really", "super", "so", "such":
		default:
			if p > 0 || toks[p].title {
				return 0, 0, false // "hope pilot …": a verb, not an epithet
			}
		}
	}
	return at, end, true
}
