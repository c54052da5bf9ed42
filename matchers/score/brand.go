package score

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/russian"
)

// brandPattern locates a brand in tokens: a sequence of word stems that
// must follow each other ("банк москв"), or one word that starts with the
// whole name written together ("альфабанк"), or an @handle that contains a
// Latin form of it.
type brandPattern struct {
	seqs    [][]string // each a sequence of stems for consecutive tokens
	joined  []string   // names written as one word, hyphens and spaces removed
	handles []string   // Latin keys looked for inside @handles and hashtags
}

// genericBrandWords are words too common to locate a brand on their own.
var genericBrandWords = map[string]bool{
	"банк": true, "bank": true, "group": true, "компания": true, "оператор": true, "ооо": true,
	"оао": true, "пао": true, "ао": true, "inc": true, "ltd": true, "llc": true, "the": true,
	"россии": true, "рф": true, "online": true, "онлайн": true, "airlines": true, "air": true,
}

// patternCache keeps patterns compiled from lists of names (a brand's
// spellings, or the other brands of a mention), keyed by the list; the
// lists in use are few. It is cleared if it ever grows past limit.
type patternCache[P any] struct {
	compile func(names []string) P
	limit   int

	mu sync.RWMutex
	m  map[string]P
}

// lookup is get of first (if not empty) followed by names, building the
// key in *key (scratch space kept between calls) so that a pattern
// already compiled costs no allocation.
func (c *patternCache[P]) lookup(key *[]byte, first string, names []string) P {
	k := (*key)[:0]
	sep := false
	if first != "" {
		k = append(k, first...)
		sep = true
	}
	for _, n := range names {
		if sep {
			k = append(k, 0)
		}
		k = append(k, n...)
		sep = true
	}
	*key = k
	c.mu.RLock()
	p, ok := c.m[string(k)]
	c.mu.RUnlock()
	if ok {
		return p
	}
	list := make([]string, 0, 1+len(names))
	if first != "" {
		list = append(list, first)
	}
	return c.get(append(list, names...))
}

// listMemo holds the last lists a scratch looked up in a patternCache,
// with their patterns: texts scored one after another mostly bring a few
// brands and companies, and comparing a list (names that are the same
// strings compare by their pointers) costs less than building and hashing
// its key.
type listMemo[P any] struct {
	lists [memoLists]memoList[P]
	next  int // the entry replaced next
}

// memoLists is how many lists a listMemo holds.
const memoLists = 8

type memoList[P any] struct {
	first string
	names []string
	p     P
	ok    bool
}

// lookupMemo is lookup, answered from m when first and names are those of
// a list m holds; m then holds this call's list.
func (c *patternCache[P]) lookupMemo(m *listMemo[P], key *[]byte, first string, names []string) P {
	for k := range m.lists {
		e := &m.lists[k]
		if !e.ok || len(e.names) != len(names) || e.first != first {
			continue
		}
		same := true
		for i, n := range names {
			if o := e.names[i]; len(n) != len(o) || unsafe.StringData(n) != unsafe.StringData(o) && n != o {
				same = false
				break
			}
		}
		if same {
			return e.p
		}
	}
	p := c.lookup(key, first, names)
	e := &m.lists[m.next]
	m.next = (m.next + 1) % memoLists
	e.first, e.names, e.p, e.ok = first, append(e.names[:0], names...), p, true
	return p
}

func (c *patternCache[P]) get(names []string) P {
	key := strings.Join(names, "\x00")
	c.mu.RLock()
	p, ok := c.m[key]
	c.mu.RUnlock()
	if ok {
		return p
	}
	p = c.compile(names)
	c.mu.Lock()
	if c.m == nil || len(c.m) > c.limit {
		c.m = map[string]P{}
	}
	c.m[key] = p
	c.mu.Unlock()
	return p
}

// stemWord stems a brand word with the snowball stemmer of its script; short
// words (abbreviations such as МТС, ВТБ) are kept whole.
func stemWord(w string) string {
	if len([]rune(w)) <= 4 {
		return w
	}
	cyr := false
	for _, r := range w {
		if isCyr(r) {
			cyr = true
			break
		}
	}
	var s string
	if cyr {
		s = russian.Stem(w, true)
	} else {
		s = english.Stem(w, true)
	}
	// the English stemmer rewrites endings ("spotify" → "spotifi"): a
	// stem is matched as a prefix, so keep what it shares with the word
	if n := commonPrefix(s, w); n < len(s) {
		s = s[:n]
	}
	if len([]rune(s)) < 3 {
		return w
	}
	return foldString(s)
}

// commonPrefix is the length in bytes of the longest common prefix of a
// and b, ending on a rune boundary.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	for n > 0 && n < len(a) && !utf8.RuneStart(a[n]) {
		n--
	}
	return n
}

