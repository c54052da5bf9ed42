package score

import (
	"bufio"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// The intent models decide complaint, question and praise. Each is a
// logistic model over the tagger's own signals (what the rules decided,
// the sentiment, who speaks, links, marks) and, for Russian, the words of
// the text (English reads the signals alone: intents_model_en.go): each
// word's first five letters (a cheap stem that folds most inflections:
// жалоба, жалобу, жалобой) and each pair of neighbouring words (не
// работает, верните деньги). Their weights are learned from the project's
// hand-labelled texts (testdata/intents, DATA.md) by TestTrainIntentModel
// and shipped in data/intents_LANG.model. Where a language has no model
// the rules decide alone.

// modelIntents are the intents the model decides, in the order of the
// weight columns.
var modelIntents = [nModel]tagSet{tComplaint, tQuestion, tPraise}

const nModel = 3

// intentModel is the loaded model: weights by feature hash, and the score
// from which each intent is given.
type intentModel struct {
	w   map[uint64][nModel]float32
	tab weightTable // w, for scoring (intents_weights.go)
	cut [nModel]float32
	// rules marks the intents the model leaves to the rules: those where
	// it did not beat them out of fold (the "decides" line of the file)
	rules [nModel]bool
	// lambda is the regularisation each intent was fitted with (for the
	// test that the shipped weights are what training gives today)
	lambda [nModel]float32
	// wordless: the model reads the tagger's signals alone, no word
	// (enIntentFeatures, the English model), not intentFeatures
	wordless bool
	// addressedOnly: the model decides only texts put to someone's
	// handle about a brand, and leaves the others to the rules
	// (langAddressedOnly)
	addressedOnly bool
}

// featSink receives the features of one text. A feature is named by a kind
// and one or two strings; the model hashes the name without building it.
type featSink interface {
	add(kind string, a, b string, val float32)
}

// featHash is FNV-1a over kind, a, "|" and b.
func featHash(kind, a, b string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(kind); i++ {
		h = (h ^ uint64(kind[i])) * prime
	}
	h = (h ^ ':') * prime
	for i := 0; i < len(a); i++ {
		h = (h ^ uint64(a[i])) * prime
	}
	if b != "" {
		h = (h ^ '|') * prime
		for i := 0; i < len(b); i++ {
			h = (h ^ uint64(b[i])) * prime
		}
	}
	return h
}

// featName is the printable name of a feature, as the model file has it.
func featName(kind, a, b string) string {
	if b == "" {
		return kind + ":" + a
	}
	return kind + ":" + a + "|" + b
}

// scorer sums a model's weights over the features it is given.
type scorer struct {
	m   *intentModel
	sum [nModel]float32
}

func (sc *scorer) add(kind, a, b string, val float32) {
	if w, ok := sc.m.tab.get(featHash(kind, a, b)); ok {
		for k := range sc.sum {
			sc.sum[k] += w[k] * val
		}
	}
}

// stemLen is how many letters of a word stand for it.
const stemLen = 5

// wordStem is the first stemLen letters of a normalised word.
func wordStem(w string) string {
	n := 0
	for i := 0; i < len(w); n++ {
		if n == stemLen {
			return w[:i]
		}
		// a letter of the Latin or Cyrillic alphabet without decoding it;
		// anything else as ranging over the string would step
		switch c := w[i]; {
		case c < utf8.RuneSelf:
			i++
		case 0xC2 <= c && c <= 0xDF && i+1 < len(w) && w[i+1]&0xC0 == 0x80:
			i += 2
		default:
			_, size := utf8.DecodeRuneInString(w[i:])
			i += size
		}
	}
	return w
}

// signals are the rule decisions the model reads beside the words.
type signals struct {
	built                 tagSet
	asks, rhetorical      bool
	marker, neg, pos      bool
	about, hostile        bool
	negativity            float64
	unfavour, favour      float64
	quest, excl, atStart  bool
	news, linkTitle, link bool
	person, expressive    bool
	cues                  cueKind
	// unmarked: the rules found a question with no "?" ("Подскажите,
	// сколько стоит …", "Почему у них нет тарифа для планшета"), which is
	// a question; request: in a request form of the lexicon
	// ("подскажите", "кто-нибудь знает"), which complains only with a
	// complaint's words (a bare interrogative is as often indignant: the
	// model decides its complaint); friendTalk: a talk with a friend that
	// names the brand in passing. These are shapes the rules know and the
	// labelled tweets hold too few of to teach: the model does not
	// overrule them.
	unmarked, request, friendTalk bool
	// keepRhetoric: a rhetorical question ("how hard can it be to …?")
	// asks nothing, as the rules decide, whatever the model's score
	// (English, whose labelled rows hold too few of them to teach)
	keepRhetoric bool
	// asksOnly: an English question for information that names a
	// problem to ask about it ("what's not allowed in a checked bag?",
	// enAsksOnly), which the rules hold to be no complaint
	asksOnly bool
	// careCleared: the customer-care readings took unfavourable weight
	// off a message to the brand (the author's own slip, talk about the
	// channel, a corrected detail, the weather) or found it asking what to
	// expect of a failure to come (care_en.go): where the rules then find
	// no complaint, the model does not make one
	careCleared bool
}

// settle applies the rules' shapes the model does not overrule.
func (sg *signals) settle(built tagSet) tagSet {
	if sg.unmarked {
		built |= tQuestion
		if sg.request && !sg.marker {
			// a request for help with no words of a complaint asks
			// about a problem; it does not yet complain of it
			built &^= tComplaint
		}
	}
	if sg.friendTalk {
		built &^= tComplaint
	}
	if sg.keepRhetoric && sg.rhetorical && !sg.asks {
		// (beside a real question the rules' question stands)
		built &^= tQuestion
	}
	if sg.asksOnly || sg.careCleared && sg.built&tComplaint == 0 {
		built &^= tComplaint
	}
	return built
}

// cueNames name the cue kinds' bits as features, in bit order.
var cueNames = [...]string{"c.news", "c.rhetoric", "c.channel", "c.regulator", "c.step", "c.routine",
	"c.friend", "c.ask", "c.where", "c.wh", "c.aux", "c.subj", "c.opener", "c.lead", "c.pronoun", "c.voice"}

// intentFeatures gives sink every feature of the text of s: the model of
// Russian, which reads the words too.
func intentFeatures(s *scratch, sg *signals, sink featSink) {
	signalFeatures(sg, sink)
	wordFeatures(s, sink)
	shapeFeatures(s, sg, sink, true)
}

// signalFeatures gives sink the bias and the rules' signals of sg.
func signalFeatures(sg *signals, sink featSink) {
	sink.add("", "bias", "", 1)
	for _, t := range tagOrder {
		if t.bit&(tComplaint|tQuestion|tPraise|tFraud|tLegal) != 0 {
			if sg.built&t.bit != 0 {
				sink.add("r", t.name, "", 1)
			}
		}
	}
	if sg.asks {
		sink.add("r", "asks", "", 1)
	}
	if sg.rhetorical {
		sink.add("r", "rhetorical", "", 1)
	}
	if sg.marker {
		sink.add("r", "marker", "", 1)
	}
	if sg.neg {
		sink.add("r", "neg", "", 1)
	}
	if sg.pos {
		sink.add("r", "pos", "", 1)
	}
	if sg.about {
		sink.add("r", "about", "", 1)
	}
	if sg.hostile {
		sink.add("r", "hostile", "", 1)
	}
	if sg.quest {
		sink.add("r", "quest", "", 1)
	}
	if sg.excl {
		sink.add("r", "excl", "", 1)
	}
	if sg.atStart {
		sink.add("r", "atstart", "", 1)
	}
	if sg.news {
		sink.add("r", "news", "", 1)
	}
	if sg.linkTitle {
		sink.add("r", "linktitle", "", 1)
	}
	if sg.link {
		sink.add("r", "link", "", 1)
	}
	if sg.person {
		sink.add("r", "person", "", 1)
	}
	if sg.expressive {
		sink.add("r", "expressive", "", 1)
	}
	sink.add("n", "negativity", "", float32(sg.negativity-NeutralNegativity))
	sink.add("n", "unfavour", "", float32(math.Min(sg.unfavour, 4)/4))
	sink.add("n", "favour", "", float32(math.Min(sg.favour, 4)/4))
	for b, name := range cueNames {
		if sg.cues&(1<<b) != 0 {
			sink.add("r", name, "", 1)
		}
	}
}

// wordFeatures gives sink the lexicon entries, words and pairs of words of
// the text of s.
func wordFeatures(s *scratch, sink featSink) {
	prev := ""
	for i := range s.d.toks {
		if e := s.ent[i]; e != nil && e.term != "" {
			// the lexicon's word: its valence and tags weighed for intents
			sink.add("e", e.term, "", 1)
		}
		t := &s.d.toks[i]
		var w string
		switch {
		case t.kind == tokWord && s.brand[i]:
			w = "<brand>"
		case t.kind == tokWord:
			w = wordStem(t.norm)
		case t.kind == tokMention:
			w = "<@>"
		case t.kind == tokPunct && (t.punct == '?' || t.punct == '!'):
			w = string(rune(t.punct))
		case t.kind == tokEmoticon || t.kind == tokEmoji:
			if t.val < 0 {
				w = "<frown>"
			} else if t.val > 0 {
				w = "<smile>"
			}
		}
		if w == "" {
			prev = ""
			continue
		}
		sink.add("u", w, "", 1)
		if prev != "" {
			sink.add("b", prev, w, 1)
		}
		prev = w
	}
}

// decide replaces the rules' complaint, question and praise by the
// model's, for a text the model covers.
func (m *intentModel) decide(s *scratch, sg *signals) tagSet {
	if m.addressedOnly && !sg.addressed() {
		return sg.built
	}
	sc := &s.score // in the scratch: no allocation per text
	*sc = scorer{m: m}
	if m.wordless { // direct calls: sg stays on the caller's stack
		enIntentFeatures(s, sg, sc)
	} else {
		intentFeatures(s, sg, sc)
	}
	return sg.settle(m.apply(sg.built, &sc.sum))
}

// apply gives the decisions of the model's scores sum on top of the rules'
// built: an intent the model decides is given where its score reaches the
// cut.
func (m *intentModel) apply(built tagSet, sum *[nModel]float32) tagSet {
	for k, bit := range modelIntents {
		if m.rules[k] {
			continue
		}
		built &^= bit
		if sum[k] >= m.cut[k] {
			built |= bit
		}
	}
	return built
}

// modelLangs are the languages with a built-in intent model. The English
// one reads the tagger's signals alone, no word (intents_model_en.go).
var modelLangs = []string{"ru", "en"}

var (
	modelOnce sync.Once
	models    map[string]*intentModel
)

// builtinIntentModels are the built-in models by language; a language
// whose file carries no weights has none.
func builtinIntentModels() map[string]*intentModel {
	modelOnce.Do(func() {
		models = map[string]*intentModel{}
		for _, lang := range modelLangs {
			name := "intents_" + lang + ".model"
			b, err := dataFS.ReadFile("data/" + name)
			if err != nil {
				panic(fmt.Errorf("score: %w", err))
			}
			m, err := parseIntentModel(name, string(b))
			if err != nil {
				panic(err)
			}
			if m != nil {
				m.wordless, m.addressedOnly = langWordless(lang), langAddressedOnly(lang)
				models[lang] = m
			}
		}
	})
	return models
}

// parseIntentModel reads a model file: "#" comments, a "cut" line with
// each intent's cut and a "lambda" line with its regularisation, an
// optional "decides" line (1 where the model decides the intent, 0 where
// it leaves it to the rules; all 1 without it), then one
// feature a line, its name and a weight per intent, tab-separated. A file
// with no features is no model. The model reads intentFeatures unless
// its language has a wordless one (langWordless).
func parseIntentModel(name, data string) (*intentModel, error) {
	m := &intentModel{w: map[uint64][nModel]float32{}}
	sc := bufio.NewScanner(strings.NewReader(data))
	for ln := 1; sc.Scan(); ln++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != nModel+1 {
			return nil, fmt.Errorf("score: %s:%d: %d fields, want %d", name, ln, len(f), nModel+1)
		}
		var w [nModel]float32
		for k := range w {
			v, err := strconv.ParseFloat(f[k+1], 32)
			if err != nil {
				return nil, fmt.Errorf("score: %s:%d: %w", name, ln, err)
			}
			w[k] = float32(v)
		}
		switch f[0] {
		case "cut":
			m.cut = w
			continue
		case "lambda":
			m.lambda = w
			continue
		case "decides":
			// 1 where the model decides the intent, 0 where the rules do
			for k := range w {
				m.rules[k] = w[k] == 0
			}
			continue
		}
		kind, rest, ok := strings.Cut(f[0], ":")
		if !ok || !utf8.ValidString(rest) {
			return nil, fmt.Errorf("score: %s:%d: feature %q", name, ln, f[0])
		}
		a, b, _ := strings.Cut(rest, "|")
		m.w[featHash(kind, a, b)] = w
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(m.w) == 0 {
		return nil, nil
	}
	m.tab = newWeightTable(m.w)
	return m, nil
}
