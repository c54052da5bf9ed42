package httpsend

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/notify/alert"
)

const op = "test: post"

var now = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

// answer returns a handler that answers status with the given headers and
// body.
func answer(status int, header map[string]string, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		for k, v := range header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

func serve(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func TestStatus(t *testing.T) {
	date := now.Add(90 * time.Second).Format(http.TimeFormat)
	for _, tc := range []struct {
		name       string
		h          http.HandlerFunc
		ok         bool
		retry      bool
		retryAfter time.Duration
		want       string // what Fail's error says
	}{
		{"200", answer(200, nil, "ok"), true, false, 0, ""},
		{"204", answer(204, nil, ""), true, false, 0, ""},
		{"429 seconds", answer(429, map[string]string{"Retry-After": "7"}, "rate_limited"), false, true, 7 * time.Second, "test: post: HTTP 429: code"},
		{"429 HTTP date", answer(429, map[string]string{"Retry-After": date}, ""), false, true, 90 * time.Second, "HTTP 429"},
		{"429 date passed", answer(429, map[string]string{"Retry-After": now.Add(-time.Minute).Format(http.TimeFormat)}, ""), false, true, 0, "HTTP 429"},
		{"429 bad header", answer(429, map[string]string{"Retry-After": "soon"}, ""), false, true, 0, "HTTP 429"},
		{"429 no header", answer(429, nil, ""), false, true, 0, "HTTP 429"},
		{"500", answer(500, nil, "<html>boom</html>"), false, true, 0, "HTTP 500"},
		{"502", answer(502, nil, ""), false, true, 0, "HTTP 502"},
		{"503 Retry-After is the caller's to honour", answer(503, map[string]string{"Retry-After": "120"}, ""), false, true, 0, "HTTP 503"},
		{"408", answer(408, nil, ""), false, true, 0, "HTTP 408"},
		{"400", answer(400, nil, "invalid_payload"), false, false, 0, "HTTP 400"},
		{"403", answer(403, nil, ""), false, false, 0, "HTTP 403"},
		{"404", answer(404, nil, "no_service"), false, false, 0, "HTTP 404"},
		{"410", answer(410, nil, "channel_is_archived"), false, false, 0, "HTTP 410"},
		{"302 not followed to success", answer(302, nil, ""), false, false, 0, "HTTP 302"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := serve(t, tc.h)
			resp, err := PostJSON(context.Background(), srv.Client(), Request{Op: op, URL: srv.URL + "/hook", JSON: map[string]string{"text": "hi"}})
			if err != nil {
				t.Fatalf("PostJSON: %v", err)
			}
			if resp.OK() != tc.ok {
				t.Fatalf("OK() = %v for %d", resp.OK(), resp.Status)
			}
			if tc.ok {
				return
			}
			retry, e := resp.Fail(op, "code", now)
			if e == nil {
				t.Fatal("Fail returned no error")
			}
			if retry != tc.retry || e.RetryAfter != tc.retryAfter || alert.RetryAfter(e) != tc.retryAfter {
				t.Errorf("Fail = %v after %v, want %v after %v", retry, e.RetryAfter, tc.retry, tc.retryAfter)
			}
			if alert.Temporary(e) != tc.retry {
				t.Errorf("alert.Temporary = %v, want %v", alert.Temporary(e), tc.retry)
			}
			if e.Status != resp.Status || e.Op != op || e.Code != "code" || alert.Uncertain(e) {
				t.Errorf("error %+v", e)
			}
			if !strings.Contains(e.Error(), tc.want) {
				t.Errorf("error %q lacks %q", e, tc.want)
			}
		})
	}
}

func TestRetryAfterHeader(t *testing.T) {
	for _, tc := range []struct {
		header string
		want   time.Duration
	}{
		{"", 0},
		{"0", 0},
		{"30", 30 * time.Second},
		{" 5 ", 5 * time.Second},
		{"-1", 0},
		{now.Add(2 * time.Minute).Format(http.TimeFormat), 2 * time.Minute},
		{now.Add(-2 * time.Minute).Format(http.TimeFormat), 0},
		{"tomorrow", 0},
	} {
		r := &Response{Status: 503, Header: http.Header{}}
		if tc.header != "" {
			r.Header.Set("Retry-After", tc.header)
		}
		if got := r.RetryAfter(now); got != tc.want {
			t.Errorf("RetryAfter(%q) = %v, want %v", tc.header, got, tc.want)
		}
	}
}

// TestNoAnswer: a request that does not go out, or gets no answer, is an
// error; the URL and the secrets appear in none.
func TestNoAnswer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String() + "/services/XXXXSECRETPATH?token=SECRETQUERY"
	ln.Close() // nothing listens there now

	hang := make(chan struct{})
	slow := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	}))
	defer close(hang)

	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name      string
		ctx       context.Context
		client    *http.Client
		r         Request
		retry     bool
		uncertain bool
		is        error
		want      string
	}{
		{"refused", context.Background(), nil, Request{Op: op, URL: refused, JSON: 1, Secrets: []string{"SECRETQUERY"}}, true, true, nil, "test: post: "},
		{"timeout", context.Background(), &http.Client{Timeout: 50 * time.Millisecond}, Request{Op: op, URL: slow.URL + "/XXXXSECRETPATH", JSON: 1}, true, true, nil, "Client.Timeout"},
		{"cancelled", cancelled, nil, Request{Op: op, URL: slow.URL + "/XXXXSECRETPATH", JSON: 1}, true, true, context.Canceled, "canceled"},
		{"bad URL", context.Background(), nil, Request{Op: op, URL: "http://x.example/XXXXSECRETPATH\x7f", URLName: "webhook URL", JSON: 1}, false, false, nil, "test: post: bad webhook URL"},
		{"bad URL, default name", context.Background(), nil, Request{Op: op, URL: "://XXXXSECRETPATH", JSON: 1}, false, false, nil, "test: post: bad URL"},
		{"body does not encode", context.Background(), nil, Request{Op: op, URL: slow.URL + "/XXXXSECRETPATH", JSON: func() {}}, false, false, nil, "json: unsupported type"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := PostJSON(tc.ctx, Client(tc.client), tc.r)
			if err == nil || resp != nil {
				t.Fatalf("PostJSON = %v, %v; want an error", resp, err)
			}
			if _, ok := errors.AsType[*alert.Error](err); !ok {
				t.Errorf("%T is not an *alert.Error", err)
			}
			if alert.Temporary(err) != tc.retry || alert.Uncertain(err) != tc.uncertain {
				t.Errorf("Temporary %v, Uncertain %v; want %v, %v (%v)", alert.Temporary(err), alert.Uncertain(err), tc.retry, tc.uncertain, err)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("%v is not %v", err, tc.is)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q lacks %q", err, tc.want)
			}
			for _, s := range []string{"SECRET", "/services", "token="} {
				if strings.Contains(err.Error(), s) {
					t.Errorf("error %q shows %q", err, s)
				}
			}
		})
	}
}

