package scrape

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"github.com/mentionwatch/mentionwatch/internal/ident"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/plaintext"
	"github.com/mentionwatch/mentionwatch/watcher/charset"
	"golang.org/x/net/html"
)

// Extract parses one fetched page. body is the raw bytes as fetched and
// contentType the response's Content-Type (both decide the charset);
// pageURL, the URL the page was fetched from after redirects, resolves
// relative links; now anchors relative dates ("5 минут назад").
//
// HTML is read with the preset's layouts (the first whose item selector
// matches) or the explicit selectors; JSON (Discourse, Reddit) and RSS/Atom
// bodies are read by the preset's own readers. A page with no items yields
// an empty Page, not an error.
func (e *Extractor) Extract(body []byte, contentType, pageURL string, now time.Time) (*Page, error) {
	base, err := parseAbs(pageURL)
	if err != nil {
		return nil, fmt.Errorf("scrape: page URL %q: %w", pageURL, err)
	}
	contentType = asciiHeader(contentType)
	var page *Page
	newestLast := false
	switch sniff(body, contentType) {
	case formatJSON:
		if e.preset == nil || e.preset.json == nil {
			return nil, fmt.Errorf("scrape: %s: got JSON, but only the discourse and reddit presets read JSON", pageURL)
		}
		page, err = e.preset.json(e, body, base, now)
	case formatFeed:
		page, err = e.extractFeed(body, contentType, base, now)
	default:
		page, newestLast, err = e.readHTML(body, contentType, base, now)
	}
	if err != nil {
		return nil, err
	}
	return e.finish(page, newestLast), nil
}

// readHTML reads an HTML page; newestLast tells that its posts run oldest
// first (a thread page).
func (e *Extractor) readHTML(body []byte, contentType string, base *url.URL, now time.Time) (*Page, bool, error) {
	utf8Body, _, err := charset.DecodeHTML(body, contentType)
	if err != nil {
		return nil, false, fmt.Errorf("scrape: %s: %w", base, err)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(utf8Body))
	if err != nil {
		return nil, false, fmt.Errorf("scrape: parsing %s: %w", base, err)
	}
	return e.extractHTML(doc, base, now)
}

// pageCtx is what every item of a page shares.
type pageCtx struct {
	e    *Extractor
	l    *layout
	doc  *html.Node
	base *url.URL // page URL, or <base href>
	page *url.URL
	now  time.Time
	loc  *time.Location
	// dayFirst: numeric dates valid both ways are day first (pageDayFirst).
	dayFirst bool
	items    map[*html.Node]bool
	thread   string // canonical thread URL (kThread)
	// threadKnown: the engine recognised the thread (not a page that only
	// looks like one, such as a single-post view).
	threadKnown bool
	// pageURL is the page the posts stand on, for their fragment links
	// (onPage); nil until first needed.
	pageURL *url.URL
	// prevThread is thread as earlier versions read it (threadBefore),
	// for the identities they gave posts (prevIDs).
	prevThread string
}

func (e *Extractor) extractHTML(d *goquery.Document, page *url.URL, now time.Time) (*Page, bool, error) {
	root := d.Nodes[0]
	l, nodes := e.pickLayout(root)
	out := &Page{}
	if l == nil {
		return out, false, nil
	}
	pc := &pageCtx{e: e, l: l, doc: root, base: page, page: page, now: now, loc: e.spec.Location, items: map[*html.Node]bool{}}
	if pc.loc == nil {
		pc.loc = now.Location()
	}
	pc.dayFirst = pageDayFirst(root)
	if b := d.Find("base[href]").First(); b.Length() > 0 {
		if h, ok := b.Attr("href"); ok {
			if r, err := url.Parse(strings.TrimSpace(h)); err == nil {
				pc.base = page.ResolveReference(r)
			}
		}
	}
	for _, n := range nodes {
		pc.items[n] = true
	}
	pageScope := scope{root: root, doc: root}
	if l.kind == kThread {
		pc.thread = pc.threadURL(pageScope)
	}
	pageTitle := plaintext.TidyLine(l.pageTitle.value(pageScope, valText))

	maxOrdinal := -1
	threadReplies := -1
	for _, n := range nodes {
		sc := scope{root: n, doc: root, items: pc.items}
		doc, ok := pc.item(sc)
		if !ok {
			continue
		}
		if l.kind == kThread {
			if doc.Title == "" {
				doc.Title = pageTitle
			}
			if o, ok := parseCount(l.ordinal.value(sc, valText)); ok {
				maxOrdinal = max(maxOrdinal, o)
			}
			threadReplies = max(threadReplies, doc.Replies)
		}
		out.Docs = append(out.Docs, doc)
	}

	next := pc.link(l.next.value(pageScope, valLink))
	last := pc.link(l.last.value(pageScope, valLink))
	if l.kind == kThread {
		replies := threadReplies
		if replies < 0 {
			replies = pc.pageReplies(pageScope, maxOrdinal, next, last, len(out.Docs))
		}
		for i := range out.Docs {
			out.Docs[i].Replies = replies
		}
		if next == "" && last != "" && !samePage(last, page) {
			next = last
		}
	}
	if next != "" && samePage(next, page) {
		next = ""
	}
	out.Next = next
	return out, l.kind == kThread, nil
}

