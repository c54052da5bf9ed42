package score

import (
	"bufio"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Tags the built-in analysis can set.
const (
	TagComplaint      = "complaint"
	TagQuestion       = "question"
	TagPraise         = "praise"
	TagPurchaseIntent = "purchase_intent"
	TagFraud          = "fraud"
	TagLegalThreat    = "legal_threat"
	TagChurn          = "churn"
	TagHotThread      = "hot_thread"
)

// tagSet is a set of built-in tags as bits.
type tagSet uint16

const (
	tComplaint tagSet = 1 << iota
	tQuestion
	tPraise
	tPurchase
	tFraud
	tLegal
	tChurn
)

// tagOrder lists the built-in tags in the order results show them.
var tagOrder = []struct {
	bit  tagSet
	name string
}{
	{tComplaint, TagComplaint}, {tQuestion, TagQuestion}, {tPraise, TagPraise},
	{tPurchase, TagPurchaseIntent}, {tFraud, TagFraud}, {tLegal, TagLegalThreat}, {tChurn, TagChurn},
}

var tagByName = map[string]tagSet{
	"complaint": tComplaint, "question": tQuestion, "praise": tPraise, "purchase": tPurchase,
	"purchase_intent": tPurchase, "fraud": tFraud, "legal": tLegal, "legal_threat": tLegal, "churn": tChurn,
}

// entry flags.
const (
	fNegator      uint16 = 1 << iota // negates the next sentiment words (не, not, never)
	fPostNeg                         // also negates the word just before it (связи нет)
	fContrast                        // but, но, однако: the clause after weighs more
	fBooster                         // intensifier or diminisher (boost holds the amount)
	fProfane                         // profanity (also matched in masked spellings)
	fIntensify                       // profanity that intensifies a following sentiment word
	fFirstPerson                     // я, мне, my, I: a personal account (complaints)
	fQuestionWord                    // как, почему, why, how: an interrogative
	fStop                            // a word that is never a sentiment word (guards a prefix)
	fPolite                          // courtesy (thanks, спасибо): discounted inside a complaint or request
	fRequest                         // a request (please, пожалуйста): courtesy around it is not praise
	fBarrier                         // a preposition or conjunction: negation and boosters stop there
	fVader                           // the entry is VADER's own
	fSolved                          // help, fixed, rebooked: what thanks are given for
)

// entry is one lexicon term: a valence, what the term does when negated,
// and the intents it signals.
type entry struct {
	term   string
	val    float64 // valence, VADER scale −4…+4
	negVal float64 // valence when negated (hasNeg)
	hasNeg bool
	boost  float64
	flags  uint16
	tags   tagSet
	// careVal replaces val in a message addressed to the brand, where
	// some words are courtesy or customer-service routine (hasCare).
	careVal float64
	hasCare bool
	// genVal is VADER's own rating of a word the project's list re-weighs
	// (hasGen): general English text, not addressed to the brand, keeps
	// VADER's scale.
	genVal float64
	hasGen bool
}

// phrase is a multi-word pattern: every element must match a word token,
// in order, with at most maxGap other words between two elements and no
// sentence end in between.
type phrase struct {
	src   string
	elems [][]term // alternatives per element
	val   float64
	tags  tagSet
	// keep, when true, leaves the words' own valences in place (intent
	// phrases with no valence of their own).
	keep bool
	// polite marks courtesy phrases (thank you), discounted inside a
	// complaint.
	polite bool
	// tight phrases allow no words between their elements.
	tight bool
	// care phrases count only in a message addressed to the brand.
	care bool
	// service phrases are the formulae of a company's support replies
	// ("уточните, пожалуйста", "please DM us"): the text is the company
	// speaking, not a customer's opinion.
	service bool
	// masks are the elements' first-letter filters (phrase_filter.go)
	masks []uint64
	// brandSlot: an element is BRAND alone, so a match names the brand
	// there; anyBrand: some element allows BRAND (resolvePhrases).
	brandSlot, anyBrand bool
}

// term is one alternative of a phrase element.
type term struct {
	s      string
	prefix bool
	brand  bool // BRAND: the target brand
	num    bool // NUM: a number
	any    bool // _: any word
}

func (t term) match(tk *token, isBrand bool) bool {
	switch {
	case t.brand:
		return isBrand
	case t.num:
		return tk.kind == tokNumber
	case tk.kind != tokWord && tk.kind != tokMention:
		return false
	case t.any:
		return true
	case t.prefix:
		return strings.HasPrefix(tk.norm, t.s)
	}
	return tk.norm == t.s
}

const maxGap = 2

// kid is an edge of the trie.
type kid struct {
	r rune
	n int32
}

// node is a trie node over runes.
type node struct {
	kids    []kid   // children sorted by rune (after finish)
	exact   int32   // entry for a word equal to the path, -1 if none
	prefix  int32   // entry for words starting with the path, -1 if none
	phrases []int32 // phrases whose first element is this path (exact)
	pphr    []int32 // phrases whose first element is this path as a prefix
	// a node with many children also has them in lexicon.dense, one slot
	// a rune from dlo, dn slots from doff (-1 where none): one index, no
	// search (after finish)
	dlo  rune
	dn   int32
	doff int32
}

// lexicon is the immutable, shared set of terms and phrases.
type lexicon struct {
	entries []entry
	phrases []phrase
	nodes   []node
	edges   map[uint64]int32 // node<<32 | rune → child
	profane []int32          // entries that are profanity, for masked spellings
	// numPhrases start with a number (NUM hours)
	numPhrases []int32
	frozen     bool // finish has built the sorted children
	dense      []int32
}

func newLexicon() *lexicon {
	return &lexicon{nodes: []node{{exact: -1, prefix: -1}}, edges: map[uint64]int32{}}
}

func (lx *lexicon) child(n int32, r rune, create bool) int32 {
	if lx.frozen && !create {
		nd := &lx.nodes[n]
		if nd.dn > 0 {
			if i := r - nd.dlo; uint32(i) < uint32(nd.dn) {
				return lx.dense[nd.doff+i]
			}
			return -1
		}
		ks := nd.kids
		if len(ks) <= 8 {
			for _, k := range ks {
				if k.r == r {
					return k.n
				}
			}
			return -1
		}
		lo, hi := 0, len(ks)
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if ks[m].r < r {
				lo = m + 1
			} else {
				hi = m
			}
		}
		if lo < len(ks) && ks[lo].r == r {
			return ks[lo].n
		}
		return -1
	}
	k := uint64(n)<<32 | uint64(uint32(r))
	if c, ok := lx.edges[k]; ok {
		return c
	}
	if !create {
		return -1
	}
	lx.nodes = append(lx.nodes, node{exact: -1, prefix: -1})
	c := int32(len(lx.nodes) - 1)
	lx.edges[k] = c
	return c
}

