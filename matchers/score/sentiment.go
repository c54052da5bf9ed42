package score

import (
	"math"
	"strings"
)

// Constants of the valence arithmetic (VADER scale, −4…+4 per word).
const (
	negScalar     = -0.74 // a negated word without its own negated valence
	capsIncr      = 0.733 // a word in capitals when the text is not shouted
	longIncr      = 0.3   // a word with a letter drawn out ("sooo", "ужаааас")
	exclIncr      = 0.292 // per exclamation mark, at most four
	contrastPre   = 0.5   // before "but", "но"
	contrastPost  = 1.5   // after it
	negScope      = 3     // words a negator reaches
	boostScope    = 2     // words a booster reaches
	intensifyBump = 0.8   // profanity used as an intensifier ("fucking great")
)

// hit is one contribution to the valence, kept for explanations.
type hit struct {
	tok  int     // first token
	last int     // last token
	val  float64 // weighted contribution
	tags tagSet
	ph   int32 // phrase index, -1 for a word, emoticon or emoji
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

// isClauseEnd reports whether a token ends a clause (negation and boosters
// stop there).
func isClauseEnd(t *token) bool {
	return t.kind == tokPunct
}

// analyse reads the tokens of s.d and computes the valence.
func (lx *lexicon) analyse(s *scratch, bp *brandPattern) analysis {
	var a analysis
	toks := s.d.toks
	n := len(toks)
	s.reset(n)

	// Sentences.
	sent := int32(0)
	for i := range toks {
		s.sent[i] = sent
		if isSentenceEnd(&toks[i]) {
			sent++
		}
	}
	if bp != nil {
		a.brand = bp.locate(toks, s.brand)
	}
	s.nearest(a.brand)

	// Lexicon look-up and phrases.
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord {
			continue
		}
		s.phr = s.phr[:0]
		e := lx.lookup(t.norm, func(p int32) { s.phr = append(s.phr, p) })
		if e == nil {
			e = lx.fallback(t)
		}
		s.ent[i] = e
		for _, p := range s.phr {
			if end, ok := lx.matchPhrase(p, toks, i, s); ok {
				ph := &lx.phrases[p]
				s.hits = append(s.hits, hit{tok: i, last: end, val: ph.val, tags: ph.tags, ph: p})
			}
		}
	}
	// Keep the longest phrase where phrases overlap; mark their words.
	lx.resolvePhrases(s)

	// Words.
	shouted := s.d.letters > 0 && float64(s.d.capsLet)/float64(s.d.letters) > 0.6
	negLeft := 0
	var boost float64
	boostLeft := 0
	lastHit := -1 // index in s.hits of the last word contribution
	lastHitTok := -1
	for i := range toks {
		t := &toks[i]
		switch t.kind {
		case tokPunct:
			negLeft, boostLeft = 0, 0
			continue
		case tokEmoticon, tokEmoji:
			if t.val != 0 {
				s.hits = append(s.hits, hit{tok: i, last: i, val: t.val, ph: -1})
			}
			continue
		case tokMention, tokNumber:
			continue
		}
		if s.used[i] {
			negLeft, boostLeft = 0, 0
			continue
		}
		e := s.ent[i]
		if e == nil {
			if negLeft > 0 {
				negLeft--
			}
			if boostLeft > 0 {
				boostLeft--
			}
			continue
		}
		a.tags |= e.tags &^ (tComplaint | tPraise)
		if e.flags&fFirstPerson != 0 {
			a.personal = true
		}
		if e.flags&fQuestionWord != 0 && s.d.quest > 0 {
			a.question = true
		}
		if e.flags&fProfane != 0 {
			a.profane = true
		}
		if e.flags&fNegator != 0 {
			if e.val != 0 {
				s.hits = append(s.hits, hit{tok: i, last: i, val: e.val * s.weight(i), tags: e.tags, ph: -1})
			}
			if e.flags&fPostNeg != 0 && lastHit >= 0 && lastHitTok == i-1 && s.ent[lastHitTok] != nil {
				// "связи нет": negate the word before
				pe := s.ent[lastHitTok]
				h := &s.hits[lastHit]
				if pe.hasNeg {
					h.val = pe.negVal * s.weight(lastHitTok)
				} else {
					h.val *= negScalar
				}
				lastHit = -1
			}
			negLeft = negScope
			continue
		}
		if e.flags&fBooster != 0 {
			boost, boostLeft = e.boost, boostScope
			continue
		}
		if e.flags&fIntensify != 0 {
			if k := nextWord(toks, i); k >= 0 && s.ent[k] != nil && math.Abs(s.ent[k].val) >= 1 && s.ent[k].flags&fProfane == 0 {
				boost, boostLeft = intensifyBump, boostScope
				continue
			}
		}
		v := e.val
		negated := false
		if negLeft > 0 {
			negated = true
			if e.hasNeg {
				v = e.negVal
			} else {
				v *= negScalar
			}
		} else if e.hasNeg && v == 0 {
			// a word that only matters negated ("работает"): remember it
			// for a following "нет"
			s.hits = append(s.hits, hit{tok: i, last: i, val: 0, tags: e.tags, ph: -1})
			lastHit, lastHitTok = len(s.hits)-1, i
		}
		if negLeft > 0 {
			negLeft--
		}
		if v == 0 {
			if boostLeft > 0 {
				boostLeft--
			}
			continue
		}
		if boostLeft > 0 && boost != 0 {
			if boost < 0 && math.Abs(v) <= -boost {
				v *= 0.5
			} else {
				v += sign(v) * boost
			}
			boostLeft = 0
		}
		if t.caps && !shouted && t.script != scriptOther {
			v += sign(v) * capsIncr
		}
		if t.long {
			v += sign(v) * longIncr
		}
		tags := e.tags
		if negated && e.val > 0 {
			tags &^= tPraise
		}
		s.hits = append(s.hits, hit{tok: i, last: i, val: v * s.weight(i), tags: tags, ph: -1})
		lastHit, lastHitTok = len(s.hits)-1, i
	}

	// Phrase contributions are weighted by their place too.
	for k := range s.hits {
		h := &s.hits[k]
		if h.ph >= 0 {
			h.val *= s.weight(h.tok)
		}
	}

	lx.contrast(s)

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
	if a.sum != 0 && s.d.excl > 0 {
		a.sum += sign(a.sum) * exclIncr * float64(min(s.d.excl, 4))
	}
	if s.d.quest > 0 {
		a.question = true
	}
	for i := range toks {
		if toks[i].kind == tokMention || s.brand[i] {
			// addressing someone (@brand …) is a personal account too
			if toks[i].kind == tokMention && i == 0 {
				a.personal = true
			}
		}
	}
	return a
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

// Targeting: how contributions decay with distance from the brand.
var (
	brandNear          = 4
	brandDecay         = 0.06
	brandFloor         = 0.45
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

// matchPhrase tries phrase p with its first element at token i; it returns
// the last token of the match.
func (lx *lexicon) matchPhrase(p int32, toks []token, i int, s *scratch) (int, bool) {
	ph := &lx.phrases[p]
	k := i
	for _, el := range ph.elems[1:] {
		found := false
		gap := 0
		for j := k + 1; j < len(toks) && gap <= maxGap; j++ {
			t := &toks[j]
			if isSentenceEnd(t) {
				break
			}
			if t.kind == tokPunct || t.kind == tokEmoticon || t.kind == tokEmoji {
				continue
			}
			ok := false
			for _, alt := range el {
				if alt.match(t, s.brand[j]) {
					ok = true
					break
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
func (lx *lexicon) resolvePhrases(s *scratch) {
	hs := s.hits
	for a := range hs {
		if lx.phrases[hs[a].ph].keep {
			continue
		}
		for b := range hs {
			if a == b || lx.phrases[hs[b].ph].keep || hs[b].tok > hs[a].last || hs[a].tok > hs[b].last || math.IsNaN(hs[b].val) {
				continue
			}
			la, lb := hs[a].last-hs[a].tok, hs[b].last-hs[b].tok
			if lb > la || (lb == la && b < a) {
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

// fallback looks a word up again in other spellings: masked profanity,
// letters drawn out, hyphenated compounds.
func (lx *lexicon) fallback(t *token) *entry {
	w := t.norm
	if t.masked {
		return lx.masked(w)
	}
	if t.long {
		if e := lx.lookup(squeeze(w, 1), nil); e != nil {
			return e
		}
		if e := lx.lookup(squeeze(w, 2), nil); e != nil {
			return e
		}
	}
	if t.hashtag {
		for _, suf := range hashtagSuffixes {
			if len(w) > len(suf) && strings.HasSuffix(w, suf) {
				return lx.lookup(suf, nil)
			}
		}
	}
	if strings.IndexByte(w, '-') > 0 {
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

// hashtagSuffixes are words that carry a compound hashtag's tone
// (#unitedsucks, #customerservicefail, #билайнотстой).
var hashtagSuffixes = []string{"sucks", "fail", "fails", "failure", "neveragain", "worst", "lies", "liars",
	"love", "rocks", "thanks", "thankyou", "awesome", "отстой", "позор", "ненавижу", "гавно", "говно", "зло", "спасибо", "люблю", "молодцы"}

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
	wr := []rune(w)
	tr := []rune(term)
	if len(wr) < len(tr) || (!prefix && len(wr) != len(tr)) {
		return false
	}
	masks := 0
	for k, r := range tr {
		switch wr[k] {
		case '*':
			masks++
		case r:
		default:
			return false
		}
	}
	// the letters beyond a prefix term must be real letters
	for _, r := range wr[len(tr):] {
		if r == '*' {
			masks++
		}
	}
	return masks > 0 && masks < len(wr)
}
