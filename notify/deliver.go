package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/redact"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// errNothingToSend marks a send whose mentions were deleted (retention).
var errNothingToSend = errors.New("nothing to send: the alert's mentions were deleted")

// deliver attempts one send. It returns false when the destination
// should not be tried again in this pass (it is failing, or rate limited).
func (w *Worker) deliver(ctx context.Context, sd store.Send) bool {
	log := w.log.With("send", sd.ID, "channel", sd.Channel, "target", sd.Target, "brand", sd.Brand, "kind", sd.Kind)
	w.leftOut = nil
	defer func() { w.leftOut = nil }()
	// Outcomes are recorded even when ctx ended meanwhile.
	rec := context.WithoutCancel(ctx)
	// Another daemon on the same database may be sending it: take it first
	// (store/outbox_claims.go), and go by its state as claimed.
	cur, ok, err := w.st.ClaimSend(ctx, sd.ID, w.opts.Clock.Now(), w.opts.Claim)
	if err != nil {
		log.Error("cannot claim alert", "error", err)
		return false
	}
	if !ok {
		return true
	}
	sd = cur
	n := w.notifiers.For(sd.Channel, sd.Target)
	if n == nil {
		w.fail(rec, sd, &alert.Error{Op: sd.Channel, Err: errNoNotifier})
		return true
	}
	msg, wait, err := w.message(ctx, sd)
	var below *waveBelow
	switch {
	case errors.Is(err, errNothingToSend):
		w.fail(rec, sd, err)
		return true
	case errors.Is(err, errReminderMoot):
		w.cancelReminder(rec, sd, err)
		return true
	case errors.Is(err, errWithdrawn):
		w.withdraw(rec, sd, err)
		return true
	case errors.As(err, &below):
		w.withdrawWave(rec, sd, below)
		return true
	case err != nil:
		log.Error("cannot build alert", "error", err)
		return true
	case !wait.IsZero():
		// A follow-up waits for the thread's first alert, to reply to it.
		if err := w.st.DeferSend(rec, sd.ID, wait); err != nil {
			log.Error("cannot defer alert", "error", err)
		}
		return true
	}
	if sd.Status == store.OutboxSending {
		// An earlier attempt has no known outcome: ask before sending again.
		if c, ok := n.(alert.Confirmer); ok {
			if msg.ChannelHint == "" && msg.ReplyTo.IsZero() {
				msg.ChannelHint, _ = w.st.LastExtChannel(ctx, sd.Channel, sd.Target)
			}
			found, err := c.Confirm(ctx, msg)
			switch {
			case ctx.Err() != nil:
				return false
			case err != nil && alert.Temporary(err):
				next := w.opts.Clock.Now().Add(w.retryWait(sd.Attempts, err))
				log.Warn("cannot check whether an earlier attempt arrived; will retry", "error", err, "next", next)
				_ = w.st.MarkSendRetry(rec, sd.ID, next, err.Error(), true)
				_ = w.st.DeferSends(rec, sd.Channel, sd.Target, next)
				return false
			case err != nil:
				log.Warn("cannot check whether an earlier attempt arrived; sending again", "error", err)
			case found:
				w.sent(rec, sd, msg, log, 0, true)
				return true
			}
		}
	}
	if err := w.st.MarkSendAttempt(ctx, sd.ID, w.opts.Clock.Now()); err != nil {
		log.Error("cannot record attempt", "error", err)
		return false
	}
	start := time.Now()
	retry, err := n.Notify(ctx, msg)
	took := time.Since(start)
	if w.opts.Metrics != nil {
		w.opts.Metrics.Duration.WithLabelValues(sd.Channel).Observe(took.Seconds())
	}
	if err == nil {
		w.sent(rec, sd, msg, log, took, false)
		return true
	}
	if ctx.Err() != nil {
		// Shutting down: the message stays "sending" and is checked and
		// sent after the restart.
		log.Info("alert abandoned at shutdown; it will be checked and sent after a restart")
		_ = w.st.ReleaseSend(rec, sd.ID)
		return false
	}
	if !retry {
		w.fail(rec, sd, err)
		return true
	}
	next := w.opts.Clock.Now().Add(w.retryWait(sd.Attempts+1, err))
	if merr := w.st.MarkSendRetry(rec, sd.ID, next, err.Error(), alert.Uncertain(err)); merr != nil {
		log.Error("cannot record failure", "error", merr)
	}
	if derr := w.st.DeferSends(rec, sd.Channel, sd.Target, next); derr != nil {
		log.Error("cannot defer alerts", "error", derr)
	}
	if w.opts.Metrics != nil {
		w.opts.Metrics.Retried.WithLabelValues(sd.Channel, retryReason(err)).Inc()
	}
	dest := sd.Channel + "|" + sd.Target
	w.streak[dest]++
	if w.streak[dest] == 1 {
		log.Warn("alert not delivered; will retry", "error", err, "attempt", sd.Attempts+1, "next", next)
	} else {
		log.Debug("alert not delivered; will retry", "error", err, "attempt", sd.Attempts+1, "next", next)
	}
	return false
}

