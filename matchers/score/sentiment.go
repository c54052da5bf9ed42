package score

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Constants of the valence arithmetic (VADER scale, −4…+4 per word).
const (
	negScalar     = -0.74 // a negated word without its own negated valence
	capsIncr      = 0.733 // a word in capitals when the text is not shouted
	longIncr      = 0.3   // a word with a letter drawn out ("sooo", "ужаааас")
	exclIncr      = 0.292 // per exclamation mark, at most four
	exclMin       = 0.5   // the net valence exclamation marks need to amplify
	exclMinEN     = 0.3   // the same in English
	contrastPre   = 0.5   // before "but", "но"
	contrastPost  = 1.5   // after it
	negScope      = 3     // words a negator reaches
	boostScope    = 2     // words a booster reaches
	intensifyBump = 0.8   // profanity used as an intensifier ("fucking great")
	hashtagDamp   = 0.5   // a word guessed inside a compound hashtag
)

// Constants of the customer-care register and of negation.
const (
	negScalarNeg  = -0.4   // a negated unfavourable word ("not rude")
	politeNeg     = 1.5    // unfavourable valence that makes courtesy suspect
	politeDamp    = 0.3    // what courtesy keeps then
	negBare       = 0.4    // a negation with no sentiment word to negate
	negBareEN     = 0.8    // the same in English customer care
	questionDamp  = 0.3    // unfavourable words in a plain question
	complaintDamp = 0.6    // favourable words inside a complaint
	interrobang   = 0.6    // "?!" in a message to the brand
	gratitudeDamp = 0.2    // unfavourable words inside thanks for help
	kindOfBoost   = -0.293 // what "kind of" and "sort of" take from the next word
	tailEmo       = 1.5    // an emoticon or emoji that closes a general English text
)

// targetEmo is what a smiley or emoji counts in a Russian text about a
// named company; chosen on the development halves of both SentiRuEval
// domains.
var targetEmo = 0.3

// serviceDamp is what the words of a support reply keep (serviceVoice).
var serviceDamp = 0.2

// ironyNeg is the unfavourable valence of one contribution that makes a
// Russian text's smileys ironic; ironyDamp is what they keep then.
var (
	ironyNeg  = 1.0
	ironyDamp = 0.0
)

// genOwn is what the project's own English words (customer-care
// vocabulary VADER does not rate) count in general English, where VADER's
// ratings rule; chosen with the neutral band on the development halves of
// all English sets together (tune_test.go). Little: outside customer care
// those words mostly describe, and VADER's raters did not hear them as
// opinions.
var genOwn = 0.3

// hit is one contribution to the valence, kept for explanations.
type hit struct {
	tok    int     // first token
	last   int     // last token
	val    float64 // weighted contribution
	tags   tagSet
	ph     int32 // phrase index, -1 for a word, emoticon or emoji
	polite bool
}

// analysis is the result of reading a text.
type analysis struct {
	sum      float64 // net valence: positive favourable, negative unfavourable
	pos, neg float64 // sums of favourable and unfavourable contributions
	tags     tagSet  // intents signalled by words and phrases
	negTags  tagSet  // tags carried by unfavourable contributions
	posTags  tagSet  // tags carried by favourable contributions
	personal bool    // first person or addressing the brand (complaint context)
	question bool
	profane  bool
	brand    bool // the brand was located in the text
	about    bool // the text is scored for a brand, located or not
	// addressed: the text speaks to the brand (@brand at the start, or
	// "Билайн, …")
	addressed bool
	lang      string // "ru", "en" or "other"
}

