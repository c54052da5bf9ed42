package score

import "strings"

// What the customer-care register (English addressed to the brand) reads
// beyond the words: the readings careReading applies to a message
// addressed to the brand, and careWithholds, which keeps a question about
// a failure to come from being called a complaint.

// careSents is how many sentences the care readings' sentence masks
// (uint64) hold; a text longer than that is read on its first ones only.
const careSents = 64

// careWithholds reports whether a message addressed to the brand, which
// the rules would call a complaint for its unfavourable words, only asks
// about a failure it has not lived through yet: every unfavourable word
// follows a word of expectation in a sentence that ends in "?" ("do you
// expect delays tomorrow?", "any chance flight 3745 is being delayed??",
// "are you anticipating cancellations?"; not "been on hold for an hour -
// any chance someone can help?", where the failure is told before the
// question). Asking whether something will go wrong is a question
// (docs/labelling.md: a question to care about a failure the author lives
// through is both; one about a failure to come is not).
func careWithholds(s *scratch, asks bool) bool {
	if !asks {
		return false
	}
	toks := s.d.toks
	var asked uint64            // sentences that end in "?"
	var expect [careSents]int32 // per sentence: 1 + the first word of expectation
	for i := range toks {
		n := s.sent[i]
		if n >= careSents {
			return false
		}
		t := &toks[i]
		switch {
		case t.kind == tokPunct && t.punct == '?':
			asked |= 1 << n
		case t.kind == tokWord && expect[n] == 0 && expectWord(toks, i):
			expect[n] = int32(i) + 1
		}
	}
	found := false
	for _, h := range s.hits {
		if h.val >= 0 {
			continue
		}
		found = true
		n := s.sent[h.tok]
		if asked&(1<<n) == 0 || expect[n] == 0 || int32(h.tok) < expect[n] {
			return false
		}
	}
	return found
}

// expectWord reports whether word i asks what is expected: "expect",
// "anticipate", "forecast", "likely", or "chance" after "any". What the
// brand expects of people ("do you expect me to wait 3 hours?") is
// indignation, not a question of what is to come.
func expectWord(toks []token, i int) bool {
	switch toks[i].norm {
	case "expect", "expecting", "expected":
		if i+1 < len(toks) {
			switch toks[i+1].norm {
			case "me", "us", "them", "him", "her", "people", "customers", "passengers", "anyone", "everyone", "someone", "travelers", "travellers":
				return false
			}
		}
		return true
	case "anticipate", "anticipating", "anticipated", "forecast", "forecasted", "forecasting", "predict", "predicting", "likely":
		return true
	case "chance", "chances":
		return afterWord(toks, i, "any")
	}
	return false
}

// ownSlip reads, in an English message addressed to the brand, where the
// author owns a slip of their own: an apology that opens the message
// ("@brand sorry, we are in Philly", "@brand sorry I didn't realize …")
// counts nothing, and nor do the unfavourable words of a sentence that
// says "my fault", "my mistake", "my bad" (closing its clause) or "I
// misread": what went wrong there is the author's, not the brand's.
func (s *scratch) ownSlip() {
	toks := s.d.toks
	first := -1        // the first word after the opening handles and marks
	var slipped uint64 // sentences where the author owns a slip
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord {
			continue
		}
		if first < 0 {
			first = i
		}
		if n := s.sent[i]; n < careSents && slipWords(toks, i) {
			slipped |= 1 << n
		}
	}
	if first < 0 {
		return
	}
	opening := toks[first].norm == "sorry" || toks[first].norm == "sry"
	if !opening && slipped == 0 {
		return
	}
	for k := range s.hits {
		h := &s.hits[k]
		if h.val >= 0 {
			continue
		}
		switch n := s.sent[h.tok]; {
		case opening && h.tok == first:
			h.val = 0
		case n < careSents && slipped&(1<<n) != 0:
			h.val = 0
			h.tags &^= tComplaint
		}
	}
}

// slipWords reports whether word i opens "my fault", "my mistake", "my
// error", "my own fault", "my bad" (not "my bad experience": the clause
// ends there) or "I misread".
func slipWords(toks []token, i int) bool {
	switch wordAt(toks, i) {
	case "my":
		next := i + 1
		if wordAt(toks, next) == "own" {
			next++
		}
		switch wordAt(toks, next) {
		case "fault", "mistake", "error":
			return true
		case "bad":
			return next+1 >= len(toks) || toks[next+1].kind == tokPunct
		}
	case "i":
		return wordAt(toks, i+1) == "misread"
	}
	return false
}

// channelTalk reads, in an English message addressed to the brand, the
// talk about the channel itself: a bare negation in a sentence about
// direct messages or following ("I don't think I can DM until you follow
// me", "Twitter isn't letting me DM you") says how the conversation is to
// go on, not what the brand failed at, and counts nothing.
func (s *scratch) channelTalk() {
	toks := s.d.toks
	var channel uint64 // sentences about DMs or following
	for i := range toks {
		if n := s.sent[i]; n < careSents && toks[i].kind == tokWord && channelWord(toks[i].norm) {
			channel |= 1 << n
		}
	}
	if channel == 0 {
		return
	}
	for k := range s.hits {
		h := &s.hits[k]
		if n := s.sent[h.tok]; h.val < 0 && h.ph < 0 && n < careSents && channel&(1<<n) != 0 &&
			s.ent[h.tok] != nil && s.ent[h.tok].flags&fNegator != 0 {
			h.val = 0
		}
	}
}

