package matchers

import (
	"net/url"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/net/idna"

	"github.com/mentionwatch/mentionwatch/internal/ident"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/plaintext"
)

// Doc is a document to match. Title and Text may be plain text or HTML;
// Lang is "ru", "en" or "other", or "" to detect it.
type Doc struct {
	Title, Text, URL string
	Lang             string
}

// Match is one brand a document mentions.
type Match struct {
	// Brand is the brand's name; Index its position in Compile's slice.
	Brand string
	Index int
	// Matched lists the words and phrases as found in the document, in
	// lower case (сбербанка, альфа-банк), title first, each once.
	Matched []string
	// Snippet is about 200 characters around the densest cluster of
	// matched words (from the title when only the title matched), cut at
	// sentence or word boundaries with "…" where cut, the matched words
	// marked.
	Snippet model.Snippet
}

// Result is the outcome of matching one document.
type Result struct {
	// Lang is the document's language: as given, or detected.
	Lang string
	// Matches are the brands mentioned, in brand order.
	Matches []Match
}

// span is a run of tokens [a, b] (inclusive) of one field.
type span struct{ a, b int32 }

// state is the scratch space of one Match call; pooled.
type state struct {
	z      tokenizer
	nTitle int
	title  string
	text   string
	url    string

	occ     [][]span // per term
	touched []int32
	stamp   []uint32 // per brand: == gen when a candidate
	gen     uint32
	cands   []int32

	atomGen []uint32 // per atom: == gen when atomSp is computed
	atomSp  [][]span

	hostDone   bool
	host, path string

	cat    []byte
	splits []split
	cuts   []int32
}

var statePool sync.Pool

func (m *Matcher) getState() *state {
	st, _ := statePool.Get().(*state)
	if st == nil {
		st = &state{}
	}
	if len(st.occ) < len(m.terms) {
		st.occ = make([][]span, len(m.terms))
	}
	if len(st.stamp) < len(m.brands) {
		st.stamp = make([]uint32, len(m.brands))
	}
	if len(st.atomGen) < len(m.atoms) {
		st.atomGen = make([]uint32, len(m.atoms))
		st.atomSp = make([][]span, len(m.atoms))
	}
	st.gen++
	if st.gen == 0 { // wrapped: clear the stamps
		clear(st.stamp)
		clear(st.atomGen)
		st.gen = 1
	}
	st.z.reset()
	st.cands = st.cands[:0]
	st.hostDone = false
	return st
}

func (m *Matcher) putState(st *state) {
	for _, t := range st.touched {
		st.occ[t] = st.occ[t][:0]
	}
	st.touched = st.touched[:0]
	st.title, st.text, st.url = "", "", ""
	if cap(st.z.buf) > 1<<22 || cap(st.z.toks) > 1<<18 {
		return // a huge document: do not keep its buffers
	}
	statePool.Put(st)
}

// Match returns the brands d mentions. It is safe for concurrent use.
func (m *Matcher) Match(d Doc) Result {
	st := m.getState()
	defer m.putState(st)

	st.title, st.text, st.url = d.Title, d.Text, d.URL
	if plaintext.HasMarkup(st.title) {
		st.title = plaintext.FromHTML(st.title)
	}
	if plaintext.HasMarkup(st.text) {
		st.text = plaintext.FromHTML(st.text)
	}
	st.z.add(st.title)
	st.nTitle = len(st.z.toks)
	st.z.add(st.text)

	res := Result{Lang: strings.ToLower(strings.TrimSpace(d.Lang))}
	if res.Lang == "" {
		res.Lang = st.z.detect(0, len(st.z.toks))
	}

	m.scan(st)
	for _, t := range st.touched {
		for _, b := range m.trig[t] {
			if st.stamp[b] != st.gen {
				st.stamp[b] = st.gen
				st.cands = append(st.cands, b)
			}
		}
	}
	slices.Sort(st.cands)
	for _, bi := range st.cands {
		b := &m.brands[bi]
		if len(b.langs) > 0 && !langAllowed(b.langs, res.Lang) {
			continue
		}
		if b.usesSite {
			st.resolveHost()
			if st.excluded(b.exclude) {
				continue
			}
		}
		if !m.eval(st, b.root) {
			continue
		}
		res.Matches = append(res.Matches, m.report(st, b, int(bi)))
	}
	return res
}

