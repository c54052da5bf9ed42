package scrape

import (
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// TestNumericDateOrder: a numeric date valid one way only is read that
// way, whatever the separator or the page; one valid both ways is day
// first with dots, and with slashes or dashes day first on a day-first
// page and month first otherwise.
func TestNumericDateOrder(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 10, 15, 0, 0, time.UTC) }
	tests := []struct {
		in       string
		dayFirst bool
		want     time.Time // zero: refused
	}{
		// Only one way valid.
		{"25/03/2024 10:15", false, d(2024, 3, 25)},
		{"25-03-2024 10:15", false, d(2024, 3, 25)},
		{"03/25/2024 10:15", true, d(2024, 3, 25)},
		{"03-25-2024 10:15", true, d(2024, 3, 25)},
		{"03.25.2024 10:15", false, d(2024, 3, 25)},
		{"03.25.2024 10:15", true, d(2024, 3, 25)},
		{"30/01/2024 10:15", false, d(2024, 1, 30)},
		{"02/30/2024 10:15", false, time.Time{}}, // 30 February, and no 30th month
		{"31/04/2024 10:15", false, time.Time{}}, // 31 April
		{"04/31/2024 10:15", true, time.Time{}},
		{"29.02.2024 10:15", false, d(2024, 2, 29)},
		{"02.29.2024 10:15", false, d(2024, 2, 29)},
		{"29.02.2023 10:15", false, time.Time{}}, // not a leap year
		{"13/13/2024 10:15", false, time.Time{}},
		// Both ways valid: dots are day first.
		{"12.03.2024 10:15", false, d(2024, 3, 12)},
		{"12.03.2024 10:15", true, d(2024, 3, 12)},
		// Slashes and dashes: the page decides.
		{"03/12/2024 10:15", false, d(2024, 3, 12)},
		{"03/12/2024 10:15", true, d(2024, 12, 3)},
		{"03-12-2024, 10:15 AM", false, d(2024, 3, 12)},
		{"03-12-2024, 10:15 AM", true, d(2024, 12, 3)},
		{"03/12/24 10:15", true, d(2024, 12, 3)},
		// Year first is read the same on every page.
		{"2024-03-12 10:15", true, d(2024, 3, 12)},
		{"2024/03/12 10:15", true, d(2024, 3, 12)},
		// Two parts, dots and a time: day first unless only month first is valid.
		{"12.03 в 10:15", false, d(2025, 3, 12)},
		{"03.25 в 10:15", false, d(2025, 3, 25)},
		{"13.13 в 10:15", false, time.Time{}},
	}
	for _, tt := range tests {
		dr, ok := parseDateIn(tt.in, testNow, time.UTC, tt.dayFirst)
		got := dr.published
		if tt.want.IsZero() {
			if ok {
				t.Errorf("parseDateIn(%q, dayFirst %v) = %v, want refused", tt.in, tt.dayFirst, got)
			}
			continue
		}
		if !ok || !got.Equal(tt.want) {
			t.Errorf("parseDateIn(%q, dayFirst %v) = %v, %v; want %v", tt.in, tt.dayFirst, got, ok, tt.want)
		}
	}
}

func TestLangDayFirst(t *testing.T) {
	for tag, want := range map[string]bool{
		"ru": true, "ru-RU": true, "uk": true, "de-DE": true, "en-GB": true, "en_AU": true, "fr": true,
		"en": false, "en-US": false, "EN-us": false, "en-US-x-twain": false,
	} {
		if got := langDayFirst(tag); got != want {
			t.Errorf("langDayFirst(%q) = %v, want %v", tag, got, want)
		}
	}
}

// TestPageDateOrder: a forum page's numeric dates valid both ways are
// read in its language's order: its <html lang>, else the script of its
// text.
func TestPageDateOrder(t *testing.T) {
	ex, err := Compile(Spec{Type: "forum", Source: "Board", Location: time.UTC,
		Selectors: config.Selectors{Item: "div.post", Title: "a.t", Link: "a.t@href", Text: "div.c", Date: "span.d"}})
	if err != nil {
		t.Fatal(err)
	}
	post := func(text string) string {
		return `<div class="post"><a class="t" href="/p/1">post</a><span class="d">03/12/2024 10:15</span><div class="c">` + text + `</div></div>`
	}
	dec3 := time.Date(2024, 12, 3, 10, 15, 0, 0, time.UTC)
	mar12 := time.Date(2024, 3, 12, 10, 15, 0, 0, time.UTC)
	tests := []struct {
		name, page string
		want       time.Time
	}{
		{"lang ru", `<html lang="ru"><body>` + post("Банк списал деньги дважды") + `</body></html>`, dec3},
		{"lang en-GB", `<html lang="en-GB"><body>` + post("The bank took my money twice") + `</body></html>`, dec3},
		{"lang en-US", `<html lang="en-US"><body>` + post("The bank took my money twice") + `</body></html>`, mar12},
		{"lang en on a Russian page", `<html lang="en"><body>` + post("Банк списал деньги дважды") + `</body></html>`, mar12},
		{"no lang, Russian text", `<html><body>` + post("Банк списал деньги дважды, верните") + `</body></html>`, dec3},
		{"no lang, English text", `<html><body>` + post("The bank took my money twice") + `</body></html>`, mar12},
		{"no lang, Russian only in a script", `<html><head><script>var s = "Банк списал деньги дважды";</script></head><body>` + post("The bank") + `</body></html>`, mar12},
	}
	now := time.Date(2026, 1, 27, 14, 30, 0, 0, time.UTC)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pg, err := ex.Extract([]byte(tt.page), "text/html; charset=utf-8", "https://board.example/t", now)
			if err != nil {
				t.Fatal(err)
			}
			if len(pg.Docs) != 1 {
				t.Fatalf("%d documents", len(pg.Docs))
			}
			if got := pg.Docs[0].PublishedAt; !got.Equal(tt.want) {
				t.Errorf("published %v, want %v", got, tt.want)
			}
		})
	}
}