// channelWord reports whether w names the direct messages of a social
// network or following an account.
func channelWord(w string) bool {
	switch w {
	case "dm", "dms", "dm'd", "dmed", "dming", "follow", "follows", "following", "followed":
		return true
	}
	return false
}

// careReading applies what the customer-care register reads beyond the
// words (an English message addressed to the brand).
//
// It notes in s.careCleared whether they took unfavourable weight off
// the text: a complaint they cleared stays cleared under the intent
// model, which reads the text's shape but not why a word stopped counting.
func (s *scratch) careReading() {
	before := s.unfavourable()
	s.ownSlip()
	s.channelTalk()
	s.corrections()
	s.weather()
	s.careCleared = s.unfavourable() > before
}

// unfavourable sums the unfavourable contributions of s (a negative number).
func (s *scratch) unfavourable() float64 {
	var sum float64
	for _, h := range s.hits {
		if h.val < 0 {
			sum += h.val
		}
	}
	return sum
}

// weather reads an unfavourable word that describes the weather ("bad
// weather", "freezing rain", "the weather is awful") as a report of
// conditions no one is to blame for, which counts nothing; not in quotes,
// where it is the brand's excuse ("because \"severe weather\""), nor in a
// sentence that calls it one.
func (s *scratch) weather() {
	toks := s.d.toks
	for k := range s.hits {
		h := &s.hits[k]
		if h.val >= 0 || h.ph >= 0 {
			continue
		}
		switch {
		case weatherWord(wordAt(toks, h.last+1)):
			// "bad weather", "freezing rain"
		case afterWord(toks, h.tok, "is", "are", "was") && weatherWord(wordAt(toks, h.tok-2)):
			// "the weather is awful", "conditions are terrible"
		default:
			continue
		}
		if quoted(s.d.text, toks[h.tok].start) || excuseSentence(s, h.tok) {
			// "severe weather" in quotes, or called an excuse, is the
			// brand's excuse, doubted
			continue
		}
		h.val = 0
		h.tags &^= tComplaint
	}
}

// excuseSentence reports whether the sentence of token i calls something
// an excuse or a claim ("bad weather should not be an excuse").
func excuseSentence(s *scratch, i int) bool {
	toks := s.d.toks
	n := s.sent[i]
	for k := i; k >= 0 && s.sent[k] == n; k-- {
		if excuseWord(toks[k].norm) {
			return true
		}
	}
	for k := i + 1; k < len(toks) && s.sent[k] == n; k++ {
		if excuseWord(toks[k].norm) {
			return true
		}
	}
	return false
}

// excuseWord reports whether w calls something an excuse or a claim.
func excuseWord(w string) bool {
	switch w {
	case "excuse", "excuses", "blame", "blamed", "blaming", "claim", "claims", "claimed", "claiming":
		return true
	}
	return false
}

// quoted reports whether the word at byte offset start of text follows an
// opening quotation mark.
func quoted(text string, start int) bool {
	before := strings.TrimRight(text[:start], " ")
	return strings.HasSuffix(before, "\"") || strings.HasSuffix(before, "“") || strings.HasSuffix(before, "'")
}

// weatherWord reports whether w names the weather.
func weatherWord(w string) bool {
	switch w {
	case "weather", "conditions", "storm", "storms", "snow", "snowstorm", "blizzard", "rain", "ice", "fog", "wind", "winds", "thunderstorm", "thunderstorms", "hurricane":
		return true
	}
	return false
}

// corrections reads a bare negation before a number or a code ("flight
// 1089 not 1098", "iPhone 6 (not 6 plus)", "on an earlier flight not
// US1937") as a correction of a detail, which counts nothing.
func (s *scratch) corrections() {
	toks := s.d.toks
	for k := range s.hits {
		h := &s.hits[k]
		if h.val >= 0 || h.ph >= 0 || h.tok+1 >= len(toks) || s.ent[h.tok] == nil || s.ent[h.tok].flags&fNegator == 0 {
			continue
		}
		if next := &toks[h.tok+1]; next.kind == tokNumber || next.kind == tokWord && hasDigit(next.norm) {
			h.val = 0
		}
	}
}

// hasDigit reports whether w holds an ASCII digit.
func hasDigit(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= '0' && w[i] <= '9' {
			return true
		}
	}
	return false
}

// wordAt is the norm of token k when it is a word, "" when it is not or
// k is out of range.
func wordAt(toks []token, k int) string {
	if k >= 0 && k < len(toks) && toks[k].kind == tokWord {
		return toks[k].norm
	}
	return ""
}
