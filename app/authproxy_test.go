package app

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestAuthProxyHeaderOnlyFromTrustedPeers: the auth proxy's header signs
// in only a request whose connection comes from a peer in
// server.trusted_proxies (loopback when unset); from anyone else it is
// ignored, and logged without its value. A forwarded address never makes
// a peer trusted.
func TestAuthProxyHeaderOnlyFromTrustedPeers(t *testing.T) {
	const secretName = "admin-from-the-header"
	for _, c := range []struct {
		name, server, peer, xff string
		signedIn                bool
	}{
		{"loopback v4 by default", "", "127.0.0.1:5000", "", true},
		{"loopback elsewhere in 127/8", "", "127.1.2.3:5000", "", true},
		{"loopback v6 by default", "", "[::1]:5000", "", true},
		{"loopback v4 mapped in v6", "", "[::ffff:127.0.0.1]:5000", "", true},
		{"another host by default", "", "192.0.2.7:5000", "", false},
		{"another host claiming loopback", "", "192.0.2.7:5000", "127.0.0.1", false},
		{"a v6 host by default", "", "[2001:db8::1]:5000", "", false},
		{"listed prefix", "  trusted_proxies: [10.0.0.0/8]\n", "10.1.2.3:5000", "", true},
		{"listed address", "  trusted_proxies: ['10.0.0.5', 'fd00::/8']\n", "10.0.0.5:5000", "", true},
		{"listed v6 prefix", "  trusted_proxies: ['10.0.0.5', 'fd00::/8']\n", "[fd00::7]:5000", "", true},
		{"outside the listed address", "  trusted_proxies: ['10.0.0.5']\n", "10.0.0.6:5000", "", false},
		{"loopback once a list is set", "  trusted_proxies: [10.0.0.0/8]\n", "127.0.0.1:5000", "", false},
		{"loopback with an empty list", "  trusted_proxies: []\n", "127.0.0.1:5000", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newInboxEnv(t, "  auth_proxy_header: X-Forwarded-User\n"+c.server)
			h := e.d.Handler()
			req := httptest.NewRequest("GET", "/api/mentions", nil)
			req.Host = "127.0.0.1"
			req.RemoteAddr = c.peer
			req.Header.Set("X-Forwarded-User", secretName)
			if c.xff != "" {
				req.Header.Set("X-Forwarded-For", c.xff)
				req.Header.Set("X-Real-IP", c.xff)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			logs := e.logs.String()
			if c.signedIn {
				if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Acme") {
					t.Errorf("from %s: %d, want the mentions", c.peer, rec.Code)
				}
				if strings.Contains(logs, "ignored the auth proxy header") {
					t.Errorf("a trusted peer logged as ignored: %s", logs)
				}
				return
			}
			if rec.Code != http.StatusUnauthorized || strings.Contains(rec.Body.String(), "Acme") {
				t.Errorf("from %s: %d, want 401", c.peer, rec.Code)
			}
			if !strings.Contains(logs, "level=WARN") || !strings.Contains(logs, "ignored the auth proxy header") ||
				!strings.Contains(logs, "header=X-Forwarded-User") {
				t.Errorf("no warning naming the header: %s", logs)
			}
			if strings.Contains(logs, secretName) {
				t.Errorf("the header's value was logged: %s", logs)
			}
		})
	}
}

// TestAuthProxyUntrustedStillSignsIn: a peer whose header is ignored may
// still use a Bearer token; without the header nothing is logged, and
// the header sent again within a minute is not logged again.
func TestAuthProxyUntrustedStillSignsIn(t *testing.T) {
	e := newInboxEnv(t, signIn(t)+"  auth_proxy_header: X-Forwarded-User\n")
	h := e.d.Handler()
	for _, c := range []struct {
		name    string
		later   time.Duration // the clock moves on first
		hdr     map[string]string
		code    int
		warning bool
	}{
		{"nothing", 0, nil, http.StatusUnauthorized, false},
		{"header alone", 0, map[string]string{"X-Forwarded-User": "anna"}, http.StatusUnauthorized, true},
		{"token and header", 0, map[string]string{"Authorization": "Bearer " + ciToken, "X-Forwarded-User": "anna"}, http.StatusOK, false},
		{"header again", 30 * time.Second, map[string]string{"X-Forwarded-User": "boris"}, http.StatusUnauthorized, false},
		{"header a minute on", 31 * time.Second, map[string]string{"X-Forwarded-User": "boris"}, http.StatusUnauthorized, true},
	} {
		e.clock.Advance(c.later)
		before := strings.Count(e.logs.String(), "ignored the auth proxy header")
		req := httptest.NewRequest("GET", "/api/mentions", nil)
		req.Host = "127.0.0.1"
		req.RemoteAddr = "198.51.100.9:4000"
		for k, v := range c.hdr {
			req.Header.Set(k, v)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != c.code {
			t.Errorf("%s: %d, want %d", c.name, rec.Code, c.code)
		}
		if got := strings.Count(e.logs.String(), "ignored the auth proxy header") > before; got != c.warning {
			t.Errorf("%s: warning logged %v, want %v", c.name, got, c.warning)
		}
	}
}