// next is child(n, r, false) reading the byte at s[j] (ASCII) or the rune
// there; it returns the child and the index after the rune. A node's rune
// table is read in line.
func (lx *lexicon) next(n int32, s string, j int) (int32, int) {
	r := rune(s[j])
	j++
	if r >= utf8.RuneSelf {
		if j < len(s) && uint32(r-0xC2) < 0x1E && s[j]&0xC0 == 0x80 {
			r = (r&0x1F)<<6 | rune(s[j]&0x3F)
			j++
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(s[j-1:])
			j += size - 1
		}
	}
	if nd := &lx.nodes[n]; uint32(r-nd.dlo) < uint32(nd.dn) {
		return lx.dense[nd.doff+r-nd.dlo], j
	}
	return lx.child(n, r, false), j
}

func (lx *lexicon) path(s string) int32 {
	n := int32(0)
	for _, r := range s {
		n = lx.child(n, r, true)
	}
	return n
}

// add stores e under its term ("word" exact, "stem*" prefix); a later
// entry for the same term replaces the earlier one.
func (lx *lexicon) add(e entry) {
	s, prefix := strings.CutSuffix(e.term, "*")
	n := lx.path(s)
	lx.entries = append(lx.entries, e)
	i := int32(len(lx.entries) - 1)
	if prefix {
		lx.nodes[n].prefix = i
	} else {
		lx.nodes[n].exact = i
	}
}

