package matchers

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Rune-level normalisation shared by documents and queries: NFKC, case
// folding, ё = е, Latin diacritics dropped, stray combining marks dropped,
// and look-alike letters folded to the word's majority script.

// isInvisible reports characters that are removed from words without
// breaking them: soft hyphen, zero-width space/joiners, word joiner, BOM.
func isInvisible(r rune) bool {
	switch r {
	case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x180E:
		return true
	}
	return false
}

// isHyphen reports characters that join the parts of a compound word
// (Альфа-Банк) when written between letters with no spaces: the hyphen,
// its Unicode forms, and the figure and en dashes that editors put in its
// place (T–Mobile).
func isHyphen(r rune) bool {
	return r == '-' || 0x2010 <= r && r <= 0x2013
}

// isApostrophe reports characters used as apostrophes (Tinkoff'а,
// Tinkoff’а, iPhone`ы).
func isApostrophe(r rune) bool {
	switch r {
	case '\'', 0x2019, 0x2018, 0x02BC, '`', 0x00B4:
		return true
	}
	return false
}

// isWordRune reports letters and digits: the runes words are made of.
func isWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	if 0x410 <= r && r <= 0x44F || r == 0x401 || r == 0x451 {
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isMark reports combining marks, which belong to the word they follow.
func isMark(r rune) bool {
	if r < 0x300 {
		return false
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc)
}

// isCyrillic and isLatin classify letters by script.
func isCyrillic(r rune) bool {
	if 0x400 <= r && r <= 0x4FF {
		return true
	}
	return r >= 0x500 && unicode.Is(unicode.Cyrillic, r)
}

func isLatin(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.Is(unicode.Latin, r)
}

// expandRune appends the NFKC form of r to dst, keeping only letters and
// digits (NFKC turns ﬁ into "fi") and composing combining marks with the
// rune before them (halfwidth ｶﾞ → ガ) or dropping them. The fast path covers ASCII
// and the basic Cyrillic block.
func expandRune(dst []rune, r rune) []rune {
	if r < 0x80 || 0x400 <= r && r <= 0x45F {
		return append(dst, r)
	}
	s := string(r)
	if norm.NFKC.IsNormalString(s) {
		return append(dst, r)
	}
	for _, x := range norm.NFKC.String(s) {
		switch {
		case isWordRune(x):
			dst = append(dst, x)
		case isMark(x) && len(dst) > 0:
			if c, ok := composeMark(dst[len(dst)-1], x); ok {
				dst[len(dst)-1] = c
			}
		}
	}
	return dst
}

// composeMark combines a combining mark with the rune before it (и +
// U+0306 → й). It returns the composed rune and true, or false when the
// pair does not compose (the mark is then dropped, like stress accents).
func composeMark(prev, mark rune) (rune, bool) {
	s := norm.NFC.String(string([]rune{prev, mark}))
	var out []rune
	for _, x := range s {
		out = append(out, x)
	}
	if len(out) == 1 {
		return out[0], true
	}
	return 0, false
}

// cyrToLat and latToCyr map lower-case letters that look alike in the
// two scripts (в, н, м, т for the capitals В Н М Т that look like B H M T).
var cyrToLat = map[rune]rune{
	'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x', 'к': 'k',
	'в': 'b', 'н': 'h', 'м': 'm', 'т': 't', 'ѕ': 's', 'ј': 'j', 'і': 'i',
}

// cyrOnly are Cyrillic look-alikes of Latin letters that Russian does not
// use: folded into Latin words, never out of them.
var cyrOnly = map[rune]bool{'ѕ': true, 'ј': true, 'і': true}

var latToCyr = func() map[rune]rune {
	m := make(map[rune]rune, len(cyrToLat))
	for c, l := range cyrToLat {
		if cyrOnly[c] {
			continue
		}
		m[l] = c
	}
	return m
}()

// foldConfusables rewrites the look-alike letters of the minority script
// of a mixed Latin/Cyrillic lower-case word to the majority script, in
// place
// (Cбербанк with a Latin C → Сбербанк). Letters without a look-alike
// decide first (cбepбaнк has Cyrillic б and н but only look-alike Latin
// letters, so it is Cyrillic); then the count of letters; on a tie the
// script of the first letter.
func foldConfusables(rs []rune, lat, cyr int) {
	strongLat, strongCyr := 0, 0
	for _, r := range rs {
		switch {
		case isLatin(r):
			if _, ok := latToCyr[r]; !ok {
				strongLat++
			}
		case isCyrillic(r):
			if _, ok := cyrToLat[r]; !ok {
				strongCyr++
			}
		}
	}
	toCyr := cyr > lat
	switch {
	case strongCyr > 0 && strongLat == 0:
		toCyr = true
	case strongLat > 0 && strongCyr == 0:
		toCyr = false
	case lat == cyr:
		for _, r := range rs {
			if isCyrillic(r) {
				toCyr = true
				break
			}
			if isLatin(r) {
				break
			}
		}
	}
	for i, r := range rs {
		if toCyr {
			if c, ok := latToCyr[r]; ok {
				rs[i] = c
			}
		} else if l, ok := cyrToLat[r]; ok {
			rs[i] = l
		}
	}
}

// appendLower appends the case-folded form of r (see lowerRunes).
func appendLower(dst []byte, r rune) []byte {
	if r < 0x80 {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(dst, byte(r))
	}
	var tmp [4]rune
	for _, x := range lowerRunes(tmp[:0], r) {
		dst = utf8.AppendRune(dst, x)
	}
	return dst
}

// lowerRunes appends the case-folded form of r: lower case, ё → е, ß →
// ss, Latin diacritics removed.
func lowerRunes(dst []rune, r rune) []rune {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
	case 0x410 <= r && r <= 0x42F:
		r += 0x20
	case r == 0x401 || r == 0x451: // Ё ё
		r = 'е'
	case 0x430 <= r && r <= 0x44F:
	case r == 'ß' || r == 'ẞ':
		return append(dst, 's', 's')
	default:
		r = unicode.ToLower(r)
		if r == 'ς' {
			r = 'σ'
		}
		if r >= 0x80 && isLatin(r) {
			// NFD is a full decomposition: its base letters do not
			// decompose again (ø, ł, ı have no decomposition at all).
			if d := norm.NFD.String(string(r)); d != string(r) {
				for _, x := range d {
					if !isMark(x) {
						dst = lowerRunes(dst, x)
					}
				}
				return dst
			}
		}
	}
	return append(dst, r)
}
