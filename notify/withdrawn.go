package notify

import (
	"context"
	"errors"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// errWithdrawn marks a send whose mentions were all marked false
// positives, or whose sources were muted, while it waited: it is not sent.
var errWithdrawn = errors.New("its mentions were marked false positives or their source muted before it went out")

// withdrawn reports whether a mention waiting to be alerted should no
// longer be: it was marked a false positive (not about the brand), or its
// source is muted now. A mention marked handled is still a real mention.
func withdrawn(m model.Mention, muted map[string]store.MutedSource) bool {
	if m.Status == model.StatusFalsePositive {
		return true
	}
	_, ok := muted[m.Source]
	return ok
}

// dropWithdrawn leaves out of items the mentions that are withdrawn now,
// and notes them in w.leftOut. A store error is returned (the send is
// retried, never lost); errWithdrawn when none is left.
func (w *Worker) dropWithdrawn(ctx context.Context, sd store.Send, items []alert.Item) ([]alert.Item, error) {
	muted, err := w.st.MutedSources(ctx)
	if err != nil {
		return nil, err
	}
	var keep []alert.Item
	var drop []int64
	for _, it := range items {
		if withdrawn(it.Mention, muted) {
			drop = append(drop, it.Mention.ID)
			continue
		}
		keep = append(keep, it)
	}
	switch {
	case len(drop) == 0:
		return items, nil
	case len(keep) == 0:
		return nil, errWithdrawn
	}
	w.leftOut = drop
	w.log.Debug("mentions left out of an alert: marked false positives or their source muted",
		"send", sd.ID, "left_out", len(drop), "mentions", len(keep))
	return keep, nil
}

// skipLeftOut takes the deliveries of the mentions the send leaves out
// (w.leftOut) out of it, once it has gone out or failed for good: until
// then every attempt decides again, so that a mention unmarked, or whose
// source is unmuted, while the send waits for a retry is in it again.
func (w *Worker) skipLeftOut(ctx context.Context, sd store.Send) {
	if len(w.leftOut) == 0 {
		return
	}
	if _, err := w.st.SkipDeliveries(ctx, sd.ID, w.leftOut); err != nil {
		w.log.Error("cannot record the mentions left out of an alert", "send", sd.ID, "error", err)
		return
	}
	w.log.Info("mentions left out of an alert: marked false positives or their source muted",
		"send", sd.ID, "channel", sd.Channel, "target", sd.Target, "left_out", len(w.leftOut))
	w.leftOut = nil
}

// withdraw records a send none of whose mentions is to be sent any more:
// it leaves the outbox, cancelled, with the reason.
func (w *Worker) withdraw(ctx context.Context, sd store.Send, why error) {
	if err := w.st.CancelSend(ctx, sd.ID, "not sent: "+why.Error(), w.opts.Clock.Now()); err != nil {
		w.log.Error("cannot cancel alert", "send", sd.ID, "error", err)
		return
	}
	w.log.Info("alert not sent", "send", sd.ID, "channel", sd.Channel, "target", sd.Target, "brand", sd.Brand, "reason", why)
}
