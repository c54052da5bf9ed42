// Package slack delivers alerts to Slack as Block Kit messages, through
// the Web API with a bot token (chat.postMessage to each route's channel,
// follow-ups as replies in the thread of the first alert) or through
// incoming webhooks.
//
// Every message carries Slack message metadata (event type
// "mentionwatch_alert"; in the payload the outbox's idempotency key and
// mention_ids, the ids of the mentions it shows or counts), through the
// Web API and through incoming webhooks alike.
//
// Exactly once: in bot-token mode, when an attempt ended without an
// answer (the daemon was killed, the connection timed out), Confirm looks
// for that key in the channel's recent history (conversations.history, or
// conversations.replies for a reply) before the message is sent again. An
// incoming webhook answers only "ok" and cannot be asked afterwards: a
// lost answer means the message is sent again — at least once.
//
// Bot scopes: chat:write (and chat:write.public to post in public channels
// the bot has not joined); channels:history and channels:read (groups:*
// for private channels) so that Confirm can look. Without them delivery
// still works, at least once.
//
// Buttons: a single mention's alert posted with a bot token carries
// buttons (buttons.go); an Interactor (interact.go, socket.go) acts on
// their clicks, over HTTP interactivity or Socket Mode, and rewrites the
// message with chat.update.
package slack

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/mentionwatch/mentionwatch/notify/alert"
	"github.com/mentionwatch/mentionwatch/notify/internal/httpsend"
)

// DefaultAPIURL is Slack's Web API base.
const DefaultAPIURL = "https://slack.com/api/"

// EventType is the metadata event type of every message this package
// posts.
const EventType = "mentionwatch_alert"

// WebhookKeyPrefix prefixes the target key of a per-route webhook.
const WebhookKeyPrefix = "slack-webhook"

// WebhookKey is the target under which a per-route incoming webhook URL is
// stored in the outbox (the URL itself is a secret).
func WebhookKey(url string) string { return alert.SecretKey(WebhookKeyPrefix, url) }

// Config configures a Notifier. Set Token (bot-token mode) or WebhookURL
// (incoming webhook), or neither when only per-route webhooks are used.
type Config struct {
	Token string
	// APIURL is the Web API base (default DefaultAPIURL).
	APIURL string
	// DefaultChannel is where DefaultTarget goes in bot-token mode.
	DefaultChannel string
	WebhookURL     string
	// RouteWebhooks are per-route incoming webhook URLs; a target
	// WebhookKey(url) posts there.
	RouteWebhooks []string
	HTTPClient    *http.Client
	// Now is the clock (default time.Now), used for Retry-After dates.
	Now func() time.Time
	// InboxURL is the inbox's address (server.base_url): grouped
	// messages link to it. Empty: no link.
	InboxURL string
}

// Notifier posts alerts to Slack.
type Notifier struct {
	api        *slack.Client
	token      string
	apiURL     string
	defChannel string
	webhook    string
	webhooks   map[string]string
	http       *http.Client
	now        func() time.Time
	secrets    []string
	inbox      string
}

var (
	_ alert.Notifier  = (*Notifier)(nil)
	_ alert.Confirmer = (*Notifier)(nil)
)

// New returns a Notifier.
func New(cfg Config) (*Notifier, error) {
	if cfg.Token != "" && cfg.WebhookURL != "" {
		return nil, errors.New("slack: set a token or a webhook URL, not both")
	}
	n := &Notifier{
		token:      cfg.Token,
		apiURL:     cmp.Or(cfg.APIURL, DefaultAPIURL),
		defChannel: cfg.DefaultChannel,
		webhook:    cfg.WebhookURL,
		webhooks:   map[string]string{},
		http:       httpsend.Client(cfg.HTTPClient),
		now:        cfg.Now,
		inbox:      cfg.InboxURL,
	}
	if !strings.HasSuffix(n.apiURL, "/") {
		n.apiURL += "/"
	}
	if n.now == nil {
		n.now = time.Now
	}
	for _, u := range cfg.RouteWebhooks {
		n.webhooks[WebhookKey(u)] = u
		n.secrets = append(n.secrets, u)
	}
	n.secrets = append(n.secrets, cfg.Token, cfg.WebhookURL)
	if cfg.Token != "" {
		n.api = newAPI(cfg.Token, n.apiURL, n.http)
	}
	return n, nil
}

// bearer adds the token as an Authorization header, which is how Slack
// documents Web API authentication; slack-go sends it in the form body,
// which Slack also accepts.
type bearer struct {
	token string
	next  http.RoundTripper
}

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Header.Get("Authorization") == "" {
		r = r.Clone(r.Context())
		r.Header.Set("Authorization", "Bearer "+b.token)
	}
	return b.next.RoundTrip(r)
}

// Notify posts msg: to the per-route webhook its target names, else
// through the Web API (bot token) or the incoming webhook.
func (n *Notifier) Notify(ctx context.Context, msg *alert.Message) (bool, error) {
	p := withInboxLink(msg, Render(msg), n.inbox, n.now())
	if strings.HasPrefix(msg.Target, WebhookKeyPrefix+":") {
		u, ok := n.webhooks[msg.Target]
		if !ok {
			return false, &alert.Error{Op: "slack: webhook", Err: errors.New("this route's webhook is no longer configured")}
		}
		return n.postWebhook(ctx, u, msg, p)
	}
	switch {
	case n.api != nil:
		return n.postAPI(ctx, msg, p)
	case n.webhook != "":
		return n.postWebhook(ctx, n.webhook, msg, p)
	}
	return false, &alert.Error{Op: "slack", Err: errors.New("neither alerts.slack.token nor alerts.slack.webhook_url is set")}
}

// SetInboxURL sets the inbox's address that grouped messages link to
// (Config.InboxURL). Call it before the notifier is used.
func (n *Notifier) SetInboxURL(u string) { n.inbox = u }

// channel returns the channel a bot-token message goes to.
func (n *Notifier) channel(target string) (string, error) {
	if target == "" || target == alert.DefaultTarget {
		if n.defChannel == "" {
			return "", errors.New("no channel: the route says \"default\" and alerts.slack.channel is not set")
		}
		return n.defChannel, nil
	}
	return target, nil
}

// redact strips every secret from an error message.
func (n *Notifier) redact(s string) string { return alert.Redact(s, n.secrets...) }
