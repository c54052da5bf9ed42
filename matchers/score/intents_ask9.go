package score

import (
	"unicode"
	"unicode/utf8"
)

// English question shapes the question rules of intents.go misread,
// in both directions (docs/labelling.md: a question asks for information
// about the brand's products or services):
//   - a request phrase denied ("if you can't tell me where my luggage
//     is") requests nothing;
//   - a "?" told with a grin ("Deal? 😆") is banter;
//   - "have you seen …", "did you know that …" ask about the reader's
//     experience or offer a fact;
//   - formulas ("guess what?", "who knew?", "how cool is that?") ask
//     nothing;
//   - a "?" between two letters ("don?t") is no mark of a question.
//
// They set the question tag only. The text is read once without them for
// everything else the tagger decides (complaint, praise, the intent
// models' signals), and read again with them (scratch.ask9) when one may
// apply (enShapes9); retag9 then gives the tag of the second reading. So
// the intent models learn from and decide on the signals they always had,
// and a shape here moves no complaint: an English model refitted on a
// moved question signal shifts its complaint decisions by a row or two
// either way (DATA.md, "Questions, ninth round").

// enShapes9 reports whether a shape of this file may apply to the text:
// a request phrase denied, a "?" before a grin, after a formula or inside
// a word, "have you" or "did you".
func enShapes9(s *scratch) bool {
	toks := s.d.toks
	for i := range toks {
		t := &toks[i]
		switch {
		case t.kind == tokPunct && t.punct == '?' && (enPlayfulMark(s, i) || enFormula(s, markBefore(toks, 0, i), i) || enGluedMark(s, s.d.text, i)):
			return true
		case t.kind == tokWord && (t.norm == "have" || t.norm == "did") && i+1 < len(toks) && (toks[i+1].norm == "you" || toks[i+1].norm == "u"):
			return true
		}
	}
	return enRequestNegated(s)
}

// retag9 gives tags the question tag of the second reading, asked, where
// it differs from the first, asks; quiet are the tags the text may not
// carry (scratch.quietTags).
func retag9(tags tagSet, asks, asked bool, quiet tagSet) tagSet {
	switch {
	case asks && !asked:
		return tags &^ tQuestion
	case asked && !asks:
		return (tags | tQuestion) &^ quiet
	}
	return tags
}

// enFirstWord returns the first word of tokens [from, to) after @handles,
// emoji, hashtags, the brand's names and lead-in words ("so", "hi"), or
// -1 when a punctuation mark comes first.
func enFirstWord(s *scratch, from, to int) int {
	toks := s.d.toks
	for k := from; k < to && k < len(toks); k++ {
		t := &toks[k]
		switch {
		case t.kind == tokMention || t.kind == tokEmoji || t.kind == tokEmoticon:
		case t.kind != tokWord:
			return -1
		case s.brand[k] || t.hashtag || s.cues[k]&cueLead != 0:
		default:
			return k
		}
	}
	return -1
}

// enDenials are the words that, up to three words before a request
// phrase, deny it ("can't tell me", "nobody will tell me", "no one can
// tell me").
var enDenials = map[string]bool{
	"can't": true, "cant": true, "cannot": true, "couldn't": true, "couldnt": true, "won't": true, "wont": true,
	"don't": true, "dont": true, "didn't": true, "didnt": true, "not": true, "nobody": true, "never": true,
}

// enRequestNegated reports whether every request phrase of the text (a
// phrase tagged as a question: "tell me where", "can you please") follows
// a negation within three words ("if you can't tell me where my luggage
// is", "nobody will tell me what"): a request denied is a grievance, not a
// request.
func enRequestNegated(s *scratch) bool {
	toks := s.d.toks
	found := false
	for _, h := range s.hits {
		if h.ph < 0 || h.tags&tQuestion == 0 {
			continue
		}
		found = true
		neg := false
		for j := h.tok - 1; j >= 0 && j >= h.tok-3 && toks[j].kind == tokWord; j-- {
			w := toks[j].norm
			neg = neg || enDenials[w] || w == "one" && j > 0 && toks[j-1].norm == "no"
		}
		if !neg {
			return false
		}
	}
	return found
}

// enPlayfulMark reports whether the "?" of token i is followed at once by
// a smiling emoji or emoticon ("Deal? 😆", "put in a good word for me?
// ;-)"): a question told with a grin is banter or a joke, which asks for
// no information.
func enPlayfulMark(s *scratch, i int) bool {
	toks := s.d.toks
	if i+1 >= len(toks) {
		return false
	}
	t := &toks[i+1]
	return (t.kind == tokEmoji || t.kind == tokEmoticon) && t.val > 0
}

