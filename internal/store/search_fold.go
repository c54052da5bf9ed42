package store

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// searchWords splits s into the words the inbox's word search finds, each
// folded: the words SQLite's FTS4 tokenizer (unicode61 with
// remove_diacritics=1, fed text with ё written е) makes of the same text.
// Words are runs of letters, digits and private-use characters; anything
// else (spaces, punctuation, symbols) parts them, so a host name
// "help.acme.com" is three words, "wi-fi" two. A word is lowered in every
// script, its Latin letters lose their diacritics (é, ñ, ç, Ł stays ł), and
// ё is written е. Combining accents inside a word are dropped, as the
// tokenizer drops them.
//
// The same function folds what is searched for (wordTerms) on both
// engines and the words PostgreSQL stores (searchVector), so the two
// engines find the same mentions.
func searchWords(s string) []string {
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		switch {
		case isWordRune(r):
			b.WriteRune(foldRune(r))
		case b.Len() > 0 && isDroppedMark(r):
			// a combining accent continues the word and is dropped
		default:
			flush()
		}
	}
	flush()
	return words
}

// isWordRune reports whether r belongs to words: a letter, a digit or
// other number, or a private-use character.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r)
}

// droppedMarks are the combining accents SQLite's tokenizer keeps inside
// a word and drops (the others part words).
var droppedMarks = [...]bool{
	0x00: true, 0x01: true, 0x02: true, 0x03: true, 0x04: true, 0x06: true, 0x07: true, 0x08: true,
	0x09: true, 0x0A: true, 0x0B: true, 0x0C: true, 0x0F: true, 0x11: true, 0x1B: true, 0x23: true,
	0x24: true, 0x25: true, 0x26: true, 0x27: true, 0x28: true, 0x2D: true, 0x2E: true, 0x30: true,
	0x31: true,
}

func isDroppedMark(r rune) bool {
	return r >= 0x300 && r < 0x300+rune(len(droppedMarks)) && droppedMarks[r-0x300]
}

// foldRune lowers r, takes the diacritics off a Latin letter and writes
// ё as е.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	if r == 'ı' { // no case of its own: dotless ı stays
		return r
	}
	r = unicode.ToLower(unicode.ToUpper(r)) // folded: ſ is s, ς σ, µ μ
	if r == 'ё' {
		return 'е'
	}
	if b, ok := latinBases()[r]; ok {
		return b
	}
	return r
}

// latinBases maps each lower-case Latin letter with diacritics to the
// letter without them: the letter its canonical decomposition starts with,
// when the rest is combining accents. Letters with two accents keep them
// (ǖ, ệ), as SQLite's remove_diacritics=1 keeps them.
var latinBases = sync.OnceValue(func() map[rune]rune {
	m := map[rune]rune{}
	for _, span := range [][2]rune{{0xC0, 0x24F}, {0x1E00, 0x1EFF}} {
		for r := span[0]; r <= span[1]; r++ {
			if !unicode.Is(unicode.Latin, r) || !unicode.IsLower(r) {
				continue
			}
			d := []rune(norm.NFD.String(string(r)))
			if len(d) == 2 && d[0] < utf8.RuneSelf && unicode.Is(unicode.Mn, d[1]) {
				m[r] = d[0]
			}
		}
	}
	return m
})
