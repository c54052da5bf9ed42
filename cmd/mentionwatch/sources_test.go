package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/store"
)

// TestSourcesShowsACutPage: a crawl that left the oldest posts of a page
// unread says so under `sources`.
func TestSourcesShowsACutPage(t *testing.T) {
	path := writeConfig(t, "https://news.example/feed.xml", "")
	st, err := store.Open(context.Background(), filepath.Join(filepath.Dir(path), "mw.db"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if err := st.SaveSource(context.Background(), store.SourceState{Name: "News", LastFetchAt: now, LastStatus: "200", Dropped: 1200, ItemsSeen: 50000}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, out, errOut := cli(t, "", "sources", "-c", path)
	if code != 0 || !strings.Contains(out, "cut: News: the last crawl left the 1200 oldest posts of a page unread") {
		t.Fatalf("sources (exit %d):\n%s%s", code, out, errOut)
	}
}
