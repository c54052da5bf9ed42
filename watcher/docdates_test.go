package watcher

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/watcher/feed"
	"github.com/mentionwatch/mentionwatch/watcher/scrape"
)

// TestClearImplausibleDates: in RSS, Atom, JSON Feed and a scraped page,
// a date before the web (the year 1, 1970, 1950) or far after the fetch
// (2999, 2150, a week ahead) is taken as undated, with a debug log; real
// old dates (2003) and dates a few hours ahead (a zone off) are kept.
func TestClearImplausibleDates(t *testing.T) {
	now := time.Date(2026, 1, 27, 14, 30, 0, 0, time.UTC)
	rss := func(dates ...string) string {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>`)
		for i, d := range dates {
			b.WriteString(`<item><guid>g` + string(rune('a'+i)) + `</guid><title>entry ` + string(rune('a'+i)) + `</title><pubDate>` + d + `</pubDate></item>`)
		}
		b.WriteString(`</channel></rss>`)
		return b.String()
	}
	atom := func(dates ...string) string {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>`)
		for i, d := range dates {
			b.WriteString(`<entry><id>urn:e` + string(rune('a'+i)) + `</id><title>entry ` + string(rune('a'+i)) + `</title><updated>` + d + `</updated></entry>`)
		}
		b.WriteString(`</feed>`)
		return b.String()
	}
	jsonFeed := func(dates ...string) string {
		var parts []string
		for i, d := range dates {
			parts = append(parts, `{"id":"e`+string(rune('a'+i))+`","title":"entry `+string(rune('a'+i))+`","date_published":"`+d+`"}`)
		}
		return `{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[` + strings.Join(parts, ",") + `]}`
	}
	rfc822 := func(t time.Time) string { return t.Format(time.RFC1123Z) }
	rfc3339 := func(t time.Time) string { return t.Format(time.RFC3339) }
	y1 := time.Date(1, 6, 15, 10, 0, 0, 0, time.UTC) // not the zero time, 1 January of the year 1
	y1970 := time.Unix(0, 0).UTC()
	y2999 := time.Date(2999, 12, 31, 0, 0, 0, 0, time.UTC)
	weekAhead := now.Add(7 * 24 * time.Hour)
	y2003 := time.Date(2003, 5, 1, 9, 0, 0, 0, time.UTC)
	hoursAhead := now.Add(3 * time.Hour)
	recent := now.Add(-time.Hour)
	all := []time.Time{y1, y1970, y2999, weekAhead, y2003, hoursAhead, recent}
	want := []time.Time{{}, {}, {}, {}, y2003, hoursAhead, recent}
	fmtAll := func(f func(time.Time) string) []string {
		var out []string
		for _, t := range all {
			out = append(out, f(t))
		}
		return out
	}
	tests := []struct {
		name, body, contentType string
	}{
		{"rss", rss(fmtAll(rfc822)...), "application/rss+xml"},
		{"atom", atom(fmtAll(rfc3339)...), "application/atom+xml"},
		{"json feed", jsonFeed(fmtAll(rfc3339)...), "application/feed+json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := feed.Parse([]byte(tt.body), tt.contentType, "https://news.example/feed", "News")
			if err != nil {
				t.Fatal(err)
			}
			checkCleared(t, docs, now, want)
		})
	}
	t.Run("scraped", func(t *testing.T) {
		ex, err := scrape.Compile(scrape.Spec{Type: "forum", Source: "Board", Location: time.UTC,
			Selectors: config.Selectors{Item: "div.post", Title: "a.t", Link: "a.t@href", Text: "div.c", Date: "span.d"}})
		if err != nil {
			t.Fatal(err)
		}
		var page strings.Builder
		page.WriteString("<html><body>")
		// The scraper itself refuses years outside 1900–2200 (1970–2100
		// in free-form dates); within them, before the web and far ahead
		// are cleared here.
		for i, d := range []string{"1950-03-12T10:00:00Z", "2150-03-12T10:00:00Z", "12.03.2003 10:00", "27.01.2026 13:30"} {
			c := string(rune('a' + i))
			page.WriteString(`<div class="post"><a class="t" href="/p/` + c + `">post ` + c + `</a><span class="d">` + d + `</span><div class="c">text ` + c + `</div></div>`)
		}
		page.WriteString("</body></html>")
		pg, err := ex.Extract([]byte(page.String()), "text/html; charset=utf-8", "https://board.example/t", now)
		if err != nil {
			t.Fatal(err)
		}
		checkCleared(t, pg.Docs, now, []time.Time{{}, {}, time.Date(2003, 3, 12, 10, 0, 0, 0, time.UTC), now.Add(-time.Hour)})
	})
}

func checkCleared(t *testing.T, docs []model.Document, now time.Time, want []time.Time) {
	t.Helper()
	if len(docs) != len(want) {
		t.Fatalf("%d documents, want %d", len(docs), len(want))
	}
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	before := make([]time.Time, len(docs))
	for i, d := range docs {
		before[i] = d.PublishedAt
	}
	wantN := 0
	for _, w := range want {
		if w.IsZero() {
			wantN++
		}
	}
	if n := ClearImplausibleDates(docs, now, log, "Src"); n != wantN {
		t.Errorf("cleared %d, want %d", n, wantN)
	}
	for i, d := range docs {
		if !d.PublishedAt.Equal(want[i]) {
			t.Errorf("document %d (read as %v): date %v, want %v", i, before[i], d.PublishedAt, want[i])
		}
	}
	if got := strings.Count(logs.String(), "document date implausible"); got != wantN {
		t.Errorf("%d debug lines, want %d:\n%s", got, wantN, logs.String())
	}
}
