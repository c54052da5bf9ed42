package telegram

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/notify/alert"
)

var ourTags = regexp.MustCompile(`</?b>|</?i>|<a href="[^"<>]*">|</a>`)

// FuzzRender: whatever the text, the message fits Telegram's limit, its
// tags balance, and nothing else looks like markup.
func FuzzRender(f *testing.F) {
	f.Add("Акме Банк заблокировал карту", "Третий день не могу вывести деньги: Акме Банк <молчит> & всё", "Acme Bank", 0, 10, 3)
	f.Add(strings.Repeat("очень длинный заголовок ", 50), strings.Repeat("x<y>&z ", 2000), "<b>", 5, 1, 40)
	f.Fuzz(func(t *testing.T, title, text, brand string, s, e, n int) {
		m := model.Mention{Title: title, URL: "https://f.example/?q=" + title, Snippet: model.Snippet{Text: text, Marks: [][2]int{{s, e}}},
			Source: brand, Author: title, Severity: "critical", Tags: []string{brand}, PublishedAt: time.Unix(1700000000, 0)}
		items := make([]alert.Item, 1+abs(n)%40)
		for i := range items {
			items[i] = alert.Item{Mention: m, Why: text}
		}
		for _, kind := range []alert.Kind{alert.KindMention, alert.KindGroup, alert.KindWave} {
			msg := &alert.Message{Kind: kind, Brand: brand, Items: items,
				Wave: &alert.Wave{Count: n, Threads: []alert.WaveThread{{URL: m.URL, Title: title, Source: brand}}}}
			out := Render(msg)
			if Len(out) > MaxLen {
				t.Fatalf("%s: %d units", kind, Len(out))
			}
			if strings.Count(out, "<b>") != strings.Count(out, "</b>") || strings.Count(out, "<a ") != strings.Count(out, "</a>") ||
				strings.Count(out, "<i>") != strings.Count(out, "</i>") {
				t.Fatalf("%s: unbalanced tags in %q", kind, out)
			}
			if rest := ourTags.ReplaceAllString(out, ""); strings.ContainsAny(rest, "<>") {
				t.Fatalf("%s: stray markup in %q", kind, rest)
			}
		}
	})
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
