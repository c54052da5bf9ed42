package matchers

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/russian"
)

// Names with punctuation and social handles.
//
// Words are runs of letters and digits, so the tokenizer splits AT&T
// into "at" and "t". It also records, per token, the symbol that joins
// it to the token before (token.punct): "&" (spaces around it allowed:
// "Procter & Gamble"), ".", "+" or "/" written between two words, and "_"
// (which only matters inside handles). A query word written with such a
// symbol (AT&T, Ozon.ru, Booking.com, 1+1, AC/DC) is one compound word
// "at&t" that matches where the document has the same words joined by the
// same symbol. A "+" or "#" right after a word (Google+, Disney+, C++, C#)
// is part of the name too. Anything else around a word is decoration and
// dropped (Yahoo! is Yahoo).
//
// Handles and hashtags cannot hold punctuation: there a compound matches
// its words run together (@ATT, @ozonru, @ozon_ru, #bookingcom), and a
// plain query word matches a handle or hashtag that begins with it
// (@megafonru, #ЯндексПочта), never one that merely contains it
// (@notmegafon).

// Symbols joining a token to the previous one (token.punct&joinMask).
const (
	jNone uint8 = iota
	jAmp
	jDot
	jPlus
	jSlash
	jUnder
	joinMask uint8 = 7
)

// Symbols after a token (token.punct>>trailShift).
const (
	trailShift       = 3
	pPlus      uint8 = 1 << trailShift
	pPlus2     uint8 = 2 << trailShift
	pHash      uint8 = 3 << trailShift
)

// joinText and trailText spell the symbols in compound words.
var (
	joinText  = [...]string{"", "&", ".", "+", "/", "_"}
	trailText = [...]string{"", "+", "++", "#"}
)

// maxChain bounds the words of one compound (a.b.c.d.e.f).
const maxChain = 6

// joinKind maps a joining symbol (ASCII or fullwidth) to its j… kind.
func joinKind(r rune) uint8 {
	if 0xFF01 <= r && r <= 0xFF5E {
		r -= 0xFEE0 // fullwidth ＆ ． ＋ ／ ＿
	}
	switch r {
	case '&':
		return jAmp
	case '.':
		return jDot
	case '+':
		return jPlus
	case '/':
		return jSlash
	case '_':
		return jUnder
	}
	return jNone
}

// symbolJoin reports the joins that make compound words.
func symbolJoin(j uint8) bool { return j >= jAmp && j <= jSlash }

// isLineSpace reports spaces that may stand around "&" in a name.
func isLineSpace(r rune) bool {
	if r == ' ' || r == '\t' {
		return true
	}
	return r >= 0x80 && unicode.IsSpace(r) && r != 0x85 && r != 0x2028 && r != 0x2029
}

// joinScan follows the characters between two tokens and decides whether
// a symbol joins them.
type joinScan struct {
	sym   uint8
	space bool
	bad   bool
}

func (j *joinScan) step(r rune) {
	if isLineSpace(r) {
		j.space = true
		return
	}
	k := joinKind(r)
	if k == jNone || j.sym != jNone {
		j.bad = true
		return
	}
	j.sym = k
}

// join returns the j… kind joining the next token to the previous one.
func (j joinScan) join() uint8 {
	if j.bad || j.space && j.sym != jAmp {
		return jNone
	}
	return j.sym
}

// trailSymbol reports a "+", "++" or "#" at the start of rest that ends
// a name (Google+, C++, C#): followed by no letter or digit. It returns
// the p… flag and its length in bytes.
func trailSymbol(rest string) (uint8, int) {
	if rest == "" {
		return 0, 0
	}
	wordNext := func(s string) bool {
		r, _ := utf8.DecodeRuneInString(s)
		return s != "" && (isWordRune(r) || isMark(r))
	}
	switch rest[0] {
	case '+':
		if len(rest) >= 2 && rest[1] == '+' {
			if !wordNext(rest[2:]) {
				return pPlus2, 2
			}
			return 0, 0
		}
		if !wordNext(rest[1:]) {
			return pPlus, 1
		}
	case '#':
		if !wordNext(rest[1:]) {
			return pHash, 1
		}
	}
	return 0, 0
}

