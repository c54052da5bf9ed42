package score

// What separates, in English customer care, a question that wants an
// answer from an outburst: the modal and the subject of a why- or
// how-question ("why would you board the plane?", "how is this good
// service?" hold the brand's conduct up to judgement and want no answer;
// docs/labelling.md counts such rhetorical questions as complaints, while
// "why is my bag not here?" asks about the author's own situation), and,
// the other way round, information asked for by name without a verb
// ("Thoughts?", "any help?") or whether a service runs ("site down?"),
// which wants its answer however angry the text.

// enChallenge reports whether a clause of tokens [from, to) opens, after
// @handles, brand names and lead-in words, with a challenge:
//   - "why" before "would" or "must" ("why would you board the plane?",
//     "why would I even consider…");
//   - "how is/was" before "this", "that" or "not" ("how is this good
//     service?", "how is not allowing responses helpful?");
//   - "how do/does" before a subject other than the author and "have"
//     ("how do you have a flight with no crew?").
//
// "How can you…" is not one: the labels count it a question as often as
// not ("how can you help me get home").
func enChallenge(s *scratch, from, to int) bool {
	toks := s.d.toks
	var w [4]string
	n := 0
	check := func() bool {
		defer func() { n = 0 }()
		if n < 2 {
			return false
		}
		switch w[0] {
		case "why":
			return w[1] == "would" || w[1] == "wld" || w[1] == "must"
		case "how":
			switch w[1] {
			case "is", "was":
				return n > 2 && (w[2] == "this" || w[2] == "that" || w[2] == "not")
			case "do", "does":
				return n > 3 && !firstPersonSubj(w[2]) && w[3] == "have"
			}
		}
		return false
	}
	for k := from; k < to && k < len(toks); k++ {
		t := &toks[k]
		switch {
		case t.kind == tokPunct:
			if check() {
				return true
			}
		case t.kind != tokWord || n >= len(w):
		case n == 0 && (s.brand[k] || s.cues[k]&cueLead != 0):
		default:
			w[n] = t.norm
			n++
		}
	}
	return check()
}

// firstPersonSubj reports whether w is the author as a subject ("I",
// "we").
func firstPersonSubj(w string) bool {
	switch w {
	case "i", "we", "i'd", "we'd":
		return true
	}
	return false
}

// clauseRhetoric reports whether a word or pair of rhetoric stands in the
// clause that the "?" of token i closes (after the last mark before it,
// not before from): "… not even 4 minutes earlier and the points had gone
// up - any help?" asks for help; the rhetoric of its first clause is the
// report's, not the question's.
func clauseRhetoric(s *scratch, cl *cueList, from, i int) bool {
	toks := s.d.toks
	start := from
	for k := i - 1; k >= from; k-- {
		if toks[k].kind == tokPunct {
			start = k + 1
			break
		}
	}
	if start == from {
		return true // the sentence is one clause
	}
	for k := start; k < i; k++ {
		if toks[k].kind == tokWord && !s.brand[k] {
			if s.cues[k]&cueAsk == 0 {
				return true // the clause does not open as a question
			}
			break
		}
	}
	prev := ""
	for k := start; k < i; k++ {
		t := &toks[k]
		if t.kind != tokWord {
			if t.kind != tokMention {
				prev = ""
			}
			continue
		}
		c := s.cues[k]
		if prev != "" {
			c |= cl.pair(prev, t.norm)
		}
		if c&cueRhetoric != 0 {
			return true
		}
		prev = t.norm
	}
	return false
}

// infoNoun reports whether w names information a customer asks care
// for: an update, an ETA, a status, thoughts, advice, help.
func infoNoun(w string) bool {
	switch w {
	case "update", "updates", "eta", "etas", "status", "thoughts", "ideas", "suggestions", "advice",
		"help", "info", "information", "news", "word", "timeline", "estimate", "explanation":
		return true
	}
	return false
}

// enAsksFor reports whether the clause that the "?" of token i closes
// (after the last mark before it, not before from) asks for information
// by naming it, without a verb: "Thoughts?", "any help?", "any update on
// flight 475?", "ETA?". Told in anger, such a question still wants its
// answer.
func enAsksFor(s *scratch, from, i int) bool {
	toks := s.d.toks
	start := from
	for k := i - 1; k >= from; k-- {
		if toks[k].kind == tokPunct {
			start = k + 1
			break
		}
	}
	words, noun := 0, false
	first := ""
	for k := start; k < i; k++ {
		t := &toks[k]
		if t.kind != tokWord || s.brand[k] || t.hashtag {
			continue
		}
		words++
		if words == 1 {
			first = t.norm
		}
		if words <= 2 && infoNoun(t.norm) {
			noun = true
		}
	}
	return noun && (words <= 2 || first == "any" && words <= 8)
}

// statusWord reports whether w says whether a service runs: a site down,
// a flight delayed, cancelled, still going, on time.
func statusWord(w string) bool {
	switch w {
	case "down", "delayed", "cancelled", "canceled", "going", "running", "operating", "open", "closed",
		"working", "boarding", "departing", "leaving", "landed", "diverted", "still":
		return true
	}
	return false
}

// enStatusCheck reports whether the short clause that the "?" of token i
// closes asks whether a service runs, in the order of a statement ("site
// down?", "flights still going to DAL?"): a check of the author's own
// plans, not an outburst.
func enStatusCheck(s *scratch, from, i int) bool {
	toks := s.d.toks
	start := from
	for k := i - 1; k >= from; k-- {
		if toks[k].kind == tokPunct {
			start = k + 1
			break
		}
	}
	words, status := 0, false
	for k := start; k < i; k++ {
		t := &toks[k]
		if t.kind != tokWord || s.brand[k] || t.hashtag {
			continue
		}
		words++
		status = status || statusWord(t.norm)
	}
	return status && words <= 6
}
