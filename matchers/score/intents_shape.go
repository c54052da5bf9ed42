package score

import (
	"strings"
)

// The shape of a text's questions, for the intent model: where each "?"
// stands (the end of the text or of a clause, inside a quotation, after a
// shared link), how it is written ("??", "?!", "?)"), what opens the
// sentence it ends (an interrogative, a request, a second-person
// imperative, "ли" after the first word, "кто-нибудь"), whom the text is put
// to, a first person's need, and the marks of an outburst (swearing,
// capitals, exclamations). The rules read most of these to decide; the
// model learns what each is worth, and how much beside the rules' own
// decision. The features are named by shape, never by a text's words,
// except the first word of a sentence by its stem (the words are features
// of the model already).

// sentence end marks, as feature names
const (
	endNone  = "$"  // the text ends with no mark
	endStop  = "."  // a full stop, an ellipsis or a line break
	endExcl  = "!"  // an exclamation
	endQuest = "?"  // a single question mark
	endMulti = "??" // a run of question marks
	endBang  = "?!" // a question and an exclamation together
)

// endNames name the mark that ends a text, openNames the cue kinds that
// open a sentence (built once: no allocation per text).
var (
	endNames = map[string]string{endNone: "end" + endNone, endStop: "end" + endStop, endExcl: "end" + endExcl,
		endQuest: "end" + endQuest, endMulti: "end" + endMulti, endBang: "end" + endBang}
	openNames = func() (n [len(cueNames)]string) {
		for b, name := range cueNames {
			n[b] = "open." + name
		}
		return n
	}()
)

// sentenceEnd reports whether t is a ".", "!" or "?": the marks that end
// a spoken sentence (isSentenceEnd, which numbers the sentences of the
// valence, also ends one at ";").
func sentenceEnd(t *token) bool {
	return t.kind == tokPunct && (t.punct == '.' || t.punct == '!' || t.punct == '?')
}

// shapeFeatures gives sink the question and outburst shapes of the text of
// s. Without words (the English model, intents_model_en.go) it leaves out
// the features named by a text's words: the opening stem, the words of a
// question and the word it ends on.
func shapeFeatures(s *scratch, sg *signals, sink featSink, words bool) {
	toks, text := s.d.toks, s.d.text
	cl := intentCues()
	asks := "no"
	if sg.asks {
		asks = "asks"
	}
	var quests, shaped int
	lastMark := endNone
	linkEnd := linkMarkEnd(text)
	quoted := quoteScan{text: text}
	// each sentence: tokens [from, end) and its run of end marks [end, next)
	for from := 0; from < len(toks); {
		end := from
		for end < len(toks) && !sentenceEnd(&toks[end]) {
			end++
		}
		next := end
		hasQ, hasE, multi := false, false, false
		for next < len(toks) && sentenceEnd(&toks[next]) {
			switch toks[next].punct {
			case '?':
				hasQ = true
				multi = multi || toks[next].run > 0
			case '!':
				hasE = true
			}
			next++
		}
		mark := endNone
		switch {
		case hasQ && hasE:
			mark = endBang
		case multi:
			mark = endMulti
		case hasQ:
			mark = endQuest
		case hasE:
			mark = endExcl
		case end < len(toks):
			mark = endStop
		}
		last := next >= len(toks)
		if last {
			lastMark = mark
		}
		if hasQ {
			quests++
			where := "q.mid"
			if last {
				where = "q.last"
			}
			sink.add("s", where, asks, 1)
			q := end
			for q < next && toks[q].punct != '?' {
				q++
			}
			if quoted.in(toks[q].start) {
				sink.add("s", "q.quote", "", 1)
			}
			if linkEnd <= toks[q].start {
				sink.add("s", "q.afterlink", asks, 1)
			}
			if next < len(toks) && (toks[next].kind == tokEmoticon || toks[next].kind == tokEmoji) {
				if toks[next].val > 0 {
					sink.add("s", "q.smile", "", 1)
				} else if toks[next].val < 0 {
					sink.add("s", "q.frown", "", 1)
				}
			}
			for k := from; k < end && words; k++ {
				// the words of the question itself: "можно", "есть"
				// ask; "серьезно", "издеваетесь" exclaim
				if toks[k].kind == tokWord && !s.brand[k] {
					sink.add("q", wordStem(toks[k].norm), "", 1)
				}
			}
			if words && from < end && toks[end-1].kind == tokWord {
				// the word the question ends on ("есть?", "ли?")
				sink.add("l", wordStem(toks[end-1].norm), "", 1)
			}
		}
		if sentenceOpening(s, cl, from, end, mark, asks, sink, words) {
			shaped++
		}
		from = next
		if next == end {
			from = end + 1
		}
	}
	sink.add("s", endNames[lastMark], asks, 1)
	switch {
	case quests == 0:
	case quests == 1:
		sink.add("s", "q.one", "", 1)
	default:
		sink.add("s", "q.many", "", 1)
	}
	if shaped > 0 && quests == 0 {
		sink.add("s", "asknomark", asks, 1)
	}
	// whom the text is put to
	if len(toks) > 0 && toks[0].kind == tokMention {
		if s.brand[0] {
			sink.add("s", "to.brand", "", 1)
		} else {
			sink.add("s", "to.other", "", 1)
		}
	} else if len(toks) > 1 && s.brand[0] && toks[1].kind == tokPunct && toks[1].punct == ',' {
		sink.add("s", "to.brandname", "", 1)
	}
	// a first person's need, and an outburst
	prev := ""
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord {
			prev = ""
			continue
		}
		switch {
		case (prev == "мне" || prev == "нам") && (t.norm == "нужно" || t.norm == "надо" || t.norm == "нужна" || t.norm == "нужен"),
			prev == "не" && (strings.HasPrefix(t.norm, "могу") || strings.HasPrefix(t.norm, "можем") || strings.HasPrefix(t.norm, "получа")),
			t.norm == "хочу" || t.norm == "хотим" || t.norm == "хотел" || t.norm == "хотела":
			sink.add("s", "need", asks, 1)
		}
		prev = t.norm
	}
	if s.d.letters >= 12 && s.d.capsLet*2 > s.d.letters {
		sink.add("s", "caps", "", 1)
	}
	if s.d.excl >= 2 {
		sink.add("s", "excl2", "", 1)
	}
	if profaneSpan(s, 0, len(toks)-1) {
		sink.add("s", "profane", asks, 1)
	}
}

