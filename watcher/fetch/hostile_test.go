package fetch

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/watcher/charset"
	"golang.org/x/text/encoding/charmap"
)

func TestSlowServer(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"headers never come", func(w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done()
		}},
		{"body trickles", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			tick := time.NewTicker(10 * time.Millisecond)
			defer tick.Stop()
			for {
				if _, err := w.Write([]byte("<")); err != nil {
					return
				}
				w.(http.Flusher).Flush()
				select {
				case <-r.Context().Done():
					return
				case <-tick.C:
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := serve(t, tt.handler)
			f := newFetcher(t, func(o *Options) { o.Timeout = 200 * time.Millisecond })
			start := time.Now()
			fe := mustFail(t, f, s.URL+"/feed", KindTimeout)
			if !fe.Temporary {
				t.Errorf("timeout should be temporary")
			}
			if el := time.Since(start); el > 3*time.Second {
				t.Errorf("gave up after %s, timeout is 200ms", el)
			}
			if !strings.Contains(fe.Error(), "timeout after 200ms") {
				t.Errorf("message %q does not name the timeout", fe.Error())
			}
		})
	}
}

func TestConnectTimeoutAndRefused(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {})
	addr := s.Listener.Addr().String()
	s.Close() // nothing listens there now
	f := newFetcher(t, nil)
	fe := mustFail(t, f, "http://"+addr+"/feed", KindNetwork)
	if !fe.Temporary {
		t.Errorf("connection refused should be temporary")
	}
}

// zeros is an endless reader of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestHugeBody(t *testing.T) {
	const fifty = 50 << 20
	// A gzip bomb: 50 concatenated gzip members of 1 MiB of zeros each.
	var member bytes.Buffer
	zw := gzip.NewWriter(&member)
	io.Copy(zw, io.LimitReader(zeros{}, 1<<20))
	zw.Close()
	gz := bytes.Repeat(member.Bytes(), fifty>>20)
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"50 MB with Content-Length", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", fmt.Sprint(fifty))
			io.Copy(w, io.LimitReader(zeros{}, fifty))
		}},
		{"50 MB chunked", func(w http.ResponseWriter, r *http.Request) {
			w.(http.Flusher).Flush()
			io.Copy(w, io.LimitReader(zeros{}, fifty))
		}},
		{"endless", func(w http.ResponseWriter, r *http.Request) {
			io.Copy(w, zeros{})
		}},
		{"gzip bomb", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gz)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := serve(t, tt.handler)
			f := newFetcher(t, func(o *Options) { o.MaxBody = 1 << 20 })
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			fe := mustFail(t, f, s.URL+"/feed", KindTooLarge)
			runtime.ReadMemStats(&after)
			if got := fe.Error(); got != "fetch: body larger than 1.0 MiB" {
				t.Errorf("message = %q", got)
			}
			if fe.Temporary {
				t.Errorf("an oversized body is not temporary")
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 12<<20 {
				t.Errorf("allocated %d MiB for a body capped at 1 MiB", alloc>>20)
			}
		})
	}
}

func TestBodyAtTheCap(t *testing.T) {
	body := bytes.Repeat([]byte("x"), 1<<20)
	s := serve(t, func(w http.ResponseWriter, r *http.Request) { w.Write(body) })
	f := newFetcher(t, func(o *Options) { o.MaxBody = 1 << 20 })
	resp := mustFetch(t, f, Request{URL: s.URL})
	if !bytes.Equal(resp.Body, body) {
		t.Errorf("body of exactly MaxBody bytes: got %d bytes", len(resp.Body))
	}
}