// pickLayout returns the first layout whose items are on the page.
func (e *Extractor) pickLayout(root *html.Node) (*layout, []*html.Node) {
	for _, l := range e.layouts {
		if l.item == nil {
			continue
		}
		if nodes := cascadia.QueryAll(root, l.item); len(nodes) > 0 {
			return l, nodes
		}
	}
	return nil, nil
}

// item reads one item; false when it has neither title nor text.
func (pc *pageCtx) item(sc scope) (model.Document, bool) {
	l := pc.l
	d := model.Document{Replies: -1}
	d.Title = plaintext.TidyLine(l.title.value(sc, valText))
	if n := firstNode(l.text, sc); n != nil {
		var drop, quote func(*html.Node) bool
		if l.drop != nil {
			drop = l.drop.Match
		}
		if l.quote != nil {
			quote = l.quote.Match
		}
		d.Text = renderText(n, pc.items, drop, quote)
	}
	if d.Title == "" && onlyQuotes(d.Text) {
		return d, false // nothing of its own: an image, or only a quote
	}
	d.Author = plaintext.TidyLine(l.author.value(sc, valText))
	dr, hasDate, noted := pc.date(sc)
	date, keyed := dr.printed, hasDate && !dr.relative && !dr.unkeyed
	if hasDate {
		d.PublishedAt = dr.published
	}
	rawLink := l.link.value(sc, valLink)
	permalink := pc.link(rawLink)
	replies := -1
	if n, ok := parseCount(l.replies.value(sc, valText)); ok {
		replies = n
	}
	threadLink := pc.link(l.thread.value(sc, valLink))

	switch l.kind {
	case kThread:
		d.ThreadURL = pc.thread
		if threadLink != "" {
			d.ThreadURL = ident.CanonicalURL(threadLink)
		}
		d.Replies = replies
	case kList:
		if threadLink == "" {
			threadLink = permalink
		}
		if threadLink != "" {
			d.ThreadURL = ident.CanonicalURL(threadLink)
		}
		d.Replies = replies
	case kFeed:
		if threadLink != "" {
			d.ThreadURL = ident.CanonicalURL(threadLink)
		} else if replies >= 0 && permalink != "" {
			d.ThreadURL = ident.CanonicalURL(permalink)
		}
		if d.ThreadURL != "" {
			d.Replies = replies
		}
	}

	d.URL = permalink
	if l.kind == kThread && strings.HasPrefix(rawLink, "#") && len(rawLink) > 1 && pc.thread != "" {
		// "#p120" names the post in the thread (its identity) and is
		// found on this page of it (its URL).
		d.URL = pc.onPage(rawLink)
	}
	key := d.Title + "\n" + d.Text
	if keyed {
		key = d.ThreadURL + "\n" + pc.identityTime(date).UTC().Format(time.RFC3339)
	}
	if l.kind == kThread {
		if id := pc.anchorInThread(permalink); id != "" {
			// "?start=20#p120": the anchor names the post in the thread;
			// the page it stood on when read is not part of it.
			d.PrevIDs[0] = ident.ForPost(pc.e.spec.Source, forIdentity(permalink), d.Author, key)
			permalink = id
		}
	}
	d.ID = ident.ForPost(pc.e.spec.Source, forIdentity(permalink), d.Author, key)
	if permalink == "" {
		d.PrevIDs = pc.prevIDs(d, key, keyed, noted)
	}
	if d.URL == "" {
		switch {
		case d.ThreadURL != "":
			d.URL = d.ThreadURL
		default:
			d.URL = ident.CanonicalURL(pc.page.String())
		}
	} else {
		d.URL = ident.CanonicalURL(d.URL)
	}
	return d, true
}

