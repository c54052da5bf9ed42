package feed

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/mmcdole/gofeed"
)

// benchFeed builds an RSS 2.0 feed of n items with HTML descriptions,
// half of them Russian, like the crawl benchmark serves.
func benchFeed(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n" + `<rss version="2.0"><channel><title>Bench</title><link>https://bench.example/</link>`)
	for i := 0; i < n; i++ {
		text := "Customers of Acme Bank report that transfers are delayed again; support says the issue is being investigated &amp; will be fixed soon."
		if i%2 == 1 {
			text = "Клиенты Акме Банка жалуются на задержку переводов: служба поддержки обещает разобраться и вернуть деньги до конца недели."
		}
		fmt.Fprintf(&b, `<item><title>Item %d about Acme</title><link>https://bench.example/posts/%d</link><guid>https://bench.example/posts/%d</guid>`+
			`<pubDate>Mon, 02 Feb 2026 10:%02d:00 +0000</pubDate><description><![CDATA[<p>%s</p><p>%s</p>]]></description></item>`, i, i, i, i%60, text, text)
	}
	b.WriteString(`</channel></rss>`)
	return b.Bytes()
}

func BenchmarkParse(b *testing.B) {
	body := benchFeed(50)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(body, "application/rss+xml", "https://bench.example/feed.xml", "bench"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGofeed is the floor: gofeed's own parse of the same feed.
func BenchmarkGofeed(b *testing.B) {
	body := benchFeed(50)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	p := gofeed.NewParser()
	for b.Loop() {
		if _, err := p.Parse(bytes.NewReader(body)); err != nil {
			b.Fatal(err)
		}
	}
}
