package score

// English question shapes the question rules of intents.go misread,
// in both directions (docs/labelling.md: a question asks for information
// about the brand's products or services):
//   - a question without "?" that opens with a wh-word contracted with
//     "is" before a noun phrase ("What's the number to speak to someone")
//     asks;
//   - a request phrase denied ("if you can't tell me where my luggage
//     is") requests nothing;
//   - a "?" told with a grin ("Deal? 😆") is banter;
//   - "have you seen …", "did you know that …" ask about the reader's
//     experience or offer a fact.

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

// enWhContracted are wh-words contracted with "is" ("what's the fee").
var enWhContracted = map[string]bool{
	"what's": true, "whats": true, "where's": true, "wheres": true, "when's": true,
}

// enDeterminers make what follows a contracted wh-word a noun phrase
// asked about ("what's the number", "where's my bag"), not a
// pseudo-cleft ("what's more frustrating is …").
var enDeterminers = map[string]bool{
	"the": true, "my": true, "our": true, "your": true, "a": true, "an": true, "this": true, "that": true,
	"his": true, "her": true, "their": true,
}

// enAskNoMark reports whether a sentence of the text that ends in neither
// "?" nor "!" asks by a contracted wh-word (enWhAsks): "What's the number
// to speak to someone".
func enAskNoMark(s *scratch) bool {
	toks := s.d.toks
	start := 0
	for i := range toks {
		if !isSentenceEnd(&toks[i]) && i != len(toks)-1 {
			continue
		}
		from, to := start, i+1
		start = i + 1
		if t := &toks[i]; t.kind == tokPunct && (t.punct == '?' || t.punct == '!') {
			continue
		}
		if enWhAsks(s, from, to) {
			return true
		}
	}
	return false
}

// enWhAsks reports whether the sentence of tokens [from, to) opens with a
// contracted wh-word before a determiner, with no word of rhetoric ("what's
// the point" is none).
func enWhAsks(s *scratch, from, to int) bool {
	toks := s.d.toks
	to = min(to, len(toks))
	first := enFirstWord(s, from, to)
	if first < 0 || first+1 >= to || !enWhContracted[toks[first].norm] || !enDeterminers[toks[first+1].norm] {
		return false
	}
	cl := intentCues()
	for k := first; k < to; k++ {
		if toks[k].kind != tokWord {
			continue
		}
		if s.cues[k]&cueRhetoric != 0 || k > first && toks[k-1].kind == tokWord && cl.pair(toks[k-1].norm, toks[k].norm)&cueRhetoric != 0 {
			return false
		}
	}
	return true
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
