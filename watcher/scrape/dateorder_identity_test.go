package scrape

import (
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// TestNumericDateOrderKeepsIdentity: a post without a link of its own is
// known by its date as printed, read the way earlier versions read it
// (slashes and dashes month first unless the first number is over 12,
// dots day first): reading an ambiguous date in the page's order changes
// its published time, not its identity, so a stored post is not new
// again after an upgrade. A date earlier versions could not read at all
// ("03.25.2024") leaves the post known by its text, as before.
func TestNumericDateOrderKeepsIdentity(t *testing.T) {
	ex, err := Compile(Spec{Type: "forum", Source: "Board", Location: time.UTC,
		Selectors: config.Selectors{Item: "div.post", Title: "h3", Text: "div.c", Author: "b", Date: "span.d"}})
	if err != nil {
		t.Fatal(err)
	}
	page := func(lang, date string) string {
		return `<html lang="` + lang + `"><body><div class="post"><h3>post</h3><b>anna</b><span class="d">` + date +
			`</span><div class="c">Банк списал деньги дважды</div></div></body></html>`
	}
	now := time.Date(2026, 1, 27, 14, 30, 0, 0, time.UTC)
	extract := func(t *testing.T, body string) (id string, published time.Time) {
		t.Helper()
		pg, err := ex.Extract([]byte(body), "text/html; charset=utf-8", "https://board.example/viewtopic.php?t=7", now)
		if err != nil {
			t.Fatal(err)
		}
		if len(pg.Docs) != 1 {
			t.Fatalf("%d documents", len(pg.Docs))
		}
		return pg.Docs[0].ID, pg.Docs[0].PublishedAt
	}
	tests := []struct {
		name      string
		page      string
		sameAs    string // a page whose post earlier versions identified alike
		published time.Time
	}{
		{"slashes, day-first page", page("ru", "03/12/2024 10:15"), page("en-US", "03/12/2024 10:15"),
			time.Date(2024, 12, 3, 10, 15, 0, 0, time.UTC)},
		{"dashes, day-first page", page("en-GB", "03-12-2024 10:15"), page("en", "03-12-2024 10:15"),
			time.Date(2024, 12, 3, 10, 15, 0, 0, time.UTC)},
		{"dots, month first", page("en-US", "03.25.2024 10:15"), page("en-US", "not a date"),
			time.Date(2024, 3, 25, 10, 15, 0, 0, time.UTC)},
		{"two parts, month first", page("ru", "03.25 в 10:15"), page("ru", "not a date"),
			time.Date(2025, 3, 25, 10, 15, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, published := extract(t, tt.page)
			if !published.Equal(tt.published) {
				t.Errorf("published %v, want %v", published, tt.published)
			}
			if want, _ := extract(t, tt.sameAs); id != want {
				t.Errorf("identity %s, want %s as before", id, want)
			}
		})
	}
	// Negative: two posts whose dates differ are never one, in either order.
	a, _ := extract(t, page("ru", "03/12/2024 10:15"))
	b, _ := extract(t, page("ru", "12/03/2024 10:15"))
	if a == b {
		t.Error("03/12/2024 and 12/03/2024 share an identity")
	}
}
