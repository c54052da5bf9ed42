package scrape

import (
	"net/url"
	"strings"
)

// phpBB 3.x, prosilver and its derivatives. A thread page (viewtopic.php)
// lists div.post; a forum page (viewforum.php) lists li.row topics.
func init() {
	thread := &layout{
		name:       "phpbb-thread",
		kind:       kThread,
		item:       items(`div.post[id^="p"]`),
		title:      f("h3 a", "h3"),
		text:       f("div.content"),
		author:     f("p.author strong", "p.author a.username, p.author a.username-coloured", ".postprofile dt a.username", ".postprofile dt a.username-coloured"),
		date:       f("p.author time@datetime", "p.author"),
		link:       alt(f("h3 a@href", `p.author a[href*="p="]@href`), f("@id").fixed(fragmentFrom("p"))),
		next:       f(`.pagination a[rel="prev"]@href`, `link[rel="prev"]@href`).onPage(),
		last:       f(`.pagination li:not(.arrow):not(.ellipsis) > a`).onPage().lastMatch(),
		pageTitle:  f("h2.topic-title a", "h2.topic-title", "h2 a").onPage(),
		posts:      f("div.pagination").onPage(),
		threadLink: f("h2.topic-title a@href", "h2 a@href").onPage(),
		threadOf:   phpbbThread,
	}
	list := &layout{
		name:    "phpbb-topics",
		kind:    kList,
		item:    items(`ul.topiclist.topics li.row, ul.topiclist.topics > li`),
		title:   f("a.topictitle"),
		link:    f("a.topictitle@href"),
		author:  f(".topic-poster a.username, .topic-poster a.username-coloured", "dt a.username, dt a.username-coloured"),
		date:    f(".topic-poster time@datetime", "dt time@datetime"),
		replies: f("dd.posts"),
		next:    f(`.pagination a[rel="next"]@href`, `link[rel="next"]@href`).onPage(),
	}
	register(&preset{name: "phpbb", layouts: []*layout{thread, list}, rewrite: phpbbLast})
}

// phpbbThread is viewtopic.php?t=N for a URL that names topic N.
func phpbbThread(u *url.URL) string {
	if !strings.HasSuffix(strings.ToLower(u.Path), "viewtopic.php") {
		return ""
	}
	return keepParams(u, "t")
}

// phpbbLast points a topic URL at its last page: phpBB 3.1+ clamps a start
// beyond the end to the last page (pagination::validate_start).
func phpbbLast(u *url.URL) *url.URL {
	if !strings.HasSuffix(strings.ToLower(u.Path), "viewtopic.php") || !queryHas(u, "t") || queryHas(u, "p") {
		return nil
	}
	return withQuery(stripSession(u), "start", "99999999")
}