// finish indexes what the loaded entries need: the profanity list (only
// entries still reachable in the trie, so an override replaces a term).
func (lx *lexicon) finish() {
	for i := range lx.nodes {
		lx.nodes[i].kids = lx.nodes[i].kids[:0]
	}
	for k, c := range lx.edges {
		p := int32(k >> 32)
		lx.nodes[p].kids = append(lx.nodes[p].kids, kid{r: rune(uint32(k)), n: c})
	}
	for i := range lx.nodes {
		ks := lx.nodes[i].kids
		sort.Slice(ks, func(a, b int) bool { return ks[a].r < ks[b].r })
	}
	lx.indexDense()
	lx.frozen = true
	lx.profane = lx.profane[:0]
	for _, n := range lx.nodes {
		for _, i := range []int32{n.exact, n.prefix} {
			if i >= 0 && lx.entries[i].flags&fProfane != 0 {
				lx.profane = append(lx.profane, i)
			}
		}
	}
}

// denseMin is how many children a node has from which child indexes them
// by rune rather than searching, rootSpan the widest span of runes the
// root's table may cover (Latin, digits and Cyrillic), and denseSpan
// another node's (one alphabet).
const (
	denseMin  = 3
	rootSpan  = 0x500
	denseSpan = 64
)

// indexDense builds the rune tables of the nodes with many children.
func (lx *lexicon) indexDense() {
	lx.dense = lx.dense[:0]
	for i := range lx.nodes {
		nd := &lx.nodes[i]
		nd.dlo, nd.dn, nd.doff = 0, 0, 0
		ks := nd.kids
		if len(ks) < denseMin {
			continue
		}
		lo, hi := ks[0].r, ks[len(ks)-1].r
		if lo < 0 || hi-lo >= rootSpan || i > 0 && hi-lo >= denseSpan {
			continue
		}
		nd.dlo, nd.dn, nd.doff = lo, int32(hi-lo+1), int32(len(lx.dense))
		for j := lo; j <= hi; j++ {
			lx.dense = append(lx.dense, -1)
		}
		for _, k := range ks {
			lx.dense[nd.doff+k.r-lo] = k.n
		}
	}
}

func (lx *lexicon) addPhrase(p phrase) {
	p.masks = elementMasks(p.elems)
	for _, el := range p.elems {
		for _, t := range el {
			p.anyBrand = p.anyBrand || t.brand
		}
		p.brandSlot = p.brandSlot || len(el) == 1 && el[0].brand
	}
	lx.phrases = append(lx.phrases, p)
	i := int32(len(lx.phrases) - 1)
	if p.elems[0][0].num {
		lx.numPhrases = append(lx.numPhrases, i)
		return
	}
	for _, t := range p.elems[0] {
		n := lx.path(t.s)
		if t.prefix {
			lx.nodes[n].pphr = append(lx.nodes[n].pphr, i)
		} else {
			lx.nodes[n].phrases = append(lx.nodes[n].phrases, i)
		}
	}
}

// exactEntry returns the entry stored for exactly term, nil if none.
func (lx *lexicon) exactEntry(term string) *entry {
	n := int32(0)
	for j := 0; j < len(term); {
		if n, j = lx.next(n, term, j); n < 0 {
			return nil
		}
	}
	if i := lx.nodes[n].exact; i >= 0 {
		return &lx.entries[i]
	}
	return nil
}

// lookup finds the entry for word w: an exact entry wins, else the longest
// prefix entry. It calls phr for every phrase that may start at w.
func (lx *lexicon) lookup(w string, phr func(int32)) (e *entry) {
	n := int32(0)
	best := int32(-1)
	for j := 0; j < len(w); {
		// lx.next written out: the rune table and two-byte runes in line
		r := rune(w[j])
		j++
		if r >= utf8.RuneSelf {
			if j < len(w) && uint32(r-0xC2) < 0x1E && w[j]&0xC0 == 0x80 {
				r = (r&0x1F)<<6 | rune(w[j]&0x3F)
				j++
			} else {
				var size int
				r, size = utf8.DecodeRuneInString(w[j-1:])
				j += size - 1
			}
		}
		if nd := &lx.nodes[n]; uint32(r-nd.dlo) < uint32(nd.dn) {
			n = lx.dense[nd.doff+r-nd.dlo]
		} else {
			n = lx.child(n, r, false)
		}
		if n < 0 {
			break
		}
		nd := &lx.nodes[n]
		if nd.prefix >= 0 {
			best = nd.prefix
		}
		if phr != nil {
			for _, p := range nd.pphr {
				phr(p)
			}
		}
	}
	if n >= 0 {
		nd := &lx.nodes[n]
		if nd.exact >= 0 {
			best = nd.exact
		}
		if phr != nil {
			for _, p := range nd.phrases {
				phr(p)
			}
		}
	}
	if best < 0 {
		return nil
	}
	return &lx.entries[best]
}

