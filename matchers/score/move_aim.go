package score

import "strings"

// Whom the words after a move between companies are aimed at. A customer
// who moves from one company to another and goes on without naming
// anyone ("Ухожу от Билайна к МТС, задолбали обрывы", "Switching from
// Comcast to Verizon, sick of the outages", "Ушла из Сбера в Тинькофф —
// наконец нормальное приложение") blames the company left and praises
// the one chosen: what follows the move counts by its sign, the
// unfavourable against the origin, the favourable for the destination.
// Scored for the destination, the unfavourable words of the move's
// sentence after it keep what words aimed at another company keep
// (otherDamp, ruOtherDamp in Russian), and scored for the origin, the
// favourable ones do. The move's own phrase ("ухожу от BRAND", a lead
// toward the brand) is untouched.
//
// The reach of a move ends at the end of its sentence and before a word
// that names someone or points back at a company ("там", "у них",
// "there", "their": "Перешёл с Теле2 на Билайн, там постоянно сеть
// пропадает" may speak of either) or turns the sentence ("но", "а",
// "but": "Switched from Comcast to Verizon but the signal is worse"; "а
// то", "or else", gives the move's reason and does not).
//
// A verb said twice ("уйти — ухожу от …") reads the move once. In a text
// written in capitals a word in capitals ends no reach (namesAfterMove).

// movedVerbs are the past forms of moveVerbs and the English moves: a
// move between two named companies reads the same told or planned.
var movedVerbs = wordSet(`
	перешел перешёл перешла перешли ушел ушёл ушла ушли сбежал сбежала сбежали свалил свалила свалили
	перейшов перейшла перейшли пішов пішла пішли
	move moving moved moves switches`)

// moveToPreps are the prepositions of where a move goes ("with" is not
// one after a "from").
var moveToPreps = wordSet(`на в во к ко до to into`)

// leaveVerbs leave a company named right after them for one named after
// "for" ("left Comcast for Verizon", "ditched X for Y"): a move as "from
// X to Y" is.
var leaveVerbs = wordSet(`leave leaves leaving left drop drops dropping dropped ditch ditches
	ditching ditched dump dumps dumping dumped quit quits quitting`)

// placeWords after a name make it a place, not a company: "moved from
// Boston to Verizon territory" is a move of house.
var placeWords = wordSet(`territory area areas country city town county state region zone land
	neighborhood neighbourhood district`)

// leaveChurn is the valence of leaving the brand for another company
// ("left BRAND for Y") when no churn phrase reads it already, as
// "switched from BRAND" has.
const leaveChurn = -1.0

// leaveLead is the valence of leaving another company for the brand
// ("left X for BRAND"), as "switched to BRAND" has.
const leaveLead = 1.5

// kinWords are the people whose move a customer tells ("my roommate
// switched from X to Y"): their move is not the author's churn.
var kinWords = wordSet(`roommate roommates flatmate friend friends dad mom mum father mother parents
	brother sister wife husband boyfriend girlfriend partner son daughter neighbor neighbour
	neighbors neighbours coworker coworkers colleague colleagues boss uncle aunt cousin
	grandma grandpa grandmother grandfather he she they`)

// someoneElse reports whether the clause before token i tells of someone
// other than the author: a person of kinWords and no "I" or "we".
func someoneElse(toks []token, i int) bool {
	other := false
	for j := i - 1; j >= 0 && toks[j].kind != tokPunct; j-- {
		switch w := toks[j].norm; {
		case w == "i" || w == "we" || w == "i'm" || w == "we're" || w == "i’m" || w == "we’re":
			return false
		case kinWords[w]:
			other = true
		}
	}
	return other
}

// authorsMove reports whether the leave verb at token i tells the
// author's own move: its clause before it has "I" or "we", or names no
// one (no name but its first word, no possessive, no one of kinWords).
// "Apple's design chief left Apple for Tesla" and "Yesterday Mark left
// Comcast for Verizon" are someone else's: the words after them are still aimed, but no churn or lead is
// added.
func (s *scratch) authorsMove(i int) bool {
	toks := s.d.toks
	for j := i - 1; j >= 0 && toks[j].kind != tokPunct; j-- {
		switch w := toks[j].norm; {
		case w == "i" || w == "we" || w == "i'm" || w == "we're" || w == "i’m" || w == "we’re":
			return true
		case kinWords[w] || strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s"):
			return false
		case (s.brand[j] || named(s, j)) && j > 0 && !isSentenceEnd(&toks[j-1]):
			return false // a word opening a sentence has its capital anyway
		}
	}
	return true
}

