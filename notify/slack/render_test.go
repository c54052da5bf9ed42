package slack

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/notify/alert"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func sampleMention(id int64) model.Mention {
	text := "Третий день не могу вывести деньги: Акме Банк заблокировал карту и молчит. Похоже на обман <клиентов> & партнёров."
	start := strings.Index(text, "Акме Банк")
	return model.Mention{
		ID: id, Brand: "Acme Bank", Source: "Banki forum", SourceType: "forum",
		URL:   "https://forum.example/viewtopic.php?t=100&p=7",
		Title: "Акме Банк заблокировал карту — что делать?",
		Snippet: model.Snippet{Text: text,
			Marks: [][2]int{{start, start + len("Акме Банк")}}},
		Author:      "ivan_p",
		PublishedAt: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC),
		FoundAt:     time.Date(2026, 11, 20, 10, 1, 2, 0, time.UTC),
		Lang:        "ru", Matched: []string{"акме банк"},
		Sentiment: model.Negative, Negativity: 0.83, Importance: 0.61,
		Severity: model.SeverityCritical, Tags: []string{"complaint", "fraud"},
		Rules: []model.FiredRule{{Name: "fraud accusation", Effect: "negativity +0.3"},
			{Name: "critical", Effect: "severity critical"}},
		ThreadURL: "https://forum.example/viewtopic.php?t=100",
	}
}

func sampleSingle() *alert.Message {
	return &alert.Message{
		Key: "a1b2c3d4e5f60708-1", ID: 1, Kind: alert.KindMention, Channel: alert.ChannelSlack,
		Target: "#pr-alerts", Route: "critical", Brand: "Acme Bank", Frequency: "as_it_happens",
		Items: []alert.Item{{Mention: sampleMention(42),
			Why: `route "critical" (severity == "critical")`}},
		Location: time.UTC,
	}
}

func sampleGroup() *alert.Message {
	msg := &alert.Message{
		Key: "a1b2c3d4e5f60708-2", ID: 2, Kind: alert.KindGroup, Channel: alert.ChannelSlack,
		Target: "#mentions", Route: "everything", Brand: "Acme Bank", Frequency: "hourly",
		Period:   alert.Period{Start: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC), End: time.Date(2026, 11, 20, 11, 0, 0, 0, time.UTC)},
		Location: time.UTC,
	}
	titles := []string{"Acme Bank opens a branch in Kazan", "Акме Банк повысил ставки по вкладам",
		"Why is the Acme Bank app so slow?", "Acme Bank: a review after a year",
		"Не работает приложение Акме Банка", "Acme Bank sponsors the city marathon",
		"Acme Bank card declined abroad", "Отзыв: Акме Банк, ипотека", "Acme Bank Q3 results",
		"Acme Bank hiring in Moscow", "Акме Банк и кешбэк", "Acme Bank support answered in 2 minutes"}
	for i, t := range titles {
		m := model.Mention{ID: int64(100 + i), Brand: "Acme Bank", Source: "Google News — Acme",
			SourceType: "feed", URL: "https://news.example/a/" + string(rune('a'+i)), Title: t,
			Snippet:     model.Snippet{Text: t + ". More text about the bank follows here."},
			PublishedAt: time.Date(2026, 11, 20, 10, i*4, 0, 0, time.UTC), Lang: "en",
			Sentiment: model.Neutral, Negativity: 0.3, Importance: 0.2 + float64(i)/100,
			Severity: model.SeverityInfo, Tags: []string{}}
		if i == 2 || i == 4 {
			m.Sentiment, m.Negativity, m.Severity, m.Tags = model.Negative, 0.7+float64(i)/100, model.SeverityWarning, []string{"complaint"}
		}
		if i == 11 {
			m.Sentiment, m.Negativity = model.Positive, 0.1
		}
		msg.Items = append(msg.Items, alert.Item{Mention: m})
	}
	alert.SortItems(msg.Items)
	return msg
}

