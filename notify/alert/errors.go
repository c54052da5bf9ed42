package alert

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Error is a failed send, as notifiers report it.
type Error struct {
	// Op names the channel and operation, e.g. "slack: chat.postMessage".
	Op string
	// Status is the HTTP status of the answer (0 when there was none).
	Status int
	// Code is the service's error code, e.g. "channel_not_found".
	Code string
	// RetryAfter is how long the service asked to wait (429 Retry-After).
	RetryAfter time.Duration
	// Uncertain is true when the request may have been carried out
	// although no answer came back (a timeout, a reset connection).
	Uncertain bool
	// Temporary is true when trying again later may succeed (what Notify
	// also reports as retry); errors of Confirm carry it.
	Temporary bool
	// Err is the underlying error, free of secrets.
	Err error
}

// Error formats the error as "op: HTTP 404: code: cause".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Op)
	if e.Status != 0 {
		b.WriteString(": HTTP " + strconv.Itoa(e.Status))
	}
	if e.Code != "" {
		b.WriteString(": " + e.Code)
	}
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// RetryAfter returns how long the service asked to wait before the next
// attempt, or 0.
func RetryAfter(err error) time.Duration {
	if e, ok := errors.AsType[*Error](err); ok {
		return e.RetryAfter
	}
	return 0
}

// Uncertain reports whether a failed send may nevertheless have been
// delivered: the request was (or may have been) sent and no answer came.
func Uncertain(err error) bool {
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Uncertain
	}
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// Temporary reports whether err is worth retrying: marked Temporary or
// Uncertain, with a Retry-After, or with a status RetryStatus accepts.
// Errors that are not *Error count as temporary.
func Temporary(err error) bool {
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Temporary || e.Uncertain || e.RetryAfter > 0 || RetryStatus(e.Status)
	}
	return true
}

// RetryStatus reports whether an HTTP status is worth retrying: 5xx, 429
// (too many requests) and 408 (request timeout). Other 4xx are permanent.
func RetryStatus(code int) bool {
	return code >= 500 || code == http.StatusTooManyRequests || code == http.StatusRequestTimeout
}

// ParseRetryAfter reads a Retry-After header: seconds or an HTTP date
// (relative to now). It returns 0 when the header is absent or bad.
func ParseRetryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if n, err := strconv.Atoi(h); err == nil {
		if n < 0 {
			return 0
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// TransportError wraps an error of an HTTP request that got no answer: the
// request may have reached the server (Uncertain), it is worth retrying,
// and the URL (which may carry a secret) is cut off. secrets are redacted
// from whatever text is left.
func TransportError(op string, err error, secrets ...string) *Error {
	inner := err
	if ue, ok := errors.AsType[*url.Error](err); ok {
		inner = ue.Err
	}
	msg := Redact(inner.Error(), secrets...)
	wrapped := errors.New(msg)
	switch {
	case errors.Is(err, context.Canceled):
		wrapped = fmt.Errorf("%s: %w", msg, context.Canceled)
	case errors.Is(err, context.DeadlineExceeded):
		wrapped = fmt.Errorf("%s: %w", msg, context.DeadlineExceeded)
	}
	return &Error{Op: op, Uncertain: true, Temporary: true, Err: wrapped}
}

// Redact replaces every occurrence of each non-empty secret in s with
// "[redacted]" — also its URL-escaped forms and, for a URL, its path, its
// query and every long path segment or query value, which servers like to
// echo in their error pages.
func Redact(s string, secrets ...string) string {
	for _, sec := range secrets {
		for _, form := range secretForms(sec) {
			s = strings.ReplaceAll(s, form, "[redacted]")
		}
	}
	return s
}

// secretForms lists what to redact for one secret, longest first.
func secretForms(sec string) []string {
	if len(sec) < 4 {
		return nil
	}
	forms := []string{sec, url.PathEscape(sec), url.QueryEscape(sec)}
	if u, err := url.Parse(sec); err == nil && u.Host != "" {
		forms = append(forms, u.RawQuery, u.EscapedPath(), u.Path)
		forms = append(forms, strings.Split(u.Path, "/")...)
		for _, vs := range u.Query() {
			forms = append(forms, vs...)
		}
	}
	out := forms[:0]
	for _, f := range forms {
		if len(f) >= 10 || f == sec {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

// SecretKey names a secret URL (a per-route webhook) without revealing it:
// prefix, a colon and a short hash. The outbox stores the key; the
// notifier holds the URL.
func SecretKey(prefix, secretURL string) string {
	h := sha256.Sum256([]byte(secretURL))
	return prefix + ":" + hex.EncodeToString(h[:8])
}