// scratch holds per-call buffers.
type scratch struct {
	d     doc
	ent   []*entry
	used  []bool
	brand []bool
	sent  []int32 // sentence index per token
	near  []int32 // nearest brand token per token, -1 if none
	hits  []hit
	phr   []int32
	cues  []cueKind   // intent cue kinds per token (intents.go)
	risk  []wordKinds // fraud and legal cue kinds per token (intents_words.go)
	score scorer      // the intent model's sums (intents_model.go)
	// other brands (others.go): their pattern, the tokens naming them,
	// the clause index per token
	others *otherPattern
	other  []bool
	// othersListed: the caller listed the other companies (Input.Others),
	// not only the brands monitored (Options.Brands): move_aim.go
	othersListed bool
	clause       []int32
	names        []uint8 // what each clause and sentence names (aimOthers)
	// ablated are the mechanisms switched off for this text (ablate.go)
	ablated ablation
	// careCleared: the customer-care readings took unfavourable weight
	// off the text (careReading)
	careCleared bool
	// adverseNews: a reading of news took the weight of an adverse event
	// off the text (news_severity.go)
	adverseNews bool
	// posing: a Russian warning about scammers posing as the brand
	// (ruFraudWarning, ru_everyday.go)
	posing bool
	// en: the everyday English shape tests already answered (en_shapes.go)
	en enShapes
	// ask9: question reads the English shapes of intents_ask9.go (set
	// only while the question tag is read again)
	ask9 bool
	// key and evidence are scratch space: the brand pattern cache's key
	// (engine.go read), the hits kept as evidence
	key      []byte
	evidence []int
	// brandMemo and othersMemo: the last brand and companies looked up
	// (patternCache.lookupMemo)
	brandMemo  listMemo[*brandPattern]
	othersMemo listMemo[*otherPattern]
	// spans are the token runs a rule reweighs (quotations, moveAim)
	spans []span
	// order is scratch space for an index of hits (resolvePhrases)
	order []int32
	// count is scratch space for running totals over tokens (enSarcasm)
	count []int32
	// statement: the company's own statement about a problem
	// (brand_statement.go); nonAction: news of what a company has not yet
	// said or decided (news_nonaction.go); cleared: news that lifts a
	// charge from the brand, told by nobody (news_cleared.go)
	statement, nonAction, cleared bool
	// contrastAt: the token of the contrast contrast() weighed around, or -1
	contrastAt int
}

func (s *scratch) reset(n int) {
	grow := func(b []bool) []bool {
		if cap(b) < n {
			return make([]bool, n)
		}
		b = b[:n]
		clear(b)
		return b
	}
	if cap(s.ent) < n {
		s.ent = make([]*entry, n)
	}
	s.ent = s.ent[:n]
	clear(s.ent)
	s.used = grow(s.used)
	s.brand = grow(s.brand)
	if cap(s.sent) < n {
		s.sent = make([]int32, n)
		s.near = make([]int32, n)
	}
	s.sent = s.sent[:n]
	s.near = s.near[:n]
	s.hits = s.hits[:0]
	s.careCleared = false
	s.adverseNews = false
	s.posing = false
	s.cleared = false
	s.contrastAt = -1
	s.en.reset()
}

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

// isSentenceEnd reports whether a punctuation token ends a sentence.
func isSentenceEnd(t *token) bool {
	return t.kind == tokPunct && (t.punct == '.' || t.punct == '!' || t.punct == '?' || t.punct == ';')
}

// analyse reads the tokens of s.d and computes the valence. Its steps:
// number the sentences, find the brand, look the words and phrases up,
// score the words one by one, weigh the phrases by their place, reweigh
// by clause (contrast, concession, questions, thanks, sarcasm), damp
// courtesy in complaints, and add everything up.
func (lx *lexicon) analyse(s *scratch, bp *brandPattern, lang string) analysis {
	a := analysis{lang: lang}
	s.reset(len(s.d.toks))
	s.sentences()
	s.locateBrand(bp, &a)
	lx.lookupWords(s, a.addressed)
	if lang == "en" && a.about && !a.addressed {
		s.everydayWordsEN() // en_everyday.go
	}
	// Keep the longest phrase where phrases overlap; mark their words.
	lx.resolvePhrases(s)
	scoreWords(s, &a)
	s.weighPhrases()

	lx.contrast(s)
	if !s.off(abConcessive) {
		lx.concessive(s)
	}
	if a.addressed {
		lx.questions(s)
		lx.gratitude(s)
	}
	if lang != "en" || a.addressed {
		// VADER does not damp what a request's sentence says; general
		// English follows it
		lx.requests(s)
	}
	if lang == "en" && !a.addressed && !s.off(abQuote) {
		s.quotations() // en_quotes.go
	}
	if !s.off(abSarcasm) && sarcasmMarked(s.d.toks) {
		s.invertPraise()
	}
	if lang == "ru" {
		s.ruQuestions()
		s.ruEvents()
		s.productNames()
		s.ruContrastPair() // ru_everyday.go
		s.ruIronicPraise()
		s.ruFraudWarning(a.about)
		s.ruAskedFavour()
		if a.brand && !a.addressed {
			s.ruElsewhere() // ru_everyday3.go
		}
	}
	s.aimOthers(s.others, lang)
	if a.brand {
		s.moveAim(lang) // move_aim.go
		if lang == "en" {
			s.othersChurnEN()
		}
	}
	if a.addressed && lang == "en" {
		s.careReading() // care_en.go
	}
	s.dampCourtesy(a.addressed)
	if lang == "ru" {
		s.ruConditional() // ru_aim.go
		s.ironicSmileys()
		s.russianRegister(&a)
	}
	lx.serviceVoice(s)
	if lang == "en" && a.about {
		s.everydayEN(a.addressed) // en_everyday.go
	}
	if a.brand {
		churnToBrand(s) // intents_sales.go
	}
	s.brandStatement(&a) // brand_statement.go
	s.newsNonAction(&a)  // news_nonaction.go
	s.newsCleared(&a)    // news_cleared.go

	a.total(s)
	a.adjust(s)
	return a
}

