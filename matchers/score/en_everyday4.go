package score

import "strings"

// The fourth everyday English round (testdata/everyday/en6.jsonl, its odd
// lines read). Its readings apply, like the others of en_everyday.go, only
// to English scored for a brand and not addressed to it.
//
//   - A failure may be told flatly, without a word of feeling: something
//     that "keeps asking me to sign in", a wait told by its length
//     ("stood in the rain for 40 minutes", "waited till 5:10", "held my
//     payouts for 45 days"), what "still hasn't" happened, what a status
//     "said delivered" that was not, what happened "even though I updated
//     it", a function that "wouldn't unlock". Each is a complaint.

// flatFailure is the valence of a failure told flatly, set by hand.
const flatFailure = 1.2

// durationUnits count a wait.
var durationUnits = map[string]bool{
	"min": true, "mins": true, "minute": true, "minutes": true, "hour": true, "hours": true, "hr": true,
	"hrs": true, "day": true, "days": true, "week": true, "weeks": true, "month": true, "months": true,
}

// waitStems begin the verbs of a wait or of something withheld: "waited",
// "stood", "sat", "held", "kept", "stuck", "queued", "drove around".
var waitStems = []string{"wait", "stood", "stand", "sitting", "held", "hold", "kept", "keep", "stuck", "queu", "drove", "driving", "hung", "hang"}

// statusWords are what a tracker or an app says was done.
var statusWords = map[string]bool{
	"delivered": true, "available": true, "ready": true, "processed": true, "completed": true,
	"shipped": true, "dispatched": true, "resolved": true, "approved": true, "sent": true,
}

// claimWords say a status is only what a tracker or an app claims.
var claimWords = map[string]bool{
	"said": true, "says": true, "marked": true, "shows": true, "showed": true, "showing": true,
	"claims": true, "claimed": true, "status": true,
}

// deviceVerbs are what a product should do when asked: a car that
// "wouldn't unlock", an app that "won't load".
var deviceVerbs = map[string]bool{
	"unlock": true, "lock": true, "open": true, "load": true, "start": true, "connect": true, "work": true,
	"charge": true, "log": true, "sync": true, "scan": true, "print": true, "send": true, "turn": true,
	"boot": true, "update": true, "install": true, "pay": true, "accept": true, "arrive": true, "show": true,
}

// stillNot are the negations after "still" that tell what has not
// happened yet ("still hasn't processed", "still no refund").
func stillNot(w string) bool {
	switch strings.ReplaceAll(w, "’", "'") {
	case "hasn't", "hasnt", "haven't", "havent", "not", "no", "isn't", "isnt", "doesn't", "doesnt",
		"didn't", "didnt", "won't", "wont", "can't", "cant", "nothing", "never", "waiting", "aren't", "wasn't":
		return true
	}
	return false
}

// wouldNot are the negated auxiliaries of a function that failed.
func wouldNot(w string) bool {
	switch strings.ReplaceAll(w, "’", "'") {
	case "wouldn't", "wouldnt", "won't", "wont", "didn't", "didnt", "couldn't", "couldnt", "can't", "cant",
		"doesn't", "doesnt", "don't", "dont":
		return true
	}
	return false
}

// keepGood are the verbs that, kept up, are good news: an app that "keeps
// improving", a car that "kept working through the storm".
var keepGood = map[string]bool{
	"working": true, "improving": true, "delivering": true, "growing": true, "getting": true,
	"impressing": true, "surprising": true, "winning": true, "helping": true, "running": true,
}

// flatScan is what enFlatFailure has read of a text: the index of its
// hits, built when first asked, and the first contrast of a status claim
// found after a token.
type flatScan struct {
	x       hitIndex
	indexed bool
	// from, at: the first contrast word at or after token from is at
	// token at (len(toks): none)
	from, at int
}

// praised reports whether a hit of approval covers token j ("no
// problems" after "still").
func (f *flatScan) praised(s *scratch, j int) bool {
	if !f.indexed {
		f.x, f.indexed = s.indexHits(), true
	}
	for _, k := range f.x.touching(j, j) {
		if h := &s.hits[k]; h.val > 0 && h.tok <= j && j <= h.last {
			return true
		}
	}
	return false
}

// contrastAfter returns the first token at or after p that contrasts a
// status claim ("but", "then", "yet", "nothing", "photo", "never"), or
// len(toks); a text of many claims is read once.
func (f *flatScan) contrastAfter(toks []token, p int) int {
	if p >= f.from && f.at >= p {
		return f.at
	}
	f.from, f.at = p, len(toks)
	for j := p; j < len(toks); j++ {
		switch toks[j].norm {
		case "but", "then", "yet", "nothing", "photo", "never":
			f.at = j
			return j
		}
	}
	return f.at
}

