package notify

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// slaHorizon is how overdue a mention may be and still get its reminder
// queued: a daemon that was down longer does not remind of what it missed
// beyond this, and each check reads at most this much of the backlog.
const slaHorizon = 24 * time.Hour

// slaPolicy is alerts.sla and alerts.escalate_to, compiled.
type slaPolicy struct {
	after      map[string]time.Duration // severity → SLA
	severities []string                 // the keys of after, sorted
	shortest   time.Duration
	escalate   []Target
}

func newSLAPolicy(cfg config.Alerts) slaPolicy {
	p := slaPolicy{after: map[string]time.Duration{}}
	for sev, d := range cfg.SLA {
		if d <= 0 {
			continue // refused by config validation
		}
		p.after[sev] = d.D()
		p.severities = append(p.severities, sev)
		if p.shortest == 0 || d.D() < p.shortest {
			p.shortest = d.D()
		}
	}
	slices.Sort(p.severities)
	if len(p.after) > 0 && !cfg.EscalateTo.IsZero() {
		p.escalate = routeTargets(cfg.EscalateTo.Route())
	}
	return p
}

// HasSLA reports whether alerts.sla asks for reminders.
func (r *Router) HasSLA() bool { return len(r.sla.after) > 0 }

// CheckSLA queues a reminder for every mention that was alerted, is still
// new, and whose severity's SLA (alerts.sla) ran out by now: one in the
// thread of each alert it got (held by that route's quiet hours unless
// it is critical) and one to each alerts.escalate_to target. A mention
// gets one reminder per target however often this runs, also across
// restarts (their keys are unique in the outbox). It returns how many
// reminders it queued and when the next one falls due (zero: none is in
// sight; mentions found later are not).
func (r *Router) CheckSLA(ctx context.Context, st *store.Store, now time.Time) (queued int, next time.Time, err error) {
	for _, sev := range r.sla.severities {
		sla := r.sla.after[sev]
		since, err := st.SLASince(ctx, sev, now)
		if err != nil {
			return queued, next, err
		}
		until := now.Add(-sla)
		from := maxTime(until.Add(-slaHorizon), since.Add(-sla))
		over, err := st.Overdue(ctx, sev, from, until)
		if err != nil {
			return queued, next, err
		}
		var ds []store.NewDelivery
		for _, o := range over {
			ds = append(ds, r.reminders(o, sla, now)...)
		}
		if len(ds) > 0 {
			n, err := st.EnqueueReminders(ctx, ds, now)
			if err != nil {
				return queued, next, err
			}
			queued += n
		}
		at, ok, err := st.NextUnanswered(ctx, sev, until)
		if err != nil {
			return queued, next, err
		}
		if due := at.Add(sla); ok && (next.IsZero() || due.Before(next)) {
			next = due
		}
	}
	return queued, next, nil
}

// reminders returns the reminder deliveries of an overdue mention.
func (r *Router) reminders(o store.Overdue, sla time.Duration, now time.Time) []store.NewDelivery {
	why := fmt.Sprintf("still new %s after it was found (alerts.sla.%s)", alert.Elapsed(sla), o.Severity)
	var out []store.NewDelivery
	seen := map[Target]bool{}
	add := func(route string, t Target, due time.Time, why string) {
		if seen[t] {
			return
		}
		seen[t] = true
		d := store.NewDelivery{Key: store.ReminderKey(o.ID, t.Channel, t.Target), MentionID: o.ID,
			Kind: store.DeliveryReminder, Route: route, Channel: t.Channel, Target: t.Target, Brand: o.Brand,
			Frequency: store.FrequencyAsItHappens, Severity: o.Severity, Why: why, DueAt: due}
		if rt := r.byName[route]; rt != nil && o.Severity != model.SeverityCritical {
			d.HoldUntil = rt.quiet.hold(due)
		}
		out = append(out, d)
	}
	for _, a := range o.Alerts {
		// A reply waits for its alert (an hourly group, held alerts): it
		// is not due before it, so a flush does not wait for it either.
		add(a.Route, Target{a.Channel, a.Target}, maxTime(now, a.Waiting), why)
	}
	// The escalation is held by the quiet hours of the route that alerted
	// the mention first.
	first := ""
	if len(o.Alerts) > 0 {
		first = o.Alerts[0].Route
	}
	for _, t := range r.sla.escalate {
		add(first, t, now, why+"; escalated (alerts.escalate_to)")
	}
	return out
}

