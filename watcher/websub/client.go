package websub

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mentionwatch/mentionwatch/internal/redact"
)

// Modes of a subscription request and of a hub's verification.
const (
	ModeSubscribe   = "subscribe"
	ModeUnsubscribe = "unsubscribe"
	ModeDenied      = "denied"
)

// Request is a subscription request to a hub.
type Request struct {
	Hub      string
	Mode     string // ModeSubscribe or ModeUnsubscribe
	Topic    string
	Callback string
	// Secret is the HMAC key the hub signs pushes with (subscribe only);
	// it is sent in the request body, never logged.
	Secret string
	Lease  time.Duration // asked for; the hub decides
}

// Client sends subscription requests to hubs.
type Client struct {
	HTTP      *http.Client // default: one with a 20 s timeout
	UserAgent string
}

// Send posts r to its hub as a form. A hub accepts with 202 (the
// verification of intent follows as a GET to the callback); any other
// answer is an error carrying the status and the start of the hub's
// explanation, never the secret.
func (c *Client) Send(ctx context.Context, r Request) error {
	form := url.Values{}
	form.Set("hub.mode", r.Mode)
	form.Set("hub.topic", r.Topic)
	form.Set("hub.callback", r.Callback)
	if r.Mode == ModeSubscribe {
		if r.Secret != "" {
			form.Set("hub.secret", r.Secret)
		}
		if r.Lease > 0 {
			form.Set("hub.lease_seconds", strconv.Itoa(int(r.Lease/time.Second)))
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.Hub, strings.NewReader(form.Encode()))
	if err != nil {
		return fmt.Errorf("websub: %s at %s: %w", r.Mode, redact.URL(r.Hub), err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if c.UserAgent != "" {
		req.Header.Set("User-Agent", c.UserAgent)
	}
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 20 * time.Second}
	}
	res, err := hc.Do(req)
	if err != nil {
		if ue, ok := err.(*url.Error); ok {
			err = ue.Err // its message repeats the URL
		}
		return fmt.Errorf("websub: %s at %s: %w", r.Mode, redact.URL(r.Hub), err)
	}
	defer res.Body.Close()
	if res.StatusCode/100 != 2 {
		// The secret is taken out before the answer is cut short, so
		// that a cut through it leaves no piece of it (a hub echoing the
		// form); what is read is cut before a secret it may end inside.
		const most = 4 << 10
		b, _ := io.ReadAll(io.LimitReader(res.Body, most))
		if len(b) == most {
			b = b[:most-min(most, 3*len(r.Secret))]
		}
		msg := strings.Join(strings.Fields(string(b)), " ")
		if r.Secret != "" {
			msg = strings.ReplaceAll(msg, r.Secret, "[secret]")
			msg = strings.ReplaceAll(msg, url.QueryEscape(r.Secret), "[secret]")
		}
		msg = cut(redact.Text(msg), 200) // a topic it echoes may carry a token
		return fmt.Errorf("websub: %s at %s: hub answered %s: %q", r.Mode, redact.URL(r.Hub), res.Status, msg)
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 1<<16))
	return nil
}

// cut shortens s to at most n bytes, at a rune's start.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
