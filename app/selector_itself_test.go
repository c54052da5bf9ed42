package app

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/testenv"
)

// TestSelectorReadsTheItemsOwnAttribute: the XenForo topic list of the
// corpus, served over HTTP and read with explicit selectors whose author
// is the row's own data-author — written "@data-author", ":scope@data-author"
// or with the row's own selector; every row has its starter as author.
func TestSelectorReadsTheItemsOwnAttribute(t *testing.T) {
	page, err := os.ReadFile(filepath.Join(testenv.Corpus(t, "forums"), "lifev_xenforo__forum_view.html"))
	if err != nil {
		t.Fatal(err)
	}
	srv := servePage(t, "", page)
	for _, author := range []string{"@data-author", ":scope@data-author", "div.structItem--thread@data-author"} {
		t.Run(author, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "rules.yaml")
			cfg := fmt.Sprintf(`
storage: {path: %q}
http: {min_delay: 0s, robots: false}
brands: [{name: Acme, query: acme}]
sources:
  - name: Topics
    type: forum
    url: %s/index.php?forums/suggestions.20/
    selectors:
      item: div.structItem--thread
      title: 'div.structItem-title a[data-tp-primary="on"]'
      link: 'div.structItem-title a[data-tp-primary="on"]@href'
      author: %q
      date: li.structItem-startDate time@datetime
alerts: {routes: []}
server: {listen: ""}
`, filepath.Join(dir, "mw.db"), srv.URL, author)
			if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
				t.Fatal(err)
			}
			docs := previewOf(t, path, "Topics")
			if len(docs) != 24 {
				t.Fatalf("%d rows, want 24", len(docs))
			}
			for i, d := range docs {
				if d.Author == "" {
					t.Errorf("row %d (%q): no author", i, d.Title)
				}
			}
			if docs[0].Author != "Troublesum" {
				t.Errorf("first row's author %q, want Troublesum", docs[0].Author)
			}
		})
	}
}
