package matchers

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of a document field or of a query word.
type token struct {
	start, end int32 // byte range in the field text, merged suffix included
	n0, n1     int32 // normalised form: tokenizer.buf[n0:n1]
	a0, a1     int32 // second form to look up (a Latin name with a Cyrillic ending, unfolded); empty when none
	b0, b1     int32 // the word's inner boundaries: tokenizer.bounds[b0:b1]
	lat, cyr   uint16
	other      uint16 // letters of other scripts
	flags      uint8
	// punct is the punctuation that makes the token part of a name:
	// the symbol joining it to the previous token (AT&T, Ozon.ru; the
	// j… constants) and the symbol after it (Google+, C#; the p…
	// constants). See compound.go.
	punct uint8
}

const (
	// tTight: only spaces, hyphens, apostrophes or nothing separate the
	// token from the previous one (phrases may not cross other
	// punctuation).
	tTight uint8 = 1 << iota
	// tDigit: the token has a digit.
	tDigit
	// tAccent: the token had Latin letters with diacritics.
	tAccent
	// tLong: too long to be a word worth looking up.
	tLong
	// tOtherCyr: Cyrillic letters Russian does not use (і ї є ґ ў ј …);
	// tRuOnly: letters Ukrainian and Bulgarian do not use (ы э ё). For
	// language detection.
	tOtherCyr
	tRuOnly
	// tWeb: part of a URL, @handle or #hashtag (weak evidence for
	// language detection).
	tWeb
	// tHandle: the first word of an @handle or #hashtag (an "@" or "#"
	// right before it, at the start of the text or after a character
	// that is not part of a word, so not an e-mail address or a URL's
	// fragment), or of a link's host name after "://" or "www."
	// (https://www.sberbank.ru is the brand's own address).
	tHandle
)

// maxWordRunes bounds the words looked up in the dictionary.
const maxWordRunes = 48

// tokenizer splits text into normalised words. It is reused (pooled)
// between documents; it is not safe for concurrent use.
type tokenizer struct {
	toks []token
	buf  []byte
	rs   []rune
	low  []rune
	// bounds holds byte offsets (from the start of a token's normalised
	// form) where a word breaks into parts: between letters and digits
	// (vtb24), between scripts (газпромбанкеhttp) and, flagged with
	// caseBound, between camel-case parts (AlfabankBY, RSHBmedia).
	bounds []int32
	offs   []int32
	lowIdx []int32
	// slow disables the fast path (tests compare the two).
	slow bool
	// letters holds, per token, the languages its letters point to
	// (language detection).
	letters []langSet
	// cyrFields holds, per field added (title, text), whether most of
	// its letters are Cyrillic.
	cyrFields []bool
}

func (z *tokenizer) reset() {
	z.toks = z.toks[:0]
	z.letters = z.letters[:0]
	z.buf = z.buf[:0]
	z.bounds = z.bounds[:0]
	z.cyrFields = z.cyrFields[:0]
}

// norm returns token i's normalised form as bytes of the shared buffer.
func (z *tokenizer) norm(i int) []byte {
	t := &z.toks[i]
	return z.buf[t.n0:t.n1]
}

// alt returns token i's second form, or nil.
func (z *tokenizer) alt(i int) []byte {
	t := &z.toks[i]
	if t.a0 == t.a1 {
		return nil
	}
	return z.buf[t.a0:t.a1]
}

