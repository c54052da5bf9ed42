package store

import (
	"context"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestSourceRateSurvivesRestart: a source's rate of new entries and its
// next run, written with a crawl, are read back by a restarted process.
func TestSourceRateSurvivesRestart(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s, path := open(t)
		ctx := context.Background()
		rate := Rate{Count: 12.5, At: t0, Since: t0.Add(-3 * time.Hour)}
		c := &Crawl{State: SourceState{Name: "busy", Crawled: true, NextRunAt: t0.Add(7 * time.Minute), Rate: rate},
			Docs: []model.Document{doc("a", "https://busy.example/a")}}
		if _, err := s.SaveCrawl(ctx, c, nil); err != nil {
			t.Fatal(err)
		}
		s.Close()
		got, err := reopen(t, path).Source(ctx, "busy")
		if err != nil {
			t.Fatal(err)
		}
		if got.Rate != rate || !got.NextRunAt.Equal(t0.Add(7*time.Minute)) {
			t.Errorf("after restart: rate %+v next %v; want %+v next %v", got.Rate, got.NextRunAt, rate, t0.Add(7*time.Minute))
		}
	})
}