// sentences numbers the sentence of every token in s.sent.
func (s *scratch) sentences() {
	toks := s.d.toks
	sent := int32(0)
	for i := range toks {
		s.sent[i] = sent
		if isSentenceEnd(&toks[i]) {
			sent++
		}
	}
}

// locateBrand marks the tokens of the brand's name in s.brand, records in
// a whether the text names the brand and whether it speaks to it, and
// fills s.near. A message addressed to the brand is about the brand
// throughout: no decay with distance.
func (s *scratch) locateBrand(bp *brandPattern, a *analysis) {
	if bp != nil {
		a.about = true
		a.brand = bp.locate(s.d.toks, s.brand)
	}
	a.addressed = a.brand && addressed(s.d.toks, s.brand)
	s.nearest(a.brand && !a.addressed)
}

// lookupWords looks every word up in the lexicon, in other spellings when
// it is not there as written, into s.ent, and records the phrases that
// match from a word or a number (care phrases only in a message addressed
// to the brand).
func (lx *lexicon) lookupWords(s *scratch, addressed bool) {
	toks := s.d.toks
	for i := range toks {
		t := &toks[i]
		if t.kind == tokNumber {
			for _, p := range lx.numPhrases {
				lx.tryPhrase(s, p, i, addressed)
			}
			continue
		}
		if t.kind != tokWord {
			continue
		}
		s.phr = s.phr[:0]
		e := lx.lookup(t.norm, func(p int32) { s.phr = append(s.phr, p) })
		if e == nil {
			e = lx.fallback(s, t)
		}
		s.ent[i] = e
		for _, p := range s.phr {
			lx.tryPhrase(s, p, i, addressed)
		}
	}
}

// weighPhrases weights the phrase contributions by their place, as
// scoreWords does the words'.
func (s *scratch) weighPhrases() {
	for k := range s.hits {
		h := &s.hits[k]
		if h.ph >= 0 {
			h.val *= s.weight(h.tok)
		}
	}
}

// invertPraise reads a text marked as sarcastic ("#sarcasm", "#not"): what
// sounds favourable is meant the other way.
func (s *scratch) invertPraise() {
	for k := range s.hits {
		if h := &s.hits[k]; h.val > 0 {
			h.val *= -0.5
			h.tags &^= tPraise
		}
	}
}

// serviceVoice damps everything a text says when it speaks in the voice
// of a company's support ("Уточните, пожалуйста, номер договора", "Please
// DM us your confirmation number"): the words there describe the
// customer's problem or are courtesy, and are not an opinion of the
// company.
func (lx *lexicon) serviceVoice(s *scratch) {
	service := false
	for _, h := range s.hits {
		if h.ph >= 0 && lx.phrases[h.ph].service {
			service = true
			break
		}
	}
	if !service {
		return
	}
	for k := range s.hits {
		s.hits[k].val *= serviceDamp
	}
}

// ironicSmileys discounts the smileys of a Russian text that says
// something unfavourable: a ")))" or ":)" beside a complaint or bad news
// is irony or a shrug ("оштрафовали :)", "опять списали)))"), not
// approval.
func (s *scratch) ironicSmileys() {
	bad := false
	for _, h := range s.hits {
		if h.val <= -ironyNeg {
			bad = true
			break
		}
	}
	if !bad {
		return
	}
	for k := range s.hits {
		h := &s.hits[k]
		if t := s.d.toks[h.tok].kind; (t == tokEmoticon || t == tokEmoji) && h.val > 0 {
			h.val *= ironyDamp
		}
	}
}

