package scrape

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/mentionwatch/mentionwatch/internal/ident"
)

// SMF 2.0/2.1 thread pages (index.php?topic=N.START) and Invision
// Community 4 topic pages (/topic/N-slug/).
func init() {
	smf := &layout{
		name:   "smf-thread",
		kind:   kThread,
		item:   items(`div.post_wrapper`),
		title:  f(`h5[id^="subject_"]`, ".keyinfo h5"),
		text:   f("div.post div.inner", `div[id^="msg_"].inner`, "div.post"),
		author: f("div.poster h4 a", "div.poster h4"),
		date:   f(".keyinfo div.smalltext", ".postinfo a.smalltext", ".keyinfo .smalltext"),
		link:   f(`h5[id^="subject_"] a@href`, ".keyinfo h5 a@href", ".postinfo a.smalltext@href"),
		// SMF's <link rel="prev"> is the previous topic, not page; 2.1
		// marks its previous-page arrow, 2.0 has none (only the last page
		// is read there).
		next: f(`div.pagelinks a:has(span.previous_page)@href`).onPage(),
		// "Reply #15": the post's number is one more.
		ordinal:   f(".keyinfo div.smalltext strong", ".postinfo a.smalltext@title").fixed(plusOne),
		pageTitle: f("title").onPage(),
		threadOf:  smfThread,
	}
	register(&preset{name: "smf", layouts: []*layout{smf}, rewrite: smfLast})

	ips := &layout{
		name:      "invision-topic",
		kind:      kThread,
		item:      items(`article[id^="elComment_"]`),
		text:      f(`div[data-role="commentContent"]`),
		author:    f(".cAuthorPane_author", `aside .ipsType_sectionHead`),
		date:      f(".ipsComment_meta time@datetime", "time@datetime"),
		link:      alt(f(`.ipsComment_meta a[href*="do=findComment"]@href`, `a[href*="do=findComment"]@href`), f("@id").fixed(fragmentFrom("comment-"))),
		next:      f(`ul.ipsPagination li.ipsPagination_prev:not(.ipsPagination_inactive) a@href`, `link[rel="prev"]@href`).onPage(),
		last:      f(`ul.ipsPagination li.ipsPagination_last:not(.ipsPagination_inactive) a@href`).onPage(),
		pageTitle: f("h1.ipsType_pageTitle", `meta[property="og:title"]@content`, "title").onPage(),
		threadOf:  invisionThread,
	}
	register(&preset{name: "invision", layouts: []*layout{ips}, rewrite: invisionLast}, "ipb", "ips")
}

var (
	smfTopicParam = regexp.MustCompile(`(?:^|[&;])topic=(\d+)(?:\.[^&;#]*)?`)
	smfTopicPath  = regexp.MustCompile(`/topic,(\d+)\.[^/]*?\.html$`)
)

// smfThread is index.php?topic=N.0 (or .../topic,N.0.html) for a URL that
// names topic N.
func smfThread(u *url.URL) string {
	c := *u
	c.Fragment, c.RawFragment = "", ""
	if m := smfTopicParam.FindStringSubmatch(u.RawQuery); m != nil {
		c.RawQuery = "topic=" + m[1] + ".0"
		return ident.CanonicalURL(c.String())
	}
	if m := smfTopicPath.FindStringSubmatchIndex(u.Path); m != nil {
		c.Path = u.Path[:m[0]] + "/topic," + u.Path[m[2]:m[3]] + ".0.html"
		c.RawPath, c.RawQuery = "", ""
		return ident.CanonicalURL(c.String())
	}
	return ""
}

// smfLast asks for message 2147483647 of the topic: SMF shows the page of
// the last message for any number past it (Display.php).
func smfLast(u *url.URL) *url.URL {
	c := *u
	c.Fragment, c.RawFragment = "", ""
	if m := smfTopicParam.FindStringSubmatchIndex(u.RawQuery); m != nil {
		id := u.RawQuery[m[2]:m[3]]
		prefix := u.RawQuery[:m[0]]
		if m[0] > 0 {
			prefix += u.RawQuery[m[0] : m[0]+1]
		}
		c.RawQuery = prefix + "topic=" + id + ".msg2147483647" + u.RawQuery[m[1]:]
		return &c
	}
	if m := smfTopicPath.FindStringSubmatchIndex(u.Path); m != nil {
		c.Path = u.Path[:m[0]] + "/topic," + u.Path[m[2]:m[3]] + ".msg2147483647.html"
		c.RawPath = ""
		return &c
	}
	return nil
}

var ipsTopic = regexp.MustCompile(`/topic/\d+[^/]*/`)

// invisionThread is /topic/N-slug/ for a URL of topic N (path form, or
// index.php?/topic/N-slug/ on forums without rewriting).
func invisionThread(u *url.URL) string {
	c := *u
	c.Fragment, c.RawFragment = "", ""
	if loc := ipsTopic.FindStringIndex(u.Path); loc != nil {
		c.Path, c.RawPath = u.Path[:loc[1]], ""
		c.RawQuery = ""
		return ident.CanonicalURL(c.String())
	}
	if loc := ipsTopic.FindStringIndex(u.RawQuery); loc != nil && strings.HasPrefix(u.RawQuery, "/") {
		c.RawQuery = u.RawQuery[:loc[1]]
		return ident.CanonicalURL(c.String())
	}
	return ""
}

// invisionLast asks for ?do=getLastComment, which Invision redirects to
// the page of the newest post.
func invisionLast(u *url.URL) *url.URL {
	t := invisionThread(u)
	if t == "" {
		return nil
	}
	r, err := url.Parse(t)
	if err != nil {
		return nil
	}
	if r.RawQuery != "" {
		r.RawQuery += "&do=getLastComment"
	} else {
		r.RawQuery = "do=getLastComment"
	}
	return r
}

// plusOne turns a reply number ("Reply #15 on:") into a post number.
func plusOne(s string) string {
	n, ok := parseCount(s)
	if !ok {
		return ""
	}
	return strconv.Itoa(n + 1)
}
