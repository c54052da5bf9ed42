package score

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Shapes of English customer-care complaints read from where the
// unfavourable words stand, not from the words themselves.

// enAsksOnly reports whether every unfavourable word of the text stands in
// a sentence that asks for information in a yes/no or "what" form ("can
// someone help me with some travel issues today?", "what's not allowed in
// checked baggage?", "is there nothing that can be done online?"): the
// author names a problem to ask about it, which is not yet complaining of
// it. A sentence that opens with "why", "where", "who" or "how" (the
// questions of someone living through a failure: "why is my card
// blocked?"), a negative imperative ("do not reply to emails?") or any
// other word asks no such thing; nor does a sentence after which the
// unfavourable words go on.
func enAsksOnly(s *scratch) bool {
	const maxSent = 64 // the most sentences the mask seen holds
	if len(s.hits) == 0 || s.sent[len(s.sent)-1] >= maxSent {
		return false
	}
	var seen uint64 // sentences found to ask for information
	found := false
	for _, h := range s.hits {
		if h.val >= 0 {
			continue
		}
		found = true
		bit := uint64(1) << s.sent[h.tok]
		if seen&bit != 0 {
			continue
		}
		if !enInfoSentence(s, h.tok) {
			return false
		}
		seen |= bit
	}
	return found
}

// enInfoSentence reports whether the sentence of token i ends in "?" and
// opens, after @handles, brand names and lead-in words, with an auxiliary
// ("can", "is", "doesn't"; not "do not", a negative imperative), "what" or
// "any" ("any chance", "any way").
func enInfoSentence(s *scratch, i int) bool {
	toks := s.d.toks
	n := s.sent[i]
	from := i
	for from > 0 && s.sent[from-1] == n {
		from--
	}
	first, second := -1, -1
	last := i
	for k := from; k < len(toks) && s.sent[k] == n; k++ {
		last = k
		t := &toks[k]
		if t.kind != tokWord || first >= 0 && second >= 0 {
			continue
		}
		switch {
		case s.brand[k] && first < 0:
		case first < 0 && s.cues[k]&cueLead != 0:
		case first < 0:
			first = k
		default:
			second = k
		}
	}
	if first < 0 {
		return false
	}
	// the sentence ends in "?" (mentions, hashtags or emoji may follow)
	end := last
	for end > 0 && toks[end].kind != tokPunct && (toks[end].kind == tokMention || toks[end].kind == tokEmoji || toks[end].kind == tokEmoticon || toks[end].hashtag) {
		end--
	}
	if toks[end].kind != tokPunct || toks[end].punct != '?' {
		return false
	}
	w := toks[first].norm
	switch {
	case w == "what" || w == "what's" || w == "whats" || w == "any":
		return true
	case s.cues[first]&cueAux != 0:
		return second < 0 || toks[second].norm != "not"
	}
	return false
}

// enQuotesBrand reports whether the text passes on a post of the brand's
// own account ("😕 RT @airline: Our fleet's on fleek", "“@airline: …” oh
// wow") with no more than a bare reaction of its own: as with news, a
// reaction of a word or two voices nothing to act on.
func enQuotesBrand(s *scratch, text string) bool {
	toks := s.d.toks
	at := -1
	for k := 0; k+1 < len(toks); k++ {
		if toks[k].kind == tokMention && s.brand[k] && toks[k+1].kind == tokPunct && toks[k+1].punct == ':' {
			at = k
			break
		}
	}
	if at < 0 {
		return false
	}
	// what stands before the handle: "RT" or an opening quotation mark,
	// after at most a reaction
	before := strings.TrimSpace(text[:toks[at].start])
	own := 0
	switch {
	case strings.HasSuffix(before, "RT") || strings.HasSuffix(before, "rt"):
		before = strings.TrimSpace(before[:len(before)-2])
	case strings.HasSuffix(before, "“") || strings.HasSuffix(before, "\""):
		// the author's words after the closing mark count too
		rest := text[toks[at].end:]
		i := strings.LastIndexAny(rest, "”\"")
		if i < 0 {
			return false
		}
		_, n := utf8.DecodeRuneInString(rest[i:]) // "”" is three bytes
		after := rest[i+n:]
		own += len(strings.Fields(after))
		if enThanks(after) {
			return false
		}
		before = strings.TrimRight(before, "“\"")
	default:
		return false
	}
	own += len(strings.Fields(before))
	return own <= 3 && !enThanks(before)
}

// enThanks reports whether the reaction s thanks the brand ("Thanks again"):
// a short thanks is praise, not a bare reaction (docs/labelling.md).
func enThanks(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if strings.HasPrefix(w, "thank") || strings.HasPrefix(w, "thx") {
			return true
		}
	}
	return false
}

// enSarcasm reports whether a favourable word is followed in its clause by
// an unfavourable one ("so nice of you to cancel my flight", "love sitting
// on the tarmac"), with no "but" or "though" between: approval of a
// failure is sarcasm. Courtesy ("thank you") and the faint unfavourable
// lean of words such as "again" do not count.
//
// Only the first unfavourable word after the favourable one can be it: a
// later one is past the same stop or in a later sentence. So the
// unfavourable words' positions are sorted once, the stops between two
// tokens counted from running totals, and a text costs n·log n.
func enSarcasm(s *scratch) bool {
	toks := s.d.toks
	// neg: the first tokens of the unfavourable words, ascending
	// without a favourable word there is nothing to fail
	neg := s.order[:0]
	pos := false
	for _, n := range s.hits {
		if !(n.val > -sarcasmMin) {
			neg = append(neg, int32(n.tok))
		}
		pos = pos || n.val > 0 && !n.polite
	}
	s.order = neg
	if len(neg) == 0 || !pos {
		return false
	}
	slices.Sort(neg)
	// stops[k]: the punctuation marks and "but", "though", "although"
	// among the first k tokens
	stops := s.count[:0]
	stops = append(stops, 0)
	for k := range toks {
		c := stops[k]
		if t := &toks[k]; t.kind == tokPunct || t.kind == tokWord && (t.norm == "but" || t.norm == "though" || t.norm == "although") {
			c++
		}
		stops = append(stops, c)
	}
	s.count = stops
	for _, p := range s.hits {
		if p.val <= 0 || p.polite {
			continue
		}
		at, _ := slices.BinarySearch(neg, int32(p.last)+1)
		if at == len(neg) {
			continue
		}
		n := int(neg[at])
		if s.sent[n] != s.sent[p.tok] || n > p.last+1 && stops[n] != stops[p.last+1] {
			continue
		}
		return true
	}
	return false
}

// sarcasmMin is the least unfavourable valence that makes a failure of
// what a favourable word approves.
const sarcasmMin = 0.5