// checkSLA runs the router's SLA check when it is due — at the latest
// every Idle (or every shortest SLA, when shorter), and at the time the
// next known reminder falls due — not at every kick.
func (w *Worker) checkSLA(ctx context.Context, now time.Time) {
	if w.router == nil || !w.router.HasSLA() || now.Before(w.nextSLA) {
		return
	}
	every := min(w.opts.Idle, w.router.sla.shortest)
	n, next, err := w.router.CheckSLA(ctx, w.st, now)
	w.nextSLA = now.Add(every)
	if err != nil {
		w.log.Error("SLA check failed", "error", err)
		w.nextSLA = now.Add(min(every, w.opts.Backoff.Initial.D()))
		return
	}
	if n > 0 {
		w.log.Info("reminders queued: mentions still unanswered after their SLA", "reminders", n)
	}
	if !next.IsZero() && next.Before(w.nextSLA) {
		w.nextSLA = maxTime(next, now.Add(time.Millisecond))
	}
}

// slaWake returns next, or the time of the next SLA check when that comes
// first.
func (w *Worker) slaWake(next time.Time, ok bool) (time.Time, bool) {
	if w.router == nil || !w.router.HasSLA() || w.nextSLA.IsZero() {
		return next, ok
	}
	if !ok || w.nextSLA.Before(next) {
		return w.nextSLA, true
	}
	return next, ok
}

// errReminderMoot marks a reminder whose mention was handled (or marked a
// false positive), or whose source was muted, while the reminder waited:
// it is not sent.
var errReminderMoot = errors.New("the mention needs no reminder any more")

// reminder completes the message of a reminder send. It goes in the
// thread of the mention's alert on the same target once that alert is
// sent (it waits for it until then), or on its own where the mention was
// not alerted (alerts.escalate_to) or its alert failed.
func (w *Worker) reminder(ctx context.Context, sd store.Send, msg *alert.Message) (*alert.Message, time.Time, error) {
	m := msg.Items[0].Mention
	if m.Status != model.StatusNew {
		return nil, time.Time{}, fmt.Errorf("reminder of mention %d: %w (%s)", m.ID, errReminderMoot, m.Status)
	}
	muted, err := w.st.MutedSources(ctx)
	if err != nil {
		return nil, time.Time{}, err
	}
	if _, ok := muted[m.Source]; ok {
		return nil, time.Time{}, fmt.Errorf("reminder of mention %d: %w (its source %q is muted)", m.ID, errReminderMoot, m.Source)
	}
	now := w.opts.Clock.Now()
	msg.Reminder = &alert.Reminder{After: now.Sub(m.FoundAt)}
	if w.router != nil {
		msg.Reminder.SLA = w.router.sla.after[m.Severity]
	}
	ad, asd, ok, err := w.st.AlertOf(ctx, m.ID, sd.Channel, sd.Target)
	switch {
	case err != nil:
		return nil, time.Time{}, err
	case !ok:
		msg.Reminder.Escalation = true
	case ad.Status == store.OutboxFailed:
		// The alert failed for good here: the reminder goes on its own.
	case asd.ID != 0 && asd.Status == store.OutboxSent:
		if asd.ExtID != "" {
			msg.ReplyTo = alert.Receipt{Channel: asd.ExtChannel, ID: asd.ExtID}
		}
	case asd.ID != 0:
		return nil, maxTime(asd.NextAttempt, now.Add(time.Second)), nil
	default:
		// The alert waits for its period's end or for quiet hours.
		return nil, maxTime(maxTime(ad.DueAt, ad.HoldUntil), now.Add(time.Second)), nil
	}
	return msg, time.Time{}, nil
}

// cancelReminder takes a moot reminder out of the queue.
func (w *Worker) cancelReminder(ctx context.Context, sd store.Send, why error) {
	if err := w.st.CancelSend(ctx, sd.ID, why.Error(), w.opts.Clock.Now()); err != nil {
		w.log.Error("cannot cancel reminder", "send", sd.ID, "error", err)
		return
	}
	w.log.Info("reminder not sent", "send", sd.ID, "channel", sd.Channel, "target", sd.Target, "reason", why)
}