func TestRequest(t *testing.T) {
	var got http.Header
	var body []byte
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			t.Errorf("method %s", r.Method)
		}
		got = r.Header.Clone()
		body, _ = io.ReadAll(r.Body)
	}))
	h := http.Header{}
	h.Set("Authorization", "Bearer x")
	h.Set("Content-Type", "text/plain") // overridden
	h.Set("Idempotency-Key", "k-1")
	r := Request{Op: op, URL: srv.URL, Header: h, JSON: map[string]any{"text": "a <b> & c", "n": 1}}
	resp, err := PostJSON(context.Background(), srv.Client(), r)
	if err != nil || !resp.OK() {
		t.Fatalf("PostJSON = %+v, %v", resp, err)
	}
	if got.Get("Content-Type") != "application/json" || got.Get("Authorization") != "Bearer x" || got.Get("Idempotency-Key") != "k-1" {
		t.Errorf("headers %v", got)
	}
	if h.Get("Content-Type") != "text/plain" {
		t.Error("the caller's header was changed")
	}
	var v map[string]any
	if err := json.Unmarshal(body, &v); err != nil || v["text"] != "a <b> & c" || v["n"] != 1.0 {
		t.Errorf("body %s: %v", body, err)
	}
}

// TestCutOffBody: a body that ends before its Content-Length is a lost
// answer when it must be decoded, and a short peek otherwise.
func TestCutOffBody(t *testing.T) {
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		w.WriteHeader(200)
		_, _ = io.WriteString(w, `{"ok":tr`)
	}))
	url := srv.URL + "/botSECRETTOKEN/sendMessage"
	resp, err := PostJSON(context.Background(), srv.Client(), Request{Op: op, URL: url, JSON: 1})
	if err != nil || resp.Status != 200 || string(resp.Body) != `{"ok":tr` {
		t.Errorf("peek: %+v, %v", resp, err)
	}
	resp, err = PostJSON(context.Background(), srv.Client(), Request{Op: op, URL: url, JSON: 1, Decode: true, Secrets: []string{"SECRETTOKEN"}})
	if err == nil || resp != nil || !alert.Uncertain(err) || !alert.Temporary(err) {
		t.Fatalf("decode: %+v, %v; want an uncertain error", resp, err)
	}
	if strings.Contains(err.Error(), "SECRET") {
		t.Errorf("secret in %q", err)
	}
}