// enExperienceVerbs ask, after "have you" (the participles) or "did you"
// (the bare forms), about what the reader has seen or heard ("have you
// seen Blue?", "did you know that …"), not for information about the
// brand.
var enExperienceVerbs = map[string]map[string]bool{
	"have": {"seen": true, "heard": true, "listened": true, "watched": true, "read": true, "tried": true},
	"did":  {"know": true, "see": true, "hear": true, "listen": true, "watch": true, "read": true, "try": true},
}

// enExperienceAsk reports whether the clause of tokens [from, to) opens,
// after @handles, the brand's names and lead-in words, with "have you" or
// "did you" ("ever" may follow) and a verb of seeing or hearing whose
// object is not the author's own and no question word follows ("have you
// listened to UAN?", "did you know that …"; not "have you seen my bag",
// "did you know about my refund", "did you hear when it leaves"): a
// question about the reader's experience, or a fact offered, asks nothing
// of the brand.
func enExperienceAsk(s *scratch, from, to int) bool {
	toks := s.d.toks
	to = min(to, len(toks))
	first := enFirstWord(s, from, to)
	if first < 0 || first+2 >= to {
		return false
	}
	verbs := enExperienceVerbs[toks[first].norm]
	if subj := toks[first+1].norm; verbs == nil || subj != "you" && subj != "u" {
		return false
	}
	k := first + 2
	if toks[k].norm == "ever" {
		k++
	}
	if k >= to || !verbs[toks[k].norm] {
		return false
	}
	for j := k + 1; j < to && j <= k+3; j++ {
		switch toks[j].norm {
		case "my", "our", "me", "us", "about", "if", "whether", "where", "when", "what", "how", "why", "anything", "any":
			return false
		}
	}
	return true
}

// enFormulaPairs open English questions that are formulas asking nothing
// ("guess what?", "who knew?", "who cares?", "go figure?").
var enFormulaPairs = map[[2]string]bool{
	{"guess", "what"}: true, {"who", "knew"}: true, {"who", "cares"}: true, {"go", "figure"}: true,
	{"you", "know"}: true,
}

// enFormula reports whether the last clause of tokens [from, to) (the
// question before its "?") is a formula that asks nothing: one of
// enFormulaPairs opening it, "what else is new", "what could (possibly)
// go wrong", or an exclamation in the form of a question, "how" and a
// word of valence before "is that" ("how cool is that?", "how sad is
// this?"; "how long is that flight?" asks).
func enFormula(s *scratch, from, to int) bool {
	toks := s.d.toks
	to = min(to, len(toks))
	for k := to - 1; k > from; k-- {
		if toks[k].kind == tokPunct {
			from = k + 1
			break
		}
	}
	first := enFirstWord(s, from, to)
	if first < 0 || first+1 >= to {
		return false
	}
	var buf [6]string // the clause's first words: a formula is short
	n := 0
	for k := first; k < to && n < len(buf); k++ {
		if toks[k].kind == tokWord {
			buf[n] = toks[k].norm
			n++
		}
	}
	if n < 2 {
		return false
	}
	w := buf[:n]
	switch {
	case enFormulaPairs[[2]string{w[0], w[1]}]:
		return w[0] != "you" || len(w) == 3 && w[2] == "what" // "you know what?", not "you know when it leaves?"
	case len(w) == 4 && w[0] == "what" && w[1] == "else" && w[2] == "is" && w[3] == "new":
		return true
	case w[0] == "what" && w[1] == "could" && len(w) >= 4 && w[len(w)-2] == "go" && w[len(w)-1] == "wrong":
		return true
	case w[0] == "how" && (len(w) == 4 || len(w) == 5):
		e := s.ent[first+1]
		if toks[first+1].kind != tokWord || e == nil || e.val == 0 {
			return false
		}
		v, o := w[len(w)-2], w[len(w)-1]
		return (v == "is" || v == "was" || v == "are") && (o == "that" || o == "this" || o == "it")
	}
	return false
}

// enGluedMark reports whether the "?" of token i stands between two
// letters with no space ("don?t", "it?s": an apostrophe lost in encoding;
// "Who?Me" as a name): a mark inside a word asks nothing.
func enGluedMark(s *scratch, text string, i int) bool {
	t := &s.d.toks[i]
	if t.run > 0 || t.start == 0 || t.end >= len(text) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(text[:t.start])
	after, _ := utf8.DecodeRuneInString(text[t.end:])
	return unicode.IsLetter(before) && unicode.IsLetter(after)
}
