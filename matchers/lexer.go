package matchers

import (
	"strconv"
	"strings"
	"unicode"
)

type lexKind uint8

const (
	lexEOF lexKind = iota
	lexWord
	lexPhrase
	lexLParen
	lexRParen
	lexOr
	lexAnd
	lexNear
	lexMinus
	lexEq
	lexTitle
	lexSite
)

// lexeme is one token of a query.
type lexeme struct {
	kind lexKind
	text string // word, phrase contents, site value
	col  int    // 1-based rune column
	n    int    // NEAR distance
	// glued: the next lexeme follows with no space (for title: and =).
	glued bool
}

// maxNear bounds NEAR/n.
const maxNear = 1000

// closingQuote maps the quotes that open a phrase to those that close it.
var closingQuote = map[rune]string{'"': `"`, '«': "»", '“': "”", '„': "“”"}

func isDelim(r rune) bool {
	if unicode.IsSpace(r) {
		return true
	}
	switch r {
	case '(', ')', '|', '"', '«', '“', '„':
		return true
	}
	return false
}

// lex splits a query into lexemes. When dropped is not nil, the words
// that are only punctuation (a lone "&" or "-"), which match nothing and
// are left out, are appended to it.
func lex(q string, dropped *[]lexeme) ([]lexeme, *QueryError) {
	rs := []rune(q)
	var out []lexeme
	fail := func(i int, format string, args ...any) ([]lexeme, *QueryError) {
		return nil, &QueryError{Brand: -1, Col: i + 1, Msg: sprintf(format, args...)}
	}
	termStart := true // a "-" or "=" here starts a term
	glue := func(i int) bool { return i < len(rs) && !unicode.IsSpace(rs[i]) }
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
			termStart = true
			continue
		case r == '(':
			out = append(out, lexeme{kind: lexLParen, col: i + 1})
			i++
			termStart = true
			continue
		case r == ')':
			out = append(out, lexeme{kind: lexRParen, col: i + 1})
			i++
			termStart = false
			continue
		case r == '|':
			out = append(out, lexeme{kind: lexOr, col: i + 1})
			i++
			termStart = true
			continue
		case closingQuote[r] != "":
			end := -1
			for j := i + 1; j < len(rs); j++ {
				if strings.ContainsRune(closingQuote[r], rs[j]) {
					end = j
					break
				}
			}
			if end < 0 {
				return fail(i, "unbalanced %q", string(r))
			}
			out = append(out, lexeme{kind: lexPhrase, text: string(rs[i+1 : end]), col: i + 1})
			i = end + 1
			termStart = false
			continue
		case termStart && (r == '-' || r == '='):
			if !glue(i+1) || isDelim(rs[i+1]) && rs[i+1] != '(' && closingQuote[rs[i+1]] == "" {
				if r == '=' {
					return fail(i, `"=" needs a word or phrase right after it`)
				}
				if dropped != nil {
					*dropped = append(*dropped, lexeme{kind: lexWord, text: string(r), col: i + 1})
				}
				i++ // a lone dash is punctuation
				continue
			}
			k := lexMinus
			if r == '=' {
				k = lexEq
			}
			out = append(out, lexeme{kind: k, col: i + 1})
			i++
			termStart = r == '-'
			continue
		}
		start := i
		for i < len(rs) && !isDelim(rs[i]) {
			i++
		}
		w := string(rs[start:i])
		termStart = false
		switch {
		case w == "OR":
			out = append(out, lexeme{kind: lexOr, col: start + 1})
			termStart = true
			continue
		case w == "AND":
			out = append(out, lexeme{kind: lexAnd, col: start + 1})
			termStart = true
			continue
		case w == "NEAR" || strings.HasPrefix(w, "NEAR/"):
			n, err := strconv.Atoi(strings.TrimPrefix(w, "NEAR/"))
			if w == "NEAR" || err != nil || n < 0 {
				return fail(start, "%q needs a number of words, e.g. NEAR/5", w)
			}
			if n > maxNear {
				return fail(start, "NEAR/%d: at most NEAR/%d", n, maxNear)
			}
			out = append(out, lexeme{kind: lexNear, n: n, col: start + 1})
			termStart = true
			continue
		}
		if c := strings.IndexByte(w, ':'); c > 0 && isFieldName(w[:c]) {
			name, rest := strings.ToLower(w[:c]), w[c+1:]
			afterColon := start + len([]rune(w[:c])) + 1
			switch name {
			case "title":
				if !glue(afterColon) {
					return fail(start, "title: needs a word, phrase or group right after the colon")
				}
				out = append(out, lexeme{kind: lexTitle, col: start + 1, glued: true})
				i = afterColon
				termStart = true
				continue
			case "site":
				if rest == "" {
					return fail(start, "site: needs a domain name right after the colon")
				}
				out = append(out, lexeme{kind: lexSite, text: rest, col: start + 1})
				continue
			}
			if rest != "" {
				return fail(start, "unknown field %q (use title: or site:, or quote the text)", w[:c+1])
			}
		}
		if len(queryWords(w)) == 0 {
			if dropped != nil {
				*dropped = append(*dropped, lexeme{kind: lexWord, text: w, col: start + 1})
			}
			continue // punctuation such as "&" or "—" matches nothing
		}
		out = append(out, lexeme{kind: lexWord, text: w, col: start + 1})
	}
	out = append(out, lexeme{kind: lexEOF, col: len(rs) + 1})
	return out, nil
}

// isFieldName reports whether s can be a field name: ASCII letters only.
func isFieldName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}
