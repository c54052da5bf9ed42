// Package webhook delivers alerts as JSON POSTs to any HTTP endpoint.
//
// Every request has Content-Type application/json, an Idempotency-Key
// header (also the body's "id") that stays the same when a delivery is
// retried — after a 5xx, a timeout or a restart — so a receiver that
// remembers keys sees every alert once, and the headers configured in
// alerts.webhook.headers. A 2xx answer is success; 429 (honouring
// Retry-After), 408 and 5xx are retried with backoff; any other status is
// a permanent failure. The body (schema version 1) is Payload; SCHEMA.md
// shows an example of each event.
package webhook

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/notify/alert"
	"github.com/mentionwatch/mentionwatch/notify/internal/httpsend"
)

// SchemaVersion is the version of the JSON body.
const SchemaVersion = 1

// KeyPrefix prefixes the target key of a per-route webhook URL.
const KeyPrefix = "webhook"

// URLKey is the target under which a per-route webhook URL is stored in
// the outbox (the URL itself may carry a secret).
func URLKey(url string) string { return alert.SecretKey(KeyPrefix, url) }

// Payload is the JSON body of every request.
type Payload struct {
	// Version is SchemaVersion.
	Version int `json:"version"`
	// ID is the idempotency key, equal to the Idempotency-Key header.
	ID string `json:"id"`
	// Event is "mention", "group", "wave", "fold" or "reminder".
	Event string `json:"event"`
	Brand string `json:"brand"`
	// Route is the name of the route that chose this webhook.
	Route string `json:"route,omitempty"`
	// Frequency is as_it_happens, hourly or daily.
	Frequency string `json:"frequency,omitempty"`
	// Followup is true for a new post in a thread that already alerted;
	// ThreadURL names the thread.
	Followup  bool   `json:"followup,omitempty"`
	ThreadURL string `json:"thread_url,omitempty"`
	// Group is set for "group" events.
	Group *Group `json:"group,omitempty"`
	// Wave is set for "wave" events.
	Wave *alert.Wave `json:"wave,omitempty"`
	// Reminder is set for "reminder" events.
	Reminder *Reminder `json:"reminder,omitempty"`
	// Mentions are the mentions, most important first (one for a
	// "mention" event, all of the period for a "group", none for a
	// "wave").
	Mentions []Mention `json:"mentions"`
}

// Group describes a grouped delivery.
type Group struct {
	PeriodStart time.Time `json:"period_start"`
	PeriodEnd   time.Time `json:"period_end"`
	Count       int       `json:"count"`
}

// Reminder describes a "reminder" event: the mention is still new
// AfterSeconds after it was found; its severity's alerts.sla is
// SLASeconds. Escalation is true when this webhook is alerts.escalate_to
// rather than where the mention was alerted.
type Reminder struct {
	AfterSeconds int64 `json:"after_seconds"`
	SLASeconds   int64 `json:"sla_seconds"`
	Escalation   bool  `json:"escalation"`
}

// Mention is a mention as `mentionwatch mentions --json` prints it (SPEC.md's
// Mention JSON with the rules that fired and the thread details), and why
// it was routed here.
type Mention struct {
	model.MentionView
	Why string `json:"why,omitempty"`
}

// NewPayload builds the body for msg.
func NewPayload(msg *alert.Message) Payload {
	p := Payload{Version: SchemaVersion, ID: msg.Key, Event: string(msg.Kind), Brand: msg.Brand,
		Route: msg.Route, Frequency: msg.Frequency, Followup: msg.Followup, ThreadURL: msg.ThreadURL,
		Wave: msg.Wave, Mentions: []Mention{}}
	if r := msg.Reminder; r != nil {
		p.Reminder = &Reminder{AfterSeconds: int64(r.After.Seconds()), SLASeconds: int64(r.SLA.Seconds()),
			Escalation: r.Escalation}
	}
	if msg.Kind == alert.KindGroup {
		p.Group = &Group{PeriodStart: msg.Period.Start.UTC(), PeriodEnd: msg.Period.End.UTC(), Count: len(msg.Items)}
	}
	for _, it := range msg.Items {
		p.Mentions = append(p.Mentions, Mention{MentionView: it.Mention.View(), Why: it.Why})
	}
	return p
}

