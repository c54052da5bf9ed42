package matchers

import (
	"strings"
	"unicode/utf8"
)

// Handles of Russian brands are written in Latin letters: a customer
// writes to @mts_ru, @sberbank, @tinkoffbank, @yandex about МТС, Сбер,
// Тинькофф, Яндекс. A Cyrillic query word therefore also finds an @handle
// or #hashtag that begins with its transliteration (and, inside one, a
// camel-case part that is it) — never a plain Latin word, where
// "mts" or "sber" would be anything. The handle rule is the one of Latin
// words (@notmts does not count), except that a spelling of three
// letters must be a whole word of the handle (translitClass).
//
// Handles are transliterated by ear, not by a standard, so the common
// spellings of the letters with several are all tried: кс as ks or x
// (Яндекс → yandeks, yandex), к as k or c (Ростелеком → rostelecom), х as
// kh or h, й as y or i, ц as ts or c, ж as zh or z (РЖД → @rzd).

// translitClass is the class of a transliterated form: a handle that
// begins with it when it has four letters or more (@sberbank,
// @tinkoffbank); a shorter one only as a whole word of a handle, before
// "_" or a capital (@mts_ru, #MTSLive, not @mtsgericht or, for Мир,
// @mirror), as three Latin letters begin too many handles.
func translitClass(l string) uint16 {
	if utf8.RuneCountInString(l) > minFormRunes {
		return cPrefix | cHandle
	}
	return cHandle
}

// translitBase spells each Cyrillic letter of a normalised word (ё is
// already е, and ъ, ь are silent).
var translitBase = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ж': "zh", 'з': "z",
	'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p",
	'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch",
	'ш': "sh", 'щ': "sch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
}

// translitChoices are the letters spelled in more than one way, with the
// other spelling; each is chosen for the whole word at once. A Latin
// letter read back from a Cyrillic hashtag is never a handle's shorthand
// (handleOnly): a Latin z is з there, not ж (Zara is not #жара).
var translitChoices = []struct {
	from       string
	alt        string
	handleOnly bool
}{{"кс", "x", false}, {"к", "c", false}, {"х", "h", false}, {"й", "i", false}, {"ц", "c", false}, {"ж", "z", true}}

// maxTranslit bounds the spellings of one word.
const maxTranslit = 8

// translitForms returns the Latin spellings of a Cyrillic word, at least
// minFormRunes long, or nil when the word has letters other than Russian
// Cyrillic and digits.
func translitForms(w string) []string {
	var out []string
	eachSpelling(w, false, func(s string, _ []int) {
		if utf8.RuneCountInString(s) >= minFormRunes {
			out = append(out, s)
		}
	})
	return out
}

// eachSpelling calls f with each distinct Latin spelling of a Cyrillic
// word, at most maxTranslit of them, and the byte offsets in it where the
// spelling of each of the word's letters ends; none when the word has
// letters other than Russian Cyrillic and digits. For a hashtag, the
// handles' shorthand spellings (handleOnly) are left out.
func eachSpelling(w string, hashtag bool, f func(s string, ends []int)) {
	choices := make([]int, 0, len(translitChoices))
	for k, c := range translitChoices {
		if strings.Contains(w, c.from) && !(hashtag && c.handleOnly) {
			choices = append(choices, k)
		}
	}
	var seen []string
	var ends []int
	for mask := 0; mask < 1<<len(choices) && len(seen) < maxTranslit; mask++ {
		s, e, ok := spell(w, choices, mask, ends[:0])
		if !ok {
			return
		}
		ends = e
		if !contains(seen, s) {
			seen = append(seen, s)
			f(s, ends)
		}
	}
}

// spell transliterates w with the alternative spellings of the choices
// set in mask, appending to ends the offset where each letter's spelling
// ends.
func spell(w string, choices []int, mask int, ends []int) (string, []int, bool) {
	alt := map[string]string{}
	for b, k := range choices {
		if mask&(1<<b) != 0 {
			alt[translitChoices[k].from] = translitChoices[k].alt
		}
	}
	var b strings.Builder
	rs := []rune(w)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
			ends = append(ends, b.Len())
			continue
		}
		if i+1 < len(rs) && r == 'к' && rs[i+1] == 'с' {
			if a, ok := alt["кс"]; ok {
				b.WriteString(a)
				ends = append(ends, b.Len())
				i++
				continue
			}
		}
		if a, ok := alt[string(r)]; ok {
			b.WriteString(a)
			ends = append(ends, b.Len())
			continue
		}
		s, ok := translitBase[r]
		if !ok {
			return "", ends, false
		}
		b.WriteString(s)
		ends = append(ends, b.Len())
	}
	return b.String(), ends, true
}

// lookupTranslit records the Latin query words a Cyrillic handle or
// hashtag w begins with in one of its spellings (#МегаФонТВ → megafon):
// the other direction of a Cyrillic query word's Latin handle. Only a
// prefix of more than minFormRunes letters counts, as for translitClass,
// and only one that ends where a Cyrillic letter's spelling ends: #соня
// (sonya) does not begin with sony, nor #маршрут (marshrut) with mars.
func (m *Matcher) lookupTranslit(st *state, w []byte, sp span) {
	if r, _ := utf8.DecodeRune(w); r < 'а' || r > 'я' {
		return
	}
	eachSpelling(string(w), true, func(l string, ends []int) {
		for _, k := range ends {
			if k > minFormRunes { // the spellings are ASCII
				m.lookupLatinWord(st, []byte(l[:k]), sp)
			}
		}
	})
}

// lookupTranslitPart records the Latin query words a camel-case part w of
// a Cyrillic handle or hashtag is, in one of its spellings
// (#БойкотМегафон → megafon): as a Latin part counts only when it is the
// word, a part that merely begins with one (#ЛюблюКинопоиск, kino) does
// not.
func (m *Matcher) lookupTranslitPart(st *state, w []byte, sp span) {
	if r, _ := utf8.DecodeRune(w); r < 'а' || r > 'я' {
		return
	}
	eachSpelling(string(w), true, func(l string, _ []int) {
		if len(l) > minFormRunes { // the spellings are ASCII
			m.lookupLatinWord(st, []byte(l), sp)
		}
	})
}

// lookupLatinWord records the Latin query words w is, as written: the
// terms with a base w of class cPrefix that is not a Cyrillic query
// word's spelling (cTranslit).
func (m *Matcher) lookupLatinWord(st *state, w []byte, sp span) {
	if !m.filter.has(w) {
		return
	}
	for _, e := range m.dict[string(w)] {
		if e.cls&cPrefix != 0 && e.cls&cTranslit == 0 {
			st.hit(e.term, sp)
		}
	}
}