func firstNode(f field, sc scope) *html.Node {
	for _, s := range f {
		if n := s.node(sc); n != nil {
			return n
		}
	}
	return nil
}

// date reads the item's date: for each alternative, the attribute it
// names, else a <time>'s datetime, the element's text, and its title
// (tooltips often hold the full date behind a relative one). The date of
// an "edited" note is not the post's: a match inside one is passed over,
// and the element's text is read without it (edited.go).
//
// noted tells that an edit note was passed over or left out on the way to
// the date: earlier versions read such a post with no date (or the edit's).
func (pc *pageCtx) date(sc scope) (d dateRead, ok, noted bool) {
	inNote := func(n *html.Node) bool {
		if insideEditNote(n, sc.root) {
			noted = true
			return true
		}
		return false
	}
	for _, s := range pc.l.date {
		n := s.nodeWhere(sc, inNote)
		if n == nil {
			continue
		}
		var cands []string
		if s.attr != "" {
			cands = []string{attrOf(n, s.attr)}
		} else {
			text, cut := dateText(n, pc.items)
			noted = noted || cut
			cands = []string{attrOf(n, "datetime"), text, attrOf(n, "title")}
		}
		for _, c := range cands {
			if s.fix != nil {
				c = s.fix(c)
			}
			if c == "" {
				continue
			}
			if d, ok := parseDateIn(c, pc.now, pc.loc, pc.dayFirst); ok {
				return d, true, noted
			}
		}
	}
	return dateRead{}, false, noted
}

// identityTime is the date t as it identifies a post: a date printed
// without a zone, read in the source's time_zone, counts there as read in
// the zone of now, as it was before sources took time_zone, so that
// setting time_zone moves the published times of a source's posts, not
// their identities. A date with a zone of its own is as it is.
func (pc *pageCtx) identityTime(t time.Time) time.Time {
	if pc.e.spec.Location == nil || t.Location() != pc.loc {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), pc.now.Location())
}

// link resolves a link found on the page. A fragment ("#post123") points
// into the thread, so it resolves against the thread URL rather than the
// page URL, which carries a page number.
func (pc *pageCtx) link(ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	if strings.HasPrefix(ref, "#") && len(ref) > 1 && pc.thread != "" {
		if t, err := url.Parse(pc.thread); err == nil {
			return resolve(t, ref)
		}
	}
	return resolve(pc.base, ref)
}

// onPage resolves a fragment link ("#p120") against the page the post
// stands on, so that the link opens that page at the post: the page's
// canonical link when it names a page of this thread (the URL a thread
// preset asked for may be a "last page" form such as start=99999), else
// the URL the page was fetched from. A canonical link that is the thread
// itself, on a page fetched as a later page, is the site naming every
// page by the first; the fetched URL is the page.
func (pc *pageCtx) onPage(ref string) string {
	if pc.pageURL == nil {
		pc.pageURL = pc.page
		paged := genericThread(pc.page) != ident.CanonicalURL(pc.page.String())
		if c := pc.link(mustCanonical.value(scope{root: pc.doc, doc: pc.doc}, valLink)); c != "" {
			u, err := url.Parse(c)
			if err == nil && pc.threadOf(u) == pc.thread && !(paged && ident.CanonicalURL(c) == pc.thread) {
				pc.pageURL = u
			}
		}
	}
	return resolve(pc.pageURL, ref)
}

// anchorInThread returns the thread URL with the anchor of a permalink
// that is a page of this thread with an anchor ("?t=5&start=20#p120",
// "/threads/x.5/page-3#post-9"), "" for any other link (one without page
// parts names the post already).
func (pc *pageCtx) anchorInThread(link string) string {
	if pc.thread == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil || u.Fragment == "" {
		return ""
	}
	c := *u
	c.Fragment, c.RawFragment = "", ""
	if genericThread(&c) == ident.CanonicalURL(c.String()) || pc.threadOf(&c) != pc.thread {
		return ""
	}
	t, err := url.Parse(pc.thread)
	if err != nil {
		return ""
	}
	return resolve(t, "#"+u.EscapedFragment())
}