func TestRedirects(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/a":
			http.Redirect(w, r, "/b", http.StatusFound)
		case r.URL.Path == "/b":
			http.Redirect(w, r, "/a", http.StatusMovedPermanently)
		case r.URL.Path == "/old":
			http.Redirect(w, r, "/new/feed.xml", http.StatusMovedPermanently)
		case strings.HasPrefix(r.URL.Path, "/hop/"):
			var n int
			fmt.Sscanf(r.URL.Path, "/hop/%d", &n)
			http.Redirect(w, r, fmt.Sprintf("/hop/%d", n+1), http.StatusTemporaryRedirect)
		default:
			fmt.Fprint(w, "<rss/>")
		}
	})
	f := newFetcher(t, func(o *Options) { o.MaxRedirects = 3 })

	t.Run("followed, final URL kept", func(t *testing.T) {
		resp := mustFetch(t, f, Request{URL: s.URL + "/old"})
		if resp.URL != s.URL+"/new/feed.xml" {
			t.Errorf("final URL = %s", resp.URL)
		}
		if string(resp.Body) != "<rss/>" {
			t.Errorf("body = %q", resp.Body)
		}
	})
	t.Run("loop", func(t *testing.T) {
		fe := mustFail(t, f, s.URL+"/a", KindRedirect)
		if !strings.Contains(fe.Error(), "redirect loop back to "+s.URL+"/a") {
			t.Errorf("message = %q", fe.Error())
		}
	})
	t.Run("too many", func(t *testing.T) {
		fe := mustFail(t, f, s.URL+"/hop/0", KindRedirect)
		if !strings.Contains(fe.Error(), "stopped after 4 redirects (limit 3)") {
			t.Errorf("message = %q", fe.Error())
		}
	})
	t.Run("none allowed", func(t *testing.T) {
		f := newFetcher(t, func(o *Options) { o.MaxRedirects = -1 })
		mustFail(t, f, s.URL+"/old", KindRedirect)
	})
}

func TestErrorStatus(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		status     int
		retryAfter string
		temporary  bool
		wantAfter  time.Duration
	}{
		{500, "", true, 0},
		{502, "", true, 0},
		{503, now.Add(90 * time.Second).Format(http.TimeFormat), true, 90 * time.Second},
		{429, "120", true, 2 * time.Minute},
		{429, "soon", true, 0},
		{408, "", true, 0},
		{404, "", false, 0},
		{410, "", false, 0},
		{403, "", false, 0},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d %s", tt.status, tt.retryAfter), func(t *testing.T) {
			s := serve(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.retryAfter != "" {
					w.Header().Set("Retry-After", tt.retryAfter)
				}
				w.WriteHeader(tt.status)
				io.WriteString(w, "go away")
			})
			f := newFetcher(t, func(o *Options) { o.Now = func() time.Time { return now } })
			fe := mustFail(t, f, s.URL+"/feed", KindStatus)
			if fe.StatusCode != tt.status || fe.Temporary != tt.temporary || fe.RetryAfter != tt.wantAfter {
				t.Errorf("got status %d temporary %v retry-after %s; want %d %v %s",
					fe.StatusCode, fe.Temporary, fe.RetryAfter, tt.status, tt.temporary, tt.wantAfter)
			}
			if !strings.HasPrefix(fe.Error(), fmt.Sprintf("fetch: HTTP %d ", tt.status)) {
				t.Errorf("message = %q", fe.Error())
			}
		})
	}
}

func TestLyingCharset(t *testing.T) {
	page := `<html><head><meta charset="windows-1251"><title>Отзывы</title></head>` +
		`<body><p>Служба поддержки банка не отвечает уже третий день, деньги так и не вернули.</p></body></html>`
	raw, err := charmap.Windows1251.NewEncoder().String(page)
	if err != nil {
		t.Fatal(err)
	}
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8") // the server's default, wrong
		io.WriteString(w, raw)
	})
	f := newFetcher(t, nil)
	resp := mustFetch(t, f, Request{URL: s.URL})
	text, enc, err := charset.DecodeHTML(resp.Body, resp.ContentType)
	if err != nil {
		t.Fatal(err)
	}
	if enc != charset.Windows1251 || !bytes.Contains(text, []byte("Служба поддержки банка")) {
		t.Errorf("decoded as %s: %.80s", enc, text)
	}
}

