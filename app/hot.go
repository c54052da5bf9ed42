package app

import (
	"context"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// escalateHotThreads applies the hot-thread rule (score.Engine.Escalate)
// to the most negative mention of each brand in a thread whose replies
// grew since the previous crawl — "this thread is heating up". Mentions
// found in this same crawl were scored with the growth already; this
// catches threads whose earlier mention was stored by an earlier crawl.
// An escalated mention is routed on the same data as a new one: its
// stored text, and its source's weight and tags as the config says now.
// Each mention escalates once. legacy maps a thread's URL to the one its
// mentions were stored with before links lost their credentials
// (publicLinks), where the two differ.
func (p *pipeline) escalateHotThreads(ctx context.Context, c *Compiled, urls []string, legacy map[string]string, growth func(string) int) ([]*model.Mention, error) {
	if c.Cfg.Alerts.Hot.MinGrowth <= 0 {
		return nil, nil
	}
	var out []*model.Mention
	for _, u := range urls {
		g := growth(u)
		if g < c.Cfg.Alerts.Hot.MinGrowth {
			continue
		}
		ms, err := p.store.Mentions(ctx, store.MentionFilter{ThreadURL: u})
		if err != nil {
			return out, err
		}
		if old := legacy[u]; old != "" {
			before, err := p.store.Mentions(ctx, store.MentionFilter{ThreadURL: old})
			if err != nil {
				return out, err
			}
			ms = append(ms, before...)
		}
		best := map[string]*model.Mention{}
		for i := range ms {
			m := &ms[i]
			if b := best[m.Brand]; b == nil || m.Negativity > b.Negativity {
				best[m.Brand] = m
			}
		}
		for _, m := range best {
			if !c.Scorer.Escalate(m, g) {
				continue
			}
			if src, ok := c.Source(m.Source); ok {
				m.SourceWeight, m.SourceTags = src.Weight, src.Tags
			}
			if err := p.store.UpdateScores(ctx, m, c.Router.Enqueue); err != nil {
				return out, err
			}
			out = append(out, m)
		}
	}
	return out, nil
}