// scan looks every token (and every pair that may be a split compound) up
// in the dictionary, recording where each term occurs.
func (m *Matcher) scan(st *state) {
	z := &st.z
	for i := range z.toks {
		t := &z.toks[i]
		if t.flags&tLong != 0 {
			continue
		}
		if t.flags&tHandle != 0 && st.ownLink(i) {
			t.flags &^= tHandle
		}
		// Two words that concatenate to a query word: Альфа Банк → альфабанк.
		if i > 0 && i != st.nTitle && t.flags&tTight != 0 {
			p := &z.toks[i-1]
			if p.flags&(tDigit|tLong) == 0 && t.flags&tDigit == 0 && p.n1-p.n0 >= 3 && t.n1-t.n0 >= 3 {
				if h := z.norm(i - 1); m.headFilter.has(h) && m.heads[string(h)] && st.joinable(i) {
					st.cat = append(append(st.cat[:0], z.norm(i-1)...), z.norm(i)...)
					m.lookup(st, st.cat, span{int32(i - 1), int32(i)})
				}
			}
		}
		sp := span{int32(i), int32(i)}
		m.lookup(st, z.norm(i), sp)
		if a := z.alt(i); a != nil {
			m.lookup(st, a, sp)
		}
		if t.b0 != t.b1 {
			m.lookupParts(st, i, sp)
		}
		if t.punct != 0 {
			m.lookupJoined(st, i)
		}
		if t.flags&tHandle != 0 {
			m.lookupHandle(st, z.norm(i), sp)
			if a := z.alt(i); a != nil {
				m.lookupHandle(st, a, sp) // #Ozonдоставка
			}
			m.lookupTranslit(st, z.norm(i), sp) // #МегаФонТВ → megafon
		}
	}
}

// maxParts bounds the parts of one word that are looked up.
const maxParts = 6

// lookupParts looks up the runs of parts of a word that has inner
// boundaries: vtb24 → vtb; газпромбанкеhttp → газпромбанке; and, in
// @handles, #hashtags and links only, camel case: @AlfabankBY →
// alfabank, #СбербанкОнлайн → сбербанк.
func (m *Matcher) lookupParts(st *state, i int, sp span) {
	z := &st.z
	t := &z.toks[i]
	w := z.norm(i)
	cuts := append(st.cuts[:0], 0)
	for _, b := range z.bounds[t.b0:t.b1] {
		if b&caseBound != 0 {
			if t.flags&tWeb == 0 {
				continue
			}
			b &^= caseBound
		}
		if b > cuts[len(cuts)-1] && int(b) < len(w) && len(cuts) < maxParts {
			cuts = append(cuts, b)
		}
	}
	cuts = append(cuts, int32(len(w)))
	st.cuts = cuts
	for a := 0; a < len(cuts); a++ {
		for b := a + 1; b < len(cuts); b++ {
			if a == 0 && b == len(cuts)-1 {
				continue // the whole word
			}
			if part := w[cuts[a]:cuts[b]]; utf8.RuneCount(part) >= 2 {
				m.lookup(st, part, sp)
				if t.flags&tHandle != 0 {
					m.lookupClass(st, part, cHandle, sp) // @ATTHelp → att
					m.lookupTranslitPart(st, part, sp)   // #БойкотМегафон → megafon
				}
			}
		}
	}
}

// lookup records the terms w is a form of.
func (m *Matcher) lookup(st *state, w []byte, sp span) {
	st.splits = splits(st.splits[:0], w)
	for _, s := range st.splits {
		base := w[:s.k]
		if !m.filter.has(base) {
			continue
		}
		for _, e := range m.dict[string(base)] {
			if e.cls&s.mask != 0 {
				st.hit(e.term, sp)
			}
		}
	}
}

