package stdout

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/notify/alert"
)

func TestFormat(t *testing.T) {
	text := "Третий день не могу вывести деньги:\n Акме Банк заблокировал карту."
	i := strings.Index(text, "Акме Банк")
	m := model.Mention{ID: 1, Brand: "Acme Bank", Source: "Banki forum", URL: "https://forum.example/t/1",
		Title: "Карту заблокировали", Snippet: model.Snippet{Text: text, Marks: [][2]int{{i, i + len("Акме Банк")}}},
		Author: "ivan", PublishedAt: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC), Sentiment: model.Negative,
		Negativity: 0.83, Importance: 0.61, Severity: model.SeverityCritical, Tags: []string{"fraud"},
		Rules: []model.FiredRule{{Name: "fraud accusation", Effect: "negativity +0.3"}}}
	for _, tc := range []struct {
		name string
		msg  *alert.Message
		want []string
	}{
		{"single", &alert.Message{Kind: alert.KindMention, Channel: alert.ChannelSlack, Target: "#pr-alerts", Brand: "Acme Bank",
			Items: []alert.Item{{Mention: m, Why: `route "pr" (severity == "critical")`}}},
			[]string{"=== 🔴 Acme Bank · critical → #pr-alerts ===\nКарту заблокировали\nhttps://forum.example/t/1\n" +
				"Banki forum · ivan · 20 Nov 2026 10:00 UTC\nТретий день не могу вывести деньги: **Акме Банк** заблокировал карту.\n" +
				"👎 negative 0.83 · importance 0.61 · 🔴 critical · tags: fraud\n" +
				"why: route \"pr\" (severity == \"critical\"); rules: fraud accusation (negativity +0.3)\n\n"}},
		{"followup", &alert.Message{Kind: alert.KindMention, Channel: alert.ChannelStdout, Brand: "Acme Bank", Followup: true,
			Items: []alert.Item{{Mention: m}}}, []string{"new post in a thread already alerted ==="}},
		{"group", &alert.Message{Kind: alert.KindGroup, Channel: alert.ChannelStdout, Brand: "Acme Bank",
			Period: alert.Period{Start: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC), End: time.Date(2026, 11, 20, 11, 0, 0, 0, time.UTC)},
			Items:  repeat(alert.Item{Mention: m}, 12)},
			[]string{"=== Acme Bank — 12 mentions · 12 negative · 12 critical, 20 Nov 2026 10:00–11:00 UTC ===", "… and 2 more\n"}},
		{"wave", &alert.Message{Kind: alert.KindWave, Brand: "Acme Bank", Wave: &alert.Wave{Count: 9, Mean: 0.3, StdDev: 0.5, Threshold: 5,
			WindowStart: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC), WindowEnd: time.Date(2026, 11, 20, 11, 0, 0, 0, time.UTC),
			Threads: []alert.WaveThread{{URL: "https://forum.example/t/1", Title: "Карту заблокировали", Source: "Banki forum", Count: 5}}}},
			[]string{"=== 🌊 Negative wave: Acme Bank ===", "9 negative mentions in the last hour — usually 0.3 ± 0.5 (wave threshold 5)",
				"  • Карту заблокировали — 5 posts (Banki forum)\n    https://forum.example/t/1\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if _, err := New(&b).Notify(context.Background(), tc.msg); err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, b.String())
				}
			}
		})
	}
}

func repeat(it alert.Item, n int) []alert.Item {
	out := make([]alert.Item, n)
	for i := range out {
		out[i] = it
	}
	return out
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

func TestWriteErrorIsRetried(t *testing.T) {
	retry, err := New(failingWriter{}).Notify(context.Background(), &alert.Message{Kind: alert.KindMention})
	if err == nil || !retry {
		t.Errorf("Notify = %v, %v", retry, err)
	}
}

// TestUntitledPostShowsItsURLOnce: a profile post without a title is
// headed by its URL, which is then not repeated.
func TestUntitledPostShowsItsURLOnce(t *testing.T) {
	m := model.Mention{ID: 2, Brand: "Acme Bank", Source: "Anna", URL: "https://t.me/anna_channel/512",
		Snippet: model.Snippet{Text: "Акме Банк — кэшбэк приходит вовремя"}, Sentiment: model.Positive, Severity: model.SeverityInfo}
	out := Format(&alert.Message{Kind: alert.KindMention, Channel: alert.ChannelStdout, Brand: "Acme Bank",
		Items: []alert.Item{{Mention: m}}})
	if n := strings.Count(out, m.URL); n != 1 {
		t.Errorf("the URL appears %d times:\n%s", n, out)
	}
}
