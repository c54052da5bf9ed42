package fetch

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/redact"
)

// Kind classifies a fetch failure.
type Kind string

// Failure kinds, also the "kind" label of the errors metric.
const (
	KindTimeout  Kind = "timeout"   // connect or total timeout
	KindNetwork  Kind = "network"   // DNS, refused, reset, TLS
	KindStatus   Kind = "status"    // an HTTP error status
	KindTooLarge Kind = "too_large" // body over MaxBody
	KindRobots   Kind = "robots"    // disallowed by robots.txt
	KindRedirect Kind = "redirect"  // redirect loop or too many redirects
	KindInvalid  Kind = "invalid"   // bad URL or request
	KindBody     Kind = "body"      // reading or decompressing the body failed
	KindCanceled Kind = "canceled"  // the caller's context ended
)

// Error is a failed fetch. Temporary failures (timeouts, connection
// errors, 5xx, 408, 429, a robots.txt that answers 5xx or 429) are worth
// retrying soon; the others (4xx, a robots.txt rule, oversized bodies,
// redirect loops) will most likely fail the same way again, though they
// may pass too (a page restored, a rule lifted, a page trimmed). The
// crawl scheduler backs both off alike, from http.retry.initial doubling
// to http.retry.max; the class describes the failure to callers.
// RetryAfter is the server's Retry-After, when it sent one; a scheduler
// must not retry sooner.
type Error struct {
	Kind       Kind
	URL        string // the URL that failed, its secrets redacted (see internal/redact)
	StatusCode int    // for KindStatus, and KindRobots when robots.txt answered 5xx or 429
	RetryAfter time.Duration
	Temporary  bool
	Err        error // the underlying cause, if any
	msg        string
}

// Error implements error. The message starts with "fetch: "; a URL the
// underlying cause quotes has its secrets redacted.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("fetch: ")
	b.WriteString(e.msg)
	if e.RetryAfter > 0 {
		b.WriteString(" (retry after ")
		b.WriteString(e.RetryAfter.String())
		b.WriteByte(')')
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(redact.Text(e.Err.Error()))
	}
	return b.String()
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Permanent reports whether retrying soon is pointless.
func (e *Error) Permanent() bool { return !e.Temporary }

// AsError returns err as an *Error if it is (or wraps) one.
func AsError(err error) (*Error, bool) {
	var fe *Error
	ok := errors.As(err, &fe)
	return fe, ok
}

// statusError builds the error for an HTTP error status.
func statusError(url string, resp *http.Response, now time.Time) *Error {
	code := resp.StatusCode
	e := &Error{
		Kind:       KindStatus,
		URL:        url,
		StatusCode: code,
		msg:        "HTTP " + strconv.Itoa(code) + " " + http.StatusText(code),
		Temporary:  code >= 500 || code == http.StatusTooManyRequests || code == http.StatusRequestTimeout,
	}
	e.RetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), now)
	return e
}

// parseRetryAfter reads a Retry-After value: delay seconds or an HTTP
// date. Unparsable or past values give 0.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		const maxSecs = int64(365 * 24 * time.Hour / time.Second)
		return time.Duration(min(secs, maxSecs)) * time.Second
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0
	}
	if d := t.Sub(now); d > 0 {
		return d.Round(time.Second)
	}
	return 0
}

// formatSize prints a byte count as the config writes it ("5.0 MiB").
func formatSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
