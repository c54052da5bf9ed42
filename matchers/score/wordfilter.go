package score

// wordFilter tells at a glance that a word is in none of some word sets:
// a bit per word of the sets, at a place (filterBit) mixed from its length
// and its first, middle and last bytes, and a word whose bit is not set
// is in none of them. A word it passes must still be looked up (with a few
// dozen words set among 1,024 bits, a word outside passes a few times in a
// hundred). It spares the map lookups of the passes that ask every word of
// a text whether it is one of a few dozen.
type wordFilter struct {
	bits  [16]uint64
	empty bool // "" is a word of the sets
}

// filterBit is the place of a non-empty word's bit in a wordFilter.
func filterBit(w string) uint32 {
	n := len(w)
	x := uint32(w[0]) | uint32(w[n-1])<<8 | uint32(w[n/2])<<16 | uint32(n)<<24
	return (x * 0x9E3779B1) >> 22
}

// newWordFilter builds the filter of the keys of sets. The sets must be
// complete: a word added to one later is not known to the filter.
func newWordFilter(sets ...map[string]bool) *wordFilter {
	f := &wordFilter{}
	for _, m := range sets {
		for w := range m {
			if w == "" {
				f.empty = true
				continue
			}
			b := filterBit(w)
			f.bits[b>>6] |= 1 << (b & 63)
		}
	}
	return f
}

// may reports whether w can be a word of the filter's sets; false is
// sure, true is to be looked up.
func (f *wordFilter) may(w string) bool {
	if w == "" {
		return f.empty
	}
	b := filterBit(w)
	return f.bits[b>>6]&(1<<(b&63)) != 0
}

// The filters of the word sets that passes on the brand paths ask of
// every word. Package variables are initialised in the order of their
// dependencies, so the sets are complete when these are built; a set
// filled by an init could not have one here.
var (
	// originWords: what moveAim's look for the origin of a move asks of
	// each word (a preposition of origin, a verb of leaving)
	originWords = newWordFilter(fromPreps, leaveVerbs)
	// movePrepWords, moveVerbWords: moveAway's prepositions of direction
	// and verbs of moving
	movePrepWords = newWordFilter(movePreps)
	moveVerbWords = newWordFilter(moveVerbs, withVerbs)
	// newsSubjectWords, headlineVerbWords: enNewsOf's subjects of news
	// and headline verbs
	newsSubjectWords  = newWordFilter(newsSubjects)
	headlineVerbWords = newWordFilter(headlineVerbs)
	// staffNounWords: enStaffPraiseOf's staff nouns
	staffNounWords = newWordFilter(staffNouns)
)