// TestAnswerBody: an answer's body is read up to PeekLimit, or
// DecodeLimit for a body to decode; the rest is read, up to DrainLimit, so
// that the next request goes over the same connection, and after a longer
// body the connection is closed.
func TestAnswerBody(t *testing.T) {
	for _, tc := range []struct {
		name   string
		size   int
		decode bool
		read   int
		conns  int64 // for 3 requests
	}{
		{"empty", 0, false, 0, 1},
		{"short code", 10, false, 10, 1},
		{"peek at limit", PeekLimit, false, PeekLimit, 1},
		{"peek cut, rest drained", 200 << 10, false, PeekLimit, 1},
		{"drained up to the limit", PeekLimit + DrainLimit, false, PeekLimit, 1},
		{"too long to drain", PeekLimit + DrainLimit + 1<<10, false, PeekLimit, 3},
		{"decoded whole", 10 << 10, true, 10 << 10, 1},
		{"decode cut, rest drained", DecodeLimit + 100<<10, true, DecodeLimit, 1},
		{"too long to decode and drain", DecodeLimit + DrainLimit + 1<<10, true, DecodeLimit, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := strings.Repeat("x", tc.size)
			var conns atomic.Int64
			srv := httptest.NewUnstartedServer(answer(500, map[string]string{"Content-Length": strconv.Itoa(tc.size)}, body))
			srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
				if s == http.StateNew {
					conns.Add(1)
				}
			}
			srv.Start()
			t.Cleanup(srv.Close)
			for range 3 {
				resp, err := PostJSON(context.Background(), srv.Client(), Request{Op: op, URL: srv.URL, JSON: 1, Decode: tc.decode})
				if err != nil || resp.Status != 500 {
					t.Fatalf("PostJSON = %+v, %v", resp, err)
				}
				if len(resp.Body) != tc.read || string(resp.Body) != body[:tc.read] {
					t.Fatalf("read %d bytes, want %d", len(resp.Body), tc.read)
				}
			}
			if got := conns.Load(); got != tc.conns {
				t.Errorf("%d connections for 3 requests, want %d", got, tc.conns)
			}
		})
	}
}

func TestClient(t *testing.T) {
	if c := Client(nil); c == nil || c.Timeout != DefaultTimeout {
		t.Errorf("Client(nil) = %+v", c)
	}
	if DefaultTimeout != 30*time.Second {
		t.Errorf("DefaultTimeout = %v", DefaultTimeout)
	}
	own := &http.Client{Timeout: time.Second}
	if Client(own) != own {
		t.Error("Client(c) is not c")
	}
}
