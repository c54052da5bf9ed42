package score

// Whom a Russian sentence is aimed at when several companies are named.
// A sentence that names no company goes on about the one the text spoke
// of last: "Как меня достал Билайн. Постоянно пропадает связь. Приходится
// с Мегафоном сидеть" blames Билайн twice and Мегафон not at all. So in a
// Russian text a sentence naming nobody takes what the nearest sentence
// before it names; when that is another brand only, its words are aimed
// at the other brand (aimOthers damps them).

// carryNames gives every sentence of sents (bit 1 the brand, bit 2
// another brand, as aimOthers fills them) that names nobody what the
// last sentence before it that names someone names.
func carryNames(sents []uint8) {
	last := uint8(0)
	for i, v := range sents {
		if v == 0 {
			sents[i] = last
			continue
		}
		last = v
	}
}

// carryClauses does within a sentence what carryNames does across
// sentences: a clause that names nobody takes what the clause before it
// names ("а то с МТС вечно проблемы, а 3G не работает"), and the first
// clause of a sentence what its sentence names (sents, carried).
func (s *scratch) carryClauses(clauses, sents []uint8) {
	prev := int32(-1)
	for i := range s.d.toks {
		c := s.clause[i]
		if c == prev {
			continue
		}
		if clauses[c] == 0 {
			if prev >= 0 && s.sent[i] == s.sent[i-1] {
				clauses[c] = clauses[prev]
			} else {
				clauses[c] = sents[s.sent[i]]
			}
		}
		prev = c
	}
}

// condDamp is what a contribution counts inside a Russian conditional
// clause ("если вирус повредил память телефона, что делать?"): a case
// supposed, not an event told.
var condDamp = 0.5

// ruConditional damps the contributions of the clauses that "если" opens,
// up to the clause's end (clauseBreak).
func (s *scratch) ruConditional() {
	if len(s.hits) == 0 {
		return
	}
	toks := s.d.toks
	var idx hitIndex
	indexed := false
	end := -1 // the clause break after the last "если" read
	for i := range toks {
		if toks[i].kind != tokWord || toks[i].norm != "если" {
			continue
		}
		if i >= end {
			// a later "если" of the same clause has the same break
			end = len(toks)
			for j := i + 1; j < len(toks); j++ {
				if clauseBreak(&toks[j]) {
					end = j
					break
				}
			}
		}
		if !indexed {
			idx, indexed = s.indexHits(), true
		}
		for _, k := range idx.in(i+1, end) {
			s.hits[k].val *= condDamp
		}
	}
}

// ruOtherDamp is otherDamp for Russian, where a sentence that names
// nobody is aimed at the company named before it (carryNames).
var ruOtherDamp = 0.15
