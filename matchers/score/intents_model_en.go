package score

// The English intent model reads the tagger's own signals and nothing of a
// text's words: the rules' decisions per intent, the sentiment and the
// sums of the register's valences, whom the text is put to, who speaks,
// the kinds of cue found (categories, not words), the question shapes of
// intents_shape.go without their words, the marks ("?" and "!"), handles,
// hashtags, links, a repost, the text's length and sentences, and a few
// conjunctions of these. Its labelled English rows are mostly airline
// tweets (CC BY-NC-SA) and TweetEval's (Twitter's terms), from which no
// word-level data may ship; a few dozen coefficients over the engine's own
// signals are of the kind of the engine's tuned constants (DATA.md).

// langWordless reports whether the intent model of lang reads the
// tagger's signals alone (enIntentFeatures): English.
func langWordless(lang string) bool { return lang == "en" }

// langFeatures is the feature function of the intent model of lang.
func langFeatures(lang string) func(s *scratch, sg *signals, sink featSink) {
	if langWordless(lang) {
		return enIntentFeatures
	}
	return intentFeatures
}

// langAddressedOnly reports whether the intent model of lang decides only
// texts about a brand that open with a handle (signals.addressed), and
// leaves the rest to the rules. The English model does: its rows about a
// brand are customer care, tweets put to an airline's handle (1,064 of
// 1,079), and fitted on them with the general tweets and review sentences
// that name no brand, it did not carry over from one kind to the other
// (DATA.md); a post or article about a brand is neither.
func langAddressedOnly(lang string) bool { return lang == "en" }

// addressed reports whether the text is about a brand and opens with a
// handle: a message put to the brand or to someone about it.
func (sg *signals) addressed() bool { return sg.about && sg.atStart }

// Bucket names of counts (constant strings: no allocation per text).
var (
	countNames = [...]string{"0", "1", "2", "3+"}
	lenNames   = [...]string{"<5", "<10", "<20", "<30", "30+"}
)

// bucket is n's index among the count names, at most top.
func bucket(n, top int) int {
	return min(max(n, 0), top)
}

// enIntentFeatures gives sink the features of the English model: the
// rules' signals and the text's shapes, never a word of it.
func enIntentFeatures(s *scratch, sg *signals, sink featSink) {
	signalFeatures(sg, sink)
	shapeFeatures(s, sg, sink, false)
	toks := s.d.toks
	var words, handles, tags, sents int
	open := false // a sentence has begun and not ended
	for i := range toks {
		t := &toks[i]
		switch {
		case t.kind == tokWord:
			words++
			if t.hashtag {
				tags++
			}
		case t.kind == tokMention:
			handles++
		case sentenceEnd(t):
			if open {
				sents++
			}
			open = false
			continue
		}
		open = true
	}
	if open {
		sents++
	}
	sink.add("x", "quest", countNames[bucket(s.d.quest, 3)], 1)
	sink.add("x", "excl", countNames[bucket(s.d.excl, 2)], 1)
	sink.add("x", "handles", countNames[bucket(handles, 3)], 1)
	sink.add("x", "tags", countNames[bucket(tags, 2)], 1)
	sink.add("x", "links", countNames[bucket(s.d.links, 2)], 1)
	sink.add("x", "sents", countNames[bucket(sents, 3)], 1)
	n := 4
	switch {
	case words < 5:
		n = 0
	case words < 10:
		n = 1
	case words < 20:
		n = 2
	case words < 30:
		n = 3
	}
	sink.add("x", "words", lenNames[n], 1)
	if len(toks) > 1 && toks[0].kind == tokWord && toks[0].norm == "rt" && toks[1].kind == tokMention {
		sink.add("x", "repost", "", 1)
	}
	// conjunctions: the register (put to the brand's handle or not) with
	// the tone, and the rules' question with the tone and a link
	to := "other"
	if len(toks) > 0 && toks[0].kind == tokMention && s.brand[0] {
		to = "to"
	}
	tone := "neu"
	switch {
	case sg.pos:
		tone = "pos"
	case sg.neg:
		tone = "neg"
	}
	sink.add("x", tone, to, 1)
	sink.add("n", "negativity", to, float32(sg.negativity-NeutralNegativity))
	if sg.asks {
		sink.add("x", "asks", tone, 1)
		if sg.link {
			sink.add("x", "asks", "link", 1)
		}
	}
	// the valence the register found: how many words or phrases of
	// each sign, and the strongest unfavourable one ("one faint word")
	var nNeg, nPos int
	strongest := 0.0
	for i := range s.hits {
		switch v := s.hits[i].val; {
		case v < 0:
			nNeg++
			strongest = max(strongest, -v)
		case v > 0:
			nPos++
		}
	}
	sink.add("x", "negs", countNames[bucket(nNeg, 3)], 1)
	sink.add("x", "poss", countNames[bucket(nPos, 3)], 1)
	sink.add("n", "strongest", "", float32(min(strongest, 4)/4))
	if sg.asks {
		sink.add("x", "asks", to, 1)
		sink.add("x", "asks", countNames[bucket(nNeg, 2)], 1)
	}
	if sg.built&tComplaint != 0 && sg.built&tQuestion != 0 {
		sink.add("x", "complaint", "question", 1)
	}
}