// add tokenizes s, appending its words to z.toks with byte offsets into s.
//
// Words are runs of letters and digits; combining marks belong to the
// word, invisible characters (soft hyphen, zero-width, word joiner) are
// skipped without breaking it. A short tail after an apostrophe
// (Tinkoff'а, iPhone'ы, Slack's) or a case ending after a hyphen (Сбер-а)
// is part of the word's span but not of its normalised form; longer
// parts (Альфа-Банк, O'Reilly) are words of their own.
func (z *tokenizer) add(s string) {
	tight := true
	var sep joinScan
	first := len(z.toks) // the field's first token joins nothing
	i := 0
	for i < len(s) {
		if c := s[i]; c < 0x80 && !isASCIIWord(c) {
			if c != ' ' && c != '-' && c != '_' && c != '\'' && c != '`' && (c < '\t' || c > '\r') {
				tight = false
			}
			if c == ' ' {
				sep.space = true
			} else {
				sep.step(rune(c))
			}
			i++
			continue
		}
		if !z.slow {
			if end, ok := z.fastWord(s, i, tight); ok {
				i = z.finish(s, i, end, sep, first)
				sep = joinScan{}
				tight = true
				continue
			}
		}
		r, sz := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			if !(isInvisible(r) || isHyphen(r) || isApostrophe(r) || isMark(r) || unicode.IsSpace(r) || r == '_') {
				tight = false
			}
			if !isInvisible(r) {
				sep.step(r)
			}
			i += sz
			continue
		}
		start := i
		z.rs = z.rs[:0]
		i = z.segment(s, i)
		end := i
		for i < len(s) {
			jr, jsz := utf8.DecodeRuneInString(s[i:])
			if !isHyphen(jr) && !isApostrophe(jr) {
				break
			}
			nr, _ := utf8.DecodeRuneInString(s[i+jsz:])
			if i+jsz >= len(s) || !isWordRune(nr) {
				break
			}
			save := len(z.rs)
			tailEnd := z.segment(s, i+jsz)
			tail := z.rs[save:]
			z.rs = z.rs[:save]
			if isApostrophe(jr) && len(tail) <= 3 || isHyphen(jr) && isEndingTail(tail) {
				end, i = tailEnd, tailEnd
				continue
			}
			break
		}
		if len(z.rs) == 0 {
			continue // only marks after NFKC (ͺ is a space and a mark)
		}
		z.emit(start, end, tight)
		i = z.finish(s, start, end, sep, first)
		sep = joinScan{}
		tight = true
	}
	lat, cyr := 0, 0
	for i := first; i < len(z.toks); i++ {
		lat += int(z.toks[i].lat)
		cyr += int(z.toks[i].cyr)
	}
	z.cyrFields = append(z.cyrFields, cyr > lat)
	if lat > 0 && cyr > lat {
		z.capitalLookalikes(s, first)
	}
}

// capitalLookalikes gives a second, Cyrillic form to the Latin words of
// a mostly Cyrillic field (tokens from first on) that are written in
// capitals with letters that all look like Cyrillic ones: МТС typed as
// MTC in a Russian sentence. In Latin text such a word stays Latin (MTC
// outage), and so does one in lower case.
func (z *tokenizer) capitalLookalikes(s string, first int) {
	for i := first; i < len(z.toks); i++ {
		t := &z.toks[i]
		if t.lat < 2 || t.cyr != 0 || t.other != 0 || t.flags&(tDigit|tLong|tAccent) != 0 || t.a0 != t.a1 {
			continue
		}
		if !capitalsOnly(s[t.start:t.end]) || !allLookalikes([]rune(string(z.norm(i)))) {
			continue
		}
		z.swapAlt(t, z.norm(i))
	}
}

// swapAlt makes w, each letter swapped for its look-alike in the other
// script (swapScript), token t's second form. w may lie in z.buf.
func (z *tokenizer) swapAlt(t *token, w []byte) {
	a0 := int32(len(z.buf))
	for _, r := range string(w) {
		z.buf = utf8.AppendRune(z.buf, swapScript(r))
	}
	t.a0, t.a1 = a0, int32(len(z.buf))
}

// capitalsOnly reports whether s has no lower-case ASCII letter.
func capitalsOnly(s string) bool {
	for k := 0; k < len(s); k++ {
		if 'a' <= s[k] && s[k] <= 'z' {
			return false
		}
	}
	return true
}

// finish completes the token just appended, which spans s[start:end]:
// it flags web words and handles, records the symbol joining it to the
// previous token of the field (sep saw what lies between them) and a
// name symbol right after it (Google+, C#), which becomes part of its
// span. It returns where tokenizing goes on.
func (z *tokenizer) finish(s string, start, end int, sep joinScan, first int) int {
	t := &z.toks[len(z.toks)-1]
	web := strings.HasPrefix(s[end:], "://")
	if start > 0 {
		web = web || strings.IndexByte("@#/.:=?&%_", s[start-1]) >= 0
		if c := s[start-1]; (c == '@' || c == '#') && !wordBefore(s, start-1) || hostStart(s, start) {
			t.flags |= tHandle
		}
	}
	if web {
		t.flags |= tWeb
	}
	if len(z.toks)-1 > first {
		t.punct = sep.join()
	}
	if end < len(s) && (s[end] == '+' || s[end] == '#') {
		if p, n := trailSymbol(s[end:]); p != 0 {
			t.punct |= p
			end += n
			t.end = int32(end)
		}
	}
	return end
}

