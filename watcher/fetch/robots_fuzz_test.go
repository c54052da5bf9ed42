package fetch

import (
	"bytes"
	"net/url"
	"testing"

	"github.com/temoto/robotstxt"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// FuzzRobots reads a robots.txt the way fetch does and asks it about a
// URL: it must not panic, the crawl delay must lie between zero and the
// cap, and a file without a Disallow line must allow every path.
func FuzzRobots(f *testing.F) {
	for _, s := range []string{
		"User-agent: *\nDisallow: /private\nDisallow: /*?session=\n\nUser-agent: otherbot\nDisallow: /\n",
		"User-agent: *\nCrawl-delay: 2.5\nAllow: /feed$\nDisallow: /\n",
		"User-agent: mentionwatch\nDisallow: /*.php$\nCrawl-delay: 3600\n",
		"Sitemap: https://example.com/sitemap.xml\nHost: example.com\n",
		"User-agent: *\nDisallow: /%D0%BF%D1%80\nAllow: /пр/открыто\n",
		"",
	} {
		f.Add([]byte(s), "/private/feed.xml?session=1")
	}
	f.Fuzz(func(t *testing.T, body []byte, ref string) {
		data, err := robotstxt.FromBytes(body)
		if err != nil {
			return // fetch allows everything for a while
		}
		r := rules{group: data.FindGroup(config.DefaultUserAgent)}
		if d := r.crawlDelay(); d < 0 || d > maxCrawlDelay {
			t.Fatalf("crawl delay %s outside [0, %s]", d, maxCrawlDelay)
		}
		u, err := url.Parse("https://example.com/")
		if err != nil {
			t.Fatal(err)
		}
		if ref, err := url.Parse(ref); err == nil {
			u = u.ResolveReference(ref)
		}
		ok := r.allowed(u)
		if !ok && !bytes.Contains(bytes.ToLower(body), []byte("disallow")) {
			t.Fatalf("%s refused by a robots.txt without Disallow", u)
		}
	})
}
