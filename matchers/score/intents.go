package score

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// The intent tagger decides the built-in intents of a mention from what
// the analysis found (the words and phrases that carry an intent, the
// sentiment) and from who speaks and how: a person or a newsroom, the
// brand's own account, a question or an outburst. See docs/labelling.md
// for what each intent means; TestEvalIntents measures it.

//go:embed data/intents.cue
var intentCueData string

// cueKind is a set of kinds of intent cue words (data/intents.cue).
type cueKind uint16

const (
	cueNews      cueKind = 1 << iota // news reports and announcements
	cueRhetoric                      // makes a question rhetorical
	cueChannel                       // a legal channel: court, claim, police
	cueRegulator                     // a regulator or consumer body
	cueStep                          // a formal step (fine, inquiry, complaint)
	cueRoutine                       // makes a regulator's step routine
	cueFriend                        // a question put to a friend
	cueAsk                           // an interrogative
	cueWhere                         // where: asks without a "?"
	cueWh                            // a wh-word: before an auxiliary it asks ("how do", "when will")
	cueAux                           // an English auxiliary: before a subject it asks ("can you")
	cueSubj                          // a subject after an inverted auxiliary
	cueOpener                        // opens a question without a "?" ("почему", "сколько стоит")
	cueLead                          // a lead-in word before a question ("а", "so")
	cuePronoun                       // a pronoun subject: "can you" asks even after a name
	cueVoice                         // a word only a person writes ("жаль", "будем", "lol")
)

var cueKinds = map[string]cueKind{"news": cueNews, "rhetoric": cueRhetoric, "channel": cueChannel,
	"regulator": cueRegulator, "step": cueStep, "routine": cueRoutine, "friend": cueFriend,
	"ask": cueAsk, "where": cueWhere, "wh": cueWh, "aux": cueAux, "subj": cueSubj, "opener": cueOpener, "lead": cueLead, "pronoun": cuePronoun, "voice": cueVoice}

// cueList holds the cue words: a trie of single words and stems (an
// entry's flags hold its kinds) and the pairs.
type cueList struct {
	words *lexicon
	pairs map[string]cueKind
	// pairBits has the bit of pairBit set for every pair: most pairs of
	// words a text holds are ruled out without a map lookup
	pairBits [1 << pairBitsLog >> 6]uint64
}

// pairBitsLog is the size of cueList.pairBits, in bits (log 2).
const pairBitsLog = 14

// pairBit is the filter bit of the pair a b: a mix of their lengths, the
// last two bytes of a and the first two of b.
func pairBit(a, b string) uint32 {
	h := uint32(len(a))*31 + uint32(len(b))
	if len(a) > 0 {
		h = h*131 + uint32(a[len(a)-1])
	}
	if len(a) > 1 {
		h = h*131 + uint32(a[len(a)-2])
	}
	if len(b) > 0 {
		h = h*131 + uint32(b[0])
	}
	if len(b) > 1 {
		h = h*131 + uint32(b[1])
	}
	h *= 2654435761
	return h >> (32 - pairBitsLog)
}

var (
	cueOnce sync.Once
	cueVal  *cueList
	cueErr  error
)

// intentCues returns the parsed cue list; the data is embedded and checked
// by the tests, so failing to parse it is a defect of the build.
func intentCues() *cueList {
	cueOnce.Do(func() { cueVal, cueErr = parseCues(intentCueData) })
	if cueErr != nil {
		panic(cueErr)
	}
	return cueVal
}

