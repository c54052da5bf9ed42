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

// TestTimeZoneKeepsIdentity: a source's time_zone moves the published
// time of a post whose date is printed without a zone, not its identity:
// a post without a link of its own stored before the source took
// time_zone is not new again. Two posts whose printed dates differ stay
// two.
func TestTimeZoneKeepsIdentity(t *testing.T) {
	moscow, err := time.LoadLocation("Europe/Moscow")
	if err != nil {
		t.Skip(err)
	}
	page := func(date string) []byte {
		return []byte(`<html lang="ru"><body><div class="post"><h3>post</h3><b>anna</b><span class="d">` + date +
			`</span><div class="c">Банк списал деньги дважды</div></div></body></html>`)
	}
	now := time.Date(2026, 1, 27, 14, 30, 0, 0, time.UTC)
	extract := func(t *testing.T, loc *time.Location, body []byte) (string, time.Time) {
		t.Helper()
		ex, err := Compile(Spec{Type: "forum", Source: "Board", Location: loc,
			Selectors: config.Selectors{Item: "div.post", Title: "h3", Text: "div.c", Author: "b", Date: "span.d"}})
		if err != nil {
			t.Fatal(err)
		}
		pg, err := ex.Extract(body, "text/html; charset=utf-8", "https://board.example/viewtopic.php?t=7", now)
		if err != nil {
			t.Fatal(err)
		}
		if len(pg.Docs) != 1 {
			t.Fatalf("%d documents", len(pg.Docs))
		}
		return pg.Docs[0].ID, pg.Docs[0].PublishedAt
	}
	for _, date := range []string{"12.03.2024 10:15", "12 марта 2024 в 10:15", "03/12/2024 10:15 AM"} {
		before, _ := extract(t, nil, page(date))
		after, published := extract(t, moscow, page(date))
		if after != before {
			t.Errorf("%s: identity %s with time_zone, %s without", date, after, before)
		}
		if published.Location() != moscow {
			t.Errorf("%s: published %v, want it read in Europe/Moscow", date, published)
		}
	}
	// A zone the page prints is the page's, with or without time_zone.
	a, _ := extract(t, nil, page("12.03.2024 10:15 +0500"))
	b, _ := extract(t, moscow, page("12.03.2024 10:15 +0500"))
	if a != b {
		t.Errorf("a date with its own zone: identity %s with time_zone, %s without", b, a)
	}
	// Negative: other dates, other posts.
	x, _ := extract(t, moscow, page("12.03.2024 10:15"))
	y, _ := extract(t, moscow, page("12.03.2024 11:15"))
	if x == y {
		t.Error("two printed dates share an identity")
	}
}