func (st *state) hit(t int32, sp span) {
	o := st.occ[t]
	if len(o) == 0 {
		st.touched = append(st.touched, t)
	} else {
		for j := len(o) - 1; j >= 0 && o[j].a == sp.a; j-- {
			if o[j] == sp {
				return
			}
		}
	}
	st.occ[t] = append(o, sp)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// resolveHost finds the document's host and path (through redirect
// wrappers such as Google Alerts' links), once.
func (st *state) resolveHost() {
	if st.hostDone {
		return
	}
	st.hostDone = true
	st.host, st.path = "", ""
	if st.url == "" {
		return
	}
	raw := strings.TrimSpace(st.url)
	if !strings.Contains(raw, "://") {
		raw = "http://" + strings.TrimPrefix(raw, "//") // example.com/x
	}
	u, err := url.Parse(ident.CanonicalURL(raw))
	if err != nil || u.Host == "" {
		return
	}
	h := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if a, err := idna.Lookup.ToASCII(h); err == nil {
		h = a
	}
	st.host, st.path = h, strings.ToLower(u.EscapedPath())
}

// onSite reports whether the document is on host (or a subdomain) under
// path.
func (st *state) onSite(host, path string) bool {
	h := st.host
	if h == "" {
		return false
	}
	if h != host && !(strings.HasSuffix(h, host) && h[len(h)-len(host)-1] == '.') {
		return false
	}
	if path == "" {
		return true
	}
	return strings.HasPrefix(st.path, path) && (len(st.path) == len(path) || st.path[len(path)] == '/' || strings.HasSuffix(path, "/"))
}

func (st *state) excluded(rules []siteRule) bool {
	for _, r := range rules {
		if st.onSite(r.host, r.path) {
			return true
		}
	}
	return false
}

// joinable reports whether token i may be read together with the token
// before it as one word of the query (Альфа Банк as Альфабанк): always
// in Cyrillic, where a compound name is often written apart (Альфа банк),
// and in Latin only when the second word begins with a capital or a
// hyphen joins them (T Mobile, Wild Berries, T-mobile, not "wild
// berries" or "sales force", which are everyday English), or when they
// stand in Russian text, where two lower-case Latin words are a name
// (заказал на wild berries, сим-карта mega fon).
func (st *state) joinable(i int) bool {
	t := &st.z.toks[i]
	if t.lat == 0 || t.cyr != 0 {
		return true
	}
	s := st.text
	if i < st.nTitle {
		s = st.title
	}
	if int(t.start) >= len(s) {
		return true
	}
	if c := s[t.start]; 'A' <= c && c <= 'Z' {
		return true
	}
	p := &st.z.toks[i-1]
	if p.end < t.start && strings.ContainsAny(s[p.end:t.start], "-\u2010\u2011") {
		return true
	}
	return st.mostlyCyrillic(i)
}

// mostlyCyrillic reports whether most letters of the field (title or
// text) that holds token i are Cyrillic, as the tokenizer counted them.
func (st *state) mostlyCyrillic(i int) bool {
	if i < st.nTitle {
		return st.z.cyrFields[0]
	}
	return st.z.cyrFields[1]
}

// ownLink reports whether token i, a handle, starts the host name of a
// link to the document's own site (or a subdomain of it, or the site a
// subdomain of the link's host). Such a link is the site's navigation
// (a forum's links to its own threads), not a mention of the brand whose
// name the site bears, so its host does not count as a handle.
func (st *state) ownLink(i int) bool {
	s := st.text
	if i < st.nTitle {
		s = st.title
	}
	t := &st.z.toks[i]
	if t.start == 0 || int(t.start) > len(s) || st.url == "" {
		return false
	}
	if c := s[t.start-1]; c != '/' && c != '.' {
		return false // an @handle or #hashtag
	}
	st.resolveHost()
	if st.host == "" {
		return false
	}
	h := s[t.start:]
	if k := strings.IndexAny(h, "/?#:@ \t\n\r\"'<>()[]{}|\\,;"); k >= 0 {
		h = h[:k]
	}
	h = strings.TrimSuffix(strings.ToLower(h), ".")
	return sameSite(strings.TrimPrefix(h, "www."), strings.TrimPrefix(st.host, "www."))
}

// sameSite reports whether host names a and b are the same or one is a
// subdomain of the other.
func sameSite(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	return a == b || strings.HasSuffix(a, b) && a[len(a)-len(b)-1] == '.'
}