func parseCues(data string) (*cueList, error) {
	c := &cueList{words: newLexicon(), pairs: map[string]cueKind{}}
	terms := map[string]cueKind{} // "word" or "stem*" → kinds
	var order []string
	sc := bufio.NewScanner(strings.NewReader(data))
	for ln := 1; sc.Scan(); ln++ {
		line, _, _ := strings.Cut(sc.Text(), "//")
		if strings.TrimSpace(line) == "" {
			continue
		}
		head, list, ok := strings.Cut(line, "|")
		k, known := cueKinds[strings.TrimSpace(head)]
		if !ok || !known {
			return nil, fmt.Errorf("score: intents.cue:%d: want kind | terms", ln)
		}
		for _, t := range strings.Fields(list) {
			t = foldString(t)
			if a, b, ok := strings.Cut(t, "_"); ok {
				c.pairs[strings.ReplaceAll(t, "_", " ")] |= k
				bit := pairBit(a, strings.ReplaceAll(b, "_", " "))
				c.pairBits[bit>>6] |= 1 << (bit & 63)
				continue
			}
			if _, seen := terms[t]; !seen {
				order = append(order, t)
			}
			terms[t] |= k
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for _, t := range order {
		c.words.add(entry{term: t, flags: uint16(terms[t])})
	}
	c.words.finish()
	return c, nil
}

// pair returns the kinds of the two words a b side by side.
func (c *cueList) pair(a, b string) cueKind {
	if len(a)+len(b)+1 > 40 {
		return 0
	}
	if bit := pairBit(a, b); c.pairBits[bit>>6]&(1<<(bit&63)) == 0 {
		return 0
	}
	var buf [40]byte
	k := copy(buf[:], a)
	buf[k] = ' '
	k++
	k += copy(buf[k:], b)
	return c.pairs[string(buf[:k])]
}

// complaintSlack is how far under the negative threshold a mention about
// the brand is still a complaint (chosen on the tune half).
const complaintSlack = 0.1

// questionNeg is the unfavourable valence from which a question with no
// words of a complaint is a complaint too ("why is my flight cancelled
// again, this is a joke?").
const questionNeg = 2.0

// voice is what the tagger knows about who speaks and how.
type voice struct {
	person     bool // first or second person, or speaking to someone
	expressive bool // profanity, emoticons, emoji, "!", words in capitals
	brandReply bool // the brand's own care account answering someone
	linkTitle  bool // a bare title before a link (news, ads, SEO)
	news       bool // news vocabulary and no voice of its own
	url        bool
	cues       cueKind // every cue kind in the text
}

// speaks reports whether a person voices the text.
func (v *voice) speaks() bool { return v.person || v.expressive }

// readVoice reads who speaks in the text of s.
func readVoice(s *scratch, a *analysis, text string) voice {
	var v voice
	toks := s.d.toks
	iw := intentWordList()
	cues := intentCues()
	// a text with no "/" holds neither "http://" nor "https://"
	v.url = strings.IndexByte(text, '/') >= 0 && (strings.Contains(text, "http://") || strings.Contains(text, "https://")) ||
		strings.Contains(text, "www.")
	if cap(s.cues) < len(toks) {
		s.cues = make([]cueKind, len(toks))
	}
	s.cues = s.cues[:len(toks)]
	if cap(s.risk) < len(toks) {
		s.risk = make([]wordKinds, len(toks))
	}
	s.risk = s.risk[:len(toks)]
	v.person = a.personal || a.addressed
	v.expressive = a.profane || s.d.excl > 0
	newsWords := 0
	for i := range toks {
		t := &toks[i]
		s.cues[i] = 0
		s.risk[i] = wordKinds{}
		switch t.kind {
		case tokEmoticon, tokEmoji:
			v.expressive = true
		case tokWord:
			if t.caps && utf8.RuneCountInString(t.norm) >= 5 && !s.brand[i] {
				v.expressive = true
			}
			if e := s.ent[i]; e != nil && e.flags&fFirstPerson != 0 {
				v.person = true
			}
			wk := iw.get(t.norm) // the risk rules' kinds too (intents_words.go)
			s.risk[i] = wk
			k := wk.cue
			if i > 0 && toks[i-1].kind == tokWord {
				// a regulator written out in two words ("Conduct
				// Authority", "Банк России") marks its second word
				k |= cues.pair(toks[i-1].norm, t.norm) & cueRegulator
			}
			s.cues[i] = k
			v.cues |= k
			if k&cueNews != 0 {
				newsWords++
			}
			if k&cueVoice != 0 {
				v.person = true
			}
		}
	}
	v.brandReply = brandReply(s, text)
	v.linkTitle = v.url && !v.speaks() && s.d.quest == 0
	v.news = !v.speaks() && (newsWords > 0 || v.url && !accuses(s))
	return v
}

// brandReply reports the shape of a reply by a brand's care account:
// it opens by addressing a person (@user) and signs with a hashtag or a
// caret signature at the end ("… #билайн", "… ^ИК").
func brandReply(s *scratch, text string) bool {
	toks := s.d.toks
	if s.ownVoice() {
		return true
	}
	if len(toks) == 0 || toks[0].kind != tokMention || s.brand[0] {
		return false
	}
	t := strings.TrimSpace(text)
	if i := strings.LastIndexByte(t, '^'); i >= 0 && len(t)-i <= 8 {
		return true
	}
	for k := len(toks) - 1; k >= 0; k-- {
		switch tk := &toks[k]; {
		case tk.kind == tokPunct:
			continue
		case tk.kind == tokWord && tk.hashtag && s.brand[k]:
			return true
		}
		break
	}
	return false
}

// question reports whether the text asks something about the brand: a
// sentence that ends in "?" and is no outburst, headline or echo to a
// friend, a sentence that opens with a where-word ("где мой перевод"), or
// a request for information without a "?" ("подскажите", "does anyone
// know"). With no brand in the text, only the requests count: there is
// nothing to ask about.
func question(s *scratch, a *analysis, v *voice, in *Input, text string, about, hostile bool) (asks, rhetorical bool) {
	if a.tags&tQuestion != 0 && !v.linkTitle && !(s.ask9 && enRequestNegated(s)) {
		return true, false
	}
	toks := s.d.toks
	cl := intentCues()
	toFriend := len(toks) > 0 && toks[0].kind == tokMention && !s.brand[0]
	spoken := brandHandle(s, a) // put to the brand: a question under a link is meant for it
	quoted := quoteScan{text: text}
	start := 0
	for i := range toks {
		t := &toks[i]
		if (!isSentenceEnd(t) || nameMark(s, in, text, i)) && i != len(toks)-1 {
			continue
		}
		from := start
		start = i + 1
		if t.kind != tokPunct || t.punct != '?' {
			continue // only a sentence that ends in "?" is read here
		}
		var words, lead, named int
		var first, all cueKind
		// opens: the kinds of the first two words of each clause, after
		// lead-ins and names
		opens := cueKind(0)
		clause := 0 // words of the clause so far, lead-ins and names aside
		prev := ""
		brand := false
		brandFirst := false // the sentence opens with the brand's name, not set off by a comma
		for k := from; k <= i; k++ {
			if s.brand[k] && toks[k].kind == tokWord {
				named++
				if words == 0 && !toks[k].hashtag && k+1 <= i && toks[k+1].kind != tokPunct {
					brandFirst = true
				}
			}
			tk := &toks[k]
			if tk.kind != tokWord {
				if tk.kind != tokMention {
					prev = ""
				}
				if tk.kind == tokPunct {
					clause, lead = 0, 0
				}
				brand = brand || s.brand[k]
				continue
			}
			c := s.cues[k]
			if prev != "" {
				c |= cl.pair(prev, tk.norm)
			}
			prev = tk.norm
			if words == 0 {
				first = c
			}
			switch {
			case s.brand[k]:
			case c&cueLead != 0 && clause == 0 && lead == 0:
				lead++
			case clause < 2:
				opens |= c
				clause++
			default:
				clause++
			}
			words++
			all |= c
			brand = brand || s.brand[k]
		}
		if words == 0 {
			continue
		}
		if !realQuestionMark(toks, i, text) {
			continue
		}
		indignant := t.run > 0 || outburst(toks, i) && !nameMark(s, in, text, i-1)
		if words == named && !indignant {
			continue // "Сбербанк?", "Yahoo!?": an echo of the name asks nothing
		}
		switch {
		case quoted.in(t.start):
			continue // the quoted person's question: "МБХ амнистировали?"
		case s.ask9 && (enPlayfulMark(s, i) || enExperienceAsk(s, from, i) || enFormula(s, from, i) || enGluedMark(s, text, i)):
			continue // "Deal? 😆", "have you seen Blue?" (intents_ask9.go)
		case all&cueRhetoric != 0:
			rhetorical = true // "вы издеваетесь?", "why not add more flights?"
			continue
		case all&cueWhere == 0 && profaneSpan(s, markBefore(toks, from, i), i):
			rhetorical = true // a question told with swearing is an outburst
			continue
		case indignant && all&cueAsk == 0:
			rhetorical = true // "4 hours??", "серьёзно?!": indignation, unless it asks what or why
			continue
		case !about && first&cueAsk == 0:
			continue // no brand given: only a direct question
		case toFriend && (!brand || all&cueFriend != 0 || words <= 3 || opens&cueAsk == 0), all&cueFriend != 0 && !brand:
			// "@friend ты на Билайне?", "Как ты, Саш?": only the friend
			// can answer; in a talk with someone else, a question about
			// the brand opens with an interrogative ("@friend а как
			// перевести деньги на Сбер?")
			continue
		case v.news || !v.speaks() && v.url:
			continue // a headline ("Сбербанк снизит ставки?")
		case v.url && !spoken:
			continue // a shared link with a line on it, not put to the brand: "Как вам? http://…"
		case brandFirst && !v.speaks() && !(a.lang == "ru" && s.serviceAsked(from, i)):
			continue // a headline: "Сбербанк будет выдавать кредиты на 5 лет?"
		case a.lang == "en" && hostile && (opens&cueAsk == 0 || !enQuestionOrder(s, from, i)):
			// "5 hours late with no apology?", "that is the response you
			// give?": an English question in the order of a statement,
			// told in anger, is an outburst
			rhetorical = true
			continue
		}
		return true, rhetorical
	}
	if about && !v.linkTitle && !v.news && !(v.url && !spoken) && asksUnmarked(s, toFriend) {
		return true, rhetorical
	}
	return false, rhetorical
}

// asksUnmarked reports whether a clause that does not end in "?" asks
// something. It must open a sentence, or follow a short address ("Билайн,
// где весь интернет", "Hi, how do I…"), after any @handles, brand names
// and lead-in words ("а", "so"); and it must open with a question form:
//   - a where-word: "где мой перевод", "where is my bag";
//   - "почему" or an opener pair: "сколько стоит", "когда вернут";
//   - an interrogative "ли" second: "можно ли", "работает ли";
//   - "как" before an infinitive: "как отключить", "как мне узнать";
//   - a wh-word before an auxiliary: "how do I", "when will it";
//   - an inverted auxiliary before its subject: "can you", "do you fly".
//
// A clause with a word of rhetoric ("can you believe", "серьёзно") or a
// friend's "ты" asks nothing of the brand; nor does a sentence addressed
// to a friend that does not name the brand.
func asksUnmarked(s *scratch, toFriend bool) bool {
	toks := s.d.toks
	cl := intentCues()
	sentStart := true // the clause opens its sentence
	shortLead := false
	for from := 0; from < len(toks); {
		to := from
		for to < len(toks) && toks[to].kind != tokPunct {
			to++
		}
		words, brand := 0, false
		for k := from; k < to; k++ {
			if toks[k].kind == tokWord && !s.brand[k] {
				words++
			}
			brand = brand || s.brand[k]
		}
		if (sentStart || shortLead) && words > 0 && (to == len(toks) || toks[to].punct != '?') &&
			(!toFriend || brand) && clauseAsks(s, cl, from, to) {
			return true
		}
		if to == len(toks) {
			break
		}
		end := isSentenceEnd(&toks[to])
		// a clause of two words at most opening a sentence is an address
		// or a greeting: the clause after it opens the question
		shortLead = sentStart && !end && words <= 2
		sentStart = end
		from = to + 1
	}
	return false
}

// clauseAsks reports whether the clause of tokens [from, to) opens with a
// question form (see asksUnmarked).
func clauseAsks(s *scratch, cl *cueList, from, to int) bool {
	toks := s.d.toks
	var w [3]int // the first three words after the lead-in
	n := 0
	named := false // a brand or @handle stands before the words
	for k := from; k < to && n < 3; k++ {
		t := &toks[k]
		switch {
		case t.kind == tokWord && s.brand[k] && n == 0, t.kind == tokMention && n == 0:
			named = true
			continue
		case t.kind == tokEmoticon || t.kind == tokEmoji:
			continue
		case t.kind == tokWord:
			if n == 0 && s.cues[k]&cueLead != 0 {
				continue
			}
			w[n] = k
			n++
		default:
			if n > 0 {
				to = k // the words must stand together
			}
		}
	}
	if n == 0 {
		return false
	}
	for k := from; k < to; k++ {
		if toks[k].kind == tokWord && s.cues[k]&(cueRhetoric|cueFriend) != 0 {
			return false
		}
		if k > from && toks[k].kind == tokWord && toks[k-1].kind == tokWord && cl.pair(toks[k-1].norm, toks[k].norm)&cueRhetoric != 0 {
			return false
		}
	}
	if s.ask9 && enExperienceAsk(s, from, to) {
		return false // "did you know that …" (intents_ask9.go)
	}
	c1 := s.cues[w[0]]
	if c1&(cueWhere|cueOpener) != 0 {
		return true
	}
	if n < 2 {
		return false
	}
	w1, w2 := toks[w[0]].norm, toks[w[1]].norm
	c2 := s.cues[w[1]]
	switch {
	case cl.pair(w1, w2)&cueOpener != 0:
		return true
	case w2 == "ли":
		return true
	case c1&cueWh != 0 && c2&cueAux != 0:
		return true
	case c1&cueAux != 0 && c2&cueSubj != 0:
		// after a name the name may be the subject ("@airline has the
		// worst policy"): only a pronoun makes the inversion
		return !named || c2&cuePronoun != 0
	case w1 == "как":
		if (w2 == "мне" || w2 == "нам") && n > 2 {
			w2 = toks[w[2]].norm
		}
		return infinitive(w2)
	}
	return false
}

// infinitive reports whether the Russian word w has an infinitive's ending.
func infinitive(w string) bool {
	if utf8.RuneCountInString(w) < 4 {
		return false
	}
	return strings.HasSuffix(w, "ть") || strings.HasSuffix(w, "ться") || strings.HasSuffix(w, "ти") || strings.HasSuffix(w, "чь")
}

// realQuestionMark reports whether the "?" of token i ends a question: it
// is no part of a quotation ("Узнала?") or of a name ("Что?Где?Когда?").
func realQuestionMark(toks []token, i int, text string) bool {
	// a "?" inside a link the tokenizer kept ("(http://x.com/?id=5)")
	word := text[:toks[i].start]
	if j := strings.LastIndexAny(word, " \t\n"); j >= 0 {
		word = word[j+1:]
	}
	if strings.Contains(word, "://") || strings.Contains(word, "www.") {
		return false
	}
	end := toks[i].start + 1 + int(toks[i].run)
	if end >= len(text) {
		return true
	}
	rest := text[end:]
	switch {
	case rest[0] == '"' || rest[0] == '\'' || strings.HasPrefix(rest, "»") || strings.HasPrefix(rest, "”"):
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return !unicode.IsUpper(r)
}

// nameMark reports whether punctuation token k is the last character of
// the brand's name glued to it ("Yahoo!" in "Yahoo!?"), not a mark of its
// own.
func nameMark(s *scratch, in *Input, text string, k int) bool {
	toks := s.d.toks
	if k < 1 || k >= len(toks) || toks[k].kind != tokPunct || !s.brand[k-1] || toks[k-1].end != toks[k].start {
		return false
	}
	c := text[toks[k].start]
	ends := func(name string) bool { return len(name) > 1 && name[len(name)-1] == c }
	if ends(in.Brand) {
		return true
	}
	for _, m := range in.Matched {
		if ends(m) {
			return true
		}
	}
	return false
}

// outburst reports whether the "?" of token i is part of "?!" or "!?".
func outburst(toks []token, i int) bool {
	return i+1 < len(toks) && toks[i+1].kind == tokPunct && toks[i+1].punct == '!' ||
		i > 0 && toks[i-1].kind == tokPunct && toks[i-1].punct == '!'
}

// intents decides the built-in intent tags of a scored text.
func (e *Engine) intents(s *scratch, a *analysis, res *Result, in *Input, text string) tagSet {
	v := readVoice(s, a, text)
	if v.brandReply || a.lang == "en" && enQuotesBrand(s, text) {
		return 0
	}
	var built tagSet
	// the brand given and not located is still what the text is about:
	// the query matched it
	about := a.brand || in.Brand != "" || len(in.Matched) > 0
	everyday := a.lang == "en" && a.about // en_everyday.go
	if everyday {
		// news by the stricter reading: a complaint told flatly ("tracking
		// still says 'processing'") is no news
		v.news = enNews(s) || enScamWarning(s) || v.news && a.negTags&tComplaint == 0
	}
	hostile := res.Sentiment == model.Negative || a.negTags&tComplaint != 0
	read := func() (asks, rhetorical bool) {
		asks, rhetorical = question(s, a, &v, in, text, about, hostile)
		if everyday && enSuggestion(s) {
			asks, rhetorical = false, false // "why not add more evening flights?"
		}
		if everyday && !asks && !rhetorical && !v.news && (enAuxBrand(s) || enTailQuestion(s) || !a.addressed && enAskUnmarked(s) || enAskOpen(s) || enTailIt(s)) {
			asks = true // "Does Spotify have a student plan in Poland"
		}
		return asks, rhetorical
	}
	asks, rhetorical := read()
	asked := asks // the question tag: read again with the shapes of intents_ask9.go
	if a.lang == "en" && enShapes9(s) {
		s.ask9 = true
		asked, _ = read()
		s.ask9 = false
	}
	if asks {
		built |= tQuestion
	}
	if a.tags&tPurchase != 0 && !v.linkTitle && !titleUnderLink(s) {
		built |= tPurchase
	}
	if (a.tags&tChurn != 0 || moveAway(s)) && !v.news {
		built |= tChurn
	}
	built |= riskIntents(s, a, &v, about) // fraud, legal_threat (intents_risk.go)
	if everyday && enImpostor(s) {
		built |= tFraud // "fake Amazon delivery texts", "fake claim adjusters"
	}
	// A person's account leans unfavourable a little sooner than a
	// sentiment label does: a complaint is often told flatly.
	neg := res.Sentiment == model.Negative || res.Negativity >= e.th.Negative-complaintSlack
	pos := res.Sentiment == model.Positive
	marker := a.negTags&tComplaint != 0
	if a.lang == "en" && about && !marker && enSarcasm(s) {
		marker = true // "so nice of you to cancel my flight" (intents_en.go)
	}
	friendTalk, expects := false, false
	switch {
	case v.news:
	case about && (rhetorical || !asks && scareQuoted(s, text)):
		// "Неужели …?", a "порадовал" in quotes: said the other way
		// round, whatever the words' tone; an outburst beside a real
		// question ("180? Вы серьёзно? Полгода?") still complains
		built |= tComplaint
	case pos:
	case a.addressed && a.lang == "en" && careWithholds(s, asks):
		// asking what to expect of a failure to come (care_en.go)
		expects = true
	case asks && !marker && a.neg < questionNeg && res.Sentiment != model.Negative:
		// asking about a problem is not yet complaining about it
	case a.lang == "en" && asks && !marker && enAsksOnly(s):
		// nor is naming it inside a question for information ("can
		// someone help me with some travel issues?"), whatever its tone
	case !marker && v.cues&cueFriend != 0 && len(s.d.toks) > 0 && s.d.toks[0].kind == tokMention && !s.brand[0]:
		// a talk with a friend ("@friend где ты её раздобыла? я в
		// Сбербанке найти не могу"): its tone is the talk's, not a
		// complaint about a brand it names in passing
		friendTalk = true
	case everyday && built&tChurn != 0 && !marker && enChurnOnly(s):
		// leaving, with nothing held against the brand but the leaving
	case about && (marker || neg):
		// about the brand, by someone: unfavourable is a complaint
		built |= tComplaint
	case marker:
		// no brand given: only the words of a complaint make one
		built |= tComplaint
	}
	if pos && a.posTags&tPraise != 0 {
		built |= tPraise
	}
	switch {
	case !everyday || v.news || enAwardNews(s): // en_everyday6.go
	case pos && !asks && built&tPurchase == 0 && !friendTalk && !enHandled(s):
		// a person's approval of the brand named is praise
		built |= tPraise
	case built&tComplaint != 0 && func() bool { _, _, ok := enStaffPraise(s); return ok }():
		// a complaint that commends one employee
		built |= tPraise
	}
	m := e.intentModels[a.lang]
	if m == nil && e.featHook == nil {
		return retag9(built, asks, asked, 0) &^ s.quietTags() // brand_statement.go
	}
	sg := signals{
		built: built, asks: asks, rhetorical: rhetorical, marker: marker, neg: neg, pos: pos,
		about: about, hostile: hostile, negativity: res.Negativity, unfavour: a.neg, favour: a.pos,
		quest: s.d.quest > 0, excl: s.d.excl > 0, atStart: len(s.d.toks) > 0 && s.d.toks[0].kind == tokMention,
		news: v.news, linkTitle: v.linkTitle, link: v.url, person: v.person, expressive: v.expressive, cues: v.cues,
		unmarked: asks && s.d.quest == 0, friendTalk: friendTalk,
		request: a.tags&tQuestion != 0 && !v.linkTitle, keepRhetoric: a.lang == "en",
		asksOnly:    a.lang == "en" && asks && !marker && enAsksOnly(s),
		careCleared: s.careCleared || expects,
	}
	if e.featHook != nil {
		e.featHook(s, sg)
		return built
	}
	tags := s.ruSettle(a, pos, v.news || friendTalk, m.decide(s, &sg)) &^ s.quietTags() // ru_everyday.go, brand_statement.go
	e.ruComplaintTone(s, a, res, tags, v.news || friendTalk)                            // ru_everyday4.go
	tags = e.ruEveryday5(s, a, res, tags, &v)                                           // ru_everyday5.go
	tags = e.ruEveryday6(s, a, res, tags, &v)                                           // ru_everyday6.go
	tags = e.ruEveryday7(s, a, res, tags, &v)                                           // ru_everyday7.go
	tags = e.ruEveryday8(s, a, res, tags, &v)                                           // ru_everyday8.go
	return retag9(tags, asks, asked, s.quietTags())
}

// requests damps the unfavourable words of a sentence that asks for
// information in a request form ("Кто-нибудь знает как отключить платную
// подписку", "is there a way to get a refund"): naming a problem to ask
// about it is not complaining. Words of a complaint keep their weight.
func (lx *lexicon) requests(s *scratch) {
	s.dampRequested(func(g *hit) bool { return g.val < 0 && g.tags&tComplaint == 0 })
}

// dampRequested multiplies by questionDamp the contributions that damp
// accepts in every sentence holding a request phrase (a phrase tagged as
// a question).
func (s *scratch) dampRequested(damp func(*hit) bool) {
	var done uint64 // sentences damped already (the first 64)
	for _, h := range s.hits {
		if h.ph < 0 || h.tags&tQuestion == 0 {
			continue
		}
		sent := s.sent[h.tok]
		if sent < 64 {
			if done&(1<<sent) != 0 {
				continue
			}
			done |= 1 << sent
		}
		for k := range s.hits {
			if g := &s.hits[k]; s.sent[g.tok] == sent && damp(g) {
				g.val *= questionDamp
			}
		}
	}
}

// scareQuoted reports whether a favourable word stands alone in quotes
// ("меня очень \"порадовал\" банк"): sarcasm.
func scareQuoted(s *scratch, text string) bool {
	for _, h := range s.hits {
		if h.val <= 0 || h.tok != h.last {
			continue
		}
		t := &s.d.toks[h.tok]
		if t.start == 0 || t.end >= len(text) {
			continue
		}
		before, _ := utf8.DecodeLastRuneInString(text[:t.start])
		after, _ := utf8.DecodeRuneInString(text[t.end:])
		if strings.ContainsRune("\"«“'", before) && strings.ContainsRune("\"»”'", after) {
			return true
		}
	}
	return false
}