func TestCompression(t *testing.T) {
	feed := strings.Repeat("<item><title>Новости компании</title></item>\n", 200)
	compress := map[string]func(io.Writer) io.WriteCloser{
		"gzip":      func(w io.Writer) io.WriteCloser { return gzip.NewWriter(w) },
		"deflate":   func(w io.Writer) io.WriteCloser { return zlib.NewWriter(w) },
		"raw flate": func(w io.Writer) io.WriteCloser { z, _ := flate.NewWriter(w, 5); return z },
	}
	for name, mk := range compress {
		t.Run(name, func(t *testing.T) {
			var gotAE string
			s := serve(t, func(w http.ResponseWriter, r *http.Request) {
				gotAE = r.Header.Get("Accept-Encoding")
				enc := strings.Fields(name)[len(strings.Fields(name))-1]
				if enc == "flate" {
					enc = "deflate"
				}
				w.Header().Set("Content-Encoding", enc)
				z := mk(w)
				io.WriteString(z, feed)
				z.Close()
			})
			f := newFetcher(t, nil)
			resp := mustFetch(t, f, Request{URL: s.URL})
			if string(resp.Body) != feed {
				t.Errorf("body not decompressed: %d bytes", len(resp.Body))
			}
			if !strings.Contains(gotAE, "gzip") {
				t.Errorf("Accept-Encoding = %q", gotAE)
			}
		})
	}
}

func TestConditionalGET(t *testing.T) {
	modTime := time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC)
	feed := `<rss version="2.0"><channel><title>t</title></channel></rss>`
	tests := []struct {
		name     string
		etag     string // served ETag, "" for none
		validate func(first *Response) Request
	}{
		{"etag", `"v1"`, func(first *Response) Request { return Request{ETag: first.ETag} }},
		{"last-modified", "", func(first *Response) Request { return Request{LastModified: first.LastModified} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var full, notMod atomic.Int32
			s := serve(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.etag != "" {
					w.Header().Set("ETag", tt.etag)
				}
				rec := &statusRecorder{ResponseWriter: w}
				mt := modTime
				if tt.etag != "" {
					mt = time.Time{} // ETag only: no Last-Modified to fall back on
				}
				http.ServeContent(rec, r, "feed.xml", mt, strings.NewReader(feed))
				if rec.status == http.StatusNotModified {
					notMod.Add(1)
				} else {
					full.Add(1)
				}
			})
			f := newFetcher(t, nil)
			first := mustFetch(t, f, Request{URL: s.URL})
			if first.NotModified || string(first.Body) != feed {
				t.Fatalf("first fetch: not modified %v, body %q", first.NotModified, first.Body)
			}
			if tt.etag != "" && first.ETag != tt.etag {
				t.Errorf("ETag = %q", first.ETag)
			}
			if tt.etag == "" && first.LastModified != modTime.Format(http.TimeFormat) {
				t.Errorf("Last-Modified = %q", first.LastModified)
			}
			req := tt.validate(first)
			req.URL = s.URL
			second := mustFetch(t, f, req)
			if !second.NotModified || second.StatusCode != 304 || second.Body != nil {
				t.Errorf("second fetch: not modified %v, status %d, %d body bytes", second.NotModified, second.StatusCode, len(second.Body))
			}
			if second.ETag != first.ETag || second.LastModified != first.LastModified {
				t.Errorf("validators not carried over a 304: %q %q", second.ETag, second.LastModified)
			}
			if full.Load() != 1 || notMod.Load() != 1 {
				t.Errorf("server sent %d full answers and %d 304s", full.Load(), notMod.Load())
			}
		})
	}
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func TestPerHostConcurrency(t *testing.T) {
	const perHost, requests = 2, 10
	var inFlight, peak atomic.Int32
	arrived := make(chan struct{})
	release := make(chan struct{})
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		arrived <- struct{}{}
		<-release
		inFlight.Add(-1)
		io.WriteString(w, "ok")
	})
	f := newFetcher(t, func(o *Options) { o.PerHost = perHost; o.Workers = 8 })
	errs := make(chan error, requests)
	for i := 0; i < requests; i++ {
		go func() {
			_, err := f.Fetch(context.Background(), Request{URL: fmt.Sprintf("%s/feed/%d", s.URL, i)})
			errs <- err
		}()
	}
	// Let the host fill up, then release one request per new arrival: a
	// limiter that let more through would show a peak above perHost.
	for i := 0; i < perHost; i++ {
		<-arrived
	}
	for i := perHost; i < requests; i++ {
		release <- struct{}{}
		<-arrived
	}
	for i := 0; i < perHost; i++ {
		release <- struct{}{}
	}
	for i := 0; i < requests; i++ {
		if err := <-errs; err != nil {
			t.Errorf("fetch: %v", err)
		}
	}
	if p := peak.Load(); p != perHost {
		t.Errorf("peak concurrency on one host = %d, want %d", p, perHost)
	}
}

