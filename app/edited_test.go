package app

import (
	"testing"
	"time"
)

// TestEditedPostIsNotNew: a post without a permalink whose date line
// gains an "edited" note (English, then Russian) and whose text changes
// is the same mention, with the date it was posted at.
func TestEditedPostIsNotNew(t *testing.T) {
	b, srv := newBoard(t)
	post := func(date, text string) string {
		return `<div class="post"><span class="a">anna</span><span class="d">` + date + `</span><div class="c">` + text + `</div></div>`
	}
	posted := time.Date(2026, 12, 1, 10, 0, 0, 0, time.Local)
	dir := t.TempDir()
	for i, c := range []struct{ date, text string }{
		{"01.12.2026 10:00", "Acme Bank blocked my card"},
		{"01.12.2026 10:00 Last edited by anna on 03.12.2026 12:00", "Acme Bank blocked my card. Update: unblocked."},
		{"01.12.2026 10:00 <i>Изменено: 04.12.2026 09:30</i>", "Acme Bank blocked my card. Update: unblocked, thanks."},
	} {
		b.set("/topic?id=5", boardPage("", post(c.date, c.text)))
		got := crawlBoard(t, dir, srv.URL+"/topic?id=5", 1)
		if len(got) != 1 {
			t.Fatalf("crawl %d: %d mentions, want 1: %q", i, len(got), texts(got))
		}
		for _, m := range got {
			if !m.PublishedAt.Equal(posted) {
				t.Errorf("crawl %d: published_at %v, want %v", i, m.PublishedAt, posted)
			}
		}
	}
}