// retryWait is the wait after a failed attempt number attempts: the
// service's Retry-After when it gave one, else the backoff.
func (w *Worker) retryWait(attempts int, err error) time.Duration {
	if ra := alert.RetryAfter(err); ra > 0 {
		return ra
	}
	return w.backoff(max(attempts, 1))
}

func (w *Worker) sent(ctx context.Context, sd store.Send, msg *alert.Message, log interface {
	Info(string, ...any)
	Error(string, ...any)
}, took time.Duration, confirmed bool) {
	w.skipLeftOut(ctx, sd)
	if err := w.st.MarkSendSent(ctx, sd.ID, msg.Receipt.Channel, msg.Receipt.ID, w.opts.Clock.Now()); err != nil {
		log.Error("alert sent but not recorded", "error", err)
		return
	}
	if w.opts.Metrics != nil {
		w.opts.Metrics.Sent.WithLabelValues(sd.Channel).Inc()
		at := w.opts.Clock.Now()
		if confirmed && !sd.AttemptedAt.IsZero() {
			at = sd.AttemptedAt // it arrived at the earlier attempt
		}
		w.opts.Metrics.observeSent(sd, msg, at)
	}
	dest := sd.Channel + "|" + sd.Target
	if s := w.streak[dest]; s > 0 {
		log.Info("delivery recovered", "failed_attempts", s)
	}
	delete(w.streak, dest)
	if confirmed {
		log.Info("alert sent", "mentions", len(msg.Items), "confirmed", true)
		return
	}
	log.Info("alert sent", "mentions", len(msg.Items), "attempts", sd.Attempts+1, "took", took.Round(time.Millisecond))
}

// fail records a permanent failure; each distinct error of a destination
// is logged at error level once.
func (w *Worker) fail(ctx context.Context, sd store.Send, err error) {
	w.skipLeftOut(ctx, sd)
	n, merr := w.st.MarkSendFailed(ctx, sd.ID, err.Error(), w.opts.Clock.Now())
	if merr != nil {
		w.log.Error("cannot record failure", "send", sd.ID, "error", merr)
	}
	if w.opts.Metrics != nil {
		w.opts.Metrics.Failed.WithLabelValues(sd.Channel, "permanent").Inc()
	}
	w.failedNow += n
	key := sd.Channel + "|" + sd.Target + "|" + err.Error()
	args := []any{"send", sd.ID, "channel", sd.Channel, "target", sd.Target, "brand", sd.Brand, "error", err}
	if !w.reported[key] {
		w.reported[key] = true
		w.log.Error("alert failed for good; not retried", args...)
	} else {
		w.log.Debug("alert failed for good; not retried", args...)
	}
}