// hostStart reports whether s[i:] starts the host name of a link: right
// after "://" (unless "www." follows), or after a "www." that opens the
// link or follows "://".
func hostStart(s string, i int) bool {
	if i < 3 || s[i-1] != '/' && s[i-1] != '.' {
		return false // the common case, cheaply
	}
	if s[i-1] == '/' {
		return s[i-3:i] == "://" && !isWWW(s, i)
	}
	if i < 4 || !isWWW(s, i-4) {
		return false
	}
	j := i - 4
	return j == 0 || j >= 3 && s[j-3:j] == "://" || !wordBefore(s, j) && s[j-1] != '.' && s[j-1] != '@'
}

// isWWW reports whether "www." in any case starts s[i:].
func isWWW(s string, i int) bool {
	return len(s) >= i+4 && s[i]|0x20 == 'w' && s[i+1]|0x20 == 'w' && s[i+2]|0x20 == 'w' && s[i+3] == '.'
}

// wordBefore reports whether a letter or digit ends s[:i].
func wordBefore(s string, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isWordRune(r) || isMark(r)
}

func isASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// fastWord tokenizes the common case without decoding runes: a word of
// ASCII letters and digits or of basic Cyrillic letters (one script),
// ended by ASCII punctuation, a space or the end of s. It reports false
// when the slow path must handle the word.
func (z *tokenizer) fastWord(s string, i int, tight bool) (int, bool) {
	j, lat, cyr := i, 0, 0
	var flags uint8
	var sp splitter
	nb := len(z.bounds)
	for j < len(s) {
		c := s[j]
		if c < 0x80 {
			if !isASCIIWord(c) {
				break
			}
			cls := clsLatin
			switch {
			case c <= '9':
				flags |= tDigit
				cls = clsDigit
			case c <= 'Z':
				cls |= clsUpper
				lat++
			default:
				lat++
			}
			z.bounds = sp.step(z.bounds, cls, int32(j-i))
			j++
			continue
		}
		if (c == 0xD0 || c == 0xD1) && j+1 < len(s) && s[j+1]&0xC0 == 0x80 {
			r := rune(c&0x1F)<<6 | rune(s[j+1]&0x3F)
			if 0x410 <= r && r <= 0x44F || r == 0x401 || r == 0x451 {
				switch r {
				case 'ы', 'э', 'ё', 'Ы', 'Э', 'Ё':
					flags |= tRuOnly
				}
				cls := clsCyrillic
				if r <= 0x42F {
					cls |= clsUpper
				}
				z.bounds = sp.step(z.bounds, cls, int32(j-i))
				cyr++
				j += 2
				continue
			}
		}
		z.bounds = z.bounds[:nb]
		return 0, false
	}
	if j == i || lat > 0 && cyr > 0 || flags&tDigit != 0 && lookalikesOnly(s[i:j]) {
		z.bounds = z.bounds[:nb]
		return 0, false
	}
	if j < len(s) {
		if c := s[j]; c == '-' || c == '\'' || c == '`' {
			z.bounds = z.bounds[:nb]
			return 0, false // maybe a suffix or a compound
		}
	}
	t := token{start: int32(i), end: int32(j), lat: clamp16(lat), cyr: clamp16(cyr), flags: flags,
		b0: int32(nb), b1: int32(len(z.bounds))}
	if tight {
		t.flags |= tTight
	}
	if lat+cyr > maxWordRunes {
		t.flags |= tLong
	}
	t.n0 = int32(len(z.buf))
	for k := i; k < j; k++ {
		c := s[k]
		switch {
		case c < 0x80:
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			z.buf = append(z.buf, c)
		default:
			r := rune(c&0x1F)<<6 | rune(s[k+1]&0x3F)
			k++
			switch {
			case r == 0x401 || r == 0x451:
				r = 'е'
			case 0x410 <= r && r <= 0x42F:
				r += 0x20
			}
			z.buf = append(z.buf, byte(0xC0|r>>6), byte(0x80|r&0x3F))
		}
	}
	t.n1 = int32(len(z.buf))
	z.toks = append(z.toks, t)
	z.letters = append(z.letters, 0)
	return j, true
}

// segment appends the normalised runes of the word run starting at i to
// z.rs and returns where the run ends.
func (z *tokenizer) segment(s string, i int) int {
	for i < len(s) {
		r, sz := utf8.DecodeRuneInString(s[i:])
		switch {
		case isWordRune(r):
			z.rs = expandRune(z.rs, r)
		case isMark(r):
			if n := len(z.rs); n > 0 {
				if c, ok := composeMark(z.rs[n-1], r); ok {
					z.rs[n-1] = c
				}
			}
		case isInvisible(r):
		default:
			return i
		}
		i += sz
	}
	return i
}

