package score

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind is what a token is.
type tokKind uint8

const (
	tokWord     tokKind = iota // letters (and masked letters), hashtags included
	tokMention                 // @handle; norm is the handle without "@"
	tokEmoticon                // :) :( xD T_T …; val holds its valence
	tokEmoji                   // a pictograph; val holds its valence
	tokNumber                  // digits
	tokPunct                   // sentence or clause punctuation
)

// Script of a word token.
const (
	scriptOther uint8 = iota
	scriptCyr
	scriptLat
	scriptMixed
)

// token is one unit of the text. norm is lower-cased with ё folded to е and
// is a substring of the document's normalised text (no allocation).
type token struct {
	norm    string
	kind    tokKind
	script  uint8
	caps    bool    // written in capitals (two letters or more)
	title   bool    // a capital and then small letters ("Super")
	long    bool    // had a letter repeated three times or more ("sooo")
	masked  bool    // letters masked with * @ $ ! # (х*й, f***)
	hashtag bool    // came from a #hashtag
	punct   byte    // for tokPunct: '.', '!', '?', ',', ';', ':', '-'
	run     uint8   // for tokPunct: how many more times the mark repeats ("???")
	val     float64 // valence of an emoticon or emoji
	start   int     // byte range of the token in the original text
	end     int
	ns, ne  int // range of norm in doc.lower
}

// doc is a tokenised text.
type doc struct {
	text    string // the text tokenised
	toks    []token
	lower   string // normalised text the word tokens point into
	letters int    // letters in words
	capsLet int    // capital letters in words
	cyr     int    // Cyrillic letters
	lat     int    // Latin letters
	excl    int    // exclamation marks
	quest   int    // question marks
	links   int    // URLs (dropped from the tokens)
	// linkFirst: a URL stood before the first token
	linkFirst bool
	// interrobang: "?!" or "!?" somewhere in the text
	interrobang bool
	// lb is the normalised text being written, kept between texts
	lb []byte
}

// maskChars may stand for letters inside a word (х*й, бл@, sh!t, $hit).
func isMask(r rune) bool {
	return r == '*' || r == '@' || r == '$' || r == '!' || r == '#' || r == '%'
}

func isCyr(r rune) bool { return r >= 0x0400 && r <= 0x04FF }

func isLatin(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return r < 0x250 && unicode.IsLetter(r)
}

// isLetter is unicode.IsLetter with fast paths for ASCII and Cyrillic.
func isLetter(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	case r >= 0x0400 && r <= 0x04FF:
		return r <= 0x0481 || r >= 0x048A
	}
	return unicode.IsLetter(r)
}

// isUpper is unicode.IsUpper with fast paths for ASCII and basic Cyrillic.
func isUpper(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'A' <= r && r <= 'Z'
	case r >= 0x0400 && r <= 0x045F:
		return r <= 0x042F
	}
	return unicode.IsUpper(r)
}

// fold lower-cases r and folds ё to е.
func fold(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			return r + 32
		}
		return r
	case r == 'ё' || r == 'Ё':
		return 'е'
	case r >= 0x0410 && r <= 0x042F:
		return r + 0x20
	case r >= 0x0430 && r <= 0x044F:
		return r
	case r >= 0x0400 && r <= 0x040F:
		return r + 0x50
	}
	return unicode.ToLower(r)
}

// isSpace is unicode.IsSpace with a fast path for ASCII.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\v' || r == '\f'
	}
	return unicode.IsSpace(r)
}

// isDigit is unicode.IsDigit with a fast path for ASCII.
func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.IsDigit(r)
}

// unescape decodes HTML entities only when the text has any.
func unescape(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	return html.UnescapeString(s)
}

