package score

import "strings"

// The fifth everyday English round (testdata/everyday/en7.jsonl, its odd
// lines read). Its readings apply, like the others of en_everyday.go, only
// to English scored for a brand and not addressed to it.
//
//   - News is told in more shapes than a headline verb after its subject
//     (enNewsOf): a brand "is opening" or "is pulling out" (a business
//     verb in the progressive), workers who strike or vote to, a report
//     told by whom it comes from ("users report", "residents say",
//     "company says"). Like the rest of the news, it keeps no valence and
//     no complaint.

// newsIngVerbs are the business verbs a report puts in the progressive
// after its subject ("Lidl is opening 30 stores", "X is pulling out of
// Italy", "Y is raising the price of …").
var newsIngVerbs = map[string]bool{
	"opening": true, "closing": true, "raising": true, "cutting": true, "pulling": true,
	"launching": true, "expanding": true, "hiking": true, "dropping": true, "shutting": true,
	"introducing": true, "scrapping": true, "rolling": true, "laying": true, "exiting": true,
	"testing": true, "planning": true, "buying": true, "selling": true, "acquiring": true,
	"suspending": true, "ending": true, "axing": true, "slashing": true, "lowering": true,
	"increasing": true, "reducing": true, "phasing": true, "retiring": true, "discontinuing": true,
}

// newsPlainVerbs are headline verbs enNewsOf does not know, in the
// present tense a headline uses after its subject ("Nubank reaches 100
// million customers", "outage hits thousands").
var newsPlainVerbs = map[string]bool{
	"reaches": true, "hits": true, "tops": true, "passes": true, "slows": true, "surges": true,
	"pulls": true, "exits": true, "hires": true, "names": true, "appoints": true, "merges": true,
	"reports": true, "says": true, "reveals": true, "unveils": true,
}

// labourNouns are the staff whose strike is news about an employer.
var labourNouns = map[string]bool{
	"workers": true, "staff": true, "employees": true, "attendants": true, "pilots": true,
	"drivers": true, "crew": true, "crews": true, "union": true, "unions": true, "nurses": true,
	"controllers": true, "baggage": true, "handlers": true, "dockers": true, "engineers": true,
}

// reportSources are who a report is attributed to: "users report",
// "residents say", "the company says".
var reportSources = map[string]bool{
	"users": true, "customers": true, "residents": true, "passengers": true, "company": true,
	"spokesperson": true, "spokesman": true, "spokeswoman": true, "analysts": true, "officials": true,
	"sources": true, "shoppers": true, "subscribers": true, "travellers": true, "travelers": true,
}

// attributed reports whether token i is one of reportSources closing the
// text after a comma ("…, users report long waits", "…, the company
// says"): a report's attribution. Opening the text ("Customers report
// failed logins") it tells the news itself, which may be a complaint.
func attributed(s *scratch, i int) bool {
	toks := s.d.toks
	if !reportSources[toks[i].norm] {
		return false
	}
	j := i - 1
	if j >= 0 && toks[j].kind == tokWord && toks[j].norm == "the" {
		j--
	}
	return j >= 0 && toks[j].kind == tokPunct && toks[j].punct == ','
}

// enNewsWideOf reports whether the text is a news report in one of the
// shapes enNewsOf leaves out: no one speaks in it (no I, we or you, no
// "!", no smiley), and the brand is followed by "is"/"are" and one of
// newsIngVerbs or by one of newsPlainVerbs, or labourNouns strike
// ("walk out"), or a report is attributed at its end ("…, users report",
// "…, company says", "citing weak demand"). A status a tracker claims ("X says
// delivered") is no report.
func enNewsWideOf(s *scratch) bool {
	if s.d.excl > 0 || s.d.quest > 0 || enPerson(s) {
		return false
	}
	// a verdict closing the text is the author's own (verdict_close.go),
	// asked only of a text in one of the shapes
	return enNewsWideShape(s) && !closingVerdict(s)
}

// enNewsWideShape reports whether the text has one of enNewsWideOf's
// shapes.
func enNewsWideShape(s *scratch) bool {
	toks := s.d.toks
	labour, strike := false, false
	for i := range toks {
		t := &toks[i]
		switch t.kind {
		case tokEmoticon, tokEmoji:
			return false
		case tokWord:
		default:
			continue
		}
		switch {
		case labourNouns[t.norm]:
			labour = true
		case t.norm == "strike" || t.norm == "strikes" || t.norm == "walkout" || t.norm == "walkouts":
			strike = true
		case t.norm == "citing":
			return true
		}
		if i == 0 || s.brand[i] {
			continue
		}
		p := &toks[i-1]
		if p.kind != tokWord {
			continue
		}
		if newsPlainVerbs[t.norm] && (s.brand[i-1] || attributed(s, i-1) && t.norm != "reveals") {
			if t.norm == "says" && (i+1 < len(toks) && statusWords[toks[i+1].norm] || s.sent[len(toks)-1] != s.sent[i]) {
				continue // "X says delivered", "X says it's up to the seller. Useless"
			}
			return true
		}
		if (t.norm == "report" || t.norm == "say") && attributed(s, i-1) {
			return true // "users report long waits", "residents say"
		}
		if newsIngVerbs[t.norm] && (p.norm == "is" || p.norm == "are") && i >= 2 && s.brand[i-2] {
			return true
		}
	}
	return labour && strike
}

