package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/notify"
)

// BenchmarkSaveCrawlRouted is the crawl's write path with real routing:
// one crawl of 100 new mentions in 10 new threads, routed by a
// notify.Router on two routes (every mention as it happens to #mentions,
// the first of each thread as its alert and the others as follow-ups, and
// to an hourly #digest group): 200 deliveries a crawl, written mention by
// mention (Router.Enqueue through SaveCrawl) or for the whole crawl
// (Router.EnqueueBatch through SaveCrawlBatch).
func BenchmarkSaveCrawlRouted(b *testing.B) {
	backendsB(b, func(b *testing.B, newLoc func(testing.TB) string) {
		r, err := notify.NewRouter(config.Alerts{TimeZone: "UTC", Routes: []config.Route{
			{Name: "alerts", When: "true", Slack: "#mentions", Frequency: config.FrequencyAsItHappens, Continue: true},
			{Name: "digest", When: "true", Slack: "#digest", Frequency: config.FrequencyHourly},
		}}, notify.RouterOptions{Now: func() time.Time { return late }})
		if err != nil {
			b.Fatal(err)
		}
		for _, batched := range []bool{false, true} {
			name := "one_by_one"
			if batched {
				name = "batched"
			}
			b.Run(name, func(b *testing.B) {
				ctx := context.Background()
				st := openAt(b, newLoc(b))
				n := 0
				for b.Loop() {
					var ms []*model.Mention
					for range 100 {
						n++
						ms = append(ms, threadMention(fmt.Sprintf("%s-%d", name, n), "Acme",
							fmt.Sprintf("https://forum.example/t/%d", (n-1)/10), model.SeverityInfo))
					}
					var stored []*model.Mention
					var err error
					if batched {
						stored, err = st.SaveCrawlBatch(ctx, crawlOf(ms...), r.EnqueueBatch)
					} else {
						stored, err = st.SaveCrawl(ctx, crawlOf(ms...), r.Enqueue)
					}
					if err != nil || len(stored) != 100 {
						b.Fatal(len(stored), err)
					}
				}
				b.StopTimer()
				ds := allDeliveries(b, st)
				followups := 0
				for _, d := range ds {
					if d.Followup {
						followups++
					}
				}
				if len(ds) != 2*n || followups != 9*n/10 {
					b.Fatalf("%d deliveries (%d follow-ups) of %d mentions", len(ds), followups, n)
				}
			})
		}
	})
}