// isEndingTail reports whether the part after a hyphen is a Russian case
// ending (Сбер-а, iPhone-ом) rather than a word of its own.
func isEndingTail(tail []rune) bool {
	if len(tail) == 0 || len(tail) > 3 {
		return false
	}
	var b [12]byte
	s := b[:0]
	for _, r := range tail {
		if !isCyrillic(r) {
			return false
		}
		s = appendLower(s, r)
	}
	return endingClass[string(s)]&cRuNom != 0
}

// emit appends the token made of z.rs.
func (z *tokenizer) emit(start, end int, tight bool) {
	t := token{start: int32(start), end: int32(end)}
	if tight {
		t.flags |= tTight
	}
	lat, cyr, other := 0, 0, 0
	cyrTail := true // every Cyrillic letter is in a tail after the Latin ones
	seenCyr := false
	for _, r := range z.rs {
		switch {
		case r < 0x80:
			if '0' <= r && r <= '9' {
				t.flags |= tDigit
			} else {
				lat++
				if seenCyr {
					cyrTail = false
				}
			}
		case isCyrillic(r):
			cyr++
			seenCyr = true
			switch r {
			case 'і', 'ї', 'є', 'ґ', 'ў', 'ј', 'љ', 'њ', 'ђ', 'ћ', 'џ', 'ѓ', 'ќ', 'ѕ',
				'І', 'Ї', 'Є', 'Ґ', 'Ў', 'Ј', 'Љ', 'Њ', 'Ђ', 'Ћ', 'Џ', 'Ѓ', 'Ќ', 'Ѕ',
				'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'Ә', 'Ғ', 'Қ', 'Ң', 'Ө', 'Ұ', 'Ү', 'Һ':
				t.flags |= tOtherCyr
			case 'ы', 'э', 'ё', 'Ы', 'Э', 'Ё':
				t.flags |= tRuOnly
			}
		case isLatin(r):
			lat++
			t.flags |= tAccent
			if seenCyr {
				cyrTail = false
			}
		case unicode.IsDigit(r):
			t.flags |= tDigit
		case unicode.IsLetter(r):
			other++
		}
	}
	t.lat, t.cyr, t.other = clamp16(lat), clamp16(cyr), clamp16(other)
	if len(z.rs) > maxWordRunes {
		t.flags |= tLong
	}
	t.n0 = int32(len(z.buf))
	z.offs = z.offs[:0]
	swap := false // every letter could be either script
	if lat > 0 && cyr > 0 {
		// Mixed scripts: fold look-alikes on the lower-case word.
		z.low = z.low[:0]
		z.lowIdx = z.lowIdx[:0]
		for _, r := range z.rs {
			z.lowIdx = append(z.lowIdx, int32(len(z.low)))
			z.low = lowerRunes(z.low, r)
		}
		swap = allLookalikes(z.low)
		if cyrTail && (lat > cyr && cyr <= 4 || lat >= minFormRunes) && !swap {
			// Tinkoffа: also look the word up as written; and a Latin
			// name before a Cyrillic word (#Ozonдоставка), for handles.
			t.a0 = int32(len(z.buf))
			for _, r := range z.low {
				z.buf = utf8.AppendRune(z.buf, r)
			}
			t.a1 = int32(len(z.buf))
		}
		llat, lcyr := 0, 0
		for _, r := range z.low {
			if isLatin(r) {
				llat++
			} else if isCyrillic(r) {
				lcyr++
			}
		}
		foldConfusables(z.low, llat, lcyr)
		t.n0 = int32(len(z.buf))
		lowOff := z.lowIdx[len(z.lowIdx):] // scratch after lowIdx
		for _, r := range z.low {
			lowOff = append(lowOff, int32(len(z.buf))-t.n0)
			z.buf = utf8.AppendRune(z.buf, r)
		}
		for _, k := range z.lowIdx {
			z.offs = append(z.offs, lowOff[k])
		}
	} else {
		for _, r := range z.rs {
			z.offs = append(z.offs, int32(len(z.buf))-t.n0)
			z.buf = appendLower(z.buf, r)
		}
	}
	var sp splitter
	t.b0 = int32(len(z.bounds))
	for j, r := range z.rs {
		z.bounds = sp.step(z.bounds, runeClass(r), z.offs[j])
	}
	t.b1 = int32(len(z.bounds))
	t.n1 = int32(len(z.buf))
	if swap || t.flags&tDigit != 0 && (lat > 0) != (cyr > 0) && other == 0 && lookalikesOnly(string(z.buf[t.n0:t.n1])) {
		// MTС with Latin M and T, 1C with a Latin C (1С): also look the
		// word up in the other script.
		z.swapAlt(&t, z.buf[t.n0:t.n1])
	}
	z.toks = append(z.toks, t)
	var ls langSet
	if t.flags&(tAccent|tOtherCyr) != 0 {
		ls = lettersOf(z.rs)
	}
	z.letters = append(z.letters, ls)
}