//   - Leaving is told without "cancel" or "never again": "Not renewing",
//     "Leaving when the contract ends", "deleting the app", "moving my
//     salary back to Y", "getting quotes from Y". Each is churn.

// leaveAfter are the words that may follow "leaving" when it means
// leaving the brand and not leaving something somewhere ("leaving a
// review"): a time or a condition, or nothing.
var leaveAfter = map[string]bool{
	"when": true, "once": true, "after": true, "as": true, "at": true, "before": true, "next": true,
	"this": true, "end": true, "asap": true, "today": true, "tomorrow": true, "now": true,
}

// elseCancel stand before "cancelling" when someone else cancels or it is
// not done: "keeps cancelling", "instead of cancelling".
var elseCancel = map[string]bool{
	"keep": true, "keeps": true, "kept": true, "of": true, "without": true, "they": true, "you": true,
	"stop": true, "avoid": true, "before": true, "after": true, "considering": true,
}

// leaveNeg are the negations before "renew" that make it churn.
var leaveNeg = map[string]bool{
	"not": true, "never": true, "won't": true, "wont": true, "isn't": true, "aren't": true,
	"isnt": true, "arent": true, "definitely": true,
}

// renewables are what a customer renews with a brand ("not renewing my
// contract"); anything else after "my", "our" or "the" ("not renewing my
// passport yet") is renewed elsewhere.
var renewables = wordSet(`subscription subscriptions sub plan contract membership policy insurance account deal
	lease package broadband cover licence license service services cards card`)

// byeCompany are the words after a brand that make "bye X" a farewell to
// people, not to the brand ("Bye Skyway crew"), and byeFriendly the words
// of a friendly goodbye ("see you", "thanks").
var (
	byeCompany  = wordSet(`crew team staff folks guys people lounge store shop friends fam family`)
	byeFriendly = wordSet(`see thanks thank thx soon later tomorrow`)
)

// appParts are what is deleted of an app or account without leaving it
// ("deleting the app cache fixed it").
var appParts = wordSet(`cache data update updates notifications history settings photos password cookies`)

// movables are what a customer moves from one brand to another ("moving
// my salary to Y"); "moving my desk to London" moves nothing of theirs
// with a brand.
var movables = wordSet(`salary account accounts business money savings mortgage pension number broadband custom isa
	wages pay paycheck deposits funds current contract insurance energy`)

// leavingTrip reports whether "leaving" at token i goes somewhere or to do
// something ("Leaving at 5 for my flight", "leaving now to catch it"): a
// "for" or "to" later in its clause, before a word in lower case.
func leavingTrip(s *scratch, i int) bool {
	toks := s.d.toks
	for j := i + 1; j <= i+6 && j+1 < len(toks) && toks[j].kind != tokPunct; j++ {
		if n := toks[j].norm; n == "for" || n == "to" {
			x := &toks[j+1]
			return x.kind == tokWord && !x.title && !x.caps && !s.brand[j+1]
		}
	}
	return false
}

