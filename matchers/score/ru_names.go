package score

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Names of products and the signatures of support desks in Russian texts
// about a company.

// productNouns begin the words that name a kind of product or offer; a
// quoted name after one is the product's name ("тариф «Супер МТС»",
// "программа «Счастливое время»", "вклад «Выгодный»"), and its words say
// nothing of the company.
var productNouns = []string{
	"тариф", "услуг", "опци", "программ", "акци", "пакет", "сервис", "продукт", "приложени",
	"карт", "вклад", "кредит", "слоган", "проект", "конкурс",
}

// maxNameWords is the most words a quoted product name holds.
const maxNameWords = 5

// isOpenQuote and isCloseQuote report whether r opens or closes a quoted
// name ("“" does both: „…“ and “…”).
func isOpenQuote(r rune) bool  { return r == '«' || r == '"' || r == '“' || r == '„' }
func isCloseQuote(r rune) bool { return r == '»' || r == '"' || r == '”' || r == '“' }

// productNames takes the valence out of the words of quoted product names.
//
// Each name reads only the hits of its own words (hitIndex).
func (s *scratch) productNames() {
	toks := s.d.toks
	text := s.d.text
	var idx hitIndex
	indexed := false
	for j := 1; j < len(toks); j++ {
		t := &toks[j]
		if t.start == 0 || t.start > len(text) {
			continue
		}
		// the quotation mark first: it rules out nearly every token
		// before the product nouns are compared
		if r, _ := utf8.DecodeLastRuneInString(text[:t.start]); !isOpenQuote(r) {
			continue
		}
		if p := &toks[j-1]; p.kind != tokWord || !hasStem(p.norm, productNouns) {
			continue
		}
		end := quoteEnd(toks, text, j)
		if end < 0 {
			continue
		}
		if !indexed {
			idx, indexed = s.indexHits(), true
		}
		// the hits inside start from j on and by end (or, ending before
		// they start, by end+ahead)
		for _, h := range idx.in(j, end+idx.ahead+1) {
			if hh := &s.hits[h]; hh.tok >= j && hh.last <= end {
				hh.val = 0
			}
		}
		j = end
	}
}

// quoteEnd is the token, among the maxNameWords from j on, that a closing
// quotation mark follows; -1 if none does.
func quoteEnd(toks []token, text string, j int) int {
	for k := j; k < len(toks) && k < j+maxNameWords; k++ {
		if e := toks[k].end; e > 0 && e < len(text) {
			if c, _ := utf8.DecodeRuneInString(text[e:]); isCloseQuote(c) {
				return k
			}
		}
	}
	return -1
}

// signed reports whether the text is signed the way support desks sign
// their replies: a caret and the agent's initials ("… ^ИА #МТС", "^ДП").
func (d *doc) signed() bool {
	text := d.text
	for {
		i := strings.IndexByte(text, '^')
		if i < 0 {
			return false
		}
		text = text[i+1:]
		n := 0
		rest := text
		for rest != "" {
			r, size := utf8.DecodeRuneInString(rest)
			if !isUpper(r) {
				break
			}
			n++
			rest = rest[size:]
		}
		if n >= 1 && n <= 3 {
			if r, _ := utf8.DecodeRuneInString(rest); rest == "" || !unicode.IsLetter(r) {
				return true
			}
		}
	}
}
