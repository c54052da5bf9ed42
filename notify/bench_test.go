package notify

import (
	"context"
	"fmt"
	"github.com/mentionwatch/mentionwatch/internal/clock"
	"io"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/notify/internal/slackfake"
)

func benchRoutes() config.Alerts {
	return alertsConfig(
		config.Route{Name: "critical", When: `severity == "critical"`, Slack: "#pr-alerts", Continue: true},
		config.Route{Name: "advocates", When: `"advocate" in tags`, Slack: "#community"},
		config.Route{Name: "questions", When: `"question" in tags && source.weight >= 2`, Slack: "#support"},
		config.Route{Name: "everything", When: `true`, Slack: "#mentions", Frequency: "hourly",
			QuietHours: config.QuietHours{Start: "22:00", End: "08:00"}},
	)
}

// BenchmarkEnqueue measures storing crawls of 100 mentions (10 threads,
// every seventh critical) in one transaction each, with the deliveries of
// four routes, against storing them without any: the difference is the
// cost of routing.
func BenchmarkEnqueue(b *testing.B) {
	for _, routed := range []bool{false, true} {
		name := "store_only"
		if routed {
			name = "with_routes"
		}
		b.Run(name, func(b *testing.B) {
			clk := clock.NewFake(t0)
			st := openStoreB(b, clk)
			r := newRouter(b, benchRoutes(), clk, nil)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				c := &store.Crawl{State: store.SourceState{Name: "Banki forum", Crawled: true}}
				for j := 0; j < 100; j++ {
					m := newMention("Acme", fmt.Sprintf("post %d", j))
					m.ThreadURL, m.FoundAt = fmt.Sprintf("https://forum.example/t/%d", j%10), t0
					if j%7 == 0 {
						m.Severity = model.SeverityCritical
					}
					c.Docs = append(c.Docs, model.Document{ID: m.DocID, URL: m.URL})
					c.Mentions = append(c.Mentions, m)
				}
				var enqueue store.EnqueueFunc
				if routed {
					enqueue = r.Enqueue
				}
				if _, err := st.SaveCrawl(context.Background(), c, enqueue); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*100), "µs/mention")
		})
	}
}

// BenchmarkFlush measures delivering 200 as-it-happens alerts to an
// incoming webhook on loopback, from the outbox to "sent".
func BenchmarkFlush(b *testing.B) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		clk := clock.NewFake(t0)
		st := openStoreB(b, clk)
		srv := slackfake.New(botToken, "pr-alerts")
		cfg := alertsConfig(config.Route{Slack: "#pr-alerts"})
		cfg.Slack.WebhookURL = srv.WebhookURL("a", "SECRETHOOKPATH")
		r := newRouter(b, cfg, clk, nil)
		ns, _ := NewNotifiers(cfg, io.Discard, srv.Client(), nil)
		w := NewWorker(st, ns, WorkerOptions{Clock: clk})
		var ms []*model.Mention
		for j := 0; j < 200; j++ {
			ms = append(ms, newMention("Acme", fmt.Sprintf("post %d", j)))
		}
		save(b, st, r, clk, ms...)
		b.StartTimer()
		if left, err := w.Flush(context.Background()); err != nil || left.Total() != 0 {
			b.Fatalf("Flush = %d, %v", left, err)
		}
		b.StopTimer()
		if n := len(srv.Posts()); n != 200 {
			b.Fatalf("%d posts", n)
		}
		srv.Close()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*200), "µs/alert")
}

// BenchmarkCheckWaves measures one wave check over a brand with 14 days
// of history (5 negative mentions an hour: 1680 rows).
func BenchmarkCheckWaves(b *testing.B) {
	clk := clock.NewFake(t0)
	st := openStoreB(b, clk)
	cfg := alertsConfig(config.Route{When: "false", Stdout: true})
	r := newRouter(b, cfg, clk, nil)
	var ms []*model.Mention
	for h := 0; h < 14*24; h++ {
		for k := 0; k < 5; k++ {
			m := newMention("Acme", "x")
			m.Sentiment, m.Negativity = model.Negative, 0.8
			m.PublishedAt = t0.Add(-time.Duration(h)*time.Hour - time.Duration(k)*time.Minute)
			m.FoundAt = m.PublishedAt
			ms = append(ms, m)
		}
	}
	save(b, st, r, clk, ms...)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := r.CheckWaves(context.Background(), st); err != nil {
			b.Fatal(err)
		}
	}
}
