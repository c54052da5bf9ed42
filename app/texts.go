package app

import "context"

// pruneTexts deletes the kept document texts older than storage.keep_text
// (all of them when it is 0).
func (d *Daemon) pruneTexts(ctx context.Context) {
	keep := d.pipeline.Compiled().Cfg.Storage.KeepText.D()
	n, err := d.store.PruneTexts(ctx, d.opts.Clock.Now().Add(-keep))
	switch {
	case err != nil && ctx.Err() == nil:
		d.log.Warn("pruning document texts", "err", err)
	case n > 0:
		d.log.Info("pruned document texts", "documents", n, "keep_text", keep.String())
	}
}