func TestSlowHostDoesNotDelayOthers(t *testing.T) {
	t.Run("busy host", func(t *testing.T) {
		arrived := make(chan struct{}, 10)
		release := make(chan struct{})
		var releaseOnce sync.Once
		slow := serve(t, func(w http.ResponseWriter, r *http.Request) {
			arrived <- struct{}{}
			select {
			case <-release:
			case <-r.Context().Done():
			}
		})
		t.Cleanup(func() { releaseOnce.Do(func() { close(release) }) }) // runs before the server closes
		fast := serve(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "fast") })
		// Two workers in all, one per host: the slow host's queued requests
		// must wait without taking the second worker.
		f := newFetcher(t, func(o *Options) { o.Workers = 2; o.PerHost = 1 })
		done := make(chan error, 3)
		for i := 0; i < 3; i++ {
			go func() {
				_, err := f.Fetch(context.Background(), Request{URL: fmt.Sprintf("%s/%d", slow.URL, i)})
				done <- err
			}()
		}
		<-arrived
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		resp, err := f.Fetch(ctx, Request{URL: fast.URL})
		if err != nil {
			t.Fatalf("fast host was held up by the slow one: %v", err)
		}
		if string(resp.Body) != "fast" {
			t.Errorf("body = %q", resp.Body)
		}
		releaseOnce.Do(func() { close(release) })
		for i := 0; i < 3; i++ {
			if err := <-done; err != nil {
				t.Errorf("slow host fetch: %v", err)
			}
		}
	})
	t.Run("min delay", func(t *testing.T) {
		a := serve(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "a") })
		b := serve(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "b") })
		f := newFetcher(t, func(o *Options) { o.Workers = 1; o.MinDelay = time.Hour })
		mustFetch(t, f, Request{URL: a.URL})
		waiting, cancelWait := context.WithCancel(context.Background())
		defer cancelWait()
		done := make(chan error, 1)
		go func() { // waits an hour for host a
			_, err := f.Fetch(waiting, Request{URL: a.URL + "/again"})
			done <- err
		}()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if _, err := f.Fetch(ctx, Request{URL: b.URL}); err != nil {
			t.Fatalf("host b waited for host a's delay: %v", err)
		}
		cancelWait()
		fe, _ := AsError(<-done)
		if fe == nil || fe.Kind != KindCanceled {
			t.Errorf("waiting fetch ended with %v, want canceled", fe)
		}
	})
}

func TestMinDelayBetweenRequests(t *testing.T) {
	checkSpacing(t, "", 150*time.Millisecond, func(o *Options) { o.PerHost = 1; o.MinDelay = 150 * time.Millisecond })
}

func TestInvalidURL(t *testing.T) {
	f := newFetcher(t, nil)
	for _, u := range []string{"", "feed.xml", "ftp://example.org/feed", "http://", "://x"} {
		mustFail(t, f, u, KindInvalid)
	}
}

func TestCanceled(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	f := newFetcher(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, err := f.Fetch(ctx, Request{URL: s.URL})
		errc <- err
	}()
	cancel()
	fe, ok := AsError(<-errc)
	if !ok || fe.Kind != KindCanceled {
		t.Errorf("got %v, want a canceled error", fe)
	}
}

func TestRequestHeaders(t *testing.T) {
	var got http.Header
	s := serve(t, func(w http.ResponseWriter, r *http.Request) { got = r.Header.Clone() })
	f := newFetcher(t, func(o *Options) { o.UserAgent = "mentionwatch/1 (+https://example.org/bot)" })
	mustFetch(t, f, Request{URL: s.URL, Accept: "application/rss+xml", Header: http.Header{"X-Extra": {"1"}}})
	if got.Get("User-Agent") != "mentionwatch/1 (+https://example.org/bot)" || got.Get("Accept") != "application/rss+xml" || got.Get("X-Extra") != "1" {
		t.Errorf("headers sent: %v", got)
	}
	if got.Get("If-None-Match") != "" || got.Get("If-Modified-Since") != "" {
		t.Errorf("unconditional request sent validators: %v", got)
	}
}
