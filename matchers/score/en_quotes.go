package score

import "strings"

// Short quotations in general English. A title, a sign or a phrase in
// scare quotes ("free delivery", "legal disclaimer", "No input file
// specified.") is mentioned, not said by the author: its words count
// quoteDamp of their weight. A quotation that is most of the text (a
// tweet quoted whole, a saying) is what the author says, and keeps its
// weight. Read on fold a of VADER's tweets, judged on fold b and TweetEval
// (DATA.md, "Eighth round on English").
const (
	quoteDamp  = 0.5 // what a word inside a short quotation counts
	quoteWords = 5   // the most words a quotation damped has
)

// quotations damps the contributions inside short quotations between
// double quotes (straight or curly, ”…” as well as “…”) that leave words
// of the text outside them. A mark right after a digit opens nothing: it
// is an inch or a second (55" TV, 5'10"). One pass over the text and the
// tokens, and one binary search a contribution: a text of many quotations
// costs no more than one of many words.
func (s *scratch) quotations() {
	text := s.d.text
	if strings.IndexByte(text, '"') < 0 && !strings.Contains(text, "“") && !strings.Contains(text, "”") {
		return
	}
	toks := s.d.toks
	total := 0
	for k := range toks {
		if toks[k].kind == tokWord {
			total++
		}
	}
	s.spans = s.spans[:0]
	open := false
	first, k := 0, 0 // first: the first token after the opening mark; k: after the mark at i
	for i := 0; i < len(text); i++ {
		if text[i] != '"' && !strings.HasPrefix(text[i:], "“") && !strings.HasPrefix(text[i:], "”") {
			continue
		}
		if !open && i > 0 && text[i-1] >= '0' && text[i-1] <= '9' {
			continue // 55" TV
		}
		for k < len(toks) && toks[k].start <= i {
			k++
		}
		if !open {
			open, first = true, k
			continue
		}
		open = false
		inside := 0
		for m := first; m < k; m++ {
			if toks[m].kind == tokWord {
				inside++
			}
		}
		if inside > 0 && inside <= quoteWords && inside < total {
			s.spans = append(s.spans, span{lo: int32(first), hi: int32(k)})
		}
	}
	if len(s.spans) == 0 {
		return
	}
	for k := range s.hits {
		if s.spanOf(s.hits[k].tok) >= 0 {
			s.hits[k].val *= quoteDamp
		}
	}
}

// span is a run of tokens [lo, hi) that a rule reweighs; toBrand says
// which side of a move it speaks for (moveAim).
type span struct {
	lo, hi  int32
	toBrand bool
}

// spanOf returns the index in s.spans (sorted and disjoint) of the span
// holding token i, -1 if none does.
func (s *scratch) spanOf(i int) int {
	lo, hi := 0, len(s.spans)
	for lo < hi { // the first span ending after i
		m := int(uint(lo+hi) >> 1)
		if int(s.spans[m].hi) <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == len(s.spans) || i < int(s.spans[lo].lo) {
		return -1
	}
	return lo
}
