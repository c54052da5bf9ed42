package score

import (
	"fmt"
	"sync"
)

// The Russian sentiment model corrects the rules' net valence of a text
// about a named company by what the rules know of its register and its
// words' intents: z = net valence + w·x, where x are the register marks
// (news or ad with a link, listing, support reply, the company's own
// retweet, a person's voice, questions, exclamations, irony, smileys,
// other companies named) and the intent tags the words and phrases carry,
// favourable and unfavourable. z has two cuts: an all-threshold ordinal
// logistic model (negative < neutral < positive) learned from the
// SentiRuEval-2015 development halves by TestTrainSentimentModel, shipped
// in data/sentiment_ru.model. Words themselves (five-letter stems, pairs,
// lexicon entries) were tried as features and did not carry over from
// banks to telecom (DATA.md): the model reads the rules' signals only.
//
// The score becomes a net valence on the rules' scale: the negative cut
// maps to −ruNegAt and the positive one to +ruPosAt, so the Russian curve
// turns it into the negativity every user of it (the label, severity,
// alerts, user rules) sees. The intent tagger keeps reading the rules' own
// sentiment, the one its model was learned on (engine.go).

// sentModel is the loaded sentiment model and its map to a net valence.
type sentModel struct {
	*linModel
	scale, shift float64 // valence = scale·z + shift
}

// sentimentModels are the languages with a built-in sentiment model.
var sentimentModels = []string{"ru"}

var (
	sentOnce   sync.Once
	sentModels map[string]*sentModel
)

// builtinSentimentModels are the built-in sentiment models by language; a
// language whose file carries no weights has none.
func builtinSentimentModels() map[string]*sentModel {
	sentOnce.Do(func() {
		sentModels = map[string]*sentModel{}
		for _, lang := range sentimentModels {
			name := "sentiment_" + lang + ".model"
			b, err := dataFS.ReadFile("data/" + name)
			if err != nil {
				panic(fmt.Errorf("score: %w", err))
			}
			m, err := parseSentModel(name, string(b))
			if err != nil {
				panic(err)
			}
			if m != nil {
				sentModels[lang] = m
			}
		}
	})
	return sentModels
}

// parseSentModel reads a sentiment model file: one weight a feature, and
// a "cut" line with the negative and the positive cut.
func parseSentModel(name, data string) (*sentModel, error) {
	lm, err := parseModel(name, data, 1, 2)
	if lm == nil || err != nil {
		return nil, err
	}
	neg, pos := float64(lm.cut[0]), float64(lm.cut[1])
	if !(pos > neg) {
		return nil, fmt.Errorf("score: %s: positive cut %v not above the negative cut %v", name, pos, neg)
	}
	m := &sentModel{linModel: lm}
	m.scale, m.shift = valenceMap(neg, pos, tuned.ruNegAt, tuned.ruPosAt)
	return m, nil
}

// valenceMap is the linear map that takes the cut neg to −negAt and pos
// to +posAt.
func valenceMap(neg, pos, negAt, posAt float64) (scale, shift float64) {
	scale = (posAt + negAt) / (pos - neg)
	return scale, -negAt - scale*neg
}

// valence is the model's net valence of the text in s.
func (m *sentModel) valence(s *scratch, a *analysis) float64 {
	sc := &s.senti // in the scratch: no allocation per text
	*sc = scorer{m: m.linModel}
	sentFeatures(s, a, sc)
	return m.scale*(a.sum+float64(sc.sum[0])) + m.shift
}

// signedTags name the tags of tagOrder carried by unfavourable ("-tag")
// and favourable ("+tag") contributions.
var signedTags = func() [][2]string {
	out := make([][2]string, len(tagOrder))
	for k, t := range tagOrder {
		out[k] = [2]string{"-" + t.name, "+" + t.name}
	}
	return out
}()

// sentFeatures gives sink the features of the analysed text in s: the
// register marks and the intents its words signal. The rules' net valence
// is the score's offset, not a feature.
func sentFeatures(s *scratch, a *analysis, sink featSink) {
	sink.add("", "bias", "", 1)
	mark := func(on bool, name string) {
		if on {
			sink.add("r", name, "", 1)
		}
	}
	toks := s.d.toks
	own, reply := s.ownVoice(), s.companyReply()
	person := s.personVoice(a)
	ad := s.d.links > 0 && !person && s.adShape()
	mark(own, "own")
	mark(reply, "reply")
	mark(ad, "ad")
	mark(ad && s.d.capsLet == 0 && len(toks) > 0 && toks[0].kind != tokMention, "listing")
	mark(s.d.links > 0, "link")
	mark(person, "person")
	mark(a.personal, "personal")
	mark(a.addressed, "addressed")
	mark(a.profane, "profane")
	mark(s.d.quest > 0, "quest")
	mark(s.d.excl > 0, "excl")
	mark(len(toks) > 0 && toks[0].kind == tokMention, "atstart")
	mark(len(toks) > 1 && toks[0].kind == tokWord && toks[0].norm == "rt", "rt")
	mark(sarcasmMarked(toks), "sarcasm")
	mark(!a.brand, "unlocated")
	mark(s.aimed, "others")
	for k, t := range tagOrder {
		mark(a.tags&t.bit != 0, t.name)
		mark(a.negTags&t.bit != 0, signedTags[k][0])
		mark(a.posTags&t.bit != 0, signedTags[k][1])
	}
	smile, frown := false, false
	for i := range toks {
		if k := toks[i].kind; k == tokEmoticon || k == tokEmoji {
			smile = smile || toks[i].val > 0
			frown = frown || toks[i].val < 0
		}
	}
	mark(smile, "smile")
	mark(frown, "frown")
}

// aimedOther reports whether token i is in a clause that names another
// brand and not the brand, or in a clause naming neither within a
// sentence that does (what aimOthers damps); valid when s.aimed.
func (s *scratch) aimedOther(i int) bool {
	clauses, sents := s.names[:s.nClause], s.names[s.nClause:]
	cl := clauses[s.clause[i]]
	return cl == 2 || (cl == 0 && sents[s.sent[i]] == 2)
}

// sentiment is the negativity of an analysed text and whether a positive
// label may be given: the rules' (rulesNeg, favourable evidence), or the
// sentiment model's for a text about a brand in a language that has one.
func (e *Engine) sentiment(s *scratch, a *analysis, in *Input, rulesNeg float64) (float64, bool) {
	if in.Brand == "" && len(in.Matched) == 0 {
		return rulesNeg, a.pos > 0
	}
	if e.sentHook != nil {
		ac := *a // a copy: a itself must not escape to the heap
		e.sentHook(s, &ac)
		return rulesNeg, a.pos > 0
	}
	m := e.sentModels[a.lang]
	if m == nil {
		return rulesNeg, a.pos > 0
	}
	return round2(negativity(m.valence(s, a), a.lang)), true
}