// message builds the alert of a send. When the send is a follow-up whose
// thread's first alert is not sent yet, it returns the time to wait until.
func (w *Worker) message(ctx context.Context, sd store.Send) (*alert.Message, time.Time, error) {
	ds, err := w.st.SendDeliveries(ctx, sd.ID)
	if err != nil {
		return nil, time.Time{}, err
	}
	msg := &alert.Message{
		Key: w.instance + "-" + strconv.FormatInt(sd.ID, 10), ID: sd.ID, Kind: alert.Kind(sd.Kind),
		Channel: sd.Channel, Target: sd.Target, Route: sd.Route, Brand: sd.Brand, Frequency: sd.Frequency,
		Period:       alert.Period{Start: sd.PeriodStart, End: sd.PeriodEnd},
		FirstAttempt: sd.CreatedAt, Location: w.opts.Location,
	}
	if len(ds) == 0 {
		return nil, time.Time{}, errNothingToSend
	}
	if sd.Kind == store.SendWave {
		wv, err := w.st.WaveByID(ctx, ds[0].WaveID)
		if errors.Is(err, store.ErrNotFound) {
			return nil, time.Time{}, errNothingToSend
		}
		if err != nil {
			return nil, time.Time{}, err
		}
		msg.Wave = &alert.Wave{}
		if err := json.Unmarshal([]byte(wv.Payload), msg.Wave); err != nil {
			return nil, time.Time{}, fmt.Errorf("notify: wave %d: %w", wv.ID, err)
		}
		if err := w.recountWave(ctx, wv.ID, msg.Wave); err != nil {
			return nil, time.Time{}, err
		}
		// A wave of mentions stored before links lost their credentials
		// names their threads as stored.
		for i := range msg.Wave.Threads {
			msg.Wave.Threads[i].URL = redact.WithoutCredentials(msg.Wave.Threads[i].URL)
		}
		return msg, time.Time{}, nil
	}
	ids := make([]int64, 0, len(ds))
	for _, d := range ds {
		if d.MentionID != 0 {
			ids = append(ids, d.MentionID)
		}
	}
	ms, err := w.st.MentionsByID(ctx, ids)
	if err != nil {
		return nil, time.Time{}, err
	}
	for _, d := range ds {
		m, ok := ms[d.MentionID]
		if !ok {
			continue
		}
		// The mention may have been escalated since it was stored.
		if model.SeverityRank(d.Severity) > model.SeverityRank(m.Severity) {
			m.Severity = d.Severity
		}
		msg.Items = append(msg.Items, alert.Item{Mention: m.Public(), Why: d.Why, Growth: d.Growth})
	}
	if len(msg.Items) == 0 {
		return nil, time.Time{}, errNothingToSend
	}
	// A reminder is of one mention already alerted: w.reminder decides
	// whether it is still due (the mention still new, its source not
	// muted), and cancels it otherwise.
	if sd.Kind != store.SendReminder {
		if msg.Items, err = w.dropWithdrawn(ctx, sd, msg.Items); err != nil {
			return nil, time.Time{}, err
		}
	}
	alert.SortItems(msg.Items)
	single := sd.Kind == store.SendMention
	if sd.Kind == store.SendFold {
		if len(msg.Items) == 1 {
			// A fold of one mention is no storm: it goes as that
			// mention's own alert (foldOfOne).
			msg.Kind, single = alert.KindMention, true
			ds = foldOfOne(ds, msg.Items[0].Mention.ID)
		} else {
			msg.InboxURL = inboxURL(w.opts.BaseURL, sd.Brand, msg.Items)
		}
	}
	if sd.Kind == store.SendReminder {
		return w.reminder(ctx, sd, msg)
	}
	d := ds[0]
	if single && d.Followup && d.ThreadURL != "" {
		msg.Followup, msg.ThreadURL = true, redact.WithoutCredentials(d.ThreadURL)
		root, ok, err := w.st.ThreadRoot(ctx, d.Brand, d.ThreadURL, sd.Channel, sd.Target)
		if err != nil {
			return nil, time.Time{}, err
		}
		switch {
		case ok && root.Status == store.OutboxSent:
			if root.ExtID != "" {
				msg.ReplyTo = alert.Receipt{Channel: root.ExtChannel, ID: root.ExtID}
			}
		case ok:
			return nil, maxTime(root.NextAttempt, w.opts.Clock.Now().Add(time.Second)), nil
		default:
			pending, err := w.st.ThreadRootPending(ctx, d.Brand, d.ThreadURL, sd.Channel, sd.Target)
			if err != nil {
				return nil, time.Time{}, err
			}
			if pending {
				return nil, w.opts.Clock.Now().Add(w.opts.Backoff.Initial.D()), nil
			}
		}
	}
	return msg, time.Time{}, nil
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// foldOfOne returns, of a fold's deliveries, the one of the mention the
// fold is left with, first. A fold that holds a single mention when it is
// sent — a lone alert beyond alerts.burst after a busy spell, or a fold
// whose other mentions were withdrawn — is sent as that mention's own
// alert: the single-alert format with its buttons, its metadata kind
// "mention", a follow-up replying in its thread, and SLA reminders in the
// message's thread. Only a grouped message of several mentions saves the
// channel anything.
func foldOfOne(ds []store.Delivery, mentionID int64) []store.Delivery {
	for i, d := range ds {
		if d.MentionID == mentionID {
			return append([]store.Delivery{d}, append(ds[:i:i], ds[i+1:]...)...)
		}
	}
	return ds
}