// enLeavingAt reports whether the word at token i begins a leaving told
// plainly (enLeaving).
func enLeavingAt(s *scratch, i int) bool {
	toks := s.d.toks
	t := &toks[i]
	word := func(j int) bool { return j >= 0 && j < len(toks) && toks[j].kind == tokWord }
	switch {
	case len(t.norm) >= 5 && (t.norm[:5] == "renew" || t.norm[:5] == "exten"):
		// "Not renewing", "won't be renewing", "not extending it"
		if word(i+2) && !s.brand[i+2] && !renewables[toks[i+2].norm] {
			switch toks[i+1].norm {
			case "my", "our", "the", "his", "her", "their":
				return false // "not renewing my passport"
			}
		}
		for j := i - 1; j >= 0 && j >= i-4 && word(j); j-- {
			if n := strings.ReplaceAll(toks[j].norm, "’", "'"); leaveNeg[n] && n != "definitely" {
				return true
			}
		}
	case t.norm == "leaving":
		// "Leaving when the contract ends", "Leaving.", "we're leaving"
		if i+1 == len(toks) || toks[i+1].kind == tokPunct || word(i+1) && leaveAfter[toks[i+1].norm] && !leavingTrip(s, i) {
			return true
		}
	case t.norm == "deleting" || t.norm == "deleted" || t.norm == "uninstalling" || t.norm == "uninstalled":
		// "deleting the app", "deleted my account"
		// "deleted the Orbitel app"; not "deleting the app cache"
		for j := i + 1; j <= i+3 && word(j); j++ {
			if n := toks[j].norm; n == "app" || n == "account" || n == "apps" {
				return !word(j+1) || !appParts[toks[j+1].norm]
			}
		}
	case t.norm == "moving" || t.norm == "moved" || t.norm == "transferring" || t.norm == "taking":
		// "moving my salary back to Y", "taking my business to Y"
		if !word(i+1) || toks[i+1].norm != "my" && toks[i+1].norm != "our" {
			return false
		}
		moved := false
		for j := i + 2; j <= i+5 && j+1 < len(toks) && word(j); j++ {
			moved = moved || movables[toks[j].norm]
			if toks[j].norm == "to" && moved {
				n := &toks[j+1]
				return n.kind == tokWord && (n.title || n.caps) && !s.brand[j+1]
			}
		}
	case t.norm == "porting" || t.norm == "ported" || t.norm == "port":
		// "porting my number to Y", "port out"
		return word(i+1) && (toks[i+1].norm == "out" || word(i+2) && (toks[i+1].norm == "my" || toks[i+1].norm == "our") && toks[i+2].norm == "number")
	case t.norm == "pac" || t.norm == "stac":
		// a UK operator's code to leave it
		return word(i+1) && toks[i+1].norm == "code"
	case t.norm == "bye" || t.norm == "goodbye" || t.norm == "farewell":
		// "bye Orbitel", "goodbye X, hello Y"
		if i+1 >= len(toks) || !s.brand[i+1] || word(i+2) && byeCompany[toks[i+2].norm] {
			return false
		}
		for j := range toks {
			if toks[j].kind == tokWord && byeFriendly[toks[j].norm] {
				return false // "Bye Orbitel, see you at the store tomorrow"
			}
		}
		return true
	case t.norm == "alternative" || t.norm == "alternatives" || t.norm == "replacement":
		// "looking for an alternative to X"
		for j := i - 1; j >= 0 && j >= i-3 && word(j); j-- {
			switch toks[j].norm {
			case "looking", "searching", "need", "find", "finding", "seeking", "recommend":
				return true
			}
		}
	case t.norm == "lapse":
		// "letting my contract lapse"
		for j := i - 1; j >= 0 && j >= i-5 && word(j); j-- {
			if toks[j].norm == "letting" || toks[j].norm == "let" {
				return true
			}
		}
	case t.norm == "elsewhere":
		// "shopping elsewhere from now on", "time to look elsewhere"
		for j := i - 1; j >= 0 && j >= i-3 && word(j); j-- {
			switch toks[j].norm {
			case "shopping", "shop", "look", "looking", "go", "going", "banking", "bank", "ordering",
				"order", "buying", "buy", "flying", "fly", "booking", "book", "business":
				return true
			}
		}
	case t.norm == "cancelling" || t.norm == "canceling":
		// "Cancelling X broadband once …", "I'll be cancelling as soon as I
		// can" — not "keeps cancelling my flights", "instead of cancelling"
		if s.d.quest > 0 || word(i-1) && elseCancel[toks[i-1].norm] {
			return false
		}
		return i+1 < len(toks) && (s.brand[i+1] || toks[i+1].kind == tokPunct || leaveAfter[toks[i+1].norm]) || i+1 == len(toks)
	case t.norm == "instead":
		// "Booked with Y this time instead of X"
		if !word(i+1) || toks[i+1].norm != "of" || i+2 >= len(toks) || !s.brand[i+2] {
			return false
		}
		for j := i - 1; j >= 0 && j >= i-8 && word(j); j-- {
			switch toks[j].norm {
			case "booked", "ordered", "went", "chose", "bought", "flew", "used", "picked", "switched", "signed":
				return true
			}
		}
	case t.norm == "back":
		// "going back to Y"
		if word(i-1) && (toks[i-1].norm == "going" || toks[i-1].norm == "went" || toks[i-1].norm == "gone") &&
			word(i+2) && toks[i+1].norm == "to" && (toks[i+2].title || toks[i+2].caps) && !s.brand[i+2] {
			return true
		}
	case t.norm == "quotes" || t.norm == "quote":
		// "getting quotes from Y"
		if i > 0 && word(i-1) && (toks[i-1].norm == "getting" || toks[i-1].norm == "get") &&
			word(i+1) && toks[i+1].norm == "from" && i+2 < len(toks) && (toks[i+2].title || toks[i+2].caps) && !s.brand[i+2] {
			return true
		}
	}
	return false
}

// enLeaving adds churn at the first leaving told plainly (enLeavingAt),
// unless a churn hit holds it already. Its cue words (renew…, leaving,
// deleting, moving, quotes) are looked for first, so a text without one
// pays a scan of its tokens and nothing more.
func enLeaving(s *scratch) {
	toks := s.d.toks
	for i := range toks {
		if toks[i].kind != tokWord || !enLeavingAt(s, i) {
			continue
		}
		for _, h := range s.hits {
			if h.tags&tChurn != 0 {
				return
			}
		}
		s.hits = append(s.hits, hit{tok: i, last: i, val: leaveChurn * s.weight(i), tags: tChurn, ph: -1})
		return
	}
}
