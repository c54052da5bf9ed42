package app

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/redact"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/matchers"
	"github.com/mentionwatch/mentionwatch/watcher/fetch"
)

// PreviewDoc is a document a source yields, with what the daemon would
// make of it.
type PreviewDoc struct {
	model.Document
	// Lang is the language the matcher detected.
	Lang string
	// Mentions are the mentions the daemon would store of it: one per
	// brand whose query matches (among the brands the source watches),
	// with the matched words and the scores, as the pipeline builds them.
	// A reply that only continues a thread about a brand is not counted:
	// that needs the store's memory of the thread.
	Mentions []*model.Mention
}

// Preview fetches the named source now — every page it would crawl — and
// returns the documents it yields with the brands each would be a mention
// of and how each would be scored, storing and alerting nothing.
func Preview(ctx context.Context, c *Compiled, name string, log *slog.Logger) ([]PreviewDoc, error) {
	for _, src := range c.Cfg.Sources {
		if src.Name != name {
			continue
		}
		if log == nil {
			log = slog.New(slog.DiscardHandler)
		}
		log = slog.New(redact.Handler(log.Handler()))
		o := fetch.OptionsFrom(c.Cfg.HTTP)
		o.Logger = log
		p := &pipeline{clock: clock.Real{}, log: log}
		docs, _, _, err := p.fetchDocs(ctx, c, fetch.New(o), src, store.SourceState{})
		if err != nil {
			return nil, err
		}
		docs, _ = publicLinks(docs) // the links a crawl would store
		now := p.clock.Now()
		out := make([]PreviewDoc, len(docs))
		for i, d := range docs {
			out[i] = p.judge(c, src, d, now)
		}
		return out, nil
	}
	return nil, fmt.Errorf("no source named %q", name)
}

// judge matches d against the brands src watches and builds each mention
// with the pipeline's own mention (which scores it), as a crawl would.
func (p *pipeline) judge(c *Compiled, src config.Source, d model.Document, now time.Time) PreviewDoc {
	allowed := brandFilter(c, src)
	res := c.Matcher.Match(matchers.Doc{Title: d.Title, Text: d.Text, URL: d.URL})
	pd := PreviewDoc{Document: d, Lang: res.Lang}
	for _, m := range res.Matches {
		if allowed(m.Brand) {
			pd.Mentions = append(pd.Mentions, p.mention(c, src, d, res.Lang, m.Brand, m.Matched, m.Snippet, 0, nil, now))
		}
	}
	return pd
}