func sampleWave() *alert.Message {
	return &alert.Message{
		Key: "a1b2c3d4e5f60708-3", ID: 3, Kind: alert.KindWave, Channel: alert.ChannelSlack,
		Target: "#pr-alerts", Brand: "Acme Bank", Location: time.UTC,
		Wave: &alert.Wave{Brand: "Acme Bank", Count: 23,
			WindowStart: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC),
			WindowEnd:   time.Date(2026, 11, 20, 11, 0, 0, 0, time.UTC),
			Mean:        1.2, StdDev: 0.8, Threshold: 5,
			Threads: []alert.WaveThread{
				{URL: "https://forum.example/viewtopic.php?t=100", Title: "Акме Банк заблокировал карту", Source: "Banki forum", Count: 14, Negativity: 0.9},
				{URL: "https://forum.example/viewtopic.php?t=104", Title: "Списали деньги дважды", Source: "Banki forum", Count: 6, Negativity: 0.8},
				{URL: "https://news.example/x", Title: "Customers report Acme Bank outage", Source: "Google News — Acme", Count: 3, Negativity: 0.7},
			}},
	}
}

// TestRenderGolden renders the sample alerts and compares them with the
// golden Block Kit payloads in testdata (go test -update rewrites them).
func TestRenderGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		msg  *alert.Message
	}{
		{"critical_single", sampleSingle()},
		{"hourly_group", sampleGroup()},
		{"wave", sampleWave()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := marshal(t, Render(tc.msg), "  ")
			path := filepath.Join("testdata", tc.name+".json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("payload differs from %s (go test -update rewrites it):\n%s", path, got)
			}
		})
	}
}

