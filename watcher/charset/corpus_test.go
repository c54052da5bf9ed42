package charset

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/mentionwatch/mentionwatch/internal/testenv"
)

// TestCorpus decodes every real document in the shared corpus, declared or
// not, and checks the encoding chosen and a phrase that only reads right
// when it is.
func TestCorpus(t *testing.T) {
	type want struct {
		enc    string
		phrase string // "" = only check for clean UTF-8
	}
	expect := map[string]want{
		"feeds/chardet__cp1251__aif.ru.health.xml":                                              {Windows1251, "Здоровье"},
		"feeds/chardet__cp1251__newsru.com.xml":                                                 {Windows1251, "Новости"},
		"feeds/chardet__cp1251__anthropology.ru.xml":                                            {Windows1251, "Антропология"},
		"feeds/chardet__koi8r__koi.kinder.ru.xml":                                               {KOI8R, "Детские новости"},
		"feeds/chardet__koi8r__aug32.hole.ru.xml":                                               {KOI8R, "Афиша"},
		"feeds/chardet__koi8r__intertat.ru.xml":                                                 {KOI8R, "Республикан"},
		"feeds/feedparser__illformed_chardet_koi8r.xml":                                         {KOI8R, "Как пережить"},
		"feeds/feedparser__encoding_utf-16le-bom.xml":                                           {UTF16LE, ""},
		"feeds/feedparser__encoding_utf-8-bom.xml":                                              {UTF8, ""},
		"feeds/feedparser__illformed_http_high_bit_date.xml":                                    {"iso-8859-7", "Ιούν"},
		"feeds/rssparser__encoding.rss":                                                         {Windows1252, "Notícias"},
		"feeds/rssparser__uolNoticias.rss":                                                      {Windows1252, "Notícias"},
		"feeds/feedparser__encoding_bozo_linenoise.xml":                                         {UTF8, "’<>”\uFFFD"},
		"feeds/chardet__utf8__linuxbox.hu.xml":                                                  {UTF8, ""},
		"forums/metascraper__pikabu_story.html":                                                 {UTF8, "интересных"},
		"forums/awful_sa__showthread.html":                                                      {Windows1252, "simply unacceptable,” said"},
		"forums/any2feed__telegram_preview_full.html":                                           {UTF8, "Военное обозрение"},
		"feeds/feedparser__wellformed_sanitize_large_atom_feed_that_needs_css_sanitisation.xml": {UTF8, ""},
	}
	for _, sub := range []string{"feeds", "forums", "profiles"} {
		dir := testenv.Corpus(t, sub)
		files, err := filepath.Glob(filepath.Join(dir, "*"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			key := sub + "/" + filepath.Base(f)
			t.Run(key, func(t *testing.T) {
				body, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				decode := DecodeHTML
				if sub == "feeds" {
					decode = DecodeXML
				}
				out, name, err := decode(body, "")
				if err != nil {
					t.Fatalf("decode: %v", err)
				}
				if !utf8.Valid(out) {
					t.Fatalf("output is not valid UTF-8")
				}
				w, ok := expect[key]
				if !ok {
					if bytes.ContainsRune(out, utf8.RuneError) {
						t.Errorf("decoded as %s with replacement characters", name)
					}
					return
				}
				delete(expect, key)
				if name != w.enc {
					t.Errorf("encoding = %s, want %s", name, w.enc)
				}
				if w.phrase != "" && !bytes.Contains(out, []byte(w.phrase)) {
					t.Errorf("decoded text lacks %q", w.phrase)
				}
			})
		}
	}
	for k := range expect {
		t.Errorf("expected corpus file %s is missing", k)
	}
}

// TestCorpusUndeclared strips every declaration from the Russian corpus
// feeds and checks that sniffing alone still finds the encoding.
func TestCorpusUndeclared(t *testing.T) {
	dir := testenv.Corpus(t, "feeds")
	for pattern, want := range map[string]string{"chardet__cp1251__*": Windows1251, "chardet__koi8r__*": KOI8R} {
		files, _ := filepath.Glob(filepath.Join(dir, pattern))
		if len(files) == 0 {
			t.Fatalf("no files match %s", pattern)
		}
		for _, f := range files {
			t.Run(filepath.Base(f), func(t *testing.T) {
				body, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				d, ok := findXMLDecl(body)
				if !ok {
					t.Fatal("no XML declaration")
				}
				bare := append(append([]byte{}, body[:d.start]...), body[d.end:]...)
				if _, name, _ := DecodeXML(bare, ""); name != want {
					t.Errorf("sniffed %s, want %s", name, want)
				}
				// Declared as the wrong Cyrillic charset: the sniffer overrules it.
				wrong := KOI8R
				if want == KOI8R {
					wrong = Windows1251
				}
				if _, name, _ := DecodeXML(bare, "text/xml; charset="+wrong); name != want {
					t.Errorf("declared %s: got %s, want %s", wrong, name, want)
				}
			})
		}
	}
}