func splitWords(s string) []string {
	return strings.FieldsFunc(foldString(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func compileBrand(names []string) *brandPattern {
	p := &brandPattern{}
	seen := map[string]bool{}
	for _, n := range names {
		words := splitWords(n)
		if len(words) == 0 {
			continue
		}
		var seq []string
		for _, w := range words {
			seq = append(seq, stemWord(w))
		}
		// A multi-word name whose words are all generic but one is
		// located by that one word only if it is not generic.
		k := strings.Join(seq, " ")
		if !seen[k] {
			seen[k] = true
			if len(seq) == 1 && genericBrandWords[words[0]] {
				continue
			}
			p.seqs = append(p.seqs, seq)
		}
		if len(words) > 1 {
			j := stemWord(strings.Join(words, ""))
			if !seen["j:"+j] {
				seen["j:"+j] = true
				p.joined = append(p.joined, j)
			}
		}
		for _, w := range words {
			if genericBrandWords[w] || len(w) < 3 {
				continue
			}
			lat := true
			for _, r := range w {
				if !(r < 128) {
					lat = false
				}
			}
			if lat && !seen["h:"+w] {
				seen["h:"+w] = true
				p.handles = append(p.handles, w)
			}
		}
		if len(words) > 1 {
			j := strings.Join(words, "")
			if !seen["h:"+j] && isASCII(j) {
				seen["h:"+j] = true
				p.handles = append(p.handles, j)
			}
		}
	}
	return p
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 128 {
			return false
		}
	}
	return true
}

// stemRefused reports that wordMatches(norm, stem) is false at a glance:
// removing hyphens only shortens a word and keeps the bytes before its
// first hyphen, so a word shorter than the stem, or one whose first two
// bytes (a Cyrillic letter's two) differ from the stem's before any
// hyphen, cannot match — most words.
func stemRefused(norm, stem string) bool {
	if len(norm) < len(stem) {
		return true
	}
	if len(stem) == 0 {
		return false
	}
	if c := norm[0]; c == '-' {
		return false
	} else if c != stem[0] {
		return true
	}
	if len(stem) == 1 {
		return false
	}
	c := norm[1]
	return c != stem[1] && c != '-'
}

// wordMatches reports whether a token's normalised form is an inflected
// form of the stem: it starts with the stem and adds at most a short
// ending (hyphens inside the token are ignored: "альфа-банка").
func wordMatches(norm, stem string) bool {
	if stemRefused(norm, stem) {
		return false
	}
	if !strings.HasPrefix(norm, stem) {
		if strings.IndexByte(norm, '-') < 0 {
			return false
		}
		norm = strings.ReplaceAll(norm, "-", "")
		if !strings.HasPrefix(norm, stem) {
			return false
		}
	}
	rest := utf8.RuneCountInString(norm[len(stem):])
	limit := 4
	if utf8.RuneCountInString(stem) <= 3 {
		limit = 2
	}
	return rest <= limit || strings.IndexFunc(norm[len(stem):], func(r rune) bool { return !unicode.IsLetter(r) }) >= 0
}

// inHashtag reports whether a hashtag's text names the brand: it holds the
// joined name, a one-word name or a handle ("#билайнотстой", "#МТС").
func (p *brandPattern) inHashtag(norm string) bool {
	for _, h := range p.joined {
		if strings.Contains(norm, h) {
			return true
		}
	}
	for _, s := range p.seqs {
		if len(s) == 1 && strings.Contains(norm, s[0]) {
			return true
		}
	}
	for _, h := range p.handles {
		if strings.Contains(norm, h) {
			return true
		}
	}
	return false
}

// locate marks the tokens that name the brand.
func (p *brandPattern) locate(toks []token, mark []bool) bool {
	found := false
	for i := range toks {
		t := &toks[i]
		switch t.kind {
		case tokMention:
			for _, h := range p.handles {
				if strings.Contains(t.norm, h) {
					mark[i], found = true, true
					break
				}
			}
			continue
		case tokWord:
		default:
			continue
		}
		if t.hashtag && p.inHashtag(t.norm) {
			mark[i], found = true, true
			continue
		}
		// what wordMatches refuses at a glance is tested here first,
		// inline (stemRefused)
		for _, j := range p.joined {
			if stemRefused(t.norm, j) {
				continue
			}
			if wordMatches(t.norm, j) {
				mark[i], found = true, true
			}
		}
		for _, s := range p.seqs {
			if stemRefused(t.norm, s[0]) {
				continue
			}
			if k := seqEnd(toks, i, s); k >= 0 {
				for m := i; m <= k; m++ {
					mark[m] = true
				}
				found = true
			}
		}
	}
	return found
}

// seqEnd reports where the words of seq, the first at token i and each
// next one at the next word, end: the last token's index, -1 if they are
// not there.
func seqEnd(toks []token, i int, seq []string) int {
	if !wordMatches(toks[i].norm, seq[0]) {
		return -1
	}
	k := i
	for _, st := range seq[1:] {
		k = nextWord(toks, k)
		if k < 0 || !wordMatches(toks[k].norm, st) {
			return -1
		}
	}
	return k
}

// nextWord returns the index of the next word token after i, -1 if none.
func nextWord(toks []token, i int) int {
	for k := i + 1; k < len(toks); k++ {
		switch toks[k].kind {
		case tokWord:
			return k
		case tokPunct:
			if toks[k].punct != '-' && toks[k].punct != ',' {
				return -1
			}
		}
	}
	return -1
}
