package scrape

import (
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// TestDayWordNotAhead: a "today at …" later than now (beyond a small
// skew) was printed in another zone than the one assumed; it is read as
// the latest time it can be, whole quarter hours back, never later than
// now. "yesterday at …" and dates within the skew stay as printed.
func TestDayWordNotAhead(t *testing.T) {
	utc := time.UTC
	msk := time.FixedZone("MSK", 3*3600)
	d := func(mo time.Month, day, h, mi int) time.Time { return time.Date(2026, mo, day, h, mi, 0, 0, utc) }
	tests := []struct {
		name string
		in   string
		now  time.Time
		loc  *time.Location
		want time.Time
	}{
		// The case of the page: 22:00 where the page is read, "today 23:00" on it.
		{"ru today an hour ahead", "Сегодня, 23:00", d(1, 27, 22, 0), utc, d(1, 27, 22, 0)},
		{"en today an hour ahead", "today at 11:00 PM", d(1, 27, 22, 0), utc, d(1, 27, 22, 0)},
		{"en today ahead, minutes", "Today, 10:40 PM", d(1, 27, 22, 0), utc, d(1, 27, 21, 55)},
		// A Moscow board read as UTC: 18:05 UTC is 21:05 in Moscow; a post
		// of 18:00 UTC shows "21:00" and is ahead by 2h55m: three hours back
		// is exactly when it was written.
		{"moscow board read as utc", "сегодня в 21:00", d(1, 27, 18, 5), utc, d(1, 27, 18, 0)},
		// A New York board read as UTC at 01:10 on the 28th (20:10 on the
		// 27th there): its "today" is the 27th, a post of 19:00 there
		// (00:00 UTC on the 28th) reads as 19:00 on the 28th, 17h50m ahead;
		// 18 hours back is the latest it can be, an hour after it was written.
		{"new york board across midnight", "Today at 7:00 PM", d(1, 28, 1, 10), utc, d(1, 28, 1, 0)},
		// Within the skew: as printed.
		{"ru today 3 minutes ahead", "сегодня в 22:03", d(1, 27, 22, 0), utc, d(1, 27, 22, 3)},
		{"en today just now", "Today, 10:00 PM", d(1, 27, 22, 0), utc, d(1, 27, 22, 0)},
		// Earlier today: as printed.
		{"ru today earlier", "Сегодня, 21:00", d(1, 27, 22, 0), utc, d(1, 27, 21, 0)},
		// Yesterday is never later than now, and is not moved: not at a
		// late hour, not just after midnight.
		{"ru yesterday late", "вчера в 23:00", d(1, 27, 22, 0), utc, d(1, 26, 23, 0)},
		{"en yesterday late", "Yesterday at 11:59 PM", d(1, 28, 0, 1), utc, d(1, 27, 23, 59)},
		{"ru yesterday after midnight", "Вчера, 23:50", d(1, 28, 0, 5), utc, d(1, 27, 23, 50)},
		{"ru day before yesterday", "позавчера в 23:59", d(1, 28, 0, 5), utc, d(1, 26, 23, 59)},
		// The board's zone set (time_zone): its "today" and "yesterday" are
		// Moscow's, across Moscow's midnight (21:30 UTC is 00:30 there).
		{"msk zone today after midnight", "сегодня в 00:10", d(1, 27, 21, 30), msk, d(1, 27, 21, 10)},
		{"msk zone yesterday before midnight", "вчера в 23:50", d(1, 27, 21, 30), msk, d(1, 27, 20, 50)},
		{"msk zone today ahead", "Сегодня, 01:00", d(1, 27, 21, 30), msk, d(1, 27, 21, 30)},
		{"msk zone en today", "Today, 12:20 AM", d(1, 27, 21, 30), msk, d(1, 27, 21, 20)},
		// Without a time, a day word is that day's midnight: never ahead.
		{"ru today alone", "Сегодня", d(1, 27, 0, 30), utc, d(1, 27, 0, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseDate(tt.in, tt.now, tt.loc)
			if !ok {
				t.Fatalf("ParseDate(%q) failed", tt.in)
			}
			if !got.Equal(tt.want) {
				t.Errorf("ParseDate(%q) at %v = %v, want %v", tt.in, tt.now, got.UTC(), tt.want)
			}
			if got.After(tt.now.Add(5 * time.Minute)) {
				t.Errorf("ParseDate(%q) = %v, later than now %v", tt.in, got.UTC(), tt.now)
			}
		})
	}
}

// TestDayWordAheadKeepsIdentity: a post without a permalink is known by
// its date as printed. A "today at …" still to come is dated by an amount
// that depends on the crawl's time; its identity must not: crawls at
// 18:05, 18:20 and 19:40 (ahead) and 21:30 (no longer ahead) of one
// Moscow board read as UTC give the post one identity.
func TestDayWordAheadKeepsIdentity(t *testing.T) {
	ex, err := Compile(Spec{Type: "forum", Source: "Board", Location: time.UTC,
		Selectors: config.Selectors{Item: "div.post", Author: "b.a", Text: "div.c", Date: "span.d"}})
	if err != nil {
		t.Fatal(err)
	}
	page := []byte(`<html><body><div class="post"><b class="a">Анна</b><span class="d">Сегодня, 21:00</span><div class="c">Банк списал деньги дважды</div></div></body></html>`)
	var id string
	for _, now := range []time.Time{
		time.Date(2026, 1, 27, 18, 5, 0, 0, time.UTC),
		time.Date(2026, 1, 27, 18, 20, 0, 0, time.UTC),
		time.Date(2026, 1, 27, 19, 40, 0, 0, time.UTC),
		time.Date(2026, 1, 27, 21, 30, 0, 0, time.UTC),
	} {
		pg, err := ex.Extract(page, "text/html; charset=utf-8", "https://board.example/t", now)
		if err != nil {
			t.Fatal(err)
		}
		if len(pg.Docs) != 1 {
			t.Fatalf("%d documents", len(pg.Docs))
		}
		d := pg.Docs[0]
		if d.PublishedAt.After(now.Add(5 * time.Minute)) {
			t.Errorf("at %v: published %v, later than now", now, d.PublishedAt)
		}
		if id == "" {
			id = d.ID
		} else if d.ID != id {
			t.Errorf("at %v: identity %s, was %s", now, d.ID, id)
		}
	}
}
