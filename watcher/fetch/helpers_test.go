package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// newFetcher returns a Fetcher with quick test timeouts; mod adjusts the
// options.
func newFetcher(t *testing.T, mod func(*Options)) *Fetcher {
	t.Helper()
	o := Options{
		UserAgent:      "mentionwatch-test/1",
		Timeout:        5 * time.Second,
		ConnectTimeout: time.Second,
		MaxBody:        1 << 20,
		PerHost:        2,
		Workers:        4,
		MaxRedirects:   5,
	}
	if mod != nil {
		mod(&o)
	}
	f := New(o)
	t.Cleanup(f.Close)
	return f
}

func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s
}

// mustFail fetches url expecting an *Error of the given kind.
func mustFail(t *testing.T, f *Fetcher, url string, kind Kind) *Error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := f.Fetch(ctx, Request{URL: url})
	if err == nil {
		t.Fatalf("Fetch(%s) succeeded with status %d, want %s error", url, resp.StatusCode, kind)
	}
	var fe *Error
	if !errors.As(err, &fe) {
		t.Fatalf("Fetch(%s) error %T %v is not *fetch.Error", url, err, err)
	}
	if fe.Kind != kind {
		t.Fatalf("Fetch(%s) kind = %s (%v), want %s", url, fe.Kind, err, kind)
	}
	return fe
}

func mustFetch(t *testing.T, f *Fetcher, r Request) *Response {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := f.Fetch(ctx, r)
	if err != nil {
		t.Fatalf("Fetch(%s): %v", r.URL, err)
	}
	return resp
}