// queryWords returns the normalised words of a query word or phrase, as
// the matcher looks them up: words joined by a symbol become one compound
// word with the symbol in it (AT&T → "at&t", "Procter & Gamble" →
// "procter&gamble"), and a name's trailing "+" or "#" stays on it
// (google+, c#).
func queryWords(s string) []string {
	ws, _ := queryWordsGaps(s)
	return ws
}

// queryWordsGaps is queryWords that also reports the gaps the query
// writes with punctuation that joins no name ("Dr. Pepper", E*TRADE,
// "Acme, Inc"): gaps[k], when not empty, is the punctuation between word
// k and word k+1 without its spaces. A phrase accepts that punctuation in
// the document there and no other (not "Dr., Pepper" or "Dr! Pepper"),
// where elsewhere its words must stand side by side. gaps is nil when the
// query writes no such punctuation.
func queryWordsGaps(s string) ([]string, []string) {
	var z tokenizer
	z.add(s)
	out := make([]string, 0, len(z.toks))
	var gaps []string
	for i := range z.toks {
		t := &z.toks[i]
		w := string(z.norm(i))
		if j := t.punct & joinMask; len(out) > 0 && symbolJoin(j) {
			out[len(out)-1] += joinText[j] + w
		} else {
			if len(out) > 0 && t.flags&tTight == 0 {
				if g := gapPunct(s[z.toks[i-1].end:t.start]); g != "" && g != "\n" {
					for len(gaps) < len(out)-1 {
						gaps = append(gaps, "")
					}
					gaps = append(gaps, g)
				}
			}
			out = append(out, w)
		}
		if tr := t.punct >> trailShift; tr != 0 {
			out[len(out)-1] += trailText[tr]
		}
	}
	return out, gaps
}

// gapPunct returns the punctuation between two words without its spaces,
// a line break in it kept as one "\n" (a name is not split over lines
// unless the query splits it too).
func gapPunct(s string) string {
	var b strings.Builder
	last := rune(-1)
	for _, r := range s {
		r, ok := gapRune(r, last)
		if ok {
			b.WriteRune(r)
			last = r
		}
	}
	return b.String()
}

// gapRune maps r of a gap to what gapPunct keeps of it after last: a line
// break as "\n", once per run of breaks and spaces; other spaces not.
func gapRune(r, last rune) (rune, bool) {
	switch {
	case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
		return '\n', last != '\n'
	case unicode.IsSpace(r):
		return 0, false
	}
	return r, true
}

// sameGap reports whether the document's gap between two words, s, is
// want (from gapPunct) once spaces are left out. It does not allocate.
func sameGap(s, want string) bool {
	last := rune(-1)
	for _, r := range s {
		r, ok := gapRune(r, last)
		if !ok {
			continue
		}
		last = r
		w, n := utf8.DecodeRuneInString(want)
		if n == 0 || w != r {
			return false
		}
		want = want[n:]
	}
	return want == ""
}

// isCompound reports a normalised query word with symbols in it.
func isCompound(w string) bool {
	return strings.ContainsAny(w, "&./+#")
}

// compoundForms returns the forms of a compound word: itself, exactly,
// and for names joined by "&", "." or "/" (not "+" or "#", which make
// another product: Google+ is not Google) its letters run together, the
// way handles and hashtags write it (@ATT, @ozonru).
func compoundForms(w string) []form {
	out := []form{{w, cExact}}
	if strings.ContainsAny(w, "+#") {
		return out
	}
	out = append(out, compoundInflections(w)...)
	var b strings.Builder
	for _, r := range w {
		if isWordRune(r) {
			b.WriteRune(r)
		}
	}
	if h := b.String(); utf8.RuneCountInString(h) >= minFormRunes {
		out = append(out, form{h, cHandle})
		if script(h) == scriptCyrillic {
			for _, l := range translitForms(h) {
				out = append(out, form{l, cHandle}) // Дом.ру → @domru (translit.go)
			}
		}
	}
	return out
}

