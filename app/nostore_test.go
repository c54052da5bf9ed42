package app

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestSignedInAnswersNotStored: whatever answers a signed-in request —
// pages, the API's JSON, errors — says Cache-Control: no-store, so that
// no browser or proxy keeps mentions on disk; the static files may be
// cached.
func TestSignedInAnswersNotStored(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	c := e.signedIn(t, "anna", annaPassword)
	bearer := map[string]string{"Authorization": "Bearer " + ciToken}
	for _, p := range []string{"/", "/overview", fmt.Sprintf("/mentions/%d", e.ids["card"]), "/api/mentions",
		fmt.Sprintf("/api/mentions/%d", e.ids["card"]), "/api/mentions/999999", "/api/mentions?brand=nope"} {
		for _, who := range []struct {
			name string
			c    *http.Client
			hdr  map[string]string
		}{{"session", c, nil}, {"token", nil, bearer}} {
			r := e.do(t, who.c, "GET", p, nil, who.hdr)
			if cc := r.hdr.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
				t.Errorf("%s GET %s: %d, Cache-Control %q", who.name, p, r.code, cc)
			}
		}
	}
	if cc := e.do(t, c, "GET", "/static/inbox.css", nil, nil).hdr.Get("Cache-Control"); strings.Contains(cc, "no-store") {
		t.Errorf("static: Cache-Control %q", cc)
	}
}