// enFlatFailureAt reports a failure told flatly at token i (see the
// file's comment).
func enFlatFailureAt(s *scratch, f *flatScan, i int) bool {
	toks := s.d.toks
	w := toks[i].norm
	next := func(k int) string {
		if i+k < len(toks) && s.sent[i+k] == s.sent[i] {
			return toks[i+k].norm
		}
		return ""
	}
	switch {
	case w == "keeps" || w == "kept" || w == "keep" && i > 0 && (toks[i-1].norm == "app" || toks[i-1].norm == "it" || s.brand[i-1]):
		n := next(1)
		return strings.HasSuffix(n, "ing") && len(n) > 5 && !keepGood[n] && !f.praised(s, i+1)
	case w == "still":
		// "still no problems", "still not a single issue": approval
		return (stillNot(next(1)) || stillNot(next(2))) && !f.praised(s, i+1) && !f.praised(s, i+2)
	case w == "even":
		return next(1) == "though" && (next(2) == "i" || next(2) == "we")
	case wouldNot(w):
		return deviceVerbs[next(1)]
	case claimWords[w]:
		if next(1) == "nothing" {
			return true // "shows nothing available"
		}
		for k := 1; k <= 4; k++ {
			if statusWords[next(k)] {
				// a contrast must follow: "but", "then", "yet", "nothing"
				if c := f.contrastAfter(toks, i+k+1); c < len(toks) && s.sent[c] <= s.sent[i]+1 {
					return true
				}
			}
		}
	case durationUnits[w] && i > 1 && toks[i-1].kind == tokNumber || (w == "till" || w == "until") && next(1) != "" && toks[i+1].kind == tokNumber:
		if durationUnits[w] {
			switch toks[i-2].norm {
			case "in", "within", "under":
				return false // done in that time
			case "only", "just", "barely":
				return false // a short wait: "waited only 5 minutes"
			}
		}
		wait := false
		for j := max(0, i-10); j < len(toks) && j <= i+4; j++ {
			if s.sent[j] != s.sent[i] || toks[j].kind != tokWord {
				continue
			}
			switch n := toks[j].norm; {
			case n == "vs" || n == "versus" || n == "compared":
				return false // a wait of another time (enPastContrast)
			case n == "sat" || hasStem(n, waitStems):
				wait = true
			}
		}
		return wait
	}
	return false
}

// enFlatFailure adds a complaint for the first failure told flatly
// (enFlatFailureAt) in a text that asks nothing; what a status claimed
// ("ready", "available") keeps no approval then.
func enFlatFailure(s *scratch) {
	toks := s.d.toks
	if strings.Contains(s.d.text, "?") {
		return
	}
	var f flatScan
	for i := range toks {
		if toks[i].kind != tokWord || !enFlatFailureAt(s, &f, i) {
			continue
		}
		for k := range s.hits {
			if h := &s.hits[k]; h.val > 0 && h.tok == h.last && statusWords[toks[h.tok].norm] {
				h.val = 0
				h.tags &^= tPraise
			}
		}
		if s.off(abFlatFailure) || flatHeld(s, i) {
			return // the failure is weighed already (flat_once.go)
		}
		s.hits = append(s.hits, hit{tok: i, last: i, val: -flatFailure * s.weight(i), tags: tComplaint, ph: -1})
		return
	}
}

// rescueStems begin what a brand did to set a failure right: "waived the
// late fee", "found my daughter's lost bunny", "rebooked us", "covered the
// tow".
var rescueStems = []string{"waiv", "fixed", "refunded", "replaced", "rebook", "returned", "brought",
	"sorted", "saved", "recovered", "covered", "credited", "reimbursed", "tracked", "rescued"}

// enRescued reports whether the failure at token i is told as what the
// brand set right: a verb of rescueStems before it in its clause.
func enRescued(s *scratch, i int) bool {
	toks := s.d.toks
	for j := i - 1; j >= 0 && j >= i-6 && s.sent[j] == s.sent[i] && toks[j].kind != tokPunct; j-- {
		if toks[j].kind == tokWord && (toks[j].norm == "found" || hasStem(toks[j].norm, rescueStems)) {
			return true
		}
	}
	return false
}

// enRescue takes the weight off failures the brand set right
// (enRescued): "waived the late fee", "found my lost bunny".
func enRescue(s *scratch) {
	for k := range s.hits {
		if h := &s.hits[k]; h.val < 0 && enRescued(s, h.tok) {
			h.val = 0
			h.tags &^= tComplaint
		}
	}
}

// lengthOfUse reports whether the number at token i counts how long or
// how often the brand was used ("for 10 years", "20 times"), not a wait.
func lengthOfUse(toks []token, i int) bool {
	if i+1 < len(toks) {
		switch toks[i+1].norm {
		case "year", "years", "yr", "yrs", "times":
			return true
		}
	}
	return false
}

// enClosingIrony reads a short closing sentence of approval ("Great
// system", "Love it here", "Sure it is") after a story that approves of
// nothing and tells a failure or counts hours, days, windows: approval
// said the other way round.
func enClosingIrony(s *scratch) {
	toks := s.d.toks
	last := -1
	for i := len(toks) - 1; i >= 0; i-- {
		if toks[i].kind == tokWord {
			last = i
			break
		}
	}
	if last < 0 || s.sent[last] == 0 {
		return
	}
	words, from := 0, last
	for i := last; i >= 0 && s.sent[i] == s.sent[last]; i-- {
		if toks[i].kind == tokWord {
			words++
			from = i
		}
	}
	if words > 5 {
		return
	}
	story := false
	for i := 0; i < from; i++ {
		if toks[i].kind == tokWord && (toks[i].norm == "found" || hasStem(toks[i].norm, rescueStems)) {
			return // the brand set the failure right: sincere thanks
		}
		if i > 0 && toks[i].kind == tokNumber && !lengthOfUse(toks, i) {
			switch toks[i-1].norm {
			case "in", "within", "under", "zero":
				return // done quickly: approval
			}
			story = true
		}
	}
	approves := false
	for _, h := range s.hits {
		switch {
		case h.tok < from && h.val > 0:
			return // the story approves of something
		case h.tok < from && (h.val <= -staffFailure || h.val < 0 && h.tags&tComplaint != 0):
			story = true
		case h.tok >= from && h.val > 0:
			approves = true
		}
	}
	if !story || !approves {
		return
	}
	first := true
	for k := range s.hits {
		if h := &s.hits[k]; h.tok >= from && h.val > 0 {
			h.val *= sarcasmInvert
			h.tags &^= tPraise
			if first {
				h.tags |= tComplaint
				first = false
			}
		}
	}
}
