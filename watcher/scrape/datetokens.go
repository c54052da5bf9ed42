package scrape

import (
	"strconv"
	"strings"
	"unicode"
)

// dateReplacer folds spellings that mean the same in dates.
var dateReplacer = strings.NewReplacer("ё", "е", "a.m.", "am", "p.m.", "pm", "−", "-", "–", "-", "—", "-")

// normalizeDate lower-cases s and folds ё, "a.m."/"p.m." and dashes.
func normalizeDate(s string) string {
	return dateReplacer.Replace(strings.ToLower(s))
}

// tokKind is the kind of a date token.
type tokKind int

const (
	tWord tokKind = iota
	tNum
	tTime
	tNumDate
	tOffset
)

// token is one piece of a date: a word, a number, a time of day, a
// numeric date or a zone offset.
type token struct {
	kind   tokKind
	word   string
	n      int // number value, offset minutes
	digits int
	hash   bool // "#12", "№12": an ordinal, not part of a date
	// time
	h, m, sec int
	// numeric date
	parts []string
	sep   byte
}

// tokenize splits a normalised date string into tokens; punctuation
// separates them and is dropped. It returns nil for strings too long to be
// a date.
func tokenize(s string) []token {
	rs := []rune(s)
	var toks []token
	hash := false
	for i := 0; i < len(rs); {
		c := rs[i]
		switch {
		case unicode.IsLetter(c):
			j := i
			for j < len(rs) && unicode.IsLetter(rs[j]) {
				j++
			}
			word := string(rs[i:j])
			if j < len(rs) && isDigit(rs[j]) {
				// "user42": a name, not a word and a number.
				for j < len(rs) && (unicode.IsLetter(rs[j]) || isDigit(rs[j])) {
					j++
				}
				word = "\x00" + string(rs[i:j])
			}
			toks = append(toks, token{kind: tWord, word: word})
			i = j
			hash = false
		case c >= '0' && c <= '9':
			t, j := readNumber(rs, i)
			t.hash = hash
			hash = false
			toks = append(toks, t)
			i = j
		case (c == '+' || c == '-') && i+1 < len(rs) && isDigit(rs[i+1]) && offsetContext(toks):
			t, j, ok := readOffset(rs, i)
			if !ok {
				i++
				continue
			}
			toks = append(toks, t)
			i = j
		case c == '#' || c == '№':
			hash = true
			i++
		default:
			if !unicode.IsSpace(c) {
				hash = false
			}
			i++
		}
		if len(toks) > 64 {
			return nil // not a date
		}
	}
	return toks
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func digitsAt(rs []rune, i int) int {
	j := i
	for j < len(rs) && isDigit(rs[j]) {
		j++
	}
	return j
}

// readNumber reads a number, a time (10:15, 10:15:32) or a numeric date
// (12.03.2024, 03/12/24, 2024-03-12) starting at i.
func readNumber(rs []rune, i int) (token, int) {
	j := digitsAt(rs, i)
	first := string(rs[i:j])
	if j+1 < len(rs) && rs[j] == ':' && isDigit(rs[j+1]) {
		k := digitsAt(rs, j+1)
		t := token{kind: tTime}
		t.h, _ = strconv.Atoi(first)
		t.m, _ = strconv.Atoi(string(rs[j+1 : k]))
		if k-(j+1) != 2 || j-i > 2 {
			t.h = 99 // not a time of day
		}
		if k+1 < len(rs) && rs[k] == ':' && isDigit(rs[k+1]) {
			l := digitsAt(rs, k+1)
			t.sec, _ = strconv.Atoi(string(rs[k+1 : l]))
			k = l
		}
		return t, k
	}
	if j+1 < len(rs) && (rs[j] == '.' || rs[j] == '/' || rs[j] == '-') && isDigit(rs[j+1]) {
		sep := rs[j]
		parts := []string{first}
		k := j
		for len(parts) < 3 && k+1 < len(rs) && rs[k] == sep && isDigit(rs[k+1]) {
			l := digitsAt(rs, k+1)
			parts = append(parts, string(rs[k+1:l]))
			k = l
		}
		return token{kind: tNumDate, parts: parts, sep: byte(sep)}, k
	}
	n, err := strconv.Atoi(first)
	if err != nil || len(first) > 9 {
		n = -1
	}
	return token{kind: tNum, n: n, digits: len(first)}, j
}

// offsetContext reports whether a sign here starts a zone offset: right
// after a time, "am/pm" or a zone name.
func offsetContext(toks []token) bool {
	if len(toks) == 0 {
		return false
	}
	t := toks[len(toks)-1]
	if t.kind == tTime {
		return true
	}
	if t.kind == tWord {
		_, zone := zones[t.word]
		return zone || t.word == "am" || t.word == "pm"
	}
	return false
}

// readOffset reads +3, +03, +0300, +03:00.
func readOffset(rs []rune, i int) (token, int, bool) {
	sign := 1
	if rs[i] == '-' {
		sign = -1
	}
	j := digitsAt(rs, i+1)
	d := string(rs[i+1 : j])
	var h, m int
	switch len(d) {
	case 1, 2:
		h, _ = strconv.Atoi(d)
		if j+2 < len(rs) && rs[j] == ':' && isDigit(rs[j+1]) && isDigit(rs[j+2]) {
			m, _ = strconv.Atoi(string(rs[j+1 : j+3]))
			j += 3
		}
	case 4:
		h, _ = strconv.Atoi(d[:2])
		m, _ = strconv.Atoi(d[2:])
	default:
		return token{}, 0, false
	}
	if h > 14 || m > 59 {
		return token{}, 0, false
	}
	return token{kind: tOffset, n: sign * (h*60 + m)}, j, true
}