// othersChurnEN takes valence and tag off an English churn phrase told of
// someone else ("My roommate switched from BRAND to Visible"): the move
// is news of a friend's, not the author's leaving.
func (s *scratch) othersChurnEN() {
	for k := range s.hits {
		if h := &s.hits[k]; h.tags&tChurn != 0 && h.val < 0 && h.ph >= 0 && someoneElse(s.d.toks, h.tok) {
			h.val = 0
			h.tags &^= tChurn
		}
	}
}

// movePointers point back at a company named before or turn the
// sentence: a move's reach ends before them.
var movePointers = wordSet(`там тут здесь их им ими они оттуда туда но однако зато хотя
	there here they their them theirs but however though although except`)

// moveAim reads the moves between the brand and another company and
// damps, in what follows each within its sentence, the contributions
// aimed at the other side (see above). The reaches go into s.spans, and
// each contribution looks its span up once: a text of many moves costs
// no pass over every contribution per move.
func (s *scratch) moveAim(lang string) {
	toks := s.d.toks
	// aimOthers read s.other for this text only if it had contributions
	otherRead := len(s.hits) > 0
	// a preposition of origin before a name is rarer than a word: without
	// one there is no move to read, and the verbs need not be looked up
	origin := false
	of := originWords
	for j := 0; j+1 < len(toks) && !origin; j++ {
		if toks[j].kind != tokWord || !of.may(toks[j].norm) {
			continue // neither a preposition of origin nor a verb of leaving
		}
		w := toks[j].norm
		origin = (s.brand[j+1] || named(s, j+1)) && (fromPreps[w] || leaveVerbs[w]) ||
			leaveVerbs[w] && j+2 < len(toks) && (toks[j+1].norm == "my" || toks[j+1].norm == "our") && (s.brand[j+2] || named(s, j+2))
	}
	if !origin {
		return
	}
	shouted := s.d.letters > 0 && float64(s.d.capsLet)/float64(s.d.letters) > 0.6
	s.spans = s.spans[:0]
	done := -1 // the last token of the last move read
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord || i <= done {
			continue
		}
		var from, to, end int
		switch w := strings.TrimSuffix(t.norm, "-ка"); {
		case moveVerbs[w] || movedVerbs[w]:
			from, to, end = s.moveEnds(i)
		case leaveVerbs[w]:
			from, to, end = s.leaveEnds(i)
		default:
			continue
		}
		if from < 0 || to < 0 || s.brand[from] == s.brand[to] || !s.company(from, &otherRead) || !s.company(to, &otherRead) {
			continue
		}
		done = end
		if leaveVerbs[t.norm] && s.authorsMove(i) {
			if s.brand[from] {
				s.leaveChurn(i, from)
			} else {
				s.hits = append(s.hits, hit{tok: to - 1, last: end, val: leaveLead, ph: -1})
			}
		}
		reach := end + 1
		for ; reach < len(toks) && s.sent[reach] == s.sent[end]; reach++ {
			k := &toks[reach]
			if s.brand[reach] || s.namesAfterMove(reach, shouted) || k.kind == tokWord && movePointers[k.norm] {
				break
			}
			if k.kind == tokWord && k.norm == "а" && !(reach+1 < len(toks) && toks[reach+1].norm == "то") {
				break // "а" turns the sentence; "а то" gives the reason
			}
			if e := s.ent[reach]; e != nil && e.flags&fContrast != 0 {
				break
			}
		}
		// the spans come in order and do not overlap: a move names the
		// brand, where the reach of the one before it ends
		s.spans = append(s.spans, span{lo: int32(end + 1), hi: int32(reach), toBrand: s.brand[to]})
	}
	if len(s.spans) == 0 {
		return
	}
	damp := otherDamp
	if lang == "ru" {
		damp = ruOtherDamp
	}
	for k := range s.hits {
		h := &s.hits[k]
		j := s.spanOf(h.tok)
		if j < 0 || h.last >= int(s.spans[j].hi) {
			continue
		}
		switch toBrand := s.spans[j].toBrand; {
		case toBrand && h.val < 0:
			h.val *= damp
			h.tags &^= tComplaint
		case !toBrand && h.val > 0:
			h.val *= damp
			h.tags &^= tPraise
		}
	}
}

// namesAfterMove reports whether token i names a company other than the
// brand, which ends a move's reach. In a text written in capitals a word
// in capitals names no one by that alone ("УХОЖУ ОТ БИЛАЙНА К МТС,
// ЗАДОЛБАЛИ ОБРЫВЫ"): only a @handle, a #hashtag or another brand listed
// does.
func (s *scratch) namesAfterMove(i int, shouted bool) bool {
	t := &s.d.toks[i]
	if shouted && t.kind == tokWord && !t.hashtag {
		// s.other is read for this text when s.others is set (aimOthers)
		return s.others != nil && len(s.other) == len(s.d.toks) && s.other[i]
	}
	return named(s, i)
}

