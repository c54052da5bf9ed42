package score

import (
	"cmp"
	"slices"
)

// Questions in Russian texts (about a company or not: an indignant
// question about a broken lift is as unfavourable). An indignant or
// rhetorical question about a failure ("почему опять не работает?", "сколько можно
// ждать?", "где мои деньги?", "когда уже починят?") is a complaint even
// when no word of it is unfavourable; a question that only asks ("как
// подключить роуминг?", "где ближайший офис?") says nothing of the
// company. The shape of the question and the words of a problem tell them
// apart.

// indignantQ is the unfavourable valence an indignant question about a
// failure carries when its words carry less.
var indignantQ = 1.0

// Words of an indignant question (folded, ё as е).
var (
	// ruWhyWords open a question that asks for an account of something:
	// with a word of a problem it is a reproach.
	ruWhyWords = map[string]bool{
		"почему": true, "зачем": true, "отчего": true, "где": true, "когда": true,
		"неужели": true, "разве": true, "доколе": true, "сколько": true, "какого": true,
	}
	// ruIndignant alone make a question a reproach.
	ruIndignant = map[string]bool{
		"доколе": true, "нахрена": true, "нафига": true, "нахера": true, "накой": true,
		"нахуя": true, "неужели": true,
	}
	// ruIndignantPairs are two words that together make a question a
	// reproach ("сколько можно", "когда уже", "где мои").
	ruIndignantPairs = map[[2]string]bool{
		{"сколько", "можно"}: true, {"сколько", "еще"}: true, {"сколько", "ждать"}: true,
		{"когда", "уже"}: true, {"когда", "же"}: true, {"когда", "наконец"}: true,
		{"где", "мои"}: true, {"где", "мой"}: true, {"где", "моя"}: true, {"где", "мое"}: true,
		{"где", "наши"}: true, {"где", "деньги"}: true, {"какого", "черта"}: true,
		{"какого", "хрена"}: true, {"с", "какой"}: true, {"за", "что"}: true,
		{"что", "опять"}: true, {"как", "так"}: true,
		{"почему", "опять"}: true, {"почему", "снова"}: true,
	}
	// ruProblemWords say that something keeps failing or is overdue.
	ruProblemWords = map[string]bool{
		"опять": true, "снова": true, "вечно": true, "постоянно": true, "уже": true,
		"сих": true, "давно": true, "нельзя": true, "невозможно": true, "ждать": true,
		"перестал": true, "перестала": true, "перестало": true, "перестали": true,
		"пропал": true, "пропала": true, "пропало": true, "пропали": true,
		"сломался": true, "сломалось": true, "сломалась": true, "сломали": true,
		"списали": true, "списывают": true, "сняли": true, "снимают": true,
		"отключили": true, "отключаете": true, "отключают": true,
		"порезали": true, "урезали": true, "тормозит": true, "лежит": true,
	}
)

// ruQuestions finds the indignant questions about a failure in a Russian
// text about the company and gives each the unfavourable weight it
// carries (indignantQ, at its place), unless its own words already
// carry as much.
//
// The unfavourable hits are indexed by sentence once, so each question
// reads only its own sentence's: a text of many questions costs n·log n.
func (s *scratch) ruQuestions() {
	if s.d.quest == 0 {
		return
	}
	toks := s.d.toks
	// neg: the unfavourable hits by sentence, in their own order within
	// one (the hits added below are each in the sentence of its question,
	// read before it is added)
	neg := s.order[:0]
	for k := range s.hits {
		if s.hits[k].val < 0 {
			neg = append(neg, int32(k))
		}
	}
	sentOf := func(x int32) int32 { return s.sent[s.hits[x].tok] }
	slices.SortStableFunc(neg, func(x, y int32) int { return cmp.Compare(sentOf(x), sentOf(y)) })
	s.order = neg
	ofSent := func(sent int32) []int32 {
		lo, _ := slices.BinarySearchFunc(neg, sent, func(x, t int32) int { return cmp.Compare(sentOf(x), t) })
		hi, _ := slices.BinarySearchFunc(neg, sent+1, func(x, t int32) int { return cmp.Compare(sentOf(x), t) })
		return neg[lo:hi]
	}
	start := 0
	for i := range toks {
		t := &toks[i]
		if !(t.kind == tokPunct && t.punct == '?') {
			if isSentenceEnd(t) {
				start = i + 1
			}
			continue
		}
		at := s.indignant(start, i, ofSent(s.sent[i]))
		start = i + 1
		if at < 0 {
			continue
		}
		var neg float64
		for _, k := range ofSent(s.sent[at]) {
			neg -= s.hits[k].val
		}
		if neg >= indignantQ {
			continue
		}
		s.hits = append(s.hits, hit{tok: at, last: at, val: -(indignantQ - neg) * s.weight(at), tags: tComplaint, ph: -1})
	}
}

// indignant reports where the question of tokens [from, q) (q its
// question mark) shows itself a reproach about a failure, -1 if it does
// not: an indignant word or pair, or an interrogative of account with a
// word of a problem (a negation, "опять", "до сих пор", "уже", a failure
// verb) or an unfavourable word, or "??" / "?!" with one of those. neg
// are the unfavourable hits of the question's sentence (ruQuestions).
func (s *scratch) indignant(from, q int, neg []int32) int {
	toks := s.d.toks
	qt := &toks[q]
	loud := qt.run > 0 || (q+1 < len(toks) && toks[q+1].kind == tokPunct && toks[q+1].punct == '!')
	why, problem := -1, false
	prev := ""
	for k := from; k < q; k++ {
		t := &toks[k]
		if t.kind != tokWord {
			prev = ""
			continue
		}
		if ruIndignant[t.norm] || (prev != "" && ruIndignantPairs[[2]string{prev, t.norm}]) {
			return k
		}
		if why < 0 && ruWhyWords[t.norm] {
			why = k
		}
		if ruProblemWords[t.norm] {
			problem = true
		}
		if e := s.ent[k]; e != nil {
			if e.flags&fRequest != 0 {
				return -1 // "подскажите, пожалуйста, …?" asks
			}
			if e.flags&fNegator != 0 {
				problem = true
			}
		}
		prev = t.norm
	}
	if !problem {
		for _, k := range neg {
			if h := &s.hits[k]; h.tok >= from && h.tok < q {
				problem = true
				break
			}
		}
	}
	if !problem {
		return -1
	}
	switch {
	case why >= 0:
		return why
	case loud:
		for k := from; k < q; k++ {
			if toks[k].kind == tokWord {
				return k
			}
		}
	}
	return -1
}
