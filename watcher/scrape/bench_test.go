package scrape

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/testenv"
)

func benchExtract(b *testing.B, spec Spec, path, ct, pageURL string) {
	body, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	ex, err := Compile(spec)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		p, err := ex.Extract(body, ct, pageURL, fixtureNow)
		if err != nil || len(p.Docs) == 0 {
			b.Fatalf("%v, %d docs", err, len(p.Docs))
		}
	}
}

// BenchmarkExtractPhpBB reads a hand-written phpBB thread page.
func BenchmarkExtractPhpBB(b *testing.B) {
	benchExtract(b, Spec{Type: "forum", Preset: "phpbb"}, filepath.Join("testdata", "phpbb33_thread.html"),
		"text/html; charset=utf-8", "https://forum.example.org/viewtopic.php?t=4521&start=99999999")
}

// BenchmarkExtractRedditLarge reads the 1.9 MB new-Reddit thread of the
// shared corpus (197 comments).
func BenchmarkExtractRedditLarge(b *testing.B) {
	dir := testenv.Corpus(b, "forums")
	benchExtract(b, Spec{Type: "forum", Preset: "reddit"}, filepath.Join(dir, "postlight__www.reddit.com.html"),
		"text/html", "https://www.reddit.com/r/Showerthoughts/comments/awx46q/vanilla_becoming_the_default_flavour_of_ice_cream/")
}

// BenchmarkExtractPikabu reads the 903 KB Pikabu story with nested
// comments and a lying charset.
func BenchmarkExtractPikabu(b *testing.B) {
	dir := testenv.Corpus(b, "forums")
	benchExtract(b, Spec{Type: "forum", Preset: "pikabu"}, filepath.Join(dir, "metascraper__pikabu_story.html"),
		"text/html; charset=windows-1251", "https://pikabu.ru/story/7_interesnyikh_nablyudeniy_o_pervoy_matritse_6758662")
}

func BenchmarkParseDate(b *testing.B) {
	inputs := []string{"2024-03-12T10:15:00+03:00", "Sep 20, 2012 11:16", "12 мар 2024 в 10:15", "5 минут назад", "January 26, 2026 at 7:50 PM"}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range inputs {
			if _, ok := ParseDate(s, testNow, nil); !ok {
				b.Fatal(s)
			}
		}
	}
}