// parseLexicon reads lexicon lines:
//
//	term valence [flag …]
//	valence [flag …] | term term …
//
// term is a word ("плохо") or a stem with "*" ("обман*"); flags are
// !V (valence when negated), care=V (valence in a message addressed to
// the brand), gen=V (valence in general English, in place of VADER's), #tag, neg (negator), postneg, but (contrast),
// boost=V, prof (profanity), intens (profanity that intensifies), me
// (first person), qw (question word), stop, polite, request, barrier,
// solved (help given: thanks for it are praise). Blank lines and "//" comments
// are skipped.
func parseLexicon(lx *lexicon, name, data string) error {
	sc := bufio.NewScanner(strings.NewReader(data))
	for ln := 1; sc.Scan(); ln++ {
		line := sc.Text()
		if i := strings.Index(line, "//"); i >= 0 {
			line = line[:i]
		}
		if head, terms, ok := strings.Cut(line, "|"); ok {
			// group: "V [flag …] | term term …"
			h := strings.Fields(head)
			if len(h) == 0 {
				return fmt.Errorf("score: %s:%d: want valence before |", name, ln)
			}
			for _, t := range strings.Fields(terms) {
				if err := addLexLine(lx, append([]string{t}, h...)); err != nil {
					return fmt.Errorf("score: %s:%d: %w", name, ln, err)
				}
			}
			continue
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if err := addLexLine(lx, f); err != nil {
			return fmt.Errorf("score: %s:%d: %w", name, ln, err)
		}
	}
	return sc.Err()
}

// addLexLine adds one entry from its fields: term, valence, flags.
func addLexLine(lx *lexicon, f []string) error {
	{
		if len(f) < 2 {
			return fmt.Errorf("want term and valence")
		}
		v, err := strconv.ParseFloat(f[1], 64)
		if err != nil || math.Abs(v) > 4.5 {
			return fmt.Errorf("bad valence %q", f[1])
		}
		e := entry{term: foldString(f[0]), val: v}
		if s, _ := strings.CutSuffix(e.term, "*"); s == "" {
			return fmt.Errorf("empty term")
		}
		if old := lx.exactEntry(e.term); old != nil && old.flags&fVader != 0 {
			e.genVal, e.hasGen = old.val, true
		}
		for _, fl := range f[2:] {
			if err := applyFlag(&e, fl); err != nil {
				return err
			}
		}
		lx.add(e)
	}
	return nil
}

func applyFlag(e *entry, fl string) error {
	switch {
	case strings.HasPrefix(fl, "!"):
		v, err := strconv.ParseFloat(fl[1:], 64)
		if err != nil {
			return fmt.Errorf("bad negated valence %q", fl)
		}
		e.negVal, e.hasNeg = v, true
	case strings.HasPrefix(fl, "#"):
		t, ok := tagByName[fl[1:]]
		if !ok {
			return fmt.Errorf("unknown tag %q", fl)
		}
		e.tags |= t
	case strings.HasPrefix(fl, "care="):
		v, err := strconv.ParseFloat(fl[5:], 64)
		if err != nil {
			return fmt.Errorf("bad care valence %q", fl)
		}
		e.careVal, e.hasCare = v, true
	case strings.HasPrefix(fl, "gen="):
		v, err := strconv.ParseFloat(fl[4:], 64)
		if err != nil {
			return fmt.Errorf("bad general valence %q", fl)
		}
		e.genVal, e.hasGen = v, true
	case strings.HasPrefix(fl, "boost="):
		v, err := strconv.ParseFloat(fl[6:], 64)
		if err != nil {
			return fmt.Errorf("bad boost %q", fl)
		}
		e.boost = v
		e.flags |= fBooster
	default:
		f, ok := map[string]uint16{"neg": fNegator, "postneg": fPostNeg | fNegator, "but": fContrast, "prof": fProfane,
			"intens": fIntensify | fProfane, "me": fFirstPerson, "qw": fQuestionWord, "stop": fStop, "polite": fPolite, "request": fRequest, "barrier": fBarrier, "solved": fSolved}[fl]
		if !ok {
			return fmt.Errorf("unknown flag %q", fl)
		}
		e.flags |= f
	}
	return nil
}

// parsePhrases reads phrase lines:
//
//	pattern = valence [#tag …] [keep] [polite] [tight] [care] [service]
//
// The pattern is words separated by spaces; an element may list
// alternatives with "|", end in "*" to match a prefix, or be BRAND (the
// target brand), NUM (a number) or _ (any word). The first element is a
// word or NUM.
func parsePhrases(lx *lexicon, name, data string) error {
	sc := bufio.NewScanner(strings.NewReader(data))
	for ln := 1; sc.Scan(); ln++ {
		line := sc.Text()
		if i := strings.Index(line, "//"); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		pat, rest, ok := strings.Cut(line, "=")
		if !ok {
			return fmt.Errorf("score: %s:%d: want pattern = valence", name, ln)
		}
		f := strings.Fields(rest)
		if len(f) == 0 {
			return fmt.Errorf("score: %s:%d: missing valence", name, ln)
		}
		v, err := strconv.ParseFloat(f[0], 64)
		if err != nil {
			return fmt.Errorf("score: %s:%d: bad valence %q", name, ln, f[0])
		}
		p := phrase{src: strings.Join(strings.Fields(pat), " "), val: v}
		for _, fl := range f[1:] {
			switch {
			case fl == "keep":
				p.keep = true
			case fl == "polite":
				p.polite = true
			case fl == "tight":
				p.tight = true
			case fl == "care":
				p.care = true
			case fl == "service":
				p.service = true
			case strings.HasPrefix(fl, "#"):
				t, ok := tagByName[fl[1:]]
				if !ok {
					return fmt.Errorf("score: %s:%d: unknown tag %q", name, ln, fl)
				}
				p.tags |= t
			default:
				return fmt.Errorf("score: %s:%d: unknown flag %q", name, ln, fl)
			}
		}
		for _, el := range strings.Fields(pat) {
			var alts []term
			for _, a := range strings.Split(el, "|") {
				switch a {
				case "BRAND":
					alts = append(alts, term{brand: true})
				case "NUM":
					alts = append(alts, term{num: true})
				case "_":
					alts = append(alts, term{any: true})
				default:
					s, pre := strings.CutSuffix(foldString(a), "*")
					if s == "" {
						return fmt.Errorf("score: %s:%d: empty element in %q", name, ln, el)
					}
					alts = append(alts, term{s: s, prefix: pre})
				}
			}
			p.elems = append(p.elems, alts)
		}
		if len(p.elems) < 1 {
			return fmt.Errorf("score: %s:%d: empty pattern", name, ln)
		}
		for _, t := range p.elems[0] {
			if t.brand || t.any || t.num && len(p.elems[0]) > 1 {
				return fmt.Errorf("score: %s:%d: a phrase must start with a word or NUM", name, ln)
			}
		}
		lx.addPhrase(p)
	}
	return sc.Err()
}

// foldString lower-cases s and folds ё to е, as the tokeniser does.
func foldString(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(fold(r))
	}
	return b.String()
}

