package score

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

// enNewsWideOf reports whether the text is a news report in one of the
// shapes enNewsOf leaves out: no one speaks in it (no I, we or you, no
// "!", no smiley), and the brand is followed by "is"/"are" and one of
// newsIngVerbs or by one of newsPlainVerbs, or labourNouns strike
// ("walk out"), or a report is attributed ("users report", "company
// says", "citing weak demand"). A status a tracker claims ("X says
// delivered") is no report.
func enNewsWideOf(s *scratch) bool {
	toks := s.d.toks
	if s.d.excl > 0 || s.d.quest > 0 || enPerson(s) {
		return false
	}
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
		if newsPlainVerbs[t.norm] && (s.brand[i-1] || reportSources[p.norm] && t.norm != "reveals") {
			if t.norm == "says" && (i+1 < len(toks) && statusWords[toks[i+1].norm] || s.sent[len(toks)-1] != s.sent[i]) {
				continue // "X says delivered", "X says it's up to the seller. Useless"
			}
			return true
		}
		if (t.norm == "report" || t.norm == "say") && reportSources[p.norm] {
			return true // "users report long waits", "residents say"
		}
		if newsIngVerbs[t.norm] && (p.norm == "is" || p.norm == "are") && i >= 2 && s.brand[i-2] {
			return true
		}
	}
	return labour && strike
}
