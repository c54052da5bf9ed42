package scrape

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/mentionwatch/mentionwatch/internal/ident"
)

// XenForo 2 (and 1.x threads): thread pages list article.message--post; forum pages list
// div.structItem--thread. URLs come in two shapes: /threads/slug.123/ and
// /index.php?threads/slug.123/.
func init() {
	thread := &layout{
		name:   "xenforo-thread",
		kind:   kThread,
		item:   items(`article.message--post`),
		text:   f(".message-body .bbWrapper", ".bbWrapper"),
		author: f("@data-author", ".message-name"),
		date:   f(".message-attribution time.u-dt@datetime", "time.u-dt@datetime", "time@datetime"),
		link: alt(f(`.message-attribution-main a[href*="post-"]@href`, `.message-attribution a[href*="post-"]@href`),
			f("@data-content").fixed(fragmentFrom("post-"))),
		ordinal:    f(".message-attribution-opposite li:last-child a", ".message-attribution-opposite li:last-child"),
		next:       f("a.pageNav-jump--prev@href", `link[rel="prev"]@href`).onPage(),
		last:       f("ul.pageNav-main li.pageNav-page a").onPage().lastMatch(),
		pageTitle:  f("h1.p-title-value", `meta[property="og:title"]@content`, "title").onPage(),
		threadLink: f(`meta[property="og:url"]@content`).onPage(),
		threadOf:   xenforoThread,
		drop:       items(`.bbCodeBlock-expandLink, .js-selectToQuoteEnd`),
	}
	list := &layout{
		name:    "xenforo-threads",
		kind:    kList,
		item:    items(`div.structItem--thread`),
		title:   f(`div.structItem-title a[data-tp-primary="on"]`, "div.structItem-title a:last-of-type"),
		link:    f(`div.structItem-title a[data-tp-primary="on"]@href`, "div.structItem-title a:last-of-type@href"),
		author:  f("@data-author", "ul.structItem-parts a.username"),
		date:    f("li.structItem-startDate time@datetime", "time.u-dt@datetime"),
		replies: f(".structItem-cell--meta dl.pairs:first-of-type dd", ".structItem-cell--meta dd"),
		next:    f("a.pageNav-jump--next@href", `link[rel="next"]@href`).onPage(),
	}
	// XenForo 1.x, still run by many older boards: li.message posts with
	// the text in blockquote.messageText; a recent post's time is
	// abbr.DateTime's data-time (Unix seconds), an older one's
	// span.DateTime's title.
	thread1 := &layout{
		name:       "xenforo1-thread",
		kind:       kThread,
		item:       items(`li.message[id^="post-"]`),
		text:       f("blockquote.messageText"),
		author:     f("@data-author", ".messageMeta a.username", ".messageUserInfo a.username"),
		date:       f("abbr.DateTime@data-time", "span.DateTime@title", ".DateTime"),
		link:       alt(f("a.datePermalink@href"), f("@id").fixed(fragmentFrom("post-"))),
		next:       f(`link[rel="prev"]@href`).onPage(),
		pageTitle:  f(".titleBar h1", `meta[property="og:title"]@content`, "title").onPage(),
		threadLink: f(`link[rel="canonical"]@href`, `meta[property="og:url"]@content`).onPage(),
		threadOf:   xenforoThread,
		drop:       items(`.messageTextEndMarker`),
	}
	register(&preset{name: "xenforo", layouts: []*layout{thread, thread1, list}, rewrite: xenforoLast}, "xf")
}

var xfThreadRe = regexp.MustCompile(`threads/(?:[^/?#&]*\.)?\d+/?`)

// xenforoThread is the thread's /threads/slug.N/ URL, in the shape (path
// or query) the forum uses.
func xenforoThread(u *url.URL) string {
	c := *u
	c.Fragment = ""
	c.RawFragment = ""
	if loc := xfThreadRe.FindStringIndex(u.Path); loc != nil {
		c.Path = withSlash(u.Path[:loc[1]])
		c.RawPath = ""
		c.RawQuery = ""
		return ident.CanonicalURL(c.String())
	}
	if loc := xfThreadRe.FindStringIndex(u.RawQuery); loc != nil && loc[0] == 0 {
		c.RawQuery = withSlash(u.RawQuery[:loc[1]])
		return ident.CanonicalURL(c.String())
	}
	return ""
}

func withSlash(s string) string {
	if strings.HasSuffix(s, "/") {
		return s
	}
	return s + "/"
}

// xenforoLast points a thread URL at /latest, which XenForo redirects to
// the page holding the newest post.
func xenforoLast(u *url.URL) *url.URL {
	t := xenforoThread(u)
	if t == "" {
		return nil
	}
	r, err := url.Parse(t)
	if err != nil {
		return nil
	}
	if r.RawQuery != "" {
		r.RawQuery += "latest"
	} else {
		r.Path += "latest"
	}
	return r
}
