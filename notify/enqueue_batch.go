package notify

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// EnqueueBatch writes the deliveries of a crawl's newly stored mentions
// inside tx, the transaction that stores them: the deliveries Enqueue
// would write called for each mention in turn, in the same order, read
// and written in a few statements instead of a few per mention. The
// threads' earlier alerts are read in one query (store.ThreadAlerts) and
// the alerts of the crawl's own mentions are added to them as they are
// planned, so a later mention of the crawl in a thread that an earlier
// one alerted becomes its follow-up, as it does one by one. The mentions
// must be new (no deliveries yet), as SaveCrawlBatch passes them. It has
// the signature of store.EnqueueBatchFunc.
func (r *Router) EnqueueBatch(ctx context.Context, tx *store.Tx, ms []*model.Mention) error {
	keys := make([]store.ThreadKey, 0, len(ms))
	for _, m := range ms {
		if m.ID == 0 {
			return errors.New("notify: enqueue: mention has no ID")
		}
		if m.ThreadURL != "" {
			keys = append(keys, store.ThreadKey{Brand: m.Brand, URL: m.ThreadURL})
		}
	}
	now := r.now()
	threads, err := store.ThreadAlerts(ctx, tx, keys)
	if err != nil {
		return fmt.Errorf("notify: enqueue: %w", err)
	}
	var ds []store.NewDelivery
	for _, m := range ms {
		alerted := store.FirstAlerts(threads.Alerts(m.Brand, m.ThreadURL), m.ID)
		planned := r.deliveries(m, alerted, now)
		// What ThreadAlerted would see of this mention's deliveries once
		// inserted (nothing without a thread).
		for _, d := range planned {
			if d.Kind == store.DeliveryMention && d.Frequency == config.FrequencyAsItHappens && !d.Followup {
				threads.Add(m.Brand, m.ThreadURL, store.ThreadAlert{MentionID: m.ID,
					ThreadTarget: store.ThreadTarget{Route: d.Route, Channel: d.Channel, Target: d.Target}})
			}
		}
		ds = append(ds, planned...)
	}
	if err := store.InsertDeliveries(ctx, tx, ds, now); err != nil {
		return fmt.Errorf("notify: enqueue: %w", err)
	}
	return nil
}

// deliveries plans the deliveries of m at now: one per target of every
// matching route, and a follow-up for every target in alerted, the
// channels and targets where an earlier mention of the same brand in the
// same thread alerted as it happened (store.ThreadAlerted).
func (r *Router) deliveries(m *model.Mention, alerted []store.ThreadTarget, now time.Time) []store.NewDelivery {
	env := Env(m, now)
	type planned struct {
		rt       *route
		routeNm  string
		t        Target
		freq     string
		followup bool
	}
	var plan []planned
	seen := map[Target]bool{}
	for _, rt := range r.match(&env) {
		for _, t := range rt.targets {
			if seen[t] {
				continue
			}
			seen[t] = true
			plan = append(plan, planned{rt: rt, routeNm: rt.name, t: t, freq: rt.frequency})
		}
	}
	for _, a := range alerted {
		t := Target{a.Channel, a.Target}
		if seen[t] {
			for i := range plan {
				if plan[i].t == t && plan[i].freq == config.FrequencyAsItHappens {
					plan[i].followup = true
				}
			}
			continue
		}
		seen[t] = true
		plan = append(plan, planned{rt: r.byName[a.Route], routeNm: a.Route, t: t,
			freq: config.FrequencyAsItHappens, followup: true})
	}
	out := make([]store.NewDelivery, 0, len(plan))
	for _, p := range plan {
		d := store.NewDelivery{
			Key:       "m:" + strconv.FormatInt(m.ID, 10) + ":" + p.t.Channel + ":" + p.t.Target,
			MentionID: m.ID, Kind: store.DeliveryMention, Route: p.routeNm,
			Channel: p.t.Channel, Target: p.t.Target, Brand: m.Brand, Frequency: p.freq,
			Severity: m.Severity, Followup: p.followup, ThreadURL: m.ThreadURL, Growth: m.Growth, DueAt: now,
		}
		if p.rt != nil {
			d.Why = fmt.Sprintf("route %q (%s)", p.rt.name, p.rt.when.String())
		} else {
			d.Why = fmt.Sprintf("follow-up of route %q", p.routeNm)
		}
		if p.followup {
			d.Why = "new post in a thread already alerted; " + d.Why
		}
		if p.freq != config.FrequencyAsItHappens {
			d.PeriodStart, d.DueAt = period(p.freq, now, r.loc)
		}
		if p.rt != nil && m.Severity != model.SeverityCritical {
			d.HoldUntil = p.rt.quiet.hold(d.DueAt)
		}
		out = append(out, d)
	}
	return out
}
