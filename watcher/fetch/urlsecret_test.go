package fetch

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a logger's concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestSecretsInURLsNotShown: whatever way a fetch fails — an error status,
// a redirect loop, too many redirects, robots.txt, a refused connection, a
// redirect to a URL that then fails — neither the error (its URL field
// and its text) nor the fetcher's log lines show a secret of the URL
// fetched or redirected to; the URL fetched is still the real one.
func TestSecretsInURLsNotShown(t *testing.T) {
	var got sync.Map // the query strings the server saw
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		got.Store(r.URL.Path, r.URL.RawQuery)
		switch r.URL.Path {
		case "/robots.txt":
			w.Write([]byte("User-agent: *\nDisallow: /private\n"))
		case "/status", "/bot123456:tgleak0/getUpdates":
			w.WriteHeader(http.StatusInternalServerError)
		case "/loop-a":
			http.Redirect(w, r, "/loop-b?sig=leak-loopb", http.StatusFound)
		case "/loop-b":
			http.Redirect(w, r, "/loop-a?key=leak-loopa", http.StatusFound)
		case "/chain":
			http.Redirect(w, r, r.URL.Path+"?token=leak-chain&n="+r.URL.Query().Get("n")+"1", http.StatusFound)
		case "/hop":
			http.Redirect(w, r, "/landing?api_key=leak-hop", http.StatusMovedPermanently)
		case "/landing":
			w.WriteHeader(http.StatusNotFound)
		default:
			w.WriteHeader(http.StatusTeapot)
		}
	})
	closed := serve(t, func(http.ResponseWriter, *http.Request) {})
	deadURL := closed.URL
	closed.Close()

	for _, tc := range []struct {
		name, url string
		kind      Kind
		robots    bool
		leaks     []string
	}{
		{"status", srv.URL + "/status?access_token=leak-status&v=5", KindStatus, false, []string{"leak-status"}},
		{"telegram", srv.URL + "/bot123456:tgleak0/getUpdates", KindStatus, false, []string{"tgleak0"}},
		{"password", strings.Replace(srv.URL, "://", "://user:leak-pass@", 1) + "/status", KindStatus, false, []string{"leak-pass"}},
		{"loop", srv.URL + "/loop-a?key=leak-loopa", KindRedirect, false, []string{"leak-loopa", "leak-loopb"}},
		{"too many", srv.URL + "/chain?token=leak-chain", KindRedirect, false, []string{"leak-chain"}},
		{"redirect target", srv.URL + "/hop", KindStatus, false, []string{"leak-hop"}},
		{"robots", srv.URL + "/private?secret=leak-robots", KindRobots, true, []string{"leak-robots"}},
		{"network", strings.Replace(deadURL, "://", "://u:leak-netpw@", 1) + "/?apikey=leak-net", KindNetwork, false, []string{"leak-netpw", "leak-net"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf syncBuffer
			f := newFetcher(t, func(o *Options) {
				o.Robots = tc.robots
				o.MaxRedirects = 3
				o.Logger = slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
			})
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_, err := f.Fetch(ctx, Request{URL: tc.url})
			fe, ok := AsError(err)
			if !ok || fe.Kind != tc.kind {
				t.Fatalf("Fetch: %v, want a %s error", err, tc.kind)
			}
			for _, leak := range tc.leaks {
				for where, text := range map[string]string{"URL": fe.URL, "text": err.Error(), "log": buf.String()} {
					if strings.Contains(text, leak) {
						t.Errorf("the error's %s shows %q: %s", where, leak, text)
					}
				}
			}
			if !strings.Contains(fe.URL, "127.0.0.1") {
				t.Errorf("the error's URL %q does not say where", fe.URL)
			}
		})
	}
	if q, _ := got.Load("/status"); q != "access_token=leak-status&v=5" && q != "" {
		t.Errorf("the server was asked for %q, not the real URL", q)
	}
}