// moveEnds reads the move of the verb at token i: the first token of the
// company it leaves (after a preposition of origin), that of the company
// it goes to (after a preposition of direction), both within its clause
// and up to eight words, and the last token of the later of the two
// names; -1 for what is not there.
func (s *scratch) moveEnds(i int) (from, to, end int) {
	toks := s.d.toks
	from, to, end = -1, -1, -1
	words := 0
	for j := i + 1; j+1 < len(toks) && words < 8; j++ {
		p := &toks[j]
		if p.kind == tokPunct {
			if p.punct == '-' {
				continue
			}
			break
		}
		words++
		if p.kind != tokWord || !s.brand[j+1] && !named(s, j+1) {
			continue
		}
		switch {
		case from < 0 && fromPreps[p.norm]:
			from = j + 1
		case to < 0 && moveToPreps[p.norm]:
			to = j + 1
		default:
			continue
		}
		// the name runs on while its words do
		end = j + 1
		brand := s.brand[j+1]
		for end+1 < len(toks) && (brand && s.brand[end+1] || !brand && named(s, end+1)) {
			end++
		}
		j = end
		if from >= 0 && to >= 0 {
			return from, to, end
		}
	}
	return -1, -1, -1
}

// leaveEnds reads "leave X for Y" at the verb at token i: X right after
// the verb (or after "my", "our"), Y after "for" within its clause and
// eight words; the last token of Y. -1 for what is not there.
func (s *scratch) leaveEnds(i int) (from, to, end int) {
	toks := s.d.toks
	from = i + 1
	if from < len(toks) && (toks[from].norm == "my" || toks[from].norm == "our") {
		from++
	}
	if from >= len(toks) || !s.brand[from] && !named(s, from) {
		return -1, -1, -1
	}
	brand := s.brand[from]
	j := from
	for j+1 < len(toks) && (brand && s.brand[j+1] || !brand && named(s, j+1)) {
		j++
	}
	for words := 0; j+2 < len(toks) && words < 8; j++ {
		p := &toks[j+1]
		if p.kind == tokPunct {
			break
		}
		words++
		if p.kind == tokWord && p.norm == "for" && (s.brand[j+2] || named(s, j+2)) {
			to = j + 2
			end = to
			brand := s.brand[to]
			for end+1 < len(toks) && (brand && s.brand[end+1] || !brand && named(s, end+1)) {
				end++
			}
			return from, to, end
		}
	}
	return -1, -1, -1
}

// company reports whether the name that starts at token i can be an end
// of a move between companies: it is not followed by a place word
// ("Verizon territory"), and it is the brand, or one of Input.Others when
// the caller lists them, or, when it does not, any name. "Moved from
// Boston to Verizon territory" is no move; with Others listed, "Boston"
// is not among them either. The brands a daemon monitors
// (Options.Brands) are no such list: a move from a company not monitored
// ("Switching from Sky to Verizon") is still read.
func (s *scratch) company(i int, otherRead *bool) bool {
	toks := s.d.toks
	j := i
	brand := s.brand[i]
	for j+1 < len(toks) && (brand && s.brand[j+1] || !brand && named(s, j+1)) {
		j++
	}
	if j+1 < len(toks) && toks[j+1].kind == tokWord && placeWords[toks[j+1].norm] {
		return false
	}
	if brand || !s.othersListed || s.others == nil {
		return true
	}
	if !*otherRead {
		s.other = growBools(s.other, len(toks))
		s.others.locate(toks, s.brand, s.other)
		*otherRead = true
	}
	return s.other[i]
}

// leaveChurn marks "left BRAND for Y" (the verb at token i, the brand
// from token from) as churn: a phrase hit there with the churn tag already
// ("ditched BRAND") is left alone; the verb's own word hit, if any, gives
// way to the move.
func (s *scratch) leaveChurn(i, from int) {
	last := from
	for last+1 < len(s.d.toks) && s.brand[last+1] {
		last++
	}
	for k := range s.hits {
		if h := &s.hits[k]; h.tok <= i && h.last >= i && h.tags&tChurn != 0 {
			return
		}
	}
	for k := range s.hits {
		if h := &s.hits[k]; h.ph < 0 && h.tok == i {
			h.val = 0
		}
	}
	s.hits = append(s.hits, hit{tok: i, last: last, val: leaveChurn, tags: tChurn, ph: -1})
}

// growBools returns b cleared, with length n.
func growBools(b []bool, n int) []bool {
	if cap(b) < n {
		return make([]bool, n)
	}
	b = b[:n]
	clear(b)
	return b
}