// tokenize splits text into tokens. URLs are dropped; @handles, #hashtags,
// emoticons (including Russian bracket smileys such as ")))" and "(("),
// emoji, numbers and punctuation are kept.
func tokenize(text string, d *doc) {
	d.toks = d.toks[:0]
	d.text = text
	d.letters, d.capsLet, d.cyr, d.lat, d.excl, d.quest, d.links = 0, 0, 0, 0, 0, 0, 0
	d.linkFirst = false
	d.interrobang = strings.Contains(text, "?!") || strings.Contains(text, "!?")
	lb := d.lb[:0]
	// Brackets: runs of ")" or "(" that are not balanced are smileys.
	var opens []int // token indices of "(" runs not yet closed
	n := len(text)
	i := 0
	prevSpace := true
	ended := 0 // tokens whose end has been set (each is set when the next step begins)
	for i < n {
		if k := len(d.toks) - 1; k >= ended {
			if d.toks[k].end == 0 {
				d.toks[k].end = i
			}
			ended = k + 1
		}
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = decodeRune(text[i:])
		}
		// URLs.
		if prevSpace && (r == 'h' || r == 'w' || r == 'H' || r == 'W') && isURLAt(text, i) {
			j := i
			for j < n && !isSpaceByte(text[j]) {
				j++
			}
			i = j
			d.links++
			d.linkFirst = d.linkFirst || len(d.toks) == 0
			continue
		}
		switch {
		case isSpace(r):
			if r == '\n' {
				// a line break ends a sentence
				if k := len(d.toks) - 1; k >= 0 && d.toks[k].kind != tokPunct {
					d.toks = append(d.toks, token{kind: tokPunct, punct: '.', start: i, end: i + 1})
				}
			}
			i += size
			prevSpace = true
			continue
		case r == '@' && i+1 < n && isHandleByte(text[i+1]):
			j := i + 1
			for j < n && isHandleByte(text[j]) {
				j++
			}
			s := len(lb)
			for _, c := range text[i+1 : j] {
				lb = utf8.AppendRune(lb, fold(c))
			}
			d.toks = append(d.toks, token{kind: tokMention, start: i, ns: s, ne: len(lb)})
			i = j
			prevSpace = false
			continue
		}
		if val, l := emoticonAt(text, i, prevSpace); l > 0 {
			d.toks = append(d.toks, token{kind: tokEmoticon, val: val, start: i})
			i += l
			prevSpace = false
			continue
		}
		if r < 0x500 && isLetter(r) {
			// a word, as the case below reads it: no bracket or
			// pictograph is a letter
			i, lb = d.word(text, i, lb, false)
			prevSpace = false
			continue
		}
		if r == ')' && i > 0 && text[i-1] >= '0' && text[i-1] <= '9' {
			// "1)" numbers a list item and "(Jan. 26)" closes a remark:
			// neither is a smiley
			if len(opens) > 0 {
				d.toks[opens[len(opens)-1]].val = 0
				opens = opens[:len(opens)-1]
			}
			i += size
			prevSpace = false
			continue
		}
		if r == ')' || r == '(' {
			j := i
			for j < n && text[j] == text[i] {
				j++
			}
			cnt := j - i
			if r == '(' {
				d.toks = append(d.toks, token{kind: tokEmoticon, val: 0, start: i, punct: '('})
				opens = append(opens, len(d.toks)-1)
				// An opening run counts as a frown unless a ")" closes it,
				// or unless it is one bracket that a word follows at once:
				// "(at the …" opens a remark the text was cut in.
				if cnt > 1 || j >= n || !startsWordOrDigit(text[j:]) {
					d.toks[len(d.toks)-1].val = -bracketVal(cnt)
				}
			} else {
				for cnt > 0 && len(opens) > 0 {
					// close the last open bracket: it was not a frown
					k := opens[len(opens)-1]
					opens = opens[:len(opens)-1]
					d.toks[k].val = 0
					cnt--
				}
				if cnt > 0 {
					d.toks = append(d.toks, token{kind: tokEmoticon, val: bracketVal(cnt), start: i})
				}
			}
			i = j
			prevSpace = false
			continue
		}
		if v, l := emojiAt(text, i); l > 0 {
			d.toks = append(d.toks, token{kind: tokEmoji, val: v, start: i})
			i += l
			prevSpace = false
			continue
		}
		if isLetter(r) || (r == '#' && i+1 < n && startsWord(text[i+1:])) || (isMask(r) && r != '#' && r != '@' && maskedWordAhead(text, i)) {
			hashtag := false
			if r == '#' {
				hashtag = true
				i++
			}
			i, lb = d.word(text, i, lb, hashtag)
			prevSpace = false
			continue
		}
		if isDigit(r) {
			j := i + size // the first digit may be any script's
			for j < n && (text[j] >= '0' && text[j] <= '9' || text[j] == '.' || text[j] == ',') {
				j++
			}
			// a number glued to letters ("5мин", "24h") is a number
			d.toks = append(d.toks, token{kind: tokNumber, start: i})
			i = j
			prevSpace = false
			continue
		}
		switch r {
		case '.', '!', '?', ',', ';', ':', '…', '—', '–':
			p := byte(r)
			switch r {
			case '…':
				p = '.'
			case '—', '–':
				p = '-'
			case '!':
				d.excl++
			case '?':
				d.quest++
			}
			// a run of the same punctuation is one token
			if k := len(d.toks) - 1; k >= 0 && d.toks[k].kind == tokPunct && d.toks[k].punct == p {
				if d.toks[k].run < 255 {
					d.toks[k].run++
				}
				i += size
				continue
			}
			d.toks = append(d.toks, token{kind: tokPunct, punct: p, start: i})
		case '-':
			if prevSpace {
				d.toks = append(d.toks, token{kind: tokPunct, punct: '-', start: i})
			}
		}
		i += size
		prevSpace = false
	}
	if k := len(d.toks) - 1; k >= 0 && d.toks[k].end == 0 {
		d.toks[k].end = n
	}
	d.lb = lb
	d.lower = string(lb)
	for k := range d.toks {
		t := &d.toks[k]
		if t.kind == tokWord || t.kind == tokMention {
			t.norm = d.lower[t.ns:t.ne]
		}
	}
}

