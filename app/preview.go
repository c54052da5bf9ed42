package app

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/watcher/fetch"
)

// Preview fetches the named source now — every page it would crawl — and
// returns the documents it yields, storing and alerting nothing.
func Preview(ctx context.Context, c *Compiled, name string, log *slog.Logger) ([]model.Document, error) {
	for _, src := range c.Cfg.Sources {
		if src.Name != name {
			continue
		}
		o := fetch.OptionsFrom(c.Cfg.HTTP)
		o.Logger = log
		p := &Pipeline{clock: clock.Real{}, log: log}
		docs, _, _, err := p.fetchDocs(ctx, c, fetch.New(o), src, store.SourceState{})
		return docs, err
	}
	return nil, fmt.Errorf("no source named %q", name)
}
