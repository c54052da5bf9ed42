package matchers

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"

	"github.com/mentionwatch/mentionwatch/internal/plaintext"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
)

type rssItem struct {
	Title       string `xml:"title"`
	Description string `xml:"description"`
	Link        string `xml:"link"`
}

func readRSS(t *testing.T, path string, enc encoding.Encoding) []rssItem {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		t.Fatal(err)
	}
	b = regexp.MustCompile(`encoding="[^"]*"`).ReplaceAll(b, []byte(`encoding="utf-8"`))
	var feed struct {
		Items []rssItem `xml:"channel>item"`
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	if err := d.Decode(&feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Items) == 0 {
		t.Fatalf("%s: no items", path)
	}
	return feed.Items
}

// TestRussianFeedsCorpus matches real Russian news feeds (windows-1251 and
// KOI8-R) and compares with an independent list of each word's forms:
// nouns match their cases, never the adjectives and nouns built on them
// (Россия ⇏ российской, россияне; Украина ⇏ украинской).
func TestRussianFeedsCorpus(t *testing.T) {
	dir := testenv.Corpus(t, "feeds")
	feeds := []struct {
		file string
		enc  encoding.Encoding
	}{
		{"chardet__cp1251__newsru.com.xml", charmap.Windows1251},
		{"chardet__cp1251__money.rin.ru.xml", charmap.Windows1251},
		{"chardet__koi8r__intertat.ru.xml", charmap.KOI8R},
	}
	queries := []struct {
		query string
		forms *regexp.Regexp // the forms, as an oracle
	}{
		{"Россия", regexp.MustCompile(`(?i)(^|[^\p{L}])росси(я|и|ю|ей|ею)([^\p{L}]|$)`)},
		{"Украина", regexp.MustCompile(`(?i)(^|[^\p{L}])украин(а|ы|е|у|ой|ою)([^\p{L}]|$)`)},
		{"Газпром", regexp.MustCompile(`(?i)(^|[^\p{L}])газпром(|а|у|ом|е)([^\p{L}]|$)`)},
		{"Москва", regexp.MustCompile(`(?i)(^|[^\p{L}])москв(а|ы|е|у|ой|ою)([^\p{L}]|$)`)},
		// "российско-украинский": the combining form counts too.
		{"российский", regexp.MustCompile(`(?i)(^|[^\p{L}])российск(ий|ого|ому|им|ом|ая|ой|ую|ое|ие|их|ими|о)([^\p{L}]|$)`)},
	}
	total := 0
	for _, f := range feeds {
		items := readRSS(t, filepath.Join(dir, f.file), f.enc)
		for _, q := range queries {
			m, err := Compile([]Brand{{Name: q.query, Query: q.query}})
			if err != nil {
				t.Fatal(err)
			}
			for i, it := range items {
				title, text := plaintext.FromHTML(it.Title), plaintext.FromHTML(it.Description)
				want := q.forms.MatchString(title) || q.forms.MatchString(text)
				r := m.Match(Doc{Title: it.Title, Text: it.Description, URL: it.Link})
				if got := len(r.Matches) > 0; got != want {
					var words []string
					if got {
						words = r.Matches[0].Matched
					}
					t.Errorf("%s item %d, %q: matched = %v %q, want %v\n%s\n%s", f.file, i, q.query, got, words, want, title, text)
				}
				if want {
					total++
					if r.Lang != LangRU {
						t.Errorf("%s item %d: Lang = %q, want ru", f.file, i, r.Lang)
					}
				}
			}
		}
	}
	if total < 20 {
		t.Errorf("only %d matches: the test checks little", total)
	}
	t.Logf("%d matching items checked", total)
}
