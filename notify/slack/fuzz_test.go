package slack

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// FuzzRender: whatever the text, the payload stays within Block Kit's
// limits (50 blocks, 150-character headers, 3000-character sections) and
// mrkdwn text has no raw < > except its own links.
func FuzzRender(f *testing.F) {
	f.Add("Акме Банк заблокировал карту", "Третий день: Акме Банк <молчит> & всё", "Acme Bank", 0, 10, 3)
	f.Add(strings.Repeat("title ", 100), strings.Repeat("x<y>&z ", 2000), "<!channel>", 5, 1, 40)
	f.Fuzz(func(t *testing.T, title, text, brand string, s, e, n int) {
		if !utf8.ValidString(title + text + brand) {
			return
		}
		m := model.Mention{Title: title, URL: "https://f.example/" + title, Snippet: model.Snippet{Text: text, Marks: [][2]int{{s, e}}},
			Source: brand, Severity: "warning", Tags: []string{brand}, PublishedAt: time.Unix(1700000000, 0)}
		items := make([]alert.Item, 1+(n%40+40)%40)
		for i := range items {
			items[i] = alert.Item{Mention: m, Why: text}
		}
		for _, kind := range []alert.Kind{alert.KindMention, alert.KindGroup, alert.KindWave} {
			p := Render(&alert.Message{Kind: kind, Brand: brand, Items: items,
				Wave: &alert.Wave{Count: n, Threads: []alert.WaveThread{{URL: m.URL, Title: title, Source: brand}}}})
			if len(p.Blocks) > 50 {
				t.Fatalf("%d blocks", len(p.Blocks))
			}
			raw, err := json.Marshal(p.Blocks)
			if err != nil {
				t.Fatal(err)
			}
			var blocks []struct {
				Type string `json:"type"`
				Text struct {
					Type, Text string
				} `json:"text"`
				Elements []struct{ Text string } `json:"elements"`
			}
			if err := json.Unmarshal(raw, &blocks); err != nil {
				t.Fatal(err)
			}
			for _, b := range blocks {
				switch b.Type {
				case "header":
					if utf8.RuneCountInString(b.Text.Text) > 150 {
						t.Fatalf("header of %d runes", utf8.RuneCountInString(b.Text.Text))
					}
				case "section":
					if utf8.RuneCountInString(b.Text.Text) > 3000 {
						t.Fatalf("section of %d runes", utf8.RuneCountInString(b.Text.Text))
					}
					checkMrkdwn(t, b.Text.Text)
				case "context":
					for _, el := range b.Elements {
						checkMrkdwn(t, el.Text)
					}
				}
			}
		}
	})
}

// checkMrkdwn fails when text has < or > outside <url|text> links.
func checkMrkdwn(t *testing.T, s string) {
	t.Helper()
	for s != "" {
		i := strings.IndexAny(s, "<>")
		if i < 0 {
			return
		}
		if s[i] == '>' {
			t.Fatalf("stray > in %q", s)
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 || !strings.HasPrefix(s[i:], "<https://") || strings.ContainsAny(s[i+1:i+j], "<") {
			if strings.HasSuffix(s[i:], "…") {
				return // a link cut by the length limit
			}
			t.Fatalf("stray < in %q", s)
		}
		s = s[i+j+1:]
	}
}