// swapScript returns the look-alike of r in the other script (Latin m
// for Cyrillic м and back), or r.
func swapScript(r rune) rune {
	if c, ok := latToCyr[r]; ok {
		return c
	}
	if l, ok := cyrToLat[r]; ok && !cyrOnly[r] {
		return l
	}
	return r
}

// allLookalikes reports whether every rune of the lower-case word rs is
// a letter with a look-alike in the other script.
func allLookalikes(rs []rune) bool {
	for _, r := range rs {
		if _, ok := latToCyr[r]; ok {
			continue
		}
		if _, ok := cyrToLat[r]; ok && !cyrOnly[r] {
			continue
		}
		return false
	}
	return len(rs) > 0
}

// lookalikesOnly reports whether every letter of w (and there is one)
// has a look-alike in the other script, Latin or Cyrillic: 1C, 1С, M2.
func lookalikesOnly(w string) bool {
	letters := 0
	for _, r := range w {
		if '0' <= r && r <= '9' {
			continue
		}
		var low [4]rune
		lr := lowerRunes(low[:0], r)
		if len(lr) != 1 {
			return false
		}
		_, lat := latToCyr[lr[0]]
		_, cyr := cyrToLat[lr[0]]
		if !lat && !(cyr && !cyrOnly[lr[0]]) {
			return false
		}
		letters++
	}
	return letters > 0
}

func clamp16(n int) uint16 {
	if n > 0xFFFF {
		return 0xFFFF
	}
	return uint16(n)
}

// words returns the normalised words of s (for query words and tests).
func words(s string) []string {
	var z tokenizer
	z.add(s)
	out := make([]string, len(z.toks))
	for i := range z.toks {
		out[i] = string(z.norm(i))
	}
	return out
}

// Rune classes for word boundaries: a script, plus clsUpper for capitals.
const (
	clsLatin uint8 = 1 + iota
	clsCyrillic
	clsOtherLetter
	clsDigit
	clsUpper uint8 = 8
)

// caseBound flags a boundary between camel-case parts in
// tokenizer.bounds.
const caseBound = int32(1) << 30

func runeClass(r rune) uint8 {
	var c uint8
	switch {
	case unicode.IsDigit(r):
		return clsDigit
	case isLatin(r):
		c = clsLatin
	case isCyrillic(r):
		c = clsCyrillic
	default:
		c = clsOtherLetter
	}
	if unicode.IsUpper(r) {
		c |= clsUpper
	}
	return c
}

// splitter finds the boundaries inside a word, one rune at a time.
type splitter struct {
	prev   uint8
	upRun  int
	lastUp int32
}

// step takes the class of the rune starting at byte offset off of the
// normalised word and appends the boundaries found before it.
func (sp *splitter) step(bounds []int32, cls uint8, off int32) []int32 {
	p := sp.prev
	if p != 0 {
		ps, cs := p&^clsUpper, cls&^clsUpper
		switch {
		case ps != cs:
			bounds = append(bounds, off) // vtb|24, газпромбанке|http
		case cls&clsUpper != 0 && p&clsUpper == 0:
			bounds = append(bounds, off|caseBound) // Alfabank|BY
		case cls&clsUpper == 0 && p&clsUpper != 0 && sp.upRun >= 2:
			bounds = append(bounds, sp.lastUp|caseBound, off|caseBound) // RSH|B|media
		}
	}
	if cls&clsUpper != 0 {
		if p&clsUpper != 0 && p&^clsUpper == cls&^clsUpper {
			sp.upRun++
		} else {
			sp.upRun = 1
		}
		sp.lastUp = off
	} else {
		sp.upRun = 0
	}
	sp.prev = cls
	return bounds
}
