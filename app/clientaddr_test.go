package app

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// TestClientAddr: behind a trusted proxy the client is the right-most
// X-Forwarded-For address that is not a trusted proxy itself; from any
// other peer the forwarded headers are ignored, whatever they say.
func TestClientAddr(t *testing.T) {
	for _, c := range []struct {
		name    string
		trusted []string // nil: the default, loopback
		peer    string
		xff     []string // X-Forwarded-For lines
		realIP  string
		want    string
	}{
		{"untrusted peer", nil, "198.51.100.9:4000", nil, "", "198.51.100.9"},
		{"untrusted peer, spoofed header", nil, "198.51.100.9:4000", []string{"203.0.113.5"}, "", "198.51.100.9"},
		{"untrusted peer claiming loopback", nil, "198.51.100.9:4000", []string{"127.0.0.1"}, "", "198.51.100.9"},
		{"untrusted v6 peer, spoofed header", nil, "[2001:db8::9]:4000", []string{"203.0.113.5"}, "", "2001:db8::9"},
		{"trusted peer, no header", nil, "127.0.0.1:4000", nil, "", "127.0.0.1"},
		{"trusted peer names the client", nil, "127.0.0.1:4000", []string{"203.0.113.5"}, "", "203.0.113.5"},
		{"spoofed, real: the real one", nil, "127.0.0.1:4000", []string{"10.9.9.9, 203.0.113.5"}, "", "203.0.113.5"},
		{"spoofed loopback, real", nil, "127.0.0.1:4000", []string{"127.0.0.1, 203.0.113.5"}, "", "203.0.113.5"},
		{"spoofed line, real line", nil, "127.0.0.1:4000", []string{"10.9.9.9", "203.0.113.5"}, "", "203.0.113.5"},
		{"through two trusted proxies", []string{"10.0.0.0/8"}, "10.0.0.2:4000", []string{"10.9.9.9, 203.0.113.5, 10.0.0.1"}, "", "203.0.113.5"},
		{"every hop trusted", nil, "127.0.0.1:4000", []string{"127.0.0.1"}, "", "127.0.0.1"},
		{"v6 proxy, v6 client", nil, "[::1]:4000", []string{"2001:db8::7"}, "", "2001:db8::7"},
		{"v6 client with a port", nil, "[::1]:4000", []string{"[2001:db8::7]:4711"}, "", "2001:db8::7"},
		{"v4 client with a port", nil, "127.0.0.1:4000", []string{"203.0.113.5:4711"}, "", "203.0.113.5"},
		{"v4 client mapped in v6", nil, "[::ffff:127.0.0.1]:4000", []string{"::ffff:203.0.113.5"}, "", "203.0.113.5"},
		{"v6 chain, spoofed, real", []string{"fd00::/8"}, "[fd00::1]:4000", []string{"2001:db8::66, 2001:db8::7, fd00::2"}, "", "2001:db8::7"},
		{"empty entries", nil, "127.0.0.1:4000", []string{"203.0.113.5, , "}, "", "203.0.113.5"},
		{"junk left of the client", nil, "127.0.0.1:4000", []string{"junk, 203.0.113.5"}, "", "203.0.113.5"},
		{"junk the proxy appended", nil, "127.0.0.1:4000", []string{"203.0.113.5, unknown"}, "", "127.0.0.1"},
		{"junk behind a trusted hop", []string{"10.0.0.0/8"}, "10.0.0.2:4000", []string{"unknown, 10.0.0.1"}, "", "10.0.0.1"},
		{"X-Real-IP is not read", nil, "127.0.0.1:4000", nil, "203.0.113.5", "127.0.0.1"},
		{"a list without loopback", []string{"10.0.0.0/8"}, "127.0.0.1:4000", []string{"203.0.113.5"}, "", "127.0.0.1"},
		{"an empty list trusts no one", []string{}, "127.0.0.1:4000", []string{"203.0.113.5"}, "", "127.0.0.1"},
		{"a peer that is no address", nil, "pipe", []string{"203.0.113.5"}, "", "pipe"},
	} {
		t.Run(c.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/", nil)
			req.RemoteAddr = c.peer
			for _, v := range c.xff {
				req.Header.Add("X-Forwarded-For", v)
			}
			if c.realIP != "" {
				req.Header.Set("X-Real-IP", c.realIP)
			}
			if got := clientAddr(req, config.Server{TrustedProxies: c.trusted}); got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
		})
	}
}

// TestLoginLimitBehindProxy: behind a trusted proxy on the same host,
// failed sign-ins count against the client X-Forwarded-For names: five
// failures lock that client out, not another one the proxy forwards;
// the log shows the client. An untrusted peer's X-Forwarded-For is
// ignored: changing it does not buy more tries.
func TestLoginLimitBehindProxy(t *testing.T) {
	for _, c := range []struct {
		name                string
		peer, bad, good     string // the proxy, the failing client, another client
		forwardedByTheProxy bool
	}{
		{"v4 proxy", "127.0.0.1:5000", "203.0.113.5", "203.0.113.6", true},
		{"v6 proxy", "[::1]:5000", "2001:db8::5", "2001:db8::6", true},
		{"untrusted peer", "198.51.100.9:5000", "203.0.113.5", "203.0.113.6", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newInboxEnv(t, signIn(t))
			h := e.d.Handler()
			login := func(xff, name, password string) int {
				form := url.Values{"name": {name}, "password": {password}}
				req := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
				req.Host = "127.0.0.1"
				req.RemoteAddr = c.peer
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				// As nginx's $proxy_add_x_forwarded_for writes it: what
				// the client sent, then the address it came from.
				req.Header.Set("X-Forwarded-For", "10.1.1.1, "+xff)
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				return rec.Code
			}
			for i, name := range []string{"x1", "x2", "x3", "x4", "x5"} {
				if code := login(c.bad, name, "wrong"); code != http.StatusUnauthorized {
					t.Fatalf("failure %d: %d, want 401", i+1, code)
				}
			}
			if code := login(c.bad, "anna", annaPassword); code != http.StatusTooManyRequests {
				t.Errorf("the failing client after %d failures: %d, want 429", loginLimit, code)
			}
			want := http.StatusSeeOther
			if !c.forwardedByTheProxy {
				want = http.StatusTooManyRequests // one peer: one count
			}
			if code := login(c.good, "anna", annaPassword); code != want {
				t.Errorf("another client: %d, want %d", code, want)
			}
			logs := e.logs.String()
			if c.forwardedByTheProxy {
				if !strings.Contains(logs, "addr="+c.bad) || !strings.Contains(logs, "addr="+c.good) {
					t.Errorf("the log does not show the clients: %s", logs)
				}
				if strings.Contains(logs, "addr=127.0.0.1") || strings.Contains(logs, "addr=::1") {
					t.Errorf("the log shows the proxy as the client: %s", logs)
				}
			} else if strings.Contains(logs, c.bad) || !strings.Contains(logs, "addr=198.51.100.9") {
				t.Errorf("the log believes a spoofed header: %s", logs)
			}
		})
	}
}