func bracketVal(n int) float64 {
	switch {
	case n >= 3:
		return 2.2
	case n == 2:
		return 1.9
	}
	return 1.5
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }

func isHandleByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

func isURLAt(s string, i int) bool {
	t := s[i:]
	return asciiPrefixFold(t, "http://") || asciiPrefixFold(t, "https://") || asciiPrefixFold(t, "www.")
}

// asciiPrefixFold reports whether s starts with the lower-case ASCII
// prefix p in any case of its letters (no other letter lower-cases to
// one of a URL's scheme: "HTTP://", "Www.").
func asciiPrefixFold(s, p string) bool {
	if len(s) < len(p) {
		return false
	}
	for j := 0; j < len(p); j++ {
		c := s[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != p[j] {
			return false
		}
	}
	return true
}

// decodeRune is utf8.DecodeRuneInString with two-byte sequences (Latin-1,
// Cyrillic) decoded without the general path.
func decodeRune(s string) (rune, int) {
	if len(s) > 1 && s[0]-0xC2 < 0x1E && s[1]&0xC0 == 0x80 {
		return rune(s[0]&0x1F)<<6 | rune(s[1]&0x3F), 2
	}
	return utf8.DecodeRuneInString(s)
}

func startsWord(s string) bool {
	r, _ := decodeRune(s)
	return isLetter(r)
}

// maskedWordAhead reports whether the mask character at i starts a masked
// word such as "$hit" (a mask followed by letters).
func maskedWordAhead(s string, i int) bool {
	j := i + 1
	if j >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[j:])
	return isLetter(r) && (i == 0 || isSpaceByte(s[i-1]))
}