// lookupJoined looks up the compounds that end at token i: the words
// joined by symbols before it (with each word's trailing symbol), with
// and without i's own trailing symbol; and, in a handle, the words joined
// by "_" run together.
func (m *Matcher) lookupJoined(st *state, i int) {
	z := &st.z
	t := &z.toks[i]
	if t.punct&joinMask == jUnder {
		m.lookupHandleChain(st, i)
	}
	trail := trailText[t.punct>>trailShift]
	first := i
	for first > i-maxChain+1 && symbolJoin(z.toks[first].punct&joinMask) {
		first--
	}
	for s := first; s <= i; s++ {
		if s == i && trail == "" {
			break
		}
		key := st.cat[:0]
		long := false
		for k := s; k <= i; k++ {
			tk := &z.toks[k]
			long = long || tk.flags&tLong != 0
			if k > s {
				key = append(key, joinText[tk.punct&joinMask]...)
			}
			key = append(key, z.norm(k)...)
			if k < i {
				key = append(key, trailText[tk.punct>>trailShift]...)
			}
		}
		if !long {
			sp := span{int32(s), int32(i)}
			if s < i {
				m.lookupExact(st, key, sp)
			}
			if trail != "" {
				key = append(key, trail...)
				m.lookupExact(st, key, sp)
			}
		}
		st.cat = key
	}
}

// lookupHandleChain looks up a handle's words joined by "_" run together
// (@ozon_ru → ozonru), when token i ends such a chain.
func (m *Matcher) lookupHandleChain(st *state, i int) {
	z := &st.z
	first := i
	for first > i-maxChain+1 && z.toks[first].punct&joinMask == jUnder {
		first--
	}
	if z.toks[first].flags&tHandle == 0 {
		return
	}
	key := st.cat[:0]
	for k := first; k <= i; k++ {
		if z.toks[k].flags&tLong != 0 {
			return
		}
		key = append(key, z.norm(k)...)
	}
	st.cat = key
	sp := span{int32(first), int32(i)}
	m.lookup(st, key, sp)
	m.lookupHandle(st, key, sp)
}

// lookupExact records the terms whose exact form is w.
func (m *Matcher) lookupExact(st *state, w []byte, sp span) {
	if !m.filter.has(w) {
		return
	}
	for _, e := range m.dict[string(w)] {
		if e.cls&cExact != 0 {
			st.hit(e.term, sp)
		}
	}
}

// lookupHandle records the terms a handle or hashtag w stands for: a
// plain query word it begins with (megafonru → megafon), and a compound
// written run together (att → AT&T).
func (m *Matcher) lookupHandle(st *state, w []byte, sp span) {
	runes := 0
	for k := 0; k < len(w); k++ {
		if !utf8.RuneStart(w[k]) {
			continue
		}
		if runes >= minFormRunes {
			m.lookupClass(st, w[:k], cPrefix, sp)
		}
		runes++
	}
	m.lookupClass(st, w, cHandle, sp)
}

// lookupClass records the terms with a base w of a class in mask.
func (m *Matcher) lookupClass(st *state, w []byte, mask uint16, sp span) {
	if !m.filter.has(w) {
		return
	}
	for _, e := range m.dict[string(w)] {
		if e.cls&mask != 0 {
			st.hit(e.term, sp)
		}
	}
}

// domainEnds are the last parts of a name joined by "." that make it a
// web address (Ozon.ru, Booking.com, Дом.ру), which is not inflected.
var domainEnds = func() map[string]bool {
	m := map[string]bool{}
	for _, d := range strings.Fields(`ru рф ру su com net org info biz io app online shop store pro
		site xyz moscow рус ком us eu uk de fr es it ua by kz co me tv ai dev tech cloud news club`) {
		m[d] = true
	}
	return m
}()