// parseVader reads the VADER lexicon (token, mean, sd, ratings); only
// word tokens are kept (emoticons have their own table).
func parseVader(lx *lexicon, data string) error {
	sc := bufio.NewScanner(strings.NewReader(data))
	for ln := 1; sc.Scan(); ln++ {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 2 {
			continue
		}
		w := f[0]
		// one- and two-letter entries are chat abbreviations ("gj", "jp",
		// "l") that collide with initials and codes in real text, and so do
		// a few longer ones that are words or names
		if !isWordTerm(w) || len(w) <= 2 || acronymWords[w] {
			continue
		}
		v, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			return fmt.Errorf("score: vader:%d: %w", ln, err)
		}
		lx.add(entry{term: foldString(w), val: v, flags: fVader})
	}
	return sc.Err()
}

// acronymWords are VADER's chat abbreviations spelled like an everyday
// word or a name, which real text means far more often: "hand" (have a
// nice day), "kia" (killed in action, and a car maker), "mia" (missing in
// action, and a first name), "slaw", "wag".
var acronymWords = map[string]bool{"hand": true, "kia": true, "mia": true, "slaw": true, "wag": true}

func isWordTerm(w string) bool {
	if w == "" || !utf8.ValidString(w) {
		return false
	}
	for _, r := range w {
		if !(r == '\'' || r == '-' || isLatin(r) || isCyr(r)) {
			return false
		}
	}
	return true
}