func TestRenderSingle(t *testing.T) {
	s := string(marshal(t, Render(sampleSingle()), ""))
	for _, want := range []string{
		`"type":"header"`, `🔴 Acme Bank · critical`,
		// linked title, with & escaped in the URL
		`<https://forum.example/viewtopic.php?t=100&amp;p=7|Акме Банк заблокировал карту — что делать?>`,
		// matched words bold, <>& escaped
		`*Акме Банк*`, `обман &lt;клиентов&gt; &amp; партнёров`,
		`Banki forum · ivan_p · 20 Nov 2026 10:00 UTC`,
		`👎 negative 0.83`, "`complaint` `fraud`",
		`route \"critical\" (severity == \"critical\"); rules: fraud accusation (negativity +0.3), critical (severity critical)`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("payload lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "<клиентов>") {
		t.Error("unescaped < > in mrkdwn")
	}
}

func TestRenderGroupTopAndMore(t *testing.T) {
	msg := sampleGroup()
	p := Render(msg)
	s := string(marshal(t, p, ""))
	if !strings.Contains(s, "Acme Bank — 12 new mentions") {
		t.Errorf("header lacks the count: %s", s)
	}
	if !strings.Contains(s, "… and 2 more mentions") {
		t.Errorf("no \"and N more\": %s", s)
	}
	if !strings.Contains(s, "20 Nov 2026 10:00–11:00 UTC") {
		t.Errorf("no period: %s", s)
	}
	// The most negative items come first.
	first := strings.Index(s, "Не работает приложение")
	second := strings.Index(s, "Why is the Acme Bank app so slow?")
	other := strings.Index(s, "Acme Bank hiring in Moscow")
	if first < 0 || second < 0 || other < 0 || !(first < second && second < other) {
		t.Errorf("order: negative first, got positions %d %d %d", first, second, other)
	}
	if len(p.Blocks) > 50 {
		t.Errorf("%d blocks, Slack allows 50", len(p.Blocks))
	}
}

func TestRenderFollowupReply(t *testing.T) {
	msg := sampleSingle()
	msg.Followup = true
	msg.ReplyTo = alert.Receipt{Channel: "C1", ID: "1.2"}
	raw := marshal(t, Render(msg), "")
	if strings.Contains(string(raw), `"type":"header"`) {
		t.Error("a reply in a thread should not repeat the header")
	}
	if !strings.Contains(string(raw), "new post in this thread") {
		t.Errorf("no follow-up marker: %s", raw)
	}
}

// marshal encodes v as JSON without escaping <>& (as Slack reads it
// either way), indented when indent is set.
func marshal(t *testing.T, v any, indent string) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestLinkAndEscape(t *testing.T) {
	for _, tc := range []struct{ url, text, want string }{
		{"https://x.example/a?b=1&c=2", "A & B", "<https://x.example/a?b=1&amp;c=2|A &amp; B>"},
		{"https://x.example/a|b>c", "t", "<https://x.example/a%7Cb%3Ec|t>"},
		{"", "<b>", "&lt;b&gt;"},
		{"https://x.example/", "two\nlines", "<https://x.example/|two lines>"},
		// Only an http(s) URL becomes a link: a crawled "URL" cannot make a
		// script link, a channel-wide or user mention, or a channel link.
		{"javascript:alert(1)", "t", "t"},
		{"JavaScript:alert(1)//https://x.example/", "t", "t"},
		{"!channel", "t", "t"},
		{"!here", "<!here>", "&lt;!here&gt;"},
		{"@U024BE7LH", "t", "t"},
		{"#C024BE7LR", "t", "t"},
		{"mailto:a@x.example", "t", "t"},
		{"https://", "t", "t"},
	} {
		if got := link(tc.url, tc.text); got != tc.want {
			t.Errorf("link(%q, %q) = %q, want %q", tc.url, tc.text, got, tc.want)
		}
	}
}

// TestCrawledTextStaysVerbatim: Slack parses a mrkdwn text object that is
// not verbatim — "@channel" and "@here" become mentions, "#general" a
// channel link, a bare URL a link. Every mrkdwn text object mentionwatch
// posts is verbatim, so crawled text stays text whatever the message's
// kind; the links mentionwatch makes itself (<url|title>) still work.
func TestCrawledTextStaysVerbatim(t *testing.T) {
	hostile := "@channel @here @everyone #general see https://evil.example/x <!channel> <@U024BE7LH>"
	m := sampleMention(7)
	m.Title, m.Author, m.Source = hostile, "@here", "#general"
	m.Snippet = model.Snippet{Text: "Acme Bank " + hostile, Marks: [][2]int{{0, len("Acme Bank")}}}
	m.Tags = []string{"@channel"}
	item := alert.Item{Mention: m, Why: hostile}
	single := sampleSingle()
	single.Items = []alert.Item{item}
	group := sampleGroup()
	group.Items = append(group.Items, item)
	fold := &alert.Message{Kind: alert.KindFold, Brand: "Acme Bank", Items: []alert.Item{item}, InboxURL: "https://mw.example/?brand=Acme"}
	reminder := &alert.Message{Kind: alert.KindReminder, Brand: "Acme Bank", Items: []alert.Item{item},
		Reminder: &alert.Reminder{After: 30 * time.Minute, Escalation: true}}
	wave := &alert.Message{Kind: alert.KindWave, Brand: "Acme Bank", Wave: &alert.Wave{Brand: "Acme Bank", Count: 9,
		Threads: []alert.WaveThread{{URL: "https://forum.example/t/1", Title: hostile, Source: "@here", Count: 9}}}}
	for name, msg := range map[string]*alert.Message{"single": single, "group": group, "fold": fold,
		"reminder": reminder, "wave": wave} {
		t.Run(name, func(t *testing.T) {
			raw, err := json.Marshal(Render(msg).Blocks)
			if err != nil {
				t.Fatal(err)
			}
			var texts []map[string]any
			var walk func(v any)
			walk = func(v any) {
				switch v := v.(type) {
				case map[string]any:
					if v["type"] == "mrkdwn" {
						texts = append(texts, v)
					}
					for _, x := range v {
						walk(x)
					}
				case []any:
					for _, x := range v {
						walk(x)
					}
				}
			}
			var blocks any
			if err := json.Unmarshal(raw, &blocks); err != nil {
				t.Fatal(err)
			}
			walk(blocks)
			if len(texts) == 0 {
				t.Fatal("no mrkdwn text")
			}
			for _, tx := range texts {
				if tx["verbatim"] != true {
					t.Errorf("mrkdwn text is not verbatim: %v", tx["text"])
				}
				s, _ := tx["text"].(string)
				if strings.Contains(s, "<!") || strings.Contains(s, "<@") || strings.Contains(s, "<https://evil") {
					t.Errorf("crawled markup in %q", s)
				}
			}
		})
	}
}
