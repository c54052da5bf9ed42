package slack

import (
	"context"
	"strings"

	"github.com/slack-go/slack"

	"github.com/mentionwatch/mentionwatch/notify/alert"
	"github.com/mentionwatch/mentionwatch/notify/internal/httpsend"
)

// webhookMessage is an incoming webhook's message with its metadata.
type webhookMessage struct {
	*slack.WebhookMessage
	Metadata slack.SlackMetadata `json:"metadata"`
}

// webhookBody is what is posted to an incoming webhook: the message and,
// as in bot-token mode, its metadata (the mention ids it shows).
func webhookBody(msg *alert.Message, p Payload) webhookMessage {
	off := false
	return webhookMessage{&slack.WebhookMessage{
		Text:        p.Text,
		Blocks:      &slack.Blocks{BlockSet: p.Blocks},
		UnfurlLinks: &off,
		UnfurlMedia: &off,
	}, metadata(msg)}
}

// postWebhook posts p to an incoming webhook. Slack answers 200 "ok";
// errors come as a status with a short code in the body (400
// invalid_payload, 403 action_prohibited, 404 no_service or
// channel_not_found, 410 channel_is_archived, 429 with Retry-After, 5xx).
// The URL is a secret: it appears in no error.
func (n *Notifier) postWebhook(ctx context.Context, u string, msg *alert.Message, p Payload) (bool, error) {
	const op = "slack: webhook"
	resp, err := httpsend.PostJSON(ctx, n.http, httpsend.Request{Op: op, URL: u, URLName: "webhook URL",
		JSON: webhookBody(msg, p), Secrets: n.secrets})
	if err != nil {
		return alert.Temporary(err), err
	}
	if resp.OK() {
		return false, nil
	}
	code := strings.TrimSpace(string(resp.Body))
	if len(code) > 80 || strings.ContainsAny(code, "<\n") {
		code = "" // an HTML error page, not a code
	}
	return resp.Fail(op, n.redact(code), n.now())
}