// dampCourtesy discounts favourable contributions where they are not
// praise. Courtesy inside a complaint is not praise ("thanks for nothing",
// "спасибо, что ничего не работает"), and neither is courtesy in a
// request to the brand ("can you help? thanks") or in a message to it
// that is unfavourable enough. In a complaint to the brand, praise is
// mostly sarcasm or a foil ("I thought you were the best airline… on hold
// for an hour"): it counts less.
func (s *scratch) dampCourtesy(addressed bool) {
	complaint, negSum := s.complaint()
	if complaint || (addressed && (s.request() || negSum >= politeNeg)) {
		for k := range s.hits {
			if s.hits[k].polite && s.hits[k].val > 0 {
				s.hits[k].val *= politeDamp
			}
		}
	}
	if addressed && (complaint || negSum >= politeNeg) {
		for k := range s.hits {
			if !s.hits[k].polite && s.hits[k].val > 0 {
				s.hits[k].val *= complaintDamp
			}
		}
	}
}

// complaint reports whether an unfavourable contribution carries the
// complaint tag, and returns the unfavourable valence in all.
func (s *scratch) complaint() (bool, float64) {
	var complaint bool
	var negSum float64
	for _, h := range s.hits {
		if h.val < 0 {
			negSum -= h.val
			if h.tags&tComplaint != 0 {
				complaint = true
			}
		}
	}
	return complaint, negSum
}

// request reports whether the text asks for something: it has a question
// mark or a word of request.
func (s *scratch) request() bool {
	if s.d.quest > 0 {
		return true
	}
	for i := range s.d.toks {
		if e := s.ent[i]; e != nil && e.flags&fRequest != 0 {
			return true
		}
	}
	return false
}

// total adds the contributions up into a: the favourable and unfavourable
// sums, the tags each side carries, and the net valence.
func (a *analysis) total(s *scratch) {
	for _, h := range s.hits {
		a.tags |= h.tags &^ (tComplaint | tPraise)
		switch {
		case h.val > 0:
			a.pos += h.val
			a.posTags |= h.tags
		case h.val < 0:
			a.neg -= h.val
			a.negTags |= h.tags
		}
	}
	a.sum = a.pos - a.neg
}

// adjust applies what the text as a whole says to the net valence and the
// context: "?!" at the brand, the convention of courtesy toward the brand,
// exclamation marks, a question mark, an opening @mention.
func (a *analysis) adjust(s *scratch) {
	if a.addressed && s.d.interrobang {
		// "?!" at the brand is exasperation
		a.sum -= interrobang
		a.neg += interrobang
	}
	if a.addressed && a.sum > 0 {
		// Writing to the brand itself, people are courteous and ask for
		// things; courtesy and mild approval there are convention, not
		// praise. Strong praise keeps its weight.
		a.sum = math.Max(0, a.sum-math.Min(s.mildPraise(), addressedDiscount))
	}
	// Exclamation marks amplify a tone that is there, not a trace of one.
	least := exclMin
	if a.lang == "en" {
		least = exclMinEN
	}
	if (math.Abs(a.sum) >= least || s.off(abExclMin) && a.sum != 0) && s.d.excl > 0 {
		a.sum += sign(a.sum) * exclIncr * float64(min(s.d.excl, 4))
	}
	if s.d.quest > 0 {
		a.question = true
	}
	if toks := s.d.toks; len(toks) > 0 && toks[0].kind == tokMention {
		// addressing someone (@brand …) is a personal account too
		a.personal = true
	}
}

// mildPraise is the favourable valence that is courtesy or mild approval
// rather than strong praise.
func (s *scratch) mildPraise() float64 {
	var mild float64
	for _, h := range s.hits {
		if h.val > 0 && (h.polite || h.val < strongPraise) {
			mild += h.val
		}
	}
	return mild
}

// weight is how much a contribution at token i counts toward the target
// brand: full near a mention of the brand, less further away, less again
// in another sentence.
func (s *scratch) weight(i int) float64 {
	nearest := int(s.near[i])
	if nearest < 0 {
		return 1
	}
	best := nearest - i
	if best < 0 {
		best = -best
	}
	w := 1.0
	if best > brandNear {
		w = math.Max(brandFloor, 1-brandDecay*float64(best-brandNear))
	}
	if s.sent[nearest] != s.sent[i] {
		w *= brandOtherSentence
	}
	return w
}

// nearest fills s.near with the nearest brand token of every token.
func (s *scratch) nearest(found bool) {
	for i := range s.near {
		s.near[i] = -1
	}
	if !found {
		return
	}
	last := -1
	for i, b := range s.brand {
		if b {
			last = i
		}
		s.near[i] = int32(last)
	}
	next := -1
	for i := len(s.brand) - 1; i >= 0; i-- {
		if s.brand[i] {
			next = i
		}
		if next >= 0 && (s.near[i] < 0 || next-i < i-int(s.near[i])) {
			s.near[i] = int32(next)
		}
	}
}

