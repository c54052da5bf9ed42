// Package fetch is mentionwatch's polite HTTP fetcher: conditional GET,
// gzip, bounded redirects, connect and total timeouts, a cap on body size,
// robots.txt, a global worker pool, per-host concurrency and a minimum
// delay between requests to one host. Failures are typed (*Error) so the
// scheduler can tell what to retry soon, and Backoff computes when.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/redact"
)

// Options configure a Fetcher. Zero fields take the defaults of
// internal/config.
type Options struct {
	UserAgent      string
	Timeout        time.Duration // whole request: connect, headers and body
	ConnectTimeout time.Duration // TCP and TLS handshake
	MaxBody        int64         // bytes; a longer body is an error
	PerHost        int           // concurrent requests to one host
	MinDelay       time.Duration // between request starts to one host
	Workers        int           // concurrent requests overall
	MaxRedirects   int           // 0: the default; negative: follow none
	Robots         bool          // obey robots.txt
	Logger         *slog.Logger
	// Clock times the waits between requests to one host (default
	// clock.Real).
	Clock clock.Clock
	// Now is the clock for cached robots.txt expiry and Retry-After
	// dates (default Clock.Now).
	Now func() time.Time
	// Transport replaces the HTTP transport, e.g. in tests.
	Transport http.RoundTripper
	// Metrics, when set, records every fetch (see NewMetrics).
	Metrics *Metrics
}

// OptionsFrom converts the http section of rules.yaml.
func OptionsFrom(h config.HTTP) Options {
	redirects := h.MaxRedirects
	if redirects == 0 {
		redirects = -1 // an explicit 0 in the config: follow none
	}
	return Options{
		UserAgent:      h.UserAgent,
		Timeout:        h.Timeout.D(),
		ConnectTimeout: h.ConnectTimeout.D(),
		MaxBody:        int64(h.MaxBody),
		PerHost:        h.PerHost,
		MinDelay:       h.MinDelay.D(),
		Workers:        h.Workers,
		MaxRedirects:   redirects,
		Robots:         h.RobotsEnabled(),
	}
}

// Fetcher fetches URLs politely. It is safe for concurrent use; share one
// between every source so the worker pool and per-host limits are global.
type Fetcher struct {
	o       Options
	now     func() time.Time
	client  *http.Client
	workers chan struct{}
	hosts   *hosts
	robots  *robotsCache
}

// New returns a Fetcher.
func New(o Options) *Fetcher {
	if o.UserAgent == "" {
		o.UserAgent = config.DefaultUserAgent
	}
	if o.Timeout <= 0 {
		o.Timeout = config.DefaultTimeout
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = min(config.DefaultConnect, o.Timeout)
	}
	if o.MaxBody <= 0 {
		o.MaxBody = config.DefaultMaxBody
	}
	if o.PerHost <= 0 {
		o.PerHost = config.DefaultPerHost
	}
	if o.Workers <= 0 {
		o.Workers = config.DefaultWorkers
	}
	if o.MaxRedirects == 0 {
		o.MaxRedirects = config.DefaultMaxRedirects
	}
	if o.MinDelay < 0 {
		o.MinDelay = 0
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Clock == nil {
		o.Clock = clock.Real{}
	}
	if o.Now == nil {
		o.Now = o.Clock.Now
	}
	f := &Fetcher{
		o:       o,
		now:     o.Now,
		workers: make(chan struct{}, o.Workers),
		hosts:   newHosts(o.PerHost, o.Clock),
	}
	f.robots = &robotsCache{f: f, m: make(map[string]*robotsEntry)}
	rt := o.Transport
	if rt == nil {
		rt = newTransport(o)
	}
	f.client = &http.Client{Transport: rt, CheckRedirect: f.checkRedirect}
	return f
}

func newTransport(o Options) *http.Transport {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: o.ConnectTimeout, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:   o.ConnectTimeout,
		ResponseHeaderTimeout: o.Timeout,
		ExpectContinueTimeout: time.Second,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConns:          max(100, 2*o.Workers),
		MaxIdleConnsPerHost:   max(2, o.PerHost),
		ForceAttemptHTTP2:     true,
		DisableCompression:    true, // we ask for gzip ourselves and cap what we inflate
	}
}