// word reads a word starting at i: letters, with apostrophes, hyphens and
// mask characters inside. It appends the normalised form to lb and returns
// where the word ends and lb.
func (d *doc) word(text string, i int, lb []byte, hashtag bool) (int, []byte) {
	n := len(text)
	start := i
	s := len(lb)
	letters, caps, cyr, lat, masks := 0, 0, 0, 0, 0
	long, firstUpper := false, false
	var prev rune
	run := 0
	for i < n {
		// runs of small letters of the basic Cyrillic (а–я but ё) and
		// Latin alphabets are written as they stand
		if c := text[i]; c == 0xD0 || c == 0xD1 {
			j := i
			for j+1 < n {
				c, c2 := text[j], text[j+1]
				if !(c == 0xD0 && c2 >= 0xB0 && c2 <= 0xBF || c == 0xD1 && c2 >= 0x80 && c2 <= 0x8F) {
					break
				}
				if f := rune(c&0x1F)<<6 | rune(c2&0x3F); f == prev {
					run++
					long = long || run >= 3
				} else {
					run, prev = 1, f
				}
				j += 2
			}
			if j > i {
				letters += (j - i) / 2
				cyr += (j - i) / 2
				lb = append(lb, text[i:j]...)
				i = j
				continue
			}
		} else if 'a' <= c && c <= 'z' {
			j := i
			for j < n {
				c := text[j]
				if c < 'a' || c > 'z' {
					break
				}
				if f := rune(c); f == prev {
					run++
					long = long || run >= 3
				} else {
					run, prev = 1, f
				}
				j++
			}
			letters += j - i
			lat += j - i
			lb = append(lb, text[i:j]...)
			i = j
			continue
		}
		// the other letters of the Latin and the basic Cyrillic
		// alphabets, as the case isLetter below reads them
		if c := text[i]; c < utf8.RuneSelf {
			if l := c | 0x20; 'a' <= l && l <= 'z' {
				lat++
				letters++
				if c != l {
					caps++
					firstUpper = firstUpper || letters == 1
				}
				if f := rune(l); f == prev {
					run++
					long = long || run >= 3
				} else {
					run, prev = 1, f
				}
				lb = append(lb, l)
				i++
				continue
			}
		} else if (c == 0xD0 || c == 0xD1) && i+1 < n {
			c2 := text[i+1]
			// U+0410–U+044F: D0 90–D0 BF, D1 80–D1 8F; ё and Ё: D1 91, D0 81
			if c == 0xD0 && c2 >= 0x90 && c2 <= 0xBF || c == 0xD1 && c2 >= 0x80 && c2 <= 0x8F || c == 0xD1 && c2 == 0x91 || c == 0xD0 && c2 == 0x81 {
				// fold to the lower case with ё as е: f1 f2 are its bytes
				f1, f2 := c, c2
				upper := c == 0xD0 && c2 <= 0xAF
				switch {
				case c2 == 0x91 && c == 0xD1 || c2 == 0x81 && c == 0xD0:
					f1, f2 = 0xD0, 0xB5
				case c == 0xD0 && c2 >= 0xA0 && c2 <= 0xAF:
					f1, f2 = 0xD1, c2-0x20
				case c == 0xD0 && c2 <= 0x9F:
					f2 = c2 + 0x20
				}
				cyr++
				letters++
				if upper {
					caps++
					firstUpper = firstUpper || letters == 1
				}
				if f := rune(f1&0x1F)<<6 | rune(f2&0x3F); f == prev {
					run++
					long = long || run >= 3
				} else {
					run, prev = 1, f
				}
				lb = append(lb, f1, f2)
				i += 2
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isLetter(r):
			letters++
			if isUpper(r) {
				caps++
				firstUpper = firstUpper || letters == 1
			}
			if isCyr(r) {
				cyr++
			} else if isLatin(r) {
				lat++
			}
			f := fold(r)
			if f == prev {
				run++
				if run >= 3 {
					long = true
				}
			} else {
				run = 1
			}
			prev = f
			lb = utf8.AppendRune(lb, f)
			i += size
			continue
		case r == '\'' || r == '’' || r == '-':
			// inside a word: don't, it’s, интернет-банк, кто-то
			if i+size < n && startsWordOrMask(text[i+size:]) && letters > 0 {
				if r == '’' {
					lb = append(lb, '\'')
				} else {
					lb = utf8.AppendRune(lb, r)
				}
				i += size
				prev, run = 0, 0
				continue
			}
		case isMask(r) && letters > 0:
			// f***, х*й, бл@, sh!t — but not a trailing "!" after a word
			j := i
			for j < n && isMask(rune(text[j])) {
				j++
			}
			trailing := j >= n || !startsWordOrMask(text[j:])
			if trailing && !((r == '*' || r == '@') && letters <= 4) {
				break
			}
			if r == '!' && startsUpper(text[j:]) {
				// "ура!Спасибо", "great!Thanks": a sentence ends and
				// the next opens without a space
				break
			}
			for k := i; k < j; k++ {
				lb = append(lb, '*')
			}
			masks += j - i
			i = j
			prev, run = 0, 0
			continue
		case isDigit(r) && letters > 0 && hashtag:
			lb = utf8.AppendRune(lb, r)
			i += size
			continue
		case r == '_' && hashtag:
			i += size
			continue
		}
		break
	}
	if letters == 0 {
		return max(i, start+1), lb
	}
	t := token{kind: tokWord, start: start, ns: s, ne: len(lb), hashtag: hashtag, long: long, masked: masks > 0}
	switch {
	case cyr > 0 && lat > 0:
		t.script = scriptMixed
	case cyr > 0:
		t.script = scriptCyr
	case lat > 0:
		t.script = scriptLat
	}
	t.caps = letters >= 2 && caps == letters
	t.title = letters >= 2 && firstUpper && caps == 1
	d.letters += letters
	d.capsLet += caps
	d.cyr += cyr
	d.lat += lat
	d.toks = append(d.toks, t)
	return i, lb
}

// startsUpper reports whether s begins with an upper-case letter.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isUpper(r)
}

func startsWordOrMask(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isLetter(r) || r == '*'
}

// startsWordOrDigit reports whether s begins with a letter or a digit.
func startsWordOrDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isLetter(r) || isDigit(r)
}
