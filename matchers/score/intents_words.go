package score

import "sync"

// intentWords holds the cue words of data/intents.cue and of
// data/risk.cue in one trie, so that readVoice finds a word's intent cue
// kinds and its fraud and legal kinds in one walk, and the risk rules
// read them per token (scratch.risk) instead of walking a second trie.
// The kinds of a word are the same as cueList.get and riskList.get give:
// each term keeps its own kinds, and a node only on the path of one
// list's terms holds none of the other's.
type intentWords struct {
	words *lexicon
	kinds []wordKinds // by entry of words
}

// wordKinds are the kinds of one word: its intent cues, its fraud and
// legal cues, and whether it opens a pair or a triple of risk.cue.
type wordKinds struct {
	cue, fraud, legal cueKind
	head, head3       bool
}

var (
	wordsOnce sync.Once
	wordsVal  *intentWords
)

// intentWordList returns the merged cue words.
func intentWordList() *intentWords {
	wordsOnce.Do(func() { wordsVal = mergeCueWords(intentCues(), riskCues()) })
	return wordsVal
}

// mergeCueWords builds the one trie of the terms of cl and rl.
func mergeCueWords(cl *cueList, rl *riskList) *intentWords {
	byTerm := map[string]*wordKinds{}
	var order []string
	at := func(t string) *wordKinds {
		if byTerm[t] == nil {
			byTerm[t] = &wordKinds{}
			order = append(order, t)
		}
		return byTerm[t]
	}
	for _, e := range liveEntries(cl.words) {
		at(e.term).cue |= cueKind(e.flags)
	}
	for _, e := range liveEntries(rl.words) {
		k := at(e.term)
		k.fraud |= cueKind(e.flags)
		k.legal |= cueKind(e.tags)
		k.head = k.head || e.hasNeg
		k.head3 = k.head3 || e.hasCare
	}
	iw := &intentWords{words: newLexicon()}
	for _, t := range order {
		iw.words.add(entry{term: t})
		iw.kinds = append(iw.kinds, *byTerm[t])
	}
	iw.words.finish()
	return iw
}

// liveEntries are the entries of lx its trie still reaches (a later entry
// for a term replaces an earlier one).
func liveEntries(lx *lexicon) []*entry {
	var es []*entry
	for _, n := range lx.nodes {
		for _, i := range [...]int32{n.exact, n.prefix} {
			if i >= 0 {
				es = append(es, &lx.entries[i])
			}
		}
	}
	return es
}

// get returns the kinds of word w: of the stems it starts with and of the
// word itself (whether it opens a pair or a triple: of the word itself).
func (iw *intentWords) get(w string) wordKinds {
	lx := iw.words
	var k wordKinds
	n := int32(0)
	for j := 0; j < len(w); {
		if n, j = lx.next(n, w, j); n < 0 {
			return k
		}
		if p := lx.nodes[n].prefix; p >= 0 {
			x := &iw.kinds[p]
			k.cue |= x.cue
			k.fraud |= x.fraud
			k.legal |= x.legal
		}
	}
	if e := lx.nodes[n].exact; e >= 0 {
		x := &iw.kinds[e]
		k.cue |= x.cue
		k.fraud |= x.fraud
		k.legal |= x.legal
		k.head, k.head3 = x.head, x.head3
	}
	return k
}