// Close releases idle connections.
func (f *Fetcher) Close() { f.client.CloseIdleConnections() }

// Request is one fetch. ETag and LastModified are the validators stored
// from the previous response; when set they make the request conditional.
type Request struct {
	URL          string
	ETag         string
	LastModified string
	Header       http.Header // extra headers
	Accept       string      // Accept header (default */*)
}

// Response is a successful fetch: a 2xx with its body, or a 304.
type Response struct {
	StatusCode   int
	URL          string // final URL, after redirects
	ETag         string // validators to store for the next request
	LastModified string
	ContentType  string
	NotModified  bool   // 304: the body is unchanged and was not sent
	Body         []byte // raw bytes (decompressed, not charset-decoded), at most MaxBody
	Elapsed      time.Duration
	// Links are the Link headers (a feed names its WebSub hub there).
	Links []string
}

// Fetch fetches r.URL. It waits for the URL's host to allow another
// request (per-host concurrency, minimum delay, Crawl-delay) and then for
// a free worker, obeys robots.txt, and reads at most MaxBody bytes. A 304
// answer is a Response with NotModified set; every failure, including an
// HTTP error status, is an *Error.
func (f *Fetcher) Fetch(ctx context.Context, r Request) (resp *Response, err error) {
	defer func() { f.o.Metrics.failed(err) }()
	u, perr := url.Parse(r.URL)
	if perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &Error{Kind: KindInvalid, URL: redact.URL(r.URL), msg: "invalid URL (want absolute http or https)", Err: perr}
	}
	delay := f.o.MinDelay
	if f.o.Robots {
		rules, err := f.robots.get(ctx, u, true)
		if err != nil {
			return nil, canceled(u, err)
		}
		if err := rules.check(u); err != nil {
			return nil, err
		}
		delay = max(delay, rules.crawlDelay())
	}
	h := f.hosts.get(strings.ToLower(u.Host))
	if err := f.hosts.acquire(ctx, h, delay); err != nil {
		return nil, canceled(u, err)
	}
	defer f.hosts.release(h)
	if err := f.acquireWorker(ctx); err != nil {
		return nil, canceled(u, err)
	}
	defer f.releaseWorker()
	return f.do(ctx, u, r)
}

