package app

import (
	"context"
	"testing"
	"time"
)

// TestOneCrawlListsNewestFirst: the mentions one crawl finds share their
// found time, so "newest first" (the inbox, `mentions`, `--limit N`)
// comes down to their order of storing: the newest post must come first
// whether the feed lists its entries newest first (most feeds) or oldest
// first, and a post without a date counts as found now.
func TestOneCrawlListsNewestFirst(t *testing.T) {
	now := time.Now()
	entries := []string{
		item("n1", "Acme Bank news one", "Acme Bank one.", now.Add(-1*time.Hour)),
		item("n2", "Acme Bank news two", "Acme Bank two.", now.Add(-2*time.Hour)),
		item("n3", "Acme Bank news three", "Acme Bank three.", now.Add(-3*time.Hour)),
	}
	undated := `<item><guid>n0</guid><title>Acme Bank undated</title><link>https://news.example/n0</link><description>Acme Bank, no date.</description></item>`
	for _, tc := range []struct {
		name  string
		items []string
	}{
		{"newest entry first", []string{entries[0], entries[1], entries[2]}},
		{"oldest entry first", []string{entries[2], entries[1], entries[0]}},
		{"mixed, one undated", []string{entries[1], undated, entries[2], entries[0]}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.site.setFeed(tc.items...)
			d := h.daemon(t)
			wantFailed(t, d, context.Background(), "Broken")
			var got []string
			for _, m := range mentionsOf(t, d) {
				if m.Source == "News" {
					got = append(got, m.URL[len("https://news.example/"):])
				}
			}
			want := []string{"n1", "n2", "n3"}
			if len(tc.items) == 4 {
				want = []string{"n0", "n1", "n2", "n3"}
			}
			if len(got) != len(want) {
				t.Fatalf("got %v, want %v", got, want)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("order %v, want %v", got, want)
				}
			}
		})
	}
}
