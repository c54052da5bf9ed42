package score

// The order of an English question, for the rule that a question in the
// order of a statement, told in anger, is an outburst ("that is the
// response you give?", "and when I write an email it bounces?!").

// enQuestionOrder reports whether a clause of the sentence of tokens
// [from, to) stands in the order of a question, after @handles, brand
// names and lead-in words: a wh-word not followed by a pronoun subject
// ("where is", "what time"; "when I write…" is a subordinate clause), an
// auxiliary not followed by "not" ("can you", "is there"; "do not reply to
// emails" is a negative imperative), another interrogative that opens a
// question ("any update", "anyone know"), or a wh-word second, after an
// address ("guys where is…"). An auxiliary second ("that is the
// response…", "I am…") is the order of a statement.
func enQuestionOrder(s *scratch, from, to int) bool {
	toks := s.d.toks
	var w [2]int
	n := 0
	flush := func() bool {
		defer func() { n = 0 }()
		if n == 0 {
			return false
		}
		c0 := s.cues[w[0]]
		var c1 cueKind
		w1 := ""
		if n > 1 {
			c1, w1 = s.cues[w[1]], toks[w[1]].norm
		}
		switch {
		case c0&cueWh != 0:
			return c1&cuePronoun == 0 || c1&cueAux != 0 || w1 == "there"
		case c0&cueAux != 0:
			return w1 != "not"
		case c0&cueAsk != 0:
			return true
		}
		return c1&cueWh != 0
	}
	for k := from; k < to && k < len(toks); k++ {
		t := &toks[k]
		switch {
		case t.kind == tokPunct:
			if flush() {
				return true
			}
		case t.kind != tokWord || n >= 2:
		case s.brand[k] && n == 0:
		case n == 0 && s.cues[k]&cueLead != 0:
		default:
			w[n] = k
			n++
		}
	}
	return flush()
}
