package app

import (
	"context"
	"fmt"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// escalateHotThreads raises to critical the most negative mention of each
// brand in a thread whose replies grew by at least alerts.hot_thread
// .min_growth since the previous crawl, when that mention is negative enough
// — "this thread is heating up". Mentions found in this same crawl were
// scored with the growth already; this catches threads whose earlier
// mention was stored by an earlier crawl. Each mention escalates once.
func (p *Pipeline) escalateHotThreads(ctx context.Context, c *Compiled, urls []string, growth func(string) int) ([]*model.Mention, error) {
	hot := c.Cfg.Alerts.Hot
	if hot.MinGrowth <= 0 {
		return nil, nil
	}
	var out []*model.Mention
	for _, u := range urls {
		g := growth(u)
		if g < hot.MinGrowth {
			continue
		}
		ms, err := p.store.Mentions(ctx, store.MentionFilter{ThreadURL: u})
		if err != nil {
			return out, err
		}
		best := map[string]*model.Mention{}
		for i := range ms {
			m := &ms[i]
			if m.Negativity < hot.MinNegativity {
				continue
			}
			if b := best[m.Brand]; b == nil || m.Negativity > b.Negativity {
				best[m.Brand] = m
			}
		}
		for _, m := range best {
			if m.Severity == model.SeverityCritical && !m.Backfill {
				continue
			}
			m.Severity = model.SeverityCritical
			m.Backfill = false
			m.Growth = g
			m.Tags = mergeTags(m.Tags, []string{"hot_thread"})
			m.Rules = append(m.Rules, model.FiredRule{Name: "hot thread",
				Effect: fmt.Sprintf("replies +%d since the last crawl: severity critical", g)})
			if err := p.store.UpdateScores(ctx, m, c.Router.Enqueue); err != nil {
				return out, err
			}
			out = append(out, m)
		}
	}
	return out, nil
}