// addressed reports whether the text opens by speaking to the brand: its
// leading @handles include the brand, or it starts with the brand's name
// followed by a comma or an exclamation mark.
func addressed(toks []token, brand []bool) bool {
	for i := range toks {
		t := &toks[i]
		switch {
		case t.kind == tokMention:
			if brand[i] {
				return true
			}
		case t.kind == tokPunct && (t.punct == '.' || t.punct == ':'):
			// ".@brand", "“@brand:" quotes
		case t.kind == tokWord && brand[i]:
			k := i + 1
			for k < len(toks) && brand[k] {
				k++
			}
			return k < len(toks) && toks[k].kind == tokPunct && (toks[k].punct == ',' || toks[k].punct == '!')
		default:
			return false
		}
	}
	return false
}

// addressedDiscount is the favourable valence a message addressed to the
// brand loses (courtesy, requests).
var addressedDiscount = 1.5

// strongPraise is the valence from which a word is praise, not courtesy.
var strongPraise = 2.6

// questions halves the unfavourable words of plain questions ("is my flight
// delayed?", "можно ли вернуть деньги?"): asking about a problem is not yet
// complaining about it. A question that opens with "why" or "почему", or
// ends in "??" or "?!", is a complaint and keeps its weight.
//
// Each question reweighs only its own sentence's hits (hitIndex).
func (lx *lexicon) questions(s *scratch) {
	toks := s.d.toks
	var idx hitIndex
	indexed := false
	if s.d.quest == 0 {
		return
	}
	start := 0
	for i := range toks {
		if !isSentenceEnd(&toks[i]) && i != len(toks)-1 {
			continue
		}
		t := &toks[i]
		plain := t.kind == tokPunct && t.punct == '?' && t.run == 0 && (i+1 >= len(toks) || toks[i+1].kind != tokPunct || toks[i+1].punct != '!')
		if plain {
			// the first word of the sentence must be an interrogative
			for k := start; k < i; k++ {
				if toks[k].kind != tokWord {
					continue
				}
				if e := s.ent[k]; e == nil || e.flags&fQuestionWord == 0 {
					plain = false
				}
				break
			}
		}
		if plain {
			sent := s.sent[start]
			if !indexed {
				idx, indexed = s.indexHits(), true
			}
			// the sentence's tokens are [start, i]; a hit is in it by its
			// first token
			for _, k := range idx.in(start, i+1) {
				if h := &s.hits[k]; h.val < 0 && s.sent[h.tok] == sent {
					h.val *= questionDamp
				}
			}
		}
		start = i + 1
	}
}

// Targeting: how contributions decay with distance from the brand.
var (
	brandNear          = 2
	brandDecay         = 0.06
	brandFloor         = 0.6
	brandOtherSentence = 0.75
)

// contrast weighs the clause before "but"/"но" less and the one after it
// more, within the sentence (or, when the contrast opens a sentence,
// against the sentence before).
func (lx *lexicon) contrast(s *scratch) {
	toks := s.d.toks
	at := -1
	for i := len(toks) - 1; i >= 0; i-- {
		if e := s.ent[i]; e != nil && e.flags&fContrast != 0 && !s.used[i] {
			at = i
			break
		}
	}
	if at < 0 {
		return
	}
	s.contrastAt = at
	sent := s.sent[at]
	first := true
	for k := at - 1; k >= 0; k-- {
		if toks[k].kind == tokWord && s.sent[k] == sent {
			first = false
			break
		}
	}
	lo := sent
	if first && sent > 0 {
		lo = sent - 1
	}
	for k := range s.hits {
		h := &s.hits[k]
		hs := s.sent[h.tok]
		switch {
		case h.tok < at && hs >= lo:
			h.val *= contrastPre
		case h.tok > at && hs == sent:
			h.val *= contrastPost
		}
	}
}

// lastToken reports whether token i ends the text: only mentions, hashtags
// and punctuation follow it.
func lastToken(toks []token, i int) bool {
	for k := i + 1; k < len(toks); k++ {
		switch t := &toks[k]; {
		case t.kind == tokPunct, t.kind == tokMention, t.kind == tokWord && t.hashtag:
		default:
			return false
		}
	}
	return true
}

