// Package httpsend is how the notifiers deliver over HTTP: one JSON POST,
// a bounded read of the answer, the rest drained so that the connection
// can be reused, the status classified for the outbox (success, retry —
// after the service's Retry-After — or permanent), and no secret in any
// error. The Slack incoming webhook, the generic webhook and Telegram all
// post through PostJSON; what each reads from an answer (a short code, a
// receiver's error text, the Bot API's JSON) stays with the notifier.
package httpsend

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// DefaultTimeout bounds a whole request (connecting, sending, reading the
// answer) made with a client of Client(nil).
const DefaultTimeout = 30 * time.Second

// Limits on how much of an answer is read.
const (
	// PeekLimit is how much of an answer's body is kept when it only
	// feeds an error message: Slack's incoming webhooks answer a short
	// code ("invalid_payload", "channel_is_archived"), and an error
	// shows at most 200 bytes of a generic receiver's answer.
	PeekLimit = 512
	// DecodeLimit is how much is kept when the body must be decoded (the
	// Bot API's JSON result); a longer body is cut and fails to decode.
	DecodeLimit = 1 << 20
	// DrainLimit is how much more is read, and thrown away, before the
	// body is closed, so that the connection can carry the next request;
	// after a longer body the connection is closed instead.
	DrainLimit = 1 << 20
)

// Client returns c, or when c is nil a new client with DefaultTimeout.
func Client(c *http.Client) *http.Client {
	if c == nil {
		return &http.Client{Timeout: DefaultTimeout}
	}
	return c
}

// Request is one JSON POST.
type Request struct {
	// Op names the notifier and the operation in errors, e.g.
	// "slack: webhook".
	Op string
	// URL is where to post. It is a secret (a webhook URL, a bot token in
	// the path) and appears in no error.
	URL string
	// URLName names the URL in the error when it does not parse, e.g.
	// "webhook URL" (default "URL").
	URLName string
	// Header holds extra headers; Content-Type: application/json is set
	// after them.
	Header http.Header
	// JSON is encoded with encoding/json as the body.
	JSON any
	// Decode asks for the answer's body itself rather than a peek at it:
	// up to DecodeLimit bytes are read, and a body that cannot be read is
	// a lost answer (a transport error). Otherwise PeekLimit bytes are
	// read and a failed read leaves Body short.
	Decode bool
	// Secrets are redacted from the text of a transport error; the URL
	// is cut off anyway.
	Secrets []string
}

// Response is an answer whose body has been read and closed.
type Response struct {
	// Status is the HTTP status code.
	Status int
	// Header holds the answer's headers.
	Header http.Header
	// Body is the start of the answer's body: up to PeekLimit bytes, or
	// DecodeLimit with Request.Decode.
	Body []byte
}

// PostJSON posts r.JSON to r.URL with client and reads the answer. An
// error is an *alert.Error and means there is no answer to look at;
// alert.Temporary tells whether to try again: a body that does not encode
// and a URL that does not parse are permanent, a request that got no
// answer (refused, timed out, cancelled, cut off) is uncertain and worth
// retrying (alert.TransportError). Any status, 2xx or not, is a Response.
func PostJSON(ctx context.Context, client *http.Client, r Request) (*Response, error) {
	body, err := json.Marshal(r.JSON)
	if err != nil {
		return nil, &alert.Error{Op: r.Op, Err: err}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.URL, bytes.NewReader(body))
	if err != nil {
		// The parse error quotes the URL.
		name := r.URLName
		if name == "" {
			name = "URL"
		}
		return nil, &alert.Error{Op: r.Op, Err: errors.New("bad " + name)}
	}
	if r.Header != nil {
		req.Header = r.Header.Clone()
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, alert.TransportError(r.Op, err, r.Secrets...)
	}
	defer resp.Body.Close()
	limit := int64(PeekLimit)
	if r.Decode {
		limit = DecodeLimit
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit))
	if err != nil && r.Decode {
		return nil, alert.TransportError(r.Op, err, r.Secrets...)
	}
	drain(resp.Body)
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: data}, nil
}

// drain reads and discards up to DrainLimit bytes of body, so that closing
// it leaves the connection reusable.
func drain(body io.Reader) {
	_, _ = io.Copy(io.Discard, io.LimitReader(body, DrainLimit))
}

// OK reports whether the status is 2xx.
func (r *Response) OK() bool { return r.Status/100 == 2 }

// RetryAfter is the answer's Retry-After header (seconds, or an HTTP date
// relative to now) as a wait, or 0 when it is absent or bad.
func (r *Response) RetryAfter(now time.Time) time.Duration {
	return alert.ParseRetryAfter(r.Header.Get("Retry-After"), now)
}

// Fail classifies an answer that is not 2xx: the error names op, the
// status and code (which the caller has freed of secrets) and, for a 429,
// the Retry-After the service asked for; retry is alert.RetryStatus (5xx,
// 429 and 408 are retried, any other status is permanent). Call it only
// when !r.OK(): it always returns an error.
func (r *Response) Fail(op, code string, now time.Time) (retry bool, err *alert.Error) {
	e := &alert.Error{Op: op, Status: r.Status, Code: code}
	if r.Status == http.StatusTooManyRequests {
		e.RetryAfter = r.RetryAfter(now)
	}
	return alert.RetryStatus(r.Status), e
}
