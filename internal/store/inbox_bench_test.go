package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// benchWords make the texts of the benchmark's mentions: Russian and
// English, a few words in common, the rest spread thin.
var benchWords = []string{"банк", "карта", "карту", "заблокировал", "поддержка", "кредит", "офис", "приложение",
	"refund", "support", "card", "blocked", "account", "fees", "branch", "app", "мошенники", "scam", "ставка", "перевод"}

// BenchmarkInboxList is the inbox's first page with filters and a word
// search over 100,000 mentions stored through the store's own insert path
// (SaveCrawl).
func BenchmarkInboxList(b *testing.B) { eachBackendB(b, benchInboxList) }

func benchInboxList(b *testing.B) {
	ctx := context.Background()
	path := newLocation(b, "mw.db")
	s, err := Open(ctx, path, WithClock(func() time.Time { return t0 }))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	const n, batch = 100000, 1000
	brands := []string{"Acme Bank", "Т-Банк", "Globex", "Initech"}
	sentiments := []string{model.Negative, model.Neutral, model.Neutral, model.Positive}
	severities := []string{model.SeverityInfo, model.SeverityInfo, model.SeverityWarning, model.SeverityCritical}
	for start := 0; start < n; start += batch {
		var docs []model.Document
		var ms []*model.Mention
		for i := start; i < start+batch; i++ {
			id := fmt.Sprintf("d%d", i)
			w := func(k int) string { return benchWords[(i*7+k*13)%len(benchWords)] }
			m := &model.Mention{DocID: id, Brand: brands[i%4], Source: fmt.Sprintf("src%d", i%40), SourceType: model.SourceForum,
				URL: "https://forum.example/" + id, Title: w(0) + " " + w(1) + " " + brands[i%4], Author: fmt.Sprintf("user%d", i%5000),
				Text:    fmt.Sprintf("%s %s %s %s и ещё %d слов про %s, %s", w(2), w(3), w(4), brands[i%4], i%97, w(5), w(6)),
				FoundAt: t0.Add(-time.Duration(n-i) * time.Minute), Sentiment: sentiments[i%4], Severity: severities[(i/4)%4],
				Tags: []string{[]string{"complaint", "question", "praise", "fraud"}[i%4]}, Replies: -1,
				Snippet: model.Snippet{Text: w(2) + " " + brands[i%4]}}
			docs, ms = append(docs, doc(id, m.URL)), append(ms, m)
		}
		if _, err := s.SaveCrawl(ctx, &Crawl{State: SourceState{Name: "src"}, Docs: docs, Mentions: ms}, nil); err != nil {
			b.Fatal(err)
		}
	}
	if s.d == postgresDialect {
		// A running PostgreSQL has its planner statistics (autovacuum
		// analyzes a table soon after a bulk load); without them the plan
		// of a table loaded a moment ago is a guess, and the figure says
		// more about when autovacuum happened to run than about the query.
		if _, err := s.db.ExecContext(ctx, "ANALYZE mentions"); err != nil {
			b.Fatal(err)
		}
	}
	cases := []struct {
		name string
		f    InboxFilter
	}{
		{"all", InboxFilter{}},
		{"brand+negative+words", InboxFilter{MentionFilter: MentionFilter{Brand: "Acme Bank", Sentiment: model.Negative}, Words: []string{"карта"}}},
		{"new+critical+tag+words", InboxFilter{MentionFilter: MentionFilter{Status: model.StatusNew, Severity: model.SeverityCritical}, Tag: "fraud", Words: []string{"слов", "initech"}}},
		{"rare word", InboxFilter{Words: []string{"мошенники", "scam"}}},
		{"7 days+source", InboxFilter{MentionFilter: MentionFilter{Since: t0.Add(-7 * 24 * time.Hour), Source: "src3"}}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			c.f.Limit = 50
			for b.Loop() {
				ms, err := s.InboxMentions(ctx, c.f)
				if err != nil || len(ms) == 0 {
					b.Fatalf("%d mentions, %v", len(ms), err)
				}
			}
		})
		b.Run(c.name+"/counts", func(b *testing.B) {
			for b.Loop() {
				if _, err := s.InboxFacets(ctx, c.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