// gratitude finds thanks for help given ("thank you for getting us home",
// "thx to the gate agent for finding us a seat"): courtesy followed, in
// the same clause, by "for" or "to" and a word of help. The thanks are
// praise, and the trouble named after them is what was solved, not a
// complaint: its words count little and carry no complaint tag.
//
// Each thanks reweighs only the hits of its clause (hitIndex).
func (lx *lexicon) gratitude(s *scratch) {
	toks := s.d.toks
	var idx hitIndex
	indexed := false
	for i := range toks {
		e := s.ent[i]
		if e == nil || e.flags&fPolite == 0 || e.tags&tPraise == 0 {
			continue
		}
		linked, solved := false, false
		end := clauseEnd(s, i)
		for k := i + 1; k < end; k++ {
			switch {
			case toks[k].kind != tokWord:
			case toks[k].norm == "for" || toks[k].norm == "to":
				linked = true
			case linked && s.ent[k] != nil && s.ent[k].flags&fSolved != 0:
				solved = true
			}
		}
		if !solved {
			continue
		}
		if !indexed {
			idx, indexed = s.indexHits(), true
		}
		// the hits over the thanks start at most the longest hit before it
		for _, k := range idx.in(i-idx.span, end) {
			h := &s.hits[k]
			switch {
			case h.tok <= i && h.last >= i && h.val > 0:
				// the thanks itself is praise, not courtesy
				h.polite = false
				h.val = math.Max(h.val, strongPraise)
			case h.tok > i && h.tok < end && h.val < 0:
				h.val *= gratitudeDamp
				h.tags &^= tComplaint
			}
		}
	}
}

// clauseEnd is the token after the clause of token i: the clause ends at
// a dash or with the sentence.
func clauseEnd(s *scratch, i int) int {
	toks := s.d.toks
	k := i + 1
	for k < len(toks) && s.sent[k] == s.sent[i] && !(toks[k].kind == tokPunct && toks[k].punct == '-') {
		k++
	}
	return k
}

// concessive weighs a sentence-opening concessive clause ("Although the
// cast is fine, the plot is a mess") less and the rest of the sentence
// more.
//
// Each sentence reweighs only its own hits (hitIndex).
func (lx *lexicon) concessive(s *scratch) {
	toks := s.d.toks
	var idx hitIndex
	indexed := false
	start := 0
	for start < len(toks) {
		// first word of the sentence
		i := start
		for i < len(toks) && toks[i].kind != tokWord && !isSentenceEnd(&toks[i]) {
			i++
		}
		end := i
		for end < len(toks) && !isSentenceEnd(&toks[end]) {
			end++
		}
		if i < len(toks) && toks[i].kind == tokWord {
			w := toks[i].norm
			if w == "although" || w == "though" || w == "despite" || w == "while" || w == "whilst" || (w == "even" && i+1 < len(toks) && toks[i+1].norm == "though") {
				comma := -1
				for k := i + 1; k < end; k++ {
					if toks[k].kind == tokPunct && toks[k].punct == ',' {
						comma = k
						break
					}
				}
				if comma > 0 {
					if !indexed {
						idx, indexed = s.indexHits(), true
					}
					for _, k := range idx.in(i+1, end) {
						h := &s.hits[k]
						switch {
						case h.tok > i && h.tok < comma:
							h.val *= contrastPre
						case h.tok > comma && h.tok < end:
							h.val *= contrastPost
						}
					}
				}
			}
		}
		start = end + 1
	}
}

// sarcasmMarked reports whether the text carries an explicit sarcasm
// marker: the hashtags #sarcasm, #sarcastic, #not or #сарказм.
func sarcasmMarked(toks []token) bool {
	for i := range toks {
		if t := &toks[i]; t.kind == tokWord && t.hashtag && (t.norm == "sarcasm" || t.norm == "sarcastic" || t.norm == "not" || t.norm == "сарказм") {
			return true
		}
	}
	return false
}

// afterWord reports whether the word before token i is one of words.
func afterWord(toks []token, i int, words ...string) bool {
	if i == 0 || toks[i-1].kind != tokWord {
		return false
	}
	for _, w := range words {
		if toks[i-1].norm == w {
			return true
		}
	}
	return false
}

// tryPhrase records phrase p when it matches from token i (care phrases
// only in a message addressed to the brand).
func (lx *lexicon) tryPhrase(s *scratch, p int32, i int, addressed bool) {
	ph := &lx.phrases[p]
	if ph.care && !addressed {
		return
	}
	if end, ok := lx.matchPhrase(p, s.d.toks, i, s); ok {
		s.hits = append(s.hits, hit{tok: i, last: end, val: ph.val, tags: ph.tags, ph: p, polite: ph.polite})
	}
}

