package scrape

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/mentionwatch/mentionwatch/internal/ident"
)

// Telegram public channels (t.me/s/NAME), Pikabu stories, X (Twitter) and
// Bluesky profiles.
func init() {
	tg := &layout{
		name:   "telegram-channel",
		kind:   kFeed,
		item:   items(`div.tgme_widget_message[data-post]`),
		text:   f("div.tgme_widget_message_text.js-message_text", "div.tgme_widget_message_text"),
		author: f(".tgme_widget_message_from_author", "a.tgme_widget_message_owner_name"),
		date:   f("a.tgme_widget_message_date time@datetime", "time@datetime"),
		link: alt(f("a.tgme_widget_message_date@href"),
			f("@data-post").fixed(func(p string) string { return "https://t.me/" + p })),
		next: f(`link[rel="prev"]@href`, "a.tme_messages_more@href").onPage(),
	}
	register(&preset{name: "telegram", layouts: []*layout{tg}, rewrite: telegramPreview}, "tg")

	pikabuStory := &layout{
		name:  "pikabu-story",
		kind:  kThread,
		item:  items(`article.story[data-page="true"], div.comment[data-id]`),
		title: f(".story__title-link"),
		text:  f("div.comment__content", "div.story__content-inner", "div.story__content"),
		author: alt(f("div.comment__user@data-name", "span.user__nick"),
			f("@data-author-name", ".story__user-link")),
		date:      f("time.comment__datetime@datetime", "time.story__datetime@datetime", "time@datetime"),
		link:      f(`a.comment__tool[data-role="link"]@href`),
		pageTitle: f("h1.story__title .story__title-link", "h1.story__title", `meta[property="og:title"]@content`).onPage(),
		threadOf:  pikabuThread,
	}
	pikabuList := &layout{
		name:    "pikabu-stories",
		kind:    kList,
		item:    items(`article.story`),
		title:   f(".story__title-link"),
		link:    f("a.story__title-link@href", ".story__title a@href"),
		text:    f("div.story__content-inner", "div.story__content"),
		author:  f("@data-author-name", ".story__user-link", ".user__nick"),
		date:    f("time@datetime"),
		replies: f(".story__comments-link-count"),
	}
	register(&preset{name: "pikabu", layouts: []*layout{pikabuStory, pikabuList}})

	x := &layout{
		name:    "x-timeline",
		kind:    kFeed,
		item:    items(`article[data-testid="tweet"]`),
		text:    f(`div[data-testid="tweetText"]`),
		author:  f(`div[data-testid="User-Name"] a[tabindex="-1"]`, `div[data-testid="User-Name"] a`),
		date:    f("time@datetime"),
		link:    f(`a:has(time)@href`, `a[href*="/status/"]@href`),
		replies: f(`button[data-testid="reply"]`),
	}
	legacy := &layout{
		name:    "twitter-legacy",
		kind:    kFeed,
		item:    items(`div.tweet[data-tweet-id]`),
		text:    f("p.tweet-text"),
		author:  f("span.username", "@data-screen-name"),
		date:    f("span._timestamp@data-time", "a.tweet-timestamp@title"),
		link:    f("a.tweet-timestamp@href", "@data-permalink-path"),
		replies: f(".ProfileTweet-action--reply .ProfileTweet-actionCount@data-tweet-stat-count"),
	}
	register(&preset{name: "x", layouts: []*layout{x, legacy}}, "twitter")

	bsky := &layout{
		name:    "bluesky-profile",
		kind:    kFeed,
		item:    items(`div[data-testid^="feedItem-by-"]`),
		text:    f(`div[data-testid="postText"]`),
		author:  f("@data-testid").fixed(func(s string) string { return strings.TrimPrefix(s, "feedItem-by-") }),
		date:    f(`a[href*="/post/"]@data-tooltip`, `a[href*="/post/"]@aria-label`),
		link:    f(`a[href*="/post/"]@href`),
		replies: f(`button[data-testid="replyBtn"]`),
	}
	register(&preset{name: "bluesky", layouts: []*layout{bsky}, rewrite: blueskyRSS}, "bsky")
}

var tgChannel = regexp.MustCompile(`^/(?:s/)?([A-Za-z][A-Za-z0-9_]{3,})(?:/\d+)?/?$`)

// telegramPreview turns t.me/NAME (or a post link t.me/NAME/123) into the
// channel's public web preview t.me/s/NAME, which lists its latest posts.
func telegramPreview(u *url.URL) *url.URL {
	host := strings.ToLower(u.Hostname())
	if host != "t.me" && host != "telegram.me" && host != "www.t.me" {
		return nil
	}
	if strings.HasPrefix(u.Path, "/s/") && u.RawQuery != "" {
		return nil // already a preview page (?before=…)
	}
	m := tgChannel.FindStringSubmatch(u.Path)
	if m == nil {
		return nil
	}
	return &url.URL{Scheme: "https", Host: "t.me", Path: "/s/" + m[1]}
}

var pikabuStoryPath = regexp.MustCompile(`^/story/[^/?#]+`)

// pikabuThread is the story URL without the ?cid= of a comment.
func pikabuThread(u *url.URL) string {
	m := pikabuStoryPath.FindString(u.Path)
	if m == "" {
		return ""
	}
	c := *u
	c.Path, c.RawPath, c.RawQuery, c.Fragment, c.RawFragment = m, "", "", "", ""
	return ident.CanonicalURL(c.String())
}

var bskyProfile = regexp.MustCompile(`^/profile/([^/]+)/?$`)

// blueskyRSS points a profile at its RSS feed: the server HTML of
// bsky.app is an empty application shell, while /profile/NAME/rss lists
// the newest posts.
func blueskyRSS(u *url.URL) *url.URL {
	host := strings.ToLower(u.Hostname())
	if host != "bsky.app" && host != "www.bsky.app" {
		return nil
	}
	m := bskyProfile.FindStringSubmatch(u.Path)
	if m == nil {
		return nil
	}
	return &url.URL{Scheme: "https", Host: "bsky.app", Path: "/profile/" + m[1] + "/rss"}
}
