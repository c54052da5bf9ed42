package app

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScoringRuleFailureLogged: a scoring rule whose expression fails on
// a mention (an index past the end of tags) is skipped with a warning
// naming it, as a failing route is; the rules after it still run.
func TestScoringRuleFailureLogged(t *testing.T) {
	rss := []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><guid>one</guid><title>Acme news</title><link>https://n.example/1</link></item>
</channel></rss>`)
	srv := servePage(t, "/feed.xml", rss)
	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	cfg := fmt.Sprintf(`
storage: {path: %q}
http: {min_delay: 0s, robots: false}
brands: [{name: Acme, query: acme}]
sources:
  - {name: News, url: %s/feed.xml}
scoring:
  rules:
    - {name: fifth tag, when: 'tags[5] == "x"', tags: [fifth]}
    - {name: every, when: 'true', tags: [every]}
alerts: {routes: []}
server: {listen: ""}
`, filepath.Join(dir, "mw.db"), srv.URL)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	var tags []string
	onePass(t, path, slog.New(slog.NewTextHandler(&buf, nil)), func(d *Daemon) {
		for _, m := range mentionsOf(t, d) {
			tags = append(tags, m.Tags...)
		}
	})
	if strings.Join(tags, ",") != "every" {
		t.Errorf("tags %q, want only every", tags)
	}
	if out := buf.String(); !strings.Contains(out, "scoring rule failed") || !strings.Contains(out, `rule="fifth tag"`) {
		t.Errorf("no warning naming the failing rule in:\n%s", out)
	}
}
