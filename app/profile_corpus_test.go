package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/testenv"
)

// TestXProfileMentionsStayInline: the X profile of the corpus, crawled
// over HTTP with the x preset; the post that names @microlinkhq is a
// mention of Microlink whose text keeps the handle inside its sentence
// (X wraps each handle in a <div> of its own).
func TestXProfileMentionsStayInline(t *testing.T) {
	page, err := os.ReadFile(filepath.Join(testenv.Corpus(t, "profiles"), "metascraper__x_profile.html"))
	if err != nil {
		t.Fatal(err)
	}
	srv := servePage(t, "/Kikobeats", page)
	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	cfg := fmt.Sprintf(`
storage: {path: %q, keep_text: 24h}
http: {min_delay: 0s, robots: false}
brands:
  - name: Microlink
    query: microlink
sources:
  - name: Kiko
    type: profile
    preset: x
    url: %s/Kikobeats
alerts: {routes: []}
server: {listen: ""}
`, filepath.Join(dir, "mw.db"), srv.URL)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	ms := runOnce(t, path)
	if len(ms) != 1 {
		t.Fatalf("%d mentions, want the one post naming @microlinkhq: %+v", len(ms), ms)
	}
	m := ms[0]
	const want = "Making some @microlinkhq t-shirts, oversized style."
	if !strings.Contains(m.Snippet.Text, want) {
		t.Errorf("snippet %q lacks %q", m.Snippet.Text, want)
	}
	// The document's text, as `preview` shows it and the scorer reads it:
	// one line, not the handle on a line of its own.
	docs := previewOf(t, path, "Kiko")
	found := false
	for _, pd := range docs {
		if strings.Contains(pd.Text, "microlinkhq") {
			found = true
			if !strings.HasPrefix(pd.Text, want) {
				t.Errorf("text %q, want it to begin %q", pd.Text, want)
			}
		}
	}
	if !found {
		t.Errorf("no previewed document names @microlinkhq: %+v", docs)
	}
	if !strings.HasSuffix(m.URL, "/Kikobeats/status/1759241476758733209") {
		t.Errorf("URL = %q", m.URL)
	}
}
