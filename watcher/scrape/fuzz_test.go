package scrape

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// FuzzExtract runs explicit selectors and presets (HTML, JSON and feed
// readers) over arbitrary bodies, seeded with the hand-written engine
// pages. Whatever the bytes, Extract must not panic, and what it returns
// must be well formed.
func FuzzExtract(f *testing.F) {
	for _, pattern := range []string{"*.html", "*.json", "*.rss"} {
		files, _ := filepath.Glob(filepath.Join("testdata", pattern))
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b, "")
		}
	}
	f.Add([]byte(customPage), "text/html; charset=utf-8")
	f.Add([]byte(`<div class="post"><time datetime="2024-03-12T10:15:00+0300">x</time><a href="#p1">#</a><p>text</p></div>`), "text/html")
	f.Add([]byte("<div class=post>\xc0\xea\xec\xe5</div>"), "text/html; charset=windows-1251")
	f.Add([]byte(`<div class="post"><blockquote><blockquote>deep</blockquote></blockquote></div>`), "")

	specs := []*Extractor{}
	for _, spec := range []Spec{
		{Type: "forum", Source: "fuzz", Selectors: config.Selectors{
			Item: "div.post, article, li", Title: "h3, h2", Text: ".content, p, blockquote", Author: "@data-author",
			Date: "time@datetime", Link: "a@href", Next: `a[rel="next"]@href`, Replies: ".replies",
		}},
		{Type: "forum", Preset: "phpbb"},
		{Type: "profile", Preset: "telegram"},
		{Type: "forum", Preset: "discourse"},
		{Type: "forum", Preset: "reddit"},
	} {
		ex, err := Compile(spec)
		if err != nil {
			f.Fatal(err)
		}
		specs = append(specs, ex)
	}
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		for _, ex := range specs {
			p, err := ex.Extract(body, contentType, "https://f.example/viewtopic.php?t=1&start=10", fixtureNow)
			if err != nil {
				if !strings.HasPrefix(err.Error(), "scrape: ") {
					t.Errorf("error without the package prefix: %v", err)
				}
				continue
			}
			if p.Next != "" && !strings.HasPrefix(p.Next, "http") {
				t.Errorf("Next %q is not absolute", p.Next)
			}
			ids := map[string]bool{}
			for _, d := range p.Docs {
				if d.ID == "" || ids[d.ID] {
					t.Errorf("missing or duplicate ID in %+v", d)
				}
				ids[d.ID] = true
				if d.Title == "" && d.Text == "" {
					t.Errorf("document with neither title nor text: %+v", d)
				}
				if d.Replies < -1 {
					t.Errorf("Replies = %d", d.Replies)
				}
			}
		}
	})
}
