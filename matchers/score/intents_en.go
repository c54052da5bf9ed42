package score

// Shapes of English customer-care complaints read from where the
// unfavourable words stand, not from the words themselves: a problem named
// inside a question that asks for information, a closing hashtag that
// gives the author's verdict, a failure said to happen again.

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
	if len(s.hits) == 0 {
		return false
	}
	nsent := 0
	if len(s.sent) > 0 {
		nsent = int(s.sent[len(s.sent)-1]) + 1
	}
	const maxSent = 64
	if nsent > maxSent {
		return false
	}
	var asksInfo, seen uint64
	found := false
	for _, h := range s.hits {
		if h.val >= 0 {
			continue
		}
		found = true
		sent := s.sent[h.tok]
		if seen&(1<<sent) != 0 {
			if asksInfo&(1<<sent) == 0 {
				return false
			}
			continue
		}
		seen |= 1 << sent
		if !enInfoSentence(s, int(sent)) {
			return false
		}
		asksInfo |= 1 << sent
	}
	return found
}

// enInfoSentence reports whether sentence n ends in "?" and opens, after
// @handles, brand names and lead-in words, with an auxiliary ("can",
// "is", "doesn't"; not "do not", a negative imperative), "what" or "any"
// ("any chance", "any way").
func enInfoSentence(s *scratch, n int) bool {
	toks := s.d.toks
	first, second := -1, -1
	last := -1
	for k := range toks {
		if int(s.sent[k]) != n {
			if last >= 0 {
				break
			}
			continue
		}
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
	if first < 0 || last < 0 {
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

// enVerdict reports whether the text closes with a hashtag of unfavourable
// valence ("… #badcustomerservice", "… #fail"): a verdict the author adds
// to what they said, which makes it a complaint.
func enVerdict(s *scratch) bool {
	toks := s.d.toks
	k := len(toks) - 1
	for k >= 0 && (toks[k].kind == tokPunct || toks[k].kind == tokMention || toks[k].kind == tokEmoji || toks[k].kind == tokEmoticon) {
		k--
	}
	from := k
	for from >= 0 && (toks[from].kind == tokWord && toks[from].hashtag || toks[from].kind == tokMention) {
		from--
	}
	if from == k {
		return false
	}
	for _, h := range s.hits {
		if h.val < 0 && h.tok > from && h.last <= k && toks[h.tok].hashtag {
			return true
		}
	}
	return false
}

// enRecurs reports whether an unfavourable word shares its sentence with a
// word that says it happens again ("ruined the broadcast again", "no
// upgrades, as usual"): a
// failure that recurs is held against the brand.
func enRecurs(s *scratch) bool {
	toks := s.d.toks
	var sents uint64
	for k := range toks {
		t := &toks[k]
		if t.kind != tokWord || s.sent[k] >= 64 {
			continue
		}
		switch t.norm {
		case "again":
		case "usual":
			if k == 0 || toks[k-1].norm != "as" {
				continue
			}
		default:
			continue
		}
		if k > 0 && toks[k].norm == "again" && toks[k-1].norm == "then" {
			continue // "but then again": a concession
		}
		sents |= 1 << s.sent[k]
	}
	if sents == 0 {
		return false
	}
	for _, h := range s.hits {
		// "again" alone leans unfavourable in the lexicon; it is the
		// recurrence, not the failure
		own := h.tok == h.last && (toks[h.tok].norm == "again" || toks[h.tok].norm == "usual")
		if h.val < 0 && !own && s.sent[h.tok] < 64 && sents&(1<<s.sent[h.tok]) != 0 {
			return true
		}
	}
	return false
}
