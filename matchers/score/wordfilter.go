package score

// wordFilter tells at a glance that a word is in none of some word sets:
// it records the byte lengths, the opening letters and the last bytes of
// the sets' words, and a word of another length, opening or ending is in
// none of them. A word it passes must still be looked up. It spares the
// map lookups of the passes that ask every word of a text whether it is
// one of a few dozen.
type wordFilter struct {
	lens uint64 // bit n: a word of n bytes (bit 63: 63 bytes or more)
	// bytes: bit 1 for a word's opening byte — its second byte after a
	// byte of a multi-byte letter, which tells Cyrillic letters apart
	// where their first bytes do not —, bit 2 for its last byte
	bytes [256]uint8
}

// newWordFilter builds the filter of the keys of sets. The sets must be
// complete: a word added to one later is not known to the filter.
func newWordFilter(sets ...map[string]bool) *wordFilter {
	f := &wordFilter{}
	for _, m := range sets {
		for w := range m {
			f.lens |= 1 << min(len(w), 63)
			if w == "" {
				continue
			}
			a := w[0]
			if a >= 0x80 && len(w) > 1 {
				a = w[1]
			}
			f.bytes[a] |= 1
			f.bytes[w[len(w)-1]] |= 2
		}
	}
	return f
}

// may reports whether w can be a word of the filter's sets; false is
// sure, true is to be looked up.
func (f *wordFilter) may(w string) bool {
	n := len(w)
	if f.lens&(1<<min(n, 63)) == 0 || n == 0 {
		return n == 0 && f.lens&1 != 0
	}
	a := w[0]
	if a >= 0x80 && n > 1 {
		a = w[1]
	}
	return f.bytes[a]&1 != 0 && f.bytes[w[n-1]]&2 != 0
}

// The filters of the word sets that passes on the brand paths ask of
// every word. Package variables are initialised in the order of their
// dependencies, so the sets are complete when these are built; a set
// filled by an init (moveVerbs, withVerbs) cannot have one here.
var (
	// originWords: what moveAim's look for the origin of a move asks of
	// each word (a preposition of origin, a verb of leaving)
	originWords = newWordFilter(fromPreps, leaveVerbs)
	// movePrepWords: moveAway's prepositions of direction
	movePrepWords = newWordFilter(movePreps)
	// newsSubjectWords, headlineVerbWords: enNewsOf's subjects of news
	// and headline verbs
	newsSubjectWords  = newWordFilter(newsSubjects)
	headlineVerbWords = newWordFilter(headlineVerbs)
	// staffNounWords: enStaffPraiseOf's staff nouns
	staffNounWords = newWordFilter(staffNouns)
)