// compoundInflections returns the forms of a compound whose last word is
// inflected as written in running text: a Russian name joined by "." or
// "&" takes case endings on its last word ("на Яндекс.Маркете",
// "поддержки Яндекс.Маркета"), and a Latin one an "s" (an apostrophe
// left out: "Ben & Jerrys" for "Ben & Jerry's"). A web address
// (Ozon.ru, Booking.com) and a last word of fewer than three letters
// (AT&T) are not inflected. Each form is matched exactly, so reading a
// document costs nothing more.
func compoundInflections(w string) []form {
	k := strings.LastIndexAny(w, "&./")
	if k < 0 {
		return nil
	}
	pre, last := w[:k+1], w[k+1:]
	if utf8.RuneCountInString(last) < minFormRunes || w[k] == '.' && domainEnds[last] ||
		strings.ContainsAny(last, "0123456789") {
		return nil
	}
	var out []form
	seen := map[string]bool{w: true}
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			out = append(out, form{f, cExact})
		}
	}
	switch script(last) {
	case scriptCyrillic:
		bases := []string{last}
		for _, f := range ruForms(last) {
			bases = append(bases, f.base)
		}
		// a short word's stem too (Яндекс.Еда → Яндекс.Еды): the name
		// before it keeps it from matching a word alone
		short := ""
		if st := russian.Stem(last, true); st != last && strings.HasPrefix(last, st) && utf8.RuneCountInString(st) >= 2 {
			bases, short = append(bases, st), st
		}
		for _, b := range bases {
			for _, e := range ruNomEndings {
				if b != short || e != "" {
					add(pre + b + e)
				}
			}
		}
	case scriptLatin:
		if utf8.RuneCountInString(last) > minFormRunes {
			add(w + "s")
		}
	}
	return out
}

// dotSpaced returns the words of a phrase with each name joined by "."
// that is not a web address split into its words (Яндекс.Маркет →
// Яндекс Маркет, Node.js → Node js), or nil when there is none: such a
// name is written with a space as often as with the dot, and then its
// last word is inflected as any ("в Яндекс Маркете"). Names with "&" or
// "/" keep their symbol (AT&T is not "AT T").
func dotSpaced(ws []string) []string {
	var out []string
	for k, w := range ws {
		parts := strings.Split(w, ".")
		ok := len(parts) >= 2 && !strings.ContainsAny(w, "&/+#0123456789") && !domainEnds[parts[len(parts)-1]]
		for _, p := range parts {
			ok = ok && utf8.RuneCountInString(p) >= 2
		}
		if !ok {
			if out != nil {
				out = append(out, w)
			}
			continue
		}
		if out == nil {
			out = append(out, ws[:k]...)
		}
		out = append(out, parts...)
	}
	if len(out) > maxChain {
		return nil
	}
	return out
}

// ampersandAnd returns the words of a phrase with each name of two words
// joined by "&" written with "and" ("и" between Cyrillic words) instead
// (Procter & Gamble → Procter and Gamble, Barnes & Noble, Ben & Jerry's),
// or nil when there is none. Letters joined by "&" (AT&T, H&M, M&S) are
// an abbreviation that is never written so: each word must have three
// letters or more.
func ampersandAnd(ws []string) []string {
	var out []string
	for k, w := range ws {
		parts := strings.Split(w, "&")
		ok := len(parts) == 2 && !strings.ContainsAny(w, "./+#")
		for _, p := range parts {
			ok = ok && utf8.RuneCountInString(p) >= minFormRunes
		}
		if !ok {
			if out != nil {
				out = append(out, w)
			}
			continue
		}
		if out == nil {
			out = append(out, ws[:k]...)
		}
		and := "and"
		if script(parts[0]) == scriptCyrillic {
			and = "и"
		}
		out = append(out, parts[0], and, parts[1])
	}
	if len(out) > maxChain {
		return nil
	}
	return out
}