// Config configures a Notifier.
type Config struct {
	// URL is where DefaultTarget goes (alerts.webhook.url).
	URL string
	// Headers are added to every request (e.g. Authorization).
	Headers map[string]string
	// RouteURLs are per-route URLs; a target URLKey(url) posts there.
	RouteURLs  []string
	UserAgent  string
	HTTPClient *http.Client
	// Now is the clock (default time.Now), for Retry-After dates.
	Now func() time.Time
}

// maxShown is how much of a receiver's answer, in bytes, an error shows.
const maxShown = 200

// cutBytes shortens s to at most n bytes, at a rune's start.
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Notifier posts alerts as JSON.
type Notifier struct {
	url     string
	routes  map[string]string
	headers http.Header
	ua      string
	http    *http.Client
	now     func() time.Time
	secrets []string
}

var _ alert.Notifier = (*Notifier)(nil)

// New returns a Notifier.
func New(cfg Config) *Notifier {
	n := &Notifier{url: cfg.URL, routes: map[string]string{}, headers: http.Header{},
		ua: cmp.Or(cfg.UserAgent, "mentionwatch/1"), http: httpsend.Client(cfg.HTTPClient), now: cfg.Now}
	if n.now == nil {
		n.now = time.Now
	}
	for _, u := range cfg.RouteURLs {
		n.routes[URLKey(u)] = u
		n.secrets = append(n.secrets, u)
	}
	n.secrets = append(n.secrets, cfg.URL)
	for k, v := range cfg.Headers {
		n.headers.Set(k, v)
		// "Bearer xyz": the value and its credential part are secrets.
		n.secrets = append(n.secrets, v)
		for _, f := range strings.Fields(v) {
			if len(f) >= 8 {
				n.secrets = append(n.secrets, f)
			}
		}
	}
	return n
}

// Notify posts msg's Payload.
func (n *Notifier) Notify(ctx context.Context, msg *alert.Message) (bool, error) {
	const op = "webhook: post"
	u := n.url
	if msg.Target != "" && msg.Target != alert.DefaultTarget {
		var ok bool
		if u, ok = n.routes[msg.Target]; !ok {
			return false, &alert.Error{Op: op, Err: errors.New("this route's webhook URL is no longer configured")}
		}
	}
	if u == "" {
		return false, &alert.Error{Op: op, Err: errors.New("alerts.webhook.url is not set")}
	}
	h := n.headers.Clone()
	h.Set("User-Agent", n.ua)
	h.Set("Idempotency-Key", msg.Key)
	h.Set("X-Mentionwatch-Event", string(msg.Kind))
	resp, err := httpsend.PostJSON(ctx, n.http, httpsend.Request{Op: op, URL: u, URLName: "webhook URL",
		Header: h, JSON: NewPayload(msg), Secrets: n.secrets})
	if err != nil {
		return alert.Temporary(err), err
	}
	if resp.OK() {
		return false, nil
	}
	code := ""
	// Secrets are taken out of the whole answer read, then it is cut: a
	// cut through an echoed secret would leave a piece of it.
	if s := strings.TrimSpace(cutBytes(alert.Redact(string(resp.Body), n.secrets...), maxShown)); s != "" && utf8.ValidString(s) && !strings.Contains(s, "<") {
		code = strings.Join(strings.Fields(s), " ")
	}
	retry, e := resp.Fail(op, code, n.now())
	if resp.Status == http.StatusServiceUnavailable {
		e.RetryAfter = resp.RetryAfter(n.now())
	}
	return retry, e
}
