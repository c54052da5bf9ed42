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
// double quotes (straight or curly) that leave words of the text outside
// them.
func (s *scratch) quotations() {
	text := s.d.text
	if strings.IndexByte(text, '"') < 0 && !strings.Contains(text, "“") {
		return
	}
	open := -1
	for i := 0; i < len(text); i++ {
		if text[i] != '"' && !strings.HasPrefix(text[i:], "“") && !strings.HasPrefix(text[i:], "”") {
			continue
		}
		if open < 0 {
			open = i
			continue
		}
		s.dampQuote(open, i)
		open = -1
	}
}

// dampQuote weighs the contributions of the words between byte offsets lo and
// hi at quoteDamp, when there are 1…quoteWords of them and the text has
// words outside.
func (s *scratch) dampQuote(lo, hi int) {
	toks := s.d.toks
	inside, outside := 0, 0
	for k := range toks {
		if toks[k].kind != tokWord {
			continue
		}
		if toks[k].start > lo && toks[k].start < hi {
			inside++
		} else {
			outside++
		}
	}
	if inside == 0 || inside > quoteWords || outside == 0 {
		return
	}
	for k := range s.hits {
		if st := toks[s.hits[k].tok].start; st > lo && st < hi {
			s.hits[k].val *= quoteDamp
		}
	}
}
