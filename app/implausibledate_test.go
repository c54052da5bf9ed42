package app

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestImplausibleFeedDateStoredUndated: an entry a broken generator dates
// in the year 2999 or the year 1 is stored undated (published when found);
// one of 2003 keeps its date.
func TestImplausibleFeedDateStoredUndated(t *testing.T) {
	rss := []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><guid>future</guid><title>Acme future</title><link>https://n.example/f</link><pubDate>Tue, 31 Dec 2999 10:00:00 +0000</pubDate></item>
<item><guid>ancient</guid><title>Acme ancient</title><link>https://n.example/a</link><pubDate>Sat, 15 Jun 0001 10:00:00 +0000</pubDate></item>
<item><guid>old</guid><title>Acme old</title><link>https://n.example/o</link><pubDate>Thu, 01 May 2003 09:00:00 +0000</pubDate></item>
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
alerts: {routes: []}
server: {listen: ""}
`, filepath.Join(dir, "mw.db"), srv.URL)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	got := map[string]time.Time{}
	for _, m := range runOnce(t, path) {
		got[m.URL] = m.PublishedAt
	}
	want := map[string]time.Time{
		"https://n.example/f": {},
		"https://n.example/a": {},
		"https://n.example/o": time.Date(2003, 5, 1, 9, 0, 0, 0, time.UTC),
	}
	if len(got) != len(want) {
		t.Fatalf("mentions %v, want %d", got, len(want))
	}
	for u, w := range want {
		if !got[u].Equal(w) {
			t.Errorf("%s: published %v, want %v", u, got[u], w)
		}
	}
}
