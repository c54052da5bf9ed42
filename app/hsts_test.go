package app

import (
	"net/http"
	"testing"
)

// TestStrictTransportSecurity: behind an https base_url every answer
// tells browsers to come back over https only (a first visit over http,
// or a link rewritten to http, no longer reaches the inbox in the clear);
// with no https base_url nothing is said, so that a loopback inbox over
// plain http stays reachable.
func TestStrictTransportSecurity(t *testing.T) {
	cases := []struct {
		name, server, host string
		want               bool
	}{
		{"https base_url", signIn(t) + "  base_url: https://inbox.example\n", "inbox.example", true},
		{"http base_url", signIn(t) + "  base_url: http://inbox.example\n", "inbox.example", false},
		{"no base_url", signIn(t), "127.0.0.1", false},
	}
	for _, tc := range cases {
		e := newInboxEnv(t, tc.server)
		for _, p := range []string{"/login", "/healthz", "/api/mentions"} {
			r := e.do(t, nil, "GET", p, nil, map[string]string{"Host": tc.host})
			hsts := r.hdr.Get("Strict-Transport-Security")
			if (hsts != "") != tc.want || r.code == http.StatusMisdirectedRequest {
				t.Errorf("%s: GET %s: %d, Strict-Transport-Security %q", tc.name, p, r.code, hsts)
			}
		}
	}
}