// linkMarkEnd is where the first "http" or "www." of text ends (a "?"
// after it stands after a shared link), or past the text's end if there
// is none.
func linkMarkEnd(text string) int {
	end := len(text) + 1
	for _, m := range [...]string{"http", "www."} {
		if i := strings.Index(text, m); i >= 0 {
			end = min(end, i+len(m))
		}
	}
	return end
}

// sentenceOpening gives sink what opens the sentence of tokens [from, end)
// beside the mark that ends it, and reports whether it opens as a question
// or a request.
func sentenceOpening(s *scratch, cl *cueList, from, end int, mark, asks string, sink featSink, stems bool) bool {
	toks := s.d.toks
	first := -1
	words := 0
	shaped := false
	prev := ""
	for k := from; k < end; k++ {
		t := &toks[k]
		if t.kind != tokWord || s.brand[k] {
			if t.kind == tokPunct {
				prev = ""
			}
			continue
		}
		words++
		if first < 0 && s.cues[k]&cueLead != 0 && words == 1 {
			continue // a lead-in ("а", "так") before the question
		}
		if first < 0 {
			first = k
			c := s.cues[k]
			if k+1 < end && toks[k+1].kind == tokWord {
				c |= cl.pair(t.norm, toks[k+1].norm)
			}
			if stems {
				sink.add("o", wordStem(t.norm), mark, 1)
			}
			for b := range cueNames {
				if c&(1<<b) != 0 && c&(cueAsk|cueWhere|cueWh|cueOpener|cueRhetoric|cueFriend|cueAux) != 0 {
					sink.add("s", openNames[b], mark, 1)
				}
			}
			if c&(cueAsk|cueWhere|cueWh|cueOpener) != 0 {
				shaped = true
			}
			if imperative(t.norm) {
				sink.add("s", "imper", mark, 1)
				shaped = true
			}
		}
		if t.norm == "ли" && words >= 2 && words <= 4 {
			sink.add("s", "li", mark, 1)
			shaped = true
		}
		if strings.HasPrefix(t.norm, "кто-") || t.norm == "кто" && (prev == "может" || prev == "кто-нибудь") {
			sink.add("s", "anyone", mark, 1)
			shaped = true
		}
		prev = t.norm
	}
	if shaped {
		sink.add("s", "shaped", asks, 1)
	}
	return shaped
}

// imperative reports whether a Russian word is a polite second-person
// imperative ("подскажите", "объясните", "сделайте").
func imperative(w string) bool {
	return len(w) >= 10 && (strings.HasSuffix(w, "ите") || strings.HasSuffix(w, "йте"))
}
