package score

// The shape tests of everyday English (en_everyday.go) that both the
// readings of the words (everydayEN) and the intents (intents.go) ask of
// a text scored for a brand are computed once per text and kept in its
// scratch: they read only the tokens, the brand's tokens and the lexicon
// entries, which do not change between the two. Praise of one employee
// (enStaffPraise) reads the contributions as well, which the readings in
// between may change: it is kept with the contributions it was read from
// and read again when they differ.

// enShape names one memoised shape test.
type enShape uint8

const (
	enShapeNews enShape = 1 << iota
	enShapeImpostor
	enShapeScamWarning
	enShapeSuggestion
	enShapeAskUnmarked
)

// enShapes are the memoised shape tests of one text (scratch.en), reset
// with the scratch.
type enShapes struct {
	known, holds enShape
	// staff is enStaffPraise's answer and the contributions it read
	staffKnown    bool
	staffOK       bool
	staffFrom     int
	staffTo       int
	staffReadFrom []hitShape
}

// hitShape is what enStaffPraise reads of a contribution: its tokens and
// the sign of its valence.
type hitShape struct {
	tok, last int
	sign      int8
}

func shapeOf(h *hit) hitShape {
	var sign int8
	switch {
	case h.val > 0:
		sign = 1
	case h.val < 0:
		sign = -1
	}
	return hitShape{tok: h.tok, last: h.last, sign: sign}
}

func (m *enShapes) reset() {
	m.known, m.holds = 0, 0
	m.staffKnown = false
	m.staffReadFrom = m.staffReadFrom[:0]
}

// shape answers test k of s, computing it with f the first time.
func (s *scratch) shape(k enShape, f func(*scratch) bool) bool {
	if s.en.known&k == 0 {
		s.en.known |= k
		if f(s) {
			s.en.holds |= k
		}
	}
	return s.en.holds&k != 0
}

// enNews is enNewsOf, once per text.
func enNews(s *scratch) bool { return s.shape(enShapeNews, enNewsOf) }

// enImpostor is enImpostorOf, once per text.
func enImpostor(s *scratch) bool { return s.shape(enShapeImpostor, enImpostorOf) }

// enAskUnmarked is enAskUnmarkedOf, once per text (en_everyday3.go).
func enAskUnmarked(s *scratch) bool { return s.shape(enShapeAskUnmarked, enAskUnmarkedOf) }

// enScamWarning is enScamWarningOf, once per text.
func enScamWarning(s *scratch) bool { return s.shape(enShapeScamWarning, enScamWarningOf) }

// enSuggestion is enSuggestionOf, once per text.
func enSuggestion(s *scratch) bool { return s.shape(enShapeSuggestion, enSuggestionOf) }

// enStaffPraise is enStaffPraiseOf, read again only when the
// contributions' tokens or signs changed since it was last read.
func enStaffPraise(s *scratch) (from, to int, ok bool) {
	m := &s.en
	if m.staffKnown && len(m.staffReadFrom) == len(s.hits) {
		same := true
		for k := range s.hits {
			if shapeOf(&s.hits[k]) != m.staffReadFrom[k] {
				same = false
				break
			}
		}
		if same {
			return m.staffFrom, m.staffTo, m.staffOK
		}
	}
	from, to, ok = enStaffPraiseOf(s)
	m.staffKnown, m.staffFrom, m.staffTo, m.staffOK = true, from, to, ok
	m.staffReadFrom = m.staffReadFrom[:0]
	for k := range s.hits {
		m.staffReadFrom = append(m.staffReadFrom, shapeOf(&s.hits[k]))
	}
	return from, to, ok
}
