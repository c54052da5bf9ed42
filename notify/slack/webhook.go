package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/slack-go/slack"

	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// webhookBody is what is posted to an incoming webhook.
func webhookBody(p Payload) ([]byte, error) {
	off := false
	return json.Marshal(slack.WebhookMessage{
		Text:        p.Text,
		Blocks:      &slack.Blocks{BlockSet: p.Blocks},
		UnfurlLinks: &off,
		UnfurlMedia: &off,
	})
}

// postWebhook posts p to an incoming webhook. Slack answers 200 "ok";
// errors come as a status with a short code in the body (400
// invalid_payload, 403 action_prohibited, 404 no_service or
// channel_not_found, 410 channel_is_archived, 429 with Retry-After, 5xx).
// The URL is a secret: it appears in no error.
func (n *Notifier) postWebhook(ctx context.Context, u string, p Payload) (bool, error) {
	const op = "slack: webhook"
	body, err := webhookBody(p)
	if err != nil {
		return false, &alert.Error{Op: op, Err: err}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return false, &alert.Error{Op: op, Err: errors.New("bad webhook URL")}
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := n.http.Do(req)
	if err != nil {
		return true, alert.TransportError(op, err, n.secrets...)
	}
	defer resp.Body.Close()
	text, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode/100 == 2 {
		return false, nil
	}
	code := strings.TrimSpace(string(text))
	if len(code) > 80 || strings.ContainsAny(code, "<\n") {
		code = "" // an HTML error page, not a code
	}
	e := &alert.Error{Op: op, Status: resp.StatusCode, Code: n.redact(code)}
	if resp.StatusCode == http.StatusTooManyRequests {
		e.RetryAfter = alert.ParseRetryAfter(resp.Header.Get("Retry-After"), n.now())
	}
	return alert.RetryStatus(resp.StatusCode), e
}
