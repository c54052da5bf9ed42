package scrape

import (
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/mentionwatch/mentionwatch/watcher/feed"
)

// A forum's or profile's feed is read by the feed reader (repairs,
// texts, authors); the scraper adds the thread, the profile's name, dates
// in the source's zone and post identities.
func TestExtractFeed(t *testing.T) {
	const body = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>@anna.example.social - Anna</title>
<link>https://Forum.Example/t/acme-fees/42?utm_source=rss</link>
<item><link>https://forum.example/t/acme-fees/42/3</link><title>Re: &amp;lt;b&amp;gt;Acme&amp;lt;/b&amp;gt; fees</title>
<description><![CDATA[<p>hard
wrapped</p><p>Company&amp;#39;s fees</p>]]></description><author>anna@example.social</author>
<pubDate>5 минут назад</pubDate></item>
<item><link>https://forum.example/t/acme-fees/42/2</link><description>second</description><pubDate>12 марта 2024, 10:15</pubDate></item>
<item><link>https://forum.example/t/acme-fees/42/1</link><description>cut off in transf`
	msk := time.FixedZone("MSK", 3*3600)
	for _, typ := range []string{"forum", "profile"} {
		ex := mustCompile(t, Spec{Type: typ, Preset: "discourse", Source: "s", Location: msk})
		p, err := ex.Extract([]byte(body), "application/rss+xml", "https://forum.example/t/acme-fees/42.rss", fixtureNow)
		if err != nil {
			t.Fatalf("%s: %v", typ, err)
		}
		if len(p.Docs) != 2 {
			t.Fatalf("%s: %d documents, want 2 (the entry cut off is dropped)", typ, len(p.Docs))
		}
		d0, d1 := p.Docs[0], p.Docs[1]
		if d0.Title != "Re: Acme fees" || d0.Text != "hard wrapped\nCompany's fees" {
			t.Errorf("%s: title %q, text %q", typ, d0.Title, d0.Text)
		}
		if d0.Author != "anna@example.social" {
			t.Errorf("%s: author %q", typ, d0.Author)
		}
		if !d0.PublishedAt.Equal(fixtureNow.Add(-5 * time.Minute)) {
			t.Errorf("%s: relative date %v", typ, d0.PublishedAt)
		}
		if !d1.PublishedAt.Equal(time.Date(2024, 3, 12, 7, 15, 0, 0, time.UTC)) {
			t.Errorf("%s: a date without a zone is in the source's: %v", typ, d1.PublishedAt)
		}
		if d0.ID != "url:https://forum.example/t/acme-fees/42/3" || d0.URL != "https://forum.example/t/acme-fees/42/3" || d0.Replies != -1 {
			t.Errorf("%s: %+v", typ, d0)
		}
		switch typ {
		case "forum":
			if d0.ThreadURL != "https://forum.example/t/acme-fees/42" || d1.ThreadURL != d0.ThreadURL {
				t.Errorf("forum: ThreadURL %q", d0.ThreadURL)
			}
			if d1.Author != "" {
				t.Errorf("forum: author %q, want none", d1.Author)
			}
		case "profile":
			if d0.ThreadURL != "" || d1.Author != "anna.example.social" {
				t.Errorf("profile: ThreadURL %q, author %q", d0.ThreadURL, d1.Author)
			}
		}
	}
}

// The feed reader's text is the scraper's: one answer for one entry.
func TestExtractFeedSameTextAsFeeds(t *testing.T) {
	body := readFile(t, "testdata/bluesky_profile.rss")
	f, err := feed.Read(body, "")
	if err != nil {
		t.Fatal(err)
	}
	p := extractFile(t, Spec{Type: "profile", Preset: "bluesky"}, "testdata/bluesky_profile.rss", "", "https://bsky.app/profile/anna.example.social/rss", fixtureNow)
	for i, d := range p.Docs {
		if d.Text != feed.EntryText(f.Items[i]) || d.Title != feed.EntryTitle(f.Items[i]) {
			t.Errorf("doc %d: %q / %q", i, d.Title, d.Text)
		}
	}
}

func TestSniff(t *testing.T) {
	utf16le := func(s string) []byte {
		b := []byte{0xFF, 0xFE}
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u), byte(u>>8))
		}
		return b
	}
	tests := []struct {
		name, ct string
		body     []byte
		want     format
	}{
		{"rss", "", []byte(`<?xml version="1.0"?><!-- c --><rss version="2.0"></rss>`), formatFeed},
		{"atom", "text/xml", []byte(`<feed xmlns="http://www.w3.org/2005/Atom"></feed>`), formatFeed},
		{"rdf", "", []byte(`<rdf:RDF></rdf:RDF>`), formatFeed},
		{"utf-16 rss", "", utf16le(`<?xml version="1.0" encoding="UTF-16"?><rss></rss>`), formatFeed},
		{"json by type", "application/json", []byte(`<rss></rss>`), formatJSON},
		{"json object", "", []byte(` {"a":1}`), formatJSON},
		{"json array", "", []byte(`[1]`), formatJSON},
		{"html", "text/html", []byte(`<!DOCTYPE html><html><body></body></html>`), formatHTML},
		{"html sent as rss", "application/rss+xml", []byte(`<!DOCTYPE html><html><body></body></html>`), formatHTML},
		{"unknown sent as rss", "application/rss+xml", []byte(`<?xml version="1.0"?><sitemap/>`), formatFeed},
		{"fragment", "", []byte(`<div class="post">x</div>`), formatHTML},
	}
	for _, tt := range tests {
		if got := sniff(tt.body, tt.ct); got != tt.want {
			t.Errorf("%s: sniff = %d, want %d", tt.name, got, tt.want)
		}
	}
	// A body the Content-Type calls a feed that is not one is the feed
	// reader's error, with the scraper's prefix.
	ex := mustCompile(t, Spec{Type: "forum", Preset: "discourse"})
	_, err := ex.Extract([]byte(`<?xml version="1.0"?><sitemap/>`), "application/rss+xml", "https://forum.example/t/1.rss", fixtureNow)
	if err == nil || !strings.HasPrefix(err.Error(), "scrape: ") || !strings.Contains(err.Error(), "root element is <sitemap>") {
		t.Errorf("error = %v", err)
	}
}
