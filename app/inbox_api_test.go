package app

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// apiErrorOf decodes the API's error shape, {"error": …}, and reports
// whether r carries it as JSON.
func apiErrorOf(r reply) (string, bool) {
	var e struct {
		Error string `json:"error"`
	}
	if !strings.HasPrefix(r.hdr.Get("Content-Type"), "application/json") || json.Unmarshal([]byte(r.body), &e) != nil || e.Error == "" {
		return "", false
	}
	return e.Error, true
}

// TestAPIErrorsAreJSON: every error under /api/ — an unknown path, a
// method a path does not take, a bad or unknown id, a failing store —
// is answered in the API's shape {"error": …}, with Allow on a 405.
func TestAPIErrorsAreJSON(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	auth := map[string]string{"Authorization": "Bearer " + ciToken}
	id := e.ids["card"]
	for _, c := range []struct {
		method, path string
		code         int
		msg, allow   string
	}{
		{"GET", "/api/nothing", http.StatusNotFound, "no such API path: /api/nothing", ""},
		{"GET", fmt.Sprintf("/api/mentions/%d/history", id), http.StatusNotFound, "no such API path", ""},
		{"DELETE", fmt.Sprintf("/api/mentions/%d", id), http.StatusMethodNotAllowed, "method DELETE not allowed here; use GET", "GET, HEAD"},
		{"GET", fmt.Sprintf("/api/mentions/%d/actions", id), http.StatusMethodNotAllowed, "use POST", "POST"},
		{"PUT", "/api/mentions", http.StatusMethodNotAllowed, "use GET", "GET, HEAD"},
		{"GET", "/api/mentions/abc", http.StatusBadRequest, "bad mention id", ""},
		{"GET", "/api/mentions/0", http.StatusBadRequest, "bad mention id", ""},
		{"GET", "/api/mentions/999999", http.StatusNotFound, "no such mention", ""},
		{"POST", "/api/mentions/999999/handled", http.StatusNotFound, "no such mention", ""},
	} {
		r := e.do(t, nil, c.method, c.path, nil, auth)
		msg, ok := apiErrorOf(r)
		if r.code != c.code || !ok || !strings.Contains(msg, c.msg) || r.hdr.Get("Allow") != c.allow {
			t.Errorf("%s %s: %d %s %q (Allow %q); want %d, %q, Allow %q", c.method, c.path, r.code,
				r.hdr.Get("Content-Type"), r.body, r.hdr.Get("Allow"), c.code, c.msg, c.allow)
		}
	}
	// The routes themselves still answer.
	if r := e.do(t, nil, "GET", fmt.Sprintf("/api/mentions/%d", id), nil, auth); r.code != http.StatusOK {
		t.Errorf("GET the mention: %d", r.code)
	}
	// A store that fails: 500, still JSON.
	if err := e.d.Store().Close(); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/api/mentions", "/api/mentions?brand=nope", fmt.Sprintf("/api/mentions/%d", id)} {
		r := e.do(t, nil, "GET", p, nil, auth)
		if _, ok := apiErrorOf(r); r.code != http.StatusInternalServerError || !ok {
			t.Errorf("GET %s on a closed store: %d %s %q", p, r.code, r.hdr.Get("Content-Type"), r.body)
		}
	}
}
