package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/internal/when"
	"github.com/mentionwatch/mentionwatch/notify/alert"
	"github.com/mentionwatch/mentionwatch/notify/slack"
	"github.com/mentionwatch/mentionwatch/notify/webhook"
)

// RouteError is a problem with one route of alerts.routes (Index >= 0) or
// with a setting of alerts itself (Index -1).
type RouteError struct {
	Index int
	// Field is the route's field, e.g. "when" or "quiet_hours.start"; ""
	// for the route as a whole.
	Field string
	Err   error
}

// Path is the config path of the field, e.g. "alerts.routes[2].when".
func (e *RouteError) Path() string {
	p := "alerts"
	if e.Index >= 0 {
		p = "alerts.routes[" + strconv.Itoa(e.Index) + "]"
	}
	if e.Field != "" {
		p += "." + e.Field
	}
	return p
}

// Error formats the error as "path: message".
func (e *RouteError) Error() string { return e.Path() + ": " + e.Err.Error() }

// Unwrap returns the underlying error.
func (e *RouteError) Unwrap() error { return e.Err }

// RouteErrors are every problem NewRouter found.
type RouteErrors []*RouteError

// Error lists the problems, one per line.
func (es RouteErrors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the problems, so errors.As finds a *RouteError.
func (es RouteErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// Target is one destination: a channel (alert.ChannelSlack, …) and where
// on it.
type Target struct {
	Channel string
	Target  string
}

// RouterOptions configure a Router.
type RouterOptions struct {
	// Now is the clock (default time.Now).
	Now    func() time.Time
	Logger *slog.Logger
}

// Router decides which deliveries a mention gets: it evaluates the
// routes' when: expressions (first match wins unless continue: true),
// groups hourly and daily routes into periods, holds non-critical alerts
// through a route's quiet hours, turns mentions in a thread that already
// alerted into follow-ups, and detects negative waves.
type Router struct {
	routes []*route
	byName map[string]*route
	loc    *time.Location
	wave   config.Wave
	now    func() time.Time
	log    *slog.Logger
	warned sync.Map // route name → struct{}: expression errors logged once
	sla    slaPolicy
}

type route struct {
	index     int
	name      string
	when      *when.Program
	targets   []Target
	frequency string
	cont      bool
	quiet     *quietHours
}

// NewRouter compiles cfg's routes. On any problem it returns RouteErrors
// listing all of them.
func NewRouter(cfg config.Alerts, opts RouterOptions) (*Router, error) {
	r := &Router{byName: map[string]*route{}, wave: cfg.Wave, now: opts.Now, log: opts.Logger, loc: time.Local,
		sla: newSLAPolicy(cfg)}
	if r.now == nil {
		r.now = time.Now
	}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	var errs RouteErrors
	if cfg.TimeZone != "" {
		loc, err := time.LoadLocation(cfg.TimeZone)
		if err != nil {
			errs = append(errs, &RouteError{Index: -1, Field: "time_zone", Err: fmt.Errorf("unknown time zone %q", cfg.TimeZone)})
		} else {
			r.loc = loc
		}
	}
	for i, rc := range cfg.Routes {
		rt := &route{index: i, name: rc.Name, frequency: rc.Frequency, cont: rc.Continue}
		if rt.name == "" {
			rt.name = "route " + strconv.Itoa(i+1)
		}
		if rt.frequency == "" {
			rt.frequency = config.FrequencyAsItHappens
		}
		add := func(field string, err error) { errs = append(errs, &RouteError{Index: i, Field: field, Err: err}) }
		src := strings.TrimSpace(rc.When)
		if src == "" {
			src = "true"
		}
		p, err := when.Compile(src)
		if err != nil {
			add("when", err)
		}
		rt.when = p
		switch rt.frequency {
		case config.FrequencyAsItHappens, config.FrequencyHourly, config.FrequencyDaily:
		default:
			add("frequency", fmt.Errorf("unknown frequency %q (use as_it_happens, hourly, daily)", rc.Frequency))
		}
		q, qerrs := newQuietHours(rc.QuietHours, r.loc)
		for _, e := range qerrs {
			add(e.Field, e.Err)
		}
		rt.quiet = q
		rt.targets = routeTargets(rc)
		if len(rt.targets) == 0 {
			add("", errors.New("route has no target (set slack, slack_webhook, webhook, telegram or stdout)"))
		}
		r.routes = append(r.routes, rt)
		if _, dup := r.byName[rt.name]; !dup {
			r.byName[rt.name] = rt
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return r, nil
}

// routeTargets lists a route's destinations. Secret URLs are named by
// their keys.
func routeTargets(rc config.Route) []Target {
	var ts []Target
	if rc.Slack != "" {
		ts = append(ts, Target{alert.ChannelSlack, rc.Slack})
	}
	if rc.SlackWebhook != "" {
		ts = append(ts, Target{alert.ChannelSlack, slack.WebhookKey(rc.SlackWebhook)})
	}
	switch rc.Webhook {
	case "":
	case "true", alert.DefaultTarget:
		ts = append(ts, Target{alert.ChannelWebhook, alert.DefaultTarget})
	default:
		ts = append(ts, Target{alert.ChannelWebhook, webhook.URLKey(rc.Webhook)})
	}
	if rc.Telegram != "" {
		ts = append(ts, Target{alert.ChannelTelegram, rc.Telegram})
	}
	if rc.Stdout {
		ts = append(ts, Target{alert.ChannelStdout, ""})
	}
	return ts
}

// WithClock returns a router with r's routes that tells time by now
// instead: the clock of the daemon it serves, which tests fake.
func (r *Router) WithClock(now func() time.Time) *Router {
	if now == nil {
		now = time.Now
	}
	return &Router{routes: r.routes, byName: r.byName, loc: r.loc, wave: r.wave, now: now, log: r.log, sla: r.sla}
}

// Location is the time zone of grouping periods (alerts.time_zone).
func (r *Router) Location() *time.Location { return r.loc }

// Env returns what route expressions see for m at now.
func Env(m *model.Mention, now time.Time) when.Env {
	tags := append([]string(nil), m.Tags...)
	for _, t := range m.SourceTags {
		if !model.HasTag(tags, t) {
			tags = append(tags, t)
		}
	}
	if tags == nil {
		tags = []string{}
	}
	age := -1.0
	if !m.PublishedAt.IsZero() {
		age = now.Sub(m.PublishedAt).Hours()
	}
	return when.Env{
		Text: m.Text, Title: m.Title, URL: m.URL, Author: m.Author, Lang: m.Lang, Brand: m.Brand,
		Source:    when.Source{Name: m.Source, Type: m.SourceType, Weight: m.SourceWeight},
		Tags:      tags,
		Sentiment: m.Sentiment, Negativity: m.Negativity, Importance: m.Importance, Severity: m.Severity,
		Replies: m.Replies, Growth: m.Growth, AgeHours: age,
	}
}

// match returns the routes env matches: the first, and the ones after it
// while the matching routes say continue: true.
func (r *Router) match(env *when.Env) []*route {
	var out []*route
	for _, rt := range r.routes {
		ok, err := rt.when.Eval(env)
		if err != nil {
			if _, seen := r.warned.LoadOrStore(rt.name, struct{}{}); !seen {
				r.log.Warn("route expression failed; the route is skipped", "route", rt.name, "error", err)
			}
			continue
		}
		if !ok {
			continue
		}
		out = append(out, rt)
		if !rt.cont {
			break
		}
	}
	return out
}

// Match returns the targets m would be delivered to, by route name, in
// route order (for previews and tests; it writes nothing).
func (r *Router) Match(m *model.Mention) map[string][]Target {
	env := Env(m, r.now())
	out := map[string][]Target{}
	for _, rt := range r.match(&env) {
		out[rt.name] = rt.targets
	}
	return out
}

// Enqueue writes the deliveries of m inside tx, the transaction that
// stores it (m.ID is set): one per target of every matching route, and a
// follow-up for every target where an earlier mention of the same brand
// in the same thread alerted as it happened. It is idempotent per
// (mention, channel, target): called again for the same mention (after an
// escalation), it adds only the deliveries of newly matching routes.
// It has the signature of store.EnqueueFunc.
func (r *Router) Enqueue(ctx context.Context, tx *store.Tx, m *model.Mention) error {
	if m.ID == 0 {
		return errors.New("notify: enqueue: mention has no ID")
	}
	now := r.now()
	alerted, err := store.ThreadAlerted(ctx, tx, m.Brand, m.ThreadURL, m.ID)
	if err != nil {
		return fmt.Errorf("notify: enqueue: %w", err)
	}
	for _, d := range r.deliveries(m, alerted, now) {
		if _, err := store.InsertDelivery(ctx, tx, d, now); err != nil {
			return fmt.Errorf("notify: enqueue: %w", err)
		}
	}
	return nil
}
