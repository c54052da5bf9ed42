package app

import (
	"net/http"
	"strings"
	"testing"
)

// TestHealthzHidesStoreErrors: /healthz, open to anyone, says the store
// is down without the driver's words (a PostgreSQL error names the host,
// the user and the database); the log has them.
func TestHealthzHidesStoreErrors(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	if r := e.do(t, nil, "GET", "/healthz", nil, nil); r.code != http.StatusOK {
		t.Fatalf("healthz: %d", r.code)
	}
	if err := e.d.Store().DB().Close(); err != nil {
		t.Fatal(err)
	}
	r := e.do(t, nil, "GET", "/healthz", nil, nil)
	if r.code != http.StatusServiceUnavailable {
		t.Errorf("healthz with the store closed: %d", r.code)
	}
	if strings.Contains(r.body, "sql") || strings.Contains(r.body, "closed") {
		t.Errorf("healthz tells the store's error: %q", r.body)
	}
	if !strings.Contains(e.logs.String(), "closed") {
		t.Errorf("the log lacks the store's error:\n%s", e.logs.String())
	}
}
