package scrape

import (
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// TestEditedNoteIsNotThePostDate: an "edited" note's date, in English or
// Russian, inside the date element or as an element of its own, never
// replaces the post's date; dates without a note read as before.
func TestEditedNoteIsNotThePostDate(t *testing.T) {
	msk := time.FixedZone("MSK", 3*3600)
	posted := time.Date(2026, 12, 1, 10, 0, 0, 0, msk)
	spec := func(date string) Spec {
		return Spec{Type: "forum", Source: "b", Location: msk, Selectors: config.Selectors{Item: "div.post", Text: "div.c", Author: ".a", Date: date}}
	}
	for _, c := range []struct {
		name, date, post string
		want             time.Time // zero: no date
	}{
		{"note after the date, same text", ".d", `<div class="d">01.12.2026 10:00 Last edited by anna on 03.12.2026 12:00</div>`, posted},
		{"Russian note after the date", ".d", `<div class="d">01.12.2026 10:00, изменено 03.12.2026 в 12:00</div>`, posted},
		{"note element before the date", ".d", `<div class="d"><span class="edit">Изменено 03.12.2026 12:00</span> 01.12.2026 10:00</div>`, posted},
		{"note element after the date", ".d", `<div class="d">01.12.2026 10:00 <em>Отредактировано anna (03.12.2026 12:00)</em></div>`, posted},
		{"note with an edit class", ".d", `<div class="d">01.12.2026 10:00 <span class="lastEdit">03.12.2026 12:00</span></div>`, posted},
		{"time inside a note passed over", "time@datetime", `<div class="message-lastEdit">Last edited: <time datetime="2026-12-03T12:00:00+03:00">Dec 3</time></div><div class="c">t</div><footer><time datetime="2026-12-01T10:00:00+03:00">Dec 1</time></footer>`, posted},
		{"date selector matching a note first", ".d", `<p class="d">Последний раз редактировалось anna; 03.12.2026 в 12:00</p><span class="d">01.12.2026 10:00</span>`, posted},
		{"only an edit date: no date", ".d", `<div class="d">Edited 03.12.2026 12:00</div>`, time.Time{}},
		// Negatives: no note, a word that only contains a marker.
		{"plain date", ".d", `<div class="d">01.12.2026 10:00</div>`, posted},
		{"unedited word", ".d", `<div class="d">01.12.2026 10:00 unedited</div>`, posted},
		{"time element", "time@datetime", `<time datetime="2026-12-01T10:00:00+03:00">1 Dec</time>`, posted},
		// A wrapper that a board classes as edited holds the post's own
		// date: it is no note.
		{"short post in a wrapper classed edited", "time@datetime", `<div class="body edited"><time datetime="2026-12-01T10:00:00+03:00">1 Dec</time><p>+1, спасибо</p></div>`, posted},
		{"note classed modified says so", ".d", `<div class="d">01.12.2026 10:00</div><div class="smalltext modified"><time class="d">« Last Edit: 03.12.2026 12:00 »</time></div>`, posted},
		{"wrapper classed edited", "time@datetime", `<div class="body edited"><time datetime="2026-12-01T10:00:00+03:00">1 Dec</time><p>` + strings.Repeat("Долго ждал ответа от банка по поводу перевода. ", 8) + `</p></div>`, posted},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := extract(t, spec(c.date), `<html><body><div class="post"><span class="a">anna</span>`+c.post+`<div class="c">Acme Bank</div></div></body></html>`, "https://f.example/viewtopic.php?t=1")
			if len(p.Docs) != 1 {
				t.Fatalf("%d docs", len(p.Docs))
			}
			if got := p.Docs[0].PublishedAt; !got.Equal(c.want) {
				t.Errorf("PublishedAt = %v, want %v", got, c.want)
			}
		})
	}
}
