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

// Bucket names of counts.
var (
	countNames = [...]string{"0", "1", "2", "3+"}
	lenNames   = [...]string{"<5", "<10", "<20", "<30", "30+"}
	toneNames  = [...]string{"neu", "pos", "neg"}
	toNames    = [...]string{"other", "to"}
)

// bucket is n's index among the count names, at most top.
func bucket(n, top int) int {
	return min(max(n, 0), top)
}

// feat is a feature of the English model with its hash computed once
// (featHash costs about as much as the rest of a feature).
type feat struct {
	h          uint64
	kind, a, b string
}

func newFeat(kind, a, b string) feat { return feat{featHash(kind, a, b), kind, a, b} }

// emit gives sink feature f: the model's scorer by its hash, any other
// sink by its name.
func emit(sink featSink, f *feat, val float32) {
	if sc, ok := sink.(*scorer); ok {
		sc.addHash(f.h, val)
		return
	}
	sink.add(f.kind, f.a, f.b, val)
}

// addHash adds the weights of the feature of hash h.
func (sc *scorer) addHash(h uint64, val float32) {
	if w, ok := sc.m.tab.get(h); ok {
		for k := range sc.sum {
			sc.sum[k] += w[k] * val
		}
	}
}

// countFeats are a count's features by bucket.
type countFeats [len(countNames)]feat

func newCountFeats(name string) (c countFeats) {
	for i, b := range countNames {
		c[i] = newFeat("x", name, b)
	}
	return c
}

// enFeats are the English model's own features, hashed once.
var enFeats = func() (f struct {
	quest, excl, handles, tags, links, sents, negs, poss, asksNegs countFeats
	words                                                          [len(lenNames)]feat
	repost, asksLink, strongest, complaintQuestion                 feat
	tone                                                           [len(toneNames)][len(toNames)]feat
	asksTone                                                       [len(toneNames)]feat
	asksTo, negativityTo                                           [len(toNames)]feat
}) {
	f.quest, f.excl, f.handles = newCountFeats("quest"), newCountFeats("excl"), newCountFeats("handles")
	f.tags, f.links, f.sents = newCountFeats("tags"), newCountFeats("links"), newCountFeats("sents")
	f.negs, f.poss = newCountFeats("negs"), newCountFeats("poss")
	for i := range 3 { // the unfavourable words of a question: 0, 1, 2 or more
		f.asksNegs[i] = newFeat("x", "asks", countNames[i])
	}
	for i, n := range lenNames {
		f.words[i] = newFeat("x", "words", n)
	}
	f.repost, f.asksLink = newFeat("x", "repost", ""), newFeat("x", "asks", "link")
	f.strongest, f.complaintQuestion = newFeat("n", "strongest", ""), newFeat("x", "complaint", "question")
	for i, tone := range toneNames {
		for j, to := range toNames {
			f.tone[i][j] = newFeat("x", tone, to)
		}
		f.asksTone[i] = newFeat("x", "asks", tone)
	}
	for j, to := range toNames {
		f.asksTo[j] = newFeat("x", "asks", to)
		f.negativityTo[j] = newFeat("n", "negativity", to)
	}
	return f
}()

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
	f := &enFeats
	emit(sink, &f.quest[bucket(s.d.quest, 3)], 1)
	emit(sink, &f.excl[bucket(s.d.excl, 2)], 1)
	emit(sink, &f.handles[bucket(handles, 3)], 1)
	emit(sink, &f.tags[bucket(tags, 2)], 1)
	emit(sink, &f.links[bucket(s.d.links, 2)], 1)
	emit(sink, &f.sents[bucket(sents, 3)], 1)
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
	emit(sink, &f.words[n], 1)
	if len(toks) > 1 && toks[0].kind == tokWord && toks[0].norm == "rt" && toks[1].kind == tokMention {
		emit(sink, &f.repost, 1)
	}
	// conjunctions: the register (put to the brand's handle or not) with
	// the tone, and the rules' question with the tone and a link
	to := 0
	if len(toks) > 0 && toks[0].kind == tokMention && s.brand[0] {
		to = 1
	}
	tone := 0
	switch {
	case sg.pos:
		tone = 1
	case sg.neg:
		tone = 2
	}
	emit(sink, &f.tone[tone][to], 1)
	emit(sink, &f.negativityTo[to], float32(sg.negativity-NeutralNegativity))
	if sg.asks {
		emit(sink, &f.asksTone[tone], 1)
		if sg.link {
			emit(sink, &f.asksLink, 1)
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
	emit(sink, &f.negs[bucket(nNeg, 3)], 1)
	emit(sink, &f.poss[bucket(nPos, 3)], 1)
	emit(sink, &f.strongest, float32(min(strongest, 4)/4))
	if sg.asks {
		emit(sink, &f.asksTo[to], 1)
		emit(sink, &f.asksNegs[bucket(nNeg, 2)], 1)
	}
	if sg.built&tComplaint != 0 && sg.built&tQuestion != 0 {
		emit(sink, &f.complaintQuestion, 1)
	}
}
