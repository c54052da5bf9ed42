package store

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestNegativeCountsMatchEvents: the per-window counts the wave check
// reads are what counting NegativeEvents by window gives — times taken
// as published (or found when later), a time after now counted as now,
// neutral and backfilled mentions, false positives, mentions of a muted
// source and those found before since left out.
func TestNegativeCountsMatchEvents(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		st := openOutbox(t)
		ctx := context.Background()
		now, win := outboxT0, time.Hour
		since := now.Add(-24 * time.Hour)
		var ms []*model.Mention
		add := func(sentiment string, published, found time.Time, backfill bool) {
			m := mention(fmt.Sprintf("m%d", len(ms)), "Acme")
			m.Sentiment, m.PublishedAt, m.FoundAt, m.Backfill = sentiment, published, found, backfill
			ms = append(ms, m)
		}
		for i := range 40 {
			found := now.Add(-time.Duration(i*37) * time.Minute)
			add(model.Negative, found.Add(-time.Duration(i%5)*25*time.Minute), found, false)
		}
		add(model.Negative, now.Add(2*time.Hour), now.Add(-time.Minute), false) // published "after now"
		add(model.Negative, time.Time{}, now.Add(-90*time.Minute), false)       // no publication date
		add(model.Negative, now.Add(-30*time.Hour), now.Add(-23*time.Hour), false)
		add(model.Neutral, now.Add(-time.Hour), now.Add(-time.Hour), false)
		add(model.Negative, now.Add(-time.Hour), now.Add(-time.Hour), true)
		add(model.Negative, now.Add(-26*time.Hour), now.Add(-25*time.Hour), false) // found before since
		add(model.Negative, now.Add(-2*time.Hour), now.Add(-2*time.Hour), false)
		ms[len(ms)-1].Status = model.StatusFalsePositive // not about the brand
		add(model.Negative, now.Add(-3*time.Hour), now.Add(-3*time.Hour), false)
		ms[len(ms)-1].Status = model.StatusHandled // still a real mention
		add(model.Negative, now.Add(-4*time.Hour), now.Add(-4*time.Hour), false)
		spam := ms[len(ms)-1]
		spam.Source = "Spam blog" // muted below: no longer alerted
		c := &Crawl{State: SourceState{Name: "src"}, Mentions: ms}
		for _, m := range ms {
			c.Docs = append(c.Docs, doc(m.DocID, ""))
		}
		if _, err := st.SaveCrawl(ctx, c, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Act(ctx, spam.ID, Action{Name: model.ActionMuteSource, User: "anna"}); err != nil {
			t.Fatal(err)
		}

		events, err := st.NegativeEvents(ctx, "Acme", since)
		if err != nil {
			t.Fatal(err)
		}
		var want []int
		for _, e := range events {
			k := int(max(now.Sub(e.At), 0) / win)
			for len(want) <= k {
				want = append(want, 0)
			}
			want[k]++
		}
		got, err := st.NegativeCounts(ctx, "Acme", now, win, since)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("NegativeCounts = %v\nfrom events    %v", got, want)
		}
		if len(events) != 43 { // 39 of the 40 (the last was found 24h03m ago), and 4 more
			t.Errorf("%d negative events, want 43", len(events))
		}
		if slices.ContainsFunc(events, func(e NegativeEvent) bool { return e.Source == "Spam blog" }) {
			t.Error("a muted source's mention is a negative event")
		}
		if _, err := st.Act(ctx, spam.ID, Action{Name: model.ActionUnmuteSource, User: "anna"}); err != nil {
			t.Fatal(err)
		}
		if events, err := st.NegativeEvents(ctx, "Acme", since); err != nil || len(events) != 44 {
			t.Errorf("%d negative events once the source is unmuted, %v; want 44", len(events), err)
		}
		if got, err := st.NegativeCounts(ctx, "Nobody", now, win, since); err != nil || len(got) != 0 {
			t.Errorf("NegativeCounts of a brand with none = %v, %v", got, err)
		}
	})
}
