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

// movedVerbs are the past forms of moveVerbs and the English moves: a
// move between two named companies reads the same told or planned.
var movedVerbs = wordSet(`
	перешел перешёл перешла перешли ушел ушёл ушла ушли сбежал сбежала сбежали свалил свалила свалили
	перейшов перейшла перейшли пішов пішла пішли
	move moving moved moves switches`)

// moveToPreps are the prepositions of where a move goes ("with" is not
// one after a "from").
var moveToPreps = wordSet(`на в во к ко до to into`)

// movePointers point back at a company named before or turn the
// sentence: a move's reach ends before them.
var movePointers = wordSet(`там тут здесь их им ими они оттуда туда но однако зато хотя
	there here they their them theirs but however though although except`)

// moveAim reads the moves between the brand and another company and
// damps, in what follows each within its sentence, the contributions
// aimed at the other side (see above).
func (s *scratch) moveAim(lang string) {
	if len(s.hits) == 0 {
		return
	}
	toks := s.d.toks
	// a preposition of origin before a name is rarer than a word: without
	// one there is no move to read, and the verbs need not be looked up
	origin := false
	for j := 0; j+1 < len(toks) && !origin; j++ {
		origin = (s.brand[j+1] || named(s, j+1)) && toks[j].kind == tokWord && fromPreps[toks[j].norm]
	}
	if !origin {
		return
	}
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord {
			continue
		}
		if w := strings.TrimSuffix(t.norm, "-ка"); !moveVerbs[w] && !movedVerbs[w] {
			continue
		}
		from, to, end := s.moveEnds(i)
		if from < 0 || to < 0 || s.brand[from] == s.brand[to] {
			continue
		}
		reach := end + 1
		for ; reach < len(toks) && s.sent[reach] == s.sent[end]; reach++ {
			k := &toks[reach]
			if s.brand[reach] || named(s, reach) || k.kind == tokWord && movePointers[k.norm] {
				break
			}
			if k.kind == tokWord && k.norm == "а" && !(reach+1 < len(toks) && toks[reach+1].norm == "то") {
				break // "а" turns the sentence; "а то" gives the reason
			}
			if e := s.ent[reach]; e != nil && e.flags&fContrast != 0 {
				break
			}
		}
		damp := otherDamp
		if lang == "ru" {
			damp = ruOtherDamp
		}
		toBrand := s.brand[to]
		for k := range s.hits {
			h := &s.hits[k]
			if h.tok <= end || h.last >= reach {
				continue
			}
			switch {
			case toBrand && h.val < 0:
				h.val *= damp
				h.tags &^= tComplaint
			case !toBrand && h.val > 0:
				h.val *= damp
				h.tags &^= tPraise
			}
		}
	}
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
