package scrape

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/mentionwatch/mentionwatch/internal/ident"
)

// vBulletin 3 and 4 and the Something Awful forums (a heavily customised
// vBulletin-era codebase with the same showthread.php / forumdisplay.php
// URLs): thread pages and topic lists of each.
func init() {
	vb4 := &layout{
		name:       "vbulletin4-thread",
		kind:       kThread,
		item:       items(`li.postcontainer[id^="post_"], li.postbit[id^="post_"], li.postbitlegacy[id^="post_"]`),
		title:      f("h2.title"),
		text:       f("blockquote.postcontent", `div[id^="post_message_"]`),
		author:     f(".username_container .username", "a.username", ".username"),
		date:       f("span.date", "span.postdate"),
		link:       alt(f("a.postcounter@href"), f("@id").fixed(fragmentFrom("post"))),
		ordinal:    f(`a[id^="postcount"]@name`, "a.postcounter"),
		next:       f(`#pagination_top a[rel="prev"]@href`, `a[rel="prev"]@href`, `link[rel="prev"]@href`).onPage(),
		last:       f(`#pagination_top span.first_last a`, `.pagination span.first_last a`).onPage().lastMatch(),
		pageTitle:  f("span.threadtitle a", "span.threadtitle", "title").onPage(),
		threadLink: f("span.threadtitle a@href").onPage(),
		threadOf:   vbThread,
	}
	sa := &layout{
		name:       "somethingawful-thread",
		kind:       kThread,
		item:       items(`table.post[id^="post"]`),
		text:       f("td.postbody"),
		author:     f("dt.author"),
		date:       f("td.postdate"),
		link:       alt(f(`td.postdate a[href^="#post"]@href`), f("@id").fixed(fragmentFrom("post"))),
		ordinal:    f("@data-idx"),
		next:       f(`div.pages a[title="Previous page"]@href`).onPage(),
		last:       f(`div.pages a[title="Last page"]@href`).onPage(),
		pageTitle:  f("a.bclast", "title").onPage(),
		threadLink: f("a.bclast@href").onPage(),
		threadOf:   vbThread,
		drop:       items(`.userinfo, p.editedby, p.attachment`),
	}
	vb3 := &layout{
		name:       "vbulletin3-thread",
		kind:       kThread,
		item:       items(`table.tborder[id^="post"]`),
		title:      f(`td[id^="td_post_"] div.smallfont strong`),
		text:       f(`div[id^="post_message_"]`),
		author:     f("a.bigusername", `div[id^="postmenu_"]`),
		date:       f("td.thead"),
		link:       f("@id").fixed(fragmentFrom("post")),
		ordinal:    f(`a[id^="postcount"]@name`, `a[id^="postcount"]`),
		next:       f(`div.pagenav a[rel="prev"]@href`, `div.pagenav a[title^="Prev Page"]@href`, `link[rel="prev"]@href`).onPage(),
		last:       f(`div.pagenav a[title^="Last Page"]@href`, `div.pagenav a.smallfont`).onPage().lastMatch(),
		pageTitle:  f("td.navbar strong", "title").onPage(),
		threadLink: f(`td.navbar a[href*="showthread.php"]@href`).onPage().lastMatch(),
		threadOf:   vbThread,
		// vBulletin 3 quotes are a styled div around a table.
		quote: items(`div[style^="margin:20px"]`),
	}
	saList := &layout{
		name:    "somethingawful-threads",
		kind:    kList,
		item:    items(`tr.thread`),
		title:   f("a.thread_title"),
		link:    f("a.thread_title@href"),
		author:  f("td.author"),
		date:    f("td.lastpost .date"),
		replies: f("td.replies"),
		next:    f(`div.pages a[title="Next page"]@href`, `div.pages select ~ a@href`).onPage(),
	}
	vb4List := &layout{
		name:    "vbulletin4-threads",
		kind:    kList,
		item:    items(`li.threadbit`),
		title:   f("a.title"),
		link:    f("a.title@href"),
		author:  f(".threadmeta .author a", ".author a.username"),
		date:    f(".threadmeta .author span.label", ".threadmeta .author"),
		replies: f("ul.threadstats li:first-child", "ul.threadstats li"),
		next:    f(`a[rel="next"]@href`, `link[rel="next"]@href`).onPage(),
	}
	register(&preset{name: "vbulletin", layouts: []*layout{vb4, sa, vb3, saList, vb4List}, rewrite: vbLast}, "vb", "somethingawful")
}

var (
	vbFriendlyPath  = regexp.MustCompile(`(?i)^(.*/(?:threads|showthread\.php)/\d+[^/]*)(?:/page\d+)?/?$`)
	vbFriendlyQuery = regexp.MustCompile(`^(\d+-[^&/]*)`)
)

// vbThread is showthread.php?t=N (or threadid=N, as SA writes it) for a
// URL naming thread N, or the friendly-URL form without its page part.
func vbThread(u *url.URL) string {
	lower := strings.ToLower(u.Path)
	if strings.HasSuffix(lower, "showthread.php") {
		if t := keepParams(u, "t", "threadid"); t != "" {
			return t
		}
		if m := vbFriendlyQuery.FindString(u.RawQuery); m != "" {
			c := *u
			c.RawQuery = m
			c.Fragment, c.RawFragment = "", ""
			return ident.CanonicalURL(c.String())
		}
		return ""
	}
	if m := vbFriendlyPath.FindStringSubmatch(u.Path); m != nil {
		c := *u
		c.Path, c.RawPath = m[1], ""
		c.RawQuery = ""
		c.Fragment, c.RawFragment = "", ""
		return ident.CanonicalURL(c.String())
	}
	return ""
}

// vbLast points showthread.php?t=N at goto=lastpost, which vBulletin (and
// SA) redirect to the page with the thread's last post.
func vbLast(u *url.URL) *url.URL {
	if !strings.HasSuffix(strings.ToLower(u.Path), "showthread.php") || !queryHas(u, "t", "threadid") || queryHas(u, "p", "postid") {
		return nil
	}
	return withQuery(stripSession(u), "goto", "lastpost", "page", "pagenumber")
}