// prevIDs are the identities earlier versions gave a post without a
// permalink, where they differ from its ID: with the thread read by
// threadBefore, and, when its date was found past an edit note, without a
// date (its title and text), so that stored posts are not new again.
func (pc *pageCtx) prevIDs(d model.Document, key string, dated, noted bool) [2]string {
	var out [2]string
	if dated && d.ThreadURL == pc.thread && pc.prevThread != pc.thread {
		prev := pc.prevThread + strings.TrimPrefix(key, pc.thread)
		out[0] = ident.ForPost(pc.e.spec.Source, "", d.Author, prev)
	}
	if noted {
		out[1] = ident.ForPost(pc.e.spec.Source, "", d.Author, d.Title+"\n"+d.Text)
	}
	return out
}

// threadOf is the canonical thread URL a URL names: the engine's reading
// of it, else the URL without its page parts.
func (pc *pageCtx) threadOf(u *url.URL) string {
	if pc.l.threadOf != nil {
		if t := pc.l.threadOf(u); t != "" {
			return t
		}
	}
	return genericThread(u)
}

// threadURL is the canonical URL of the thread a thread page shows: what
// the engine's threadOf makes of the page's canonical link, its thread
// link or its own URL, else the page URL without page parameters.
func (pc *pageCtx) threadURL(sc scope) string {
	canonical := pc.link(mustCanonical.value(sc, valLink))
	cands := []string{pc.page.String(), canonical, pc.link(pc.l.threadLink.value(sc, valLink))}
	if pc.l.threadOf != nil {
		for _, c := range cands {
			if c == "" {
				continue
			}
			if u, err := url.Parse(c); err == nil {
				if t := pc.l.threadOf(u); t != "" {
					pc.threadKnown = true
					pc.prevThread = t
					return t
				}
			}
		}
	}
	if canonical != "" {
		if u, err := url.Parse(canonical); err == nil {
			pc.prevThread = threadBefore(u)
			return genericThread(u)
		}
	}
	pc.prevThread = threadBefore(pc.page)
	return genericThread(pc.page)
}

var mustCanonical = mustField(`link[rel="canonical"]@href`).onPage()

// pageReplies is the thread's reply count from the page: a count the page
// prints, the highest post number, or, for a thread that fits on one page,
// the posts on it; -1 when the page does not tell.
func (pc *pageCtx) pageReplies(sc scope, maxOrdinal int, next, last string, posts int) int {
	l := pc.l
	if n, ok := parseCount(l.replies.onPage().value(sc, valText)); ok {
		return n
	}
	if n, ok := parseCount(l.posts.value(sc, valText)); ok && n > 0 {
		return n - 1
	}
	if maxOrdinal > 0 {
		return maxOrdinal - 1
	}
	if pc.threadKnown && l.last != nil && next == "" && last == "" && posts > 0 {
		return posts - 1
	}
	return -1
}

// samePage reports whether link is the page itself.
func samePage(link string, page *url.URL) bool {
	a := ident.CanonicalURL(link)
	c := *page
	c.Fragment = ""
	c.RawFragment = ""
	b := ident.CanonicalURL(c.String())
	if i := strings.IndexByte(a, '#'); i >= 0 {
		a = a[:i]
	}
	return a == b
}

// onlyQuotes reports whether text has no line of its own (every line is a
// "> " quote).
func onlyQuotes(text string) bool {
	for _, l := range strings.Split(text, "\n") {
		if l != "" && !strings.HasPrefix(l, "> ") {
			return false
		}
	}
	return true
}

// asciiHeader drops the bytes of a header value that are not printable
// ASCII: header values are ASCII, and a server sending others should not
// reach the charset detection with them.
func asciiHeader(v string) string {
	for i := 0; i < len(v); i++ {
		if v[i] < 0x20 || v[i] > 0x7e {
			b := make([]byte, 0, len(v))
			for j := 0; j < len(v); j++ {
				if v[j] >= 0x20 && v[j] <= 0x7e {
					b = append(b, v[j])
				}
			}
			return string(b)
		}
	}
	return v
}