// matchPhrase tries phrase p with its first element at token i; it returns
// the last token of the match.
func (lx *lexicon) matchPhrase(p int32, toks []token, i int, s *scratch) (int, bool) {
	ph := &lx.phrases[p]
	k := i
	limit := maxGap
	if ph.tight {
		limit = 0
	}
	for e, el := range ph.elems[1:] {
		mask := ph.masks[e+1]
		found := false
		gap := 0
		for j := k + 1; j < len(toks) && gap <= limit; j++ {
			t := &toks[j]
			if isSentenceEnd(t) {
				break
			}
			if t.kind == tokPunct {
				// a phrase does not run across punctuation
				if t.punct == '-' && gap == 0 {
					continue
				}
				break
			}
			if t.kind == tokEmoticon || t.kind == tokEmoji {
				continue
			}
			ok := false
			if mask == 0 || mask&runeBit(t.norm) != 0 {
				for _, alt := range el {
					if alt.match(t, s.brand[j]) {
						ok = true
						break
					}
				}
			}
			if ok {
				k, found = j, true
				break
			}
			gap++
		}
		if !found {
			return 0, false
		}
	}
	return k, true
}

// resolvePhrases drops phrases overlapping a longer one and marks the words
// of the rest as used (their own valences no longer count).
//
// A phrase is dropped when another one overlapping it, not dropped before
// it, is longer, or as long and found first. Only the phrases that can
// overlap it are looked at: those starting at most the longest phrase's
// length before it, found by their first token in a sorted index, so a
// text of many phrases costs n·log n, not the square of their number.
func (lx *lexicon) resolvePhrases(s *scratch) {
	hs := s.hits
	// by: the phrases that can drop another (not kept), by first token
	by := s.order[:0]
	span := 0
	for b := range hs {
		if lx.phrases[hs[b].ph].keep {
			continue
		}
		by = append(by, int32(b))
		span = max(span, hs[b].last-hs[b].tok)
	}
	slices.SortFunc(by, func(x, y int32) int { return cmp.Compare(hs[x].tok, hs[y].tok) })
	s.order = by
	for a := range hs {
		if lx.phrases[hs[a].ph].keep {
			continue
		}
		lo := hs[a].tok - span
		from, _ := slices.BinarySearchFunc(by, lo, func(x int32, t int) int {
			if hs[x].tok < t {
				return -1
			}
			return 1
		})
		for _, b32 := range by[from:] {
			b := int(b32)
			if hs[b].tok > hs[a].last {
				break
			}
			if a == b || hs[a].tok > hs[b].last || math.IsNaN(hs[b].val) {
				continue
			}
			if lx.namesBrandOver(s, &hs[a], &hs[b]) {
				continue
			}
			la, lb := hs[a].last-hs[a].tok, hs[b].last-hs[b].tok
			if lb > la || (lb == la && b < a) || lx.namesBrandOver(s, &hs[b], &hs[a]) {
				hs[a].val = math.NaN() // dropped
				break
			}
		}
	}
	out := hs[:0]
	for _, h := range hs {
		if math.IsNaN(h.val) {
			continue
		}
		out = append(out, h)
	}
	s.hits = out
	for _, h := range s.hits {
		if lx.phrases[h.ph].keep {
			continue
		}
		for k := h.tok; k <= h.last; k++ {
			if s.d.toks[k].kind == tokWord {
				s.used[k] = true
			}
		}
	}
}

// namesBrandOver reports whether hit x names the brand in a BRAND slot of
// its phrase where hit y, whose phrase has no BRAND at all, only passes
// over it in a gap: x then wins whatever the lengths. In "Switched from
// Comcast to Verizon" scored for Comcast, "switched from BRAND" (churn)
// wins over the longer "switch* … to", which says nothing of Comcast.
func (lx *lexicon) namesBrandOver(s *scratch, x, y *hit) bool {
	if !lx.phrases[x.ph].brandSlot || lx.phrases[y.ph].anyBrand {
		return false
	}
	for k := max(x.tok, y.tok); k <= min(x.last, y.last); k++ {
		if s.brand[k] {
			return true
		}
	}
	return false
}

