package notify

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/notify/alert"
	"github.com/mentionwatch/mentionwatch/notify/internal/httpsend"
	"github.com/mentionwatch/mentionwatch/notify/slack"
	"github.com/mentionwatch/mentionwatch/notify/stdout"
	"github.com/mentionwatch/mentionwatch/notify/telegram"
	"github.com/mentionwatch/mentionwatch/notify/webhook"
)

// Notifiers are the notifier of each channel. A nil Slack sends Slack
// targets to Stdout (so that a config without alerts.slack works on a
// fresh machine); a nil Webhook or Telegram makes their deliveries fail.
type Notifiers struct {
	Slack    alert.Notifier
	Webhook  alert.Notifier
	Telegram alert.Notifier
	Stdout   alert.Notifier
}

// For returns the notifier of a channel and target, or nil.
func (n Notifiers) For(channel, target string) alert.Notifier {
	switch channel {
	case alert.ChannelSlack:
		if n.Slack == nil {
			return n.Stdout
		}
		return n.Slack
	case alert.ChannelWebhook:
		return n.Webhook
	case alert.ChannelTelegram:
		return n.Telegram
	case alert.ChannelStdout:
		return n.Stdout
	}
	return nil
}

// NewNotifiers builds the notifiers cfg configures. Without alerts.slack,
// Slack targets print to out (per-route slack_webhook URLs still post to
// their webhooks). httpClient (nil: a client with httpsend.DefaultTimeout,
// 30 s) is used for every request.
func NewNotifiers(cfg config.Alerts, out io.Writer, httpClient *http.Client, log *slog.Logger) (Notifiers, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	httpClient = httpsend.Client(httpClient)
	var ns Notifiers
	ns.Stdout = stdout.New(out)
	var slackHooks, hookURLs []string
	for _, r := range append(slices.Clip(cfg.Routes), cfg.EscalateTo.Route()) {
		if r.SlackWebhook != "" {
			slackHooks = append(slackHooks, r.SlackWebhook)
		}
		if r.Webhook != "" && r.Webhook != "true" && r.Webhook != alert.DefaultTarget {
			hookURLs = append(hookURLs, r.Webhook)
		}
	}
	if cfg.Slack.Configured() || len(slackHooks) > 0 {
		s, err := slack.New(slack.Config{Token: cfg.Slack.Token, APIURL: cfg.Slack.APIURL,
			DefaultChannel: cfg.Slack.Channel, WebhookURL: cfg.Slack.WebhookURL, RouteWebhooks: slackHooks,
			HTTPClient: httpClient})
		if err != nil {
			return ns, fmt.Errorf("notify: %w", err)
		}
		ns.Slack = s
		if !cfg.Slack.Configured() {
			ns.Slack = &slackOrStdout{slack: s, stdout: ns.Stdout}
		}
	}
	if cfg.Webhook.URL != "" || len(hookURLs) > 0 {
		ns.Webhook = webhook.New(webhook.Config{URL: cfg.Webhook.URL, Headers: cfg.Webhook.Headers,
			RouteURLs: hookURLs, HTTPClient: httpClient})
	}
	if cfg.Telegram.Token != "" {
		t, err := telegram.New(telegram.Config{Token: cfg.Telegram.Token, ChatID: cfg.Telegram.ChatID,
			APIURL: cfg.Telegram.APIURL, HTTPClient: httpClient})
		if err != nil {
			return ns, fmt.Errorf("notify: %w", err)
		}
		ns.Telegram = t
	}
	slackMode := "stdout (alerts.slack is not set)"
	switch {
	case cfg.Slack.Token != "":
		slackMode = "bot token"
	case cfg.Slack.WebhookURL != "":
		slackMode = "incoming webhook"
	}
	log.Debug("notifiers ready", "slack", slackMode, "route_slack_webhooks", len(slackHooks),
		"webhook", ns.Webhook != nil, "telegram", ns.Telegram != nil)
	return ns, nil
}

// slackOrStdout posts per-route webhooks to Slack and prints every other
// Slack target, when only per-route webhooks are configured.
type slackOrStdout struct {
	slack  *slack.Notifier
	stdout alert.Notifier
}

var _ alert.Notifier = (*slackOrStdout)(nil)

func (s *slackOrStdout) Notify(ctx context.Context, msg *alert.Message) (bool, error) {
	if strings.HasPrefix(msg.Target, slack.WebhookKeyPrefix+":") {
		return s.slack.Notify(ctx, msg)
	}
	return s.stdout.Notify(ctx, msg)
}

// errNoNotifier is the permanent failure of a delivery whose channel is
// not configured (any more).
var errNoNotifier = errors.New("channel is not configured")