func (f *Fetcher) acquireWorker(ctx context.Context) error {
	select {
	case f.workers <- struct{}{}:
		f.o.Metrics.flight(1)
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (f *Fetcher) releaseWorker() {
	<-f.workers
	f.o.Metrics.flight(-1)
}

// do sends the request and reads the answer, holding a worker slot.
func (f *Fetcher) do(ctx context.Context, u *url.URL, r Request) (*Response, error) {
	start := time.Now()
	rctx, cancel := context.WithTimeout(ctx, f.o.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &Error{Kind: KindInvalid, URL: shown(u), msg: "bad request", Err: err}
	}
	for k, v := range r.Header {
		req.Header[k] = v
	}
	req.Header.Set("User-Agent", f.o.UserAgent)
	req.Header.Set("Accept-Encoding", acceptEncoding)
	if r.Accept != "" {
		req.Header.Set("Accept", r.Accept)
	} else if req.Header.Get("Accept") == "" {
		req.Header.Set("Accept", "*/*")
	}
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}
	log := f.o.Logger.With("url", shown(u))

	hr, err := f.client.Do(req)
	if err != nil {
		fe := f.transportError(ctx, u, err)
		f.o.Metrics.observe(0, time.Since(start).Seconds(), 0)
		log.Debug("fetch failed", "err", fe)
		return nil, fe
	}
	defer hr.Body.Close()
	final := hr.Request.URL
	resp := &Response{
		StatusCode:   hr.StatusCode,
		URL:          final.String(),
		ETag:         hr.Header.Get("ETag"),
		LastModified: hr.Header.Get("Last-Modified"),
		ContentType:  hr.Header.Get("Content-Type"),
		Links:        hr.Header.Values("Link"),
	}
	switch {
	case hr.StatusCode == http.StatusNotModified:
		resp.NotModified = true
		if resp.ETag == "" {
			resp.ETag = r.ETag
		}
		if resp.LastModified == "" {
			resp.LastModified = r.LastModified
		}
	case hr.StatusCode >= 200 && hr.StatusCode < 300:
		if err := f.readBody(ctx, final, hr, resp); err != nil {
			f.o.Metrics.observe(hr.StatusCode, time.Since(start).Seconds(), len(resp.Body))
			log.Debug("fetch failed", "status", hr.StatusCode, "err", err)
			return nil, err
		}
	default:
		f.o.Metrics.observe(hr.StatusCode, time.Since(start).Seconds(), 0)
		fe := statusError(shown(final), hr, f.now())
		log.Debug("fetch failed", "status", hr.StatusCode, "err", fe)
		return nil, fe
	}
	resp.Elapsed = time.Since(start)
	f.o.Metrics.observe(hr.StatusCode, resp.Elapsed.Seconds(), len(resp.Body))
	log.Debug("fetched", "status", hr.StatusCode, "bytes", len(resp.Body), "elapsed", resp.Elapsed)
	return resp, nil
}

// readBody reads a 2xx body into resp, decompressed and capped.
func (f *Fetcher) readBody(ctx context.Context, u *url.URL, hr *http.Response, resp *Response) error {
	tooLarge := func() error {
		return &Error{Kind: KindTooLarge, URL: shown(u), msg: "body larger than " + formatSize(f.o.MaxBody)}
	}
	ce := hr.Header.Get("Content-Encoding")
	hint := hr.ContentLength
	if ce == "" && hint > f.o.MaxBody {
		return tooLarge()
	}
	if ce != "" {
		hint = -1 // the inflated size is unknown
	}
	body, err := decoder(hr.Body, ce)
	if err == nil {
		resp.Body, err = readCapped(body, f.o.MaxBody, hint)
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, errTooLarge):
		return tooLarge()
	case ctx.Err() != nil:
		return canceled(u, ctx.Err())
	case isTimeout(err):
		return &Error{Kind: KindTimeout, URL: shown(u), Temporary: true, msg: fmt.Sprintf("timeout after %s reading the body", f.o.Timeout)}
	}
	return &Error{Kind: KindBody, URL: shown(u), Temporary: true, msg: "reading the body", Err: err}
}

// transportError classifies an error from http.Client.Do.
func (f *Fetcher) transportError(ctx context.Context, u *url.URL, err error) *Error {
	if fe, ok := AsError(err); ok { // from checkRedirect
		return fe
	}
	if ctx.Err() != nil {
		return canceled(u, ctx.Err())
	}
	if isTimeout(err) {
		return &Error{Kind: KindTimeout, URL: shown(u), Temporary: true, msg: fmt.Sprintf("timeout after %s", f.o.Timeout)}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // its message repeats the URL
	}
	return &Error{Kind: KindNetwork, URL: shown(u), Temporary: true, msg: "connection failed", Err: err}
}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// checkRedirect bounds redirects, stops loops and applies robots.txt to
// each hop — not to the hops of a robots.txt fetch, which is what robots.txt
// rules come from (and whose host's entry is locked while it runs).
func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if f.o.MaxRedirects < 0 || len(via) > f.o.MaxRedirects {
		return &Error{Kind: KindRedirect, URL: shown(via[0].URL), msg: fmt.Sprintf("stopped after %d redirects (limit %d)", len(via), max(0, f.o.MaxRedirects))}
	}
	next := req.URL.String()
	for _, v := range via {
		if v.URL.String() == next {
			return &Error{Kind: KindRedirect, URL: shown(via[0].URL), msg: "redirect loop back to " + shown(req.URL)}
		}
	}
	if f.o.Robots && req.Context().Value(robotsFetchKey{}) == nil {
		rules, err := f.robots.get(req.Context(), req.URL, false)
		if err != nil {
			return err
		}
		if err := rules.check(req.URL); err != nil {
			return err
		}
	}
	return nil
}

func robotsError(u *url.URL) *Error {
	return &Error{Kind: KindRobots, URL: shown(u), msg: "disallowed by robots.txt: " + shown(u)}
}

func canceled(u *url.URL, err error) *Error {
	return &Error{Kind: KindCanceled, URL: shown(u), Temporary: true, msg: "canceled", Err: err}
}

// shown is u as errors and logs show it: its secrets redacted.
func shown(u *url.URL) string { return redact.URL(u.String()) }