// fallback looks a word up again in other spellings: masked profanity,
// letters drawn out, hyphenated compounds (those s has not switched off).
func (lx *lexicon) fallback(s *scratch, t *token) *entry {
	w := t.norm
	if t.masked {
		return lx.masked(w)
	}
	if t.long && !s.off(abLong) {
		if e := lx.lookup(squeeze(w, 1), nil); e != nil {
			return e
		}
		if e := lx.lookup(squeeze(w, 2), nil); e != nil {
			return e
		}
	}
	if t.hashtag && len(w) <= maxHashtag && !t.title && !s.off(abHashtag) {
		return lx.hashtag(w)
	}
	if strings.IndexByte(w, '-') > 0 && !s.off(abHyphen) {
		var best *entry
		for _, part := range strings.Split(w, "-") {
			if len(part) < 4 {
				continue
			}
			if e := lx.lookup(part, nil); e != nil && (best == nil || math.Abs(e.val) > math.Abs(best.val)) {
				best = e
			}
		}
		return best
	}
	return nil
}

// maxHashtag is the longest hashtag (in bytes) split into words.
const maxHashtag = 40

var shortTails = map[string]bool{"fail": true, "fails": true, "lies": true, "love": true, "win": true, "зло": true, "ад": true}

// hashtag reads a compound hashtag (#badservice, #stillwaiting,
// #билайнотстой, #nothanks): it splits the word in two and keeps the half
// with the strongest valence; a leading "no", "not", "never" or "не"
// negates the other half.
func (lx *lexicon) hashtag(w string) *entry {
	var best *entry
	var bestNeg bool
	for i, r := range w {
		if i < 2 || len(w)-i < 3 || r == '-' {
			continue
		}
		left, right := w[:i], w[i:]
		if e := lx.lookup(left, nil); e != nil && e.flags&fNegator != 0 {
			if re := lx.lookup(right, nil); re != nil && re.val != 0 && (best == nil || math.Abs(re.val) > math.Abs(best.val)) {
				best, bestNeg = re, true
			}
			continue
		}
		for k, part := range [2]string{left, right} {
			// a tail must be a longer word, or one of the few short ones
			// hashtags end in ("#unitedfail"): short tails are too often
			// pieces of longer words ("#neverflyaaagain" is not "gain")
			if len(part) < 3 || (k == 1 && len(part) < 5 && !shortTails[part]) {
				continue
			}
			if e := lx.lookup(part, nil); e != nil && math.Abs(e.val) >= 1 && e.flags&(fStop|fNegator|fBooster) == 0 && (best == nil || math.Abs(e.val) > math.Abs(best.val)) {
				best, bestNeg = e, false
			}
		}
	}
	if best == nil {
		return nil
	}
	// a guessed split counts less than a word written out
	v := best.val * hashtagDamp
	tags := best.tags
	if bestNeg {
		v = best.val * negScalar
		if best.hasNeg {
			v = best.negVal
		}
		tags &^= tPraise
	}
	return &entry{term: best.term, val: v, tags: tags}
}

// squeeze shortens every run of a repeated letter to at most n.
func squeeze(w string, n int) string {
	var b strings.Builder
	var prev rune
	run := 0
	for _, r := range w {
		if r == prev {
			run++
		} else {
			prev, run = r, 1
		}
		if run <= n {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// masked matches a word with masked letters (х*й, f***, sh*t) against the
// profanity of the lexicon: each "*" stands for one letter.
func (lx *lexicon) masked(w string) *entry {
	letters := 0
	for _, r := range w {
		if r != '*' {
			letters++
		}
	}
	if letters == 0 {
		return nil
	}
	for _, i := range lx.profane {
		e := &lx.entries[i]
		stem, prefix := strings.CutSuffix(e.term, "*")
		if maskMatch(w, stem, prefix) {
			return e
		}
	}
	return nil
}

func maskMatch(w, term string, prefix bool) bool {
	masks, n := 0, 0
	i, j := 0, 0
	for j < len(term) {
		if i >= len(w) {
			return false // the word is shorter than the term
		}
		wr, ws := utf8.DecodeRuneInString(w[i:])
		tr, ts := utf8.DecodeRuneInString(term[j:])
		switch wr {
		case '*':
			masks++
		case tr:
		default:
			return false
		}
		i, j, n = i+ws, j+ts, n+1
	}
	if i < len(w) && !prefix {
		return false
	}
	// the letters beyond a prefix term count too
	for _, r := range w[i:] {
		n++
		if r == '*' {
			masks++
		}
	}
	return masks > 0 && masks < n
}
