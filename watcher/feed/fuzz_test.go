package feed

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mentionwatch/mentionwatch/internal/testenv"
)

// FuzzParse feeds Parse mangled feeds: it must never panic, and what it
// returns must be clean UTF-8 with identities. The seeds are this
// package's fixtures and, when present, the shared corpus.
func FuzzParse(f *testing.F) {
	fixtures, _ := filepath.Glob("testdata/*.*")
	if d := testenv.SharedDir(); d != "" {
		corpus, _ := filepath.Glob(filepath.Join(d, "corpus", "feeds", "*"))
		fixtures = append(fixtures, corpus...)
	}
	for _, p := range fixtures {
		if b, err := os.ReadFile(p); err == nil && len(b) < 64<<10 {
			f.Add(b, "")
		}
	}
	f.Add([]byte(`<rss><channel><item><title>a</title><link>/x</link></item></channel></rss>`), "text/xml; charset=koi8-r")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		docs, err := Parse(body, contentType, "https://feeds.example/feed", "fuzz")
		if err != nil {
			if !strings.HasPrefix(err.Error(), `feed: `) {
				t.Fatalf("error does not name the source: %v", err)
			}
			if strings.Contains(err.Error(), "parser failed") {
				t.Fatalf("parser panicked: %v", err)
			}
			return
		}
		for _, d := range docs {
			if d.ID == "" {
				t.Fatalf("document without identity: %+v", d)
			}
			if !utf8.ValidString(d.Title) || !utf8.ValidString(d.Text) || !utf8.ValidString(d.Author) {
				t.Fatalf("invalid UTF-8 in %+v", d)
			}
		}
	})
}
