package score

import (
	"strings"
	"unicode/utf8"
)

// Shapes of a "?" that asks nothing of the brand, read from the syntax of
// the text rather than from its words: a "?" inside a quotation, a
// question told with swearing, a question under a shared link that is not
// put to the brand.

// profaneSpan reports whether a word of tokens [from, to] is profanity:
// a question told with swearing is an outburst ("ты будешь работать или
// что?" after a curse), whatever its interrogative.
func profaneSpan(s *scratch, from, to int) bool {
	for k := from; k <= to && k < len(s.d.toks); k++ {
		if e := s.ent[k]; e != nil && e.flags&fProfane != 0 {
			return true
		}
	}
	return false
}

// inQuotation reports whether byte offset pos of text stands inside a
// quotation: after an opening «, “ or „ not yet closed, or after an odd
// number of straight double quotes. A "?" there is the quoted person's.
func inQuotation(text string, pos int) bool {
	q := quoteScan{text: text}
	return q.in(pos)
}

// quoteScan answers inQuotation for the offsets of one text read in
// order, carrying the quotation marks counted up to one offset on to the
// next: a text of many "?" costs its length once, not once per mark.
type quoteScan struct {
	text                 string
	pos, depth, straight int // the marks counted before byte pos
	// mark is the first byte at or after pos that can open a quotation
	// mark (quoteByteAfter), when known
	mark  int
	known bool
}

// in reports inQuotation(q.text, pos).
func (q *quoteScan) in(pos int) bool {
	pos = min(max(pos, 0), len(q.text))
	if pos < q.pos {
		q.pos, q.depth, q.straight, q.known = 0, 0, 0, false
	}
	text := q.text
	if !q.known {
		q.mark, q.known = quoteByteAfter(text, q.pos), true
	}
	// «, » (C2 AB, C2 BB) and “, ”, „ (E2 80 9C, 9D, 9E) open with a byte
	// no UTF-8 sequence continues with: only those bytes and '"' are read,
	// found by quoteByteAfter rather than byte by byte
	for ; q.mark < pos; q.mark = quoteByteAfter(text, q.mark+1) {
		i := q.mark
		switch text[i] {
		case '"':
			q.straight++
		case 0xC2, 0xE2:
			switch r, _ := utf8.DecodeRuneInString(text[i:]); r {
			case '«', '“', '„':
				q.depth++
			case '»', '”':
				if q.depth > 0 {
					q.depth--
				}
			}
		}
	}
	q.pos = pos
	return q.depth > 0 || q.straight%2 == 1
}

// quoteByteAfter returns the offset of the first byte of text at or after
// i that can open a quotation mark ('"', 0xC2, 0xE2), len(text) if none.
func quoteByteAfter(text string, i int) int {
	j := len(text)
	for _, c := range [...]byte{'"', 0xC2, 0xE2} {
		if k := strings.IndexByte(text[i:j], c); k >= 0 {
			j = i + k
		}
	}
	return j
}

// brandHandle reports whether the text speaks to the brand: it opens by
// addressing it, or names one of its @handles anywhere.
func brandHandle(s *scratch, a *analysis) bool {
	if a.addressed {
		return true
	}
	for i := range s.d.toks {
		if s.d.toks[i].kind == tokMention && s.brand[i] {
			return true
		}
	}
	return false
}

// markBefore returns where the stretch of text that the "?" of token i
// closes begins: after the last ".", "!" or "?" before it, glued or not
// ("Вы что офигели!За что сняли?"), but not before from.
func markBefore(toks []token, from, i int) int {
	for k := i - 1; k >= from; k-- {
		if sentenceEnd(&toks[k]) {
			return k + 1
		}
	}
	return from
}

// accuses reports whether an unfavourable word or phrase of the text
// carries a complaint or an accusation of fraud ("банк воров", "не
// работает"): a line with a link and no voice of its own is a headline
// unless it accuses.
func accuses(s *scratch) bool {
	for _, h := range s.hits {
		if h.val < 0 && h.tags&(tComplaint|tFraud) != 0 {
			return true
		}
	}
	return false
}
