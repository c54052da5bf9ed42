package app

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzActionBody reads the body of POST /api/mentions/{id}/actions as
// JSON or as a form: it must not panic, a refused body is answered 400,
// and an action and value sent as a form field read back as sent.
func FuzzActionBody(f *testing.F) {
	f.Add([]byte(`{"action":"assign","value":"anna"}`), "application/json", "assign", "anna")
	f.Add([]byte(`{"action":"snooze","value":24}`), "application/x-www-form-urlencoded", "snooze", "24h")
	f.Add([]byte(`{"ids":[1,2],"action":"handled","value":null}`), "", "tag", "")
	f.Add([]byte("action=note&value=a%20b&csrf=x"), "application/x-www-form-urlencoded; charset=utf-8", "note", "\"quoted\" \u00e9")
	f.Add([]byte(`{"action":"x","extra":1}`), "application/json", "", "")
	f.Fuzz(func(t *testing.T, body []byte, contentType, action, value string) {
		r := httptest.NewRequest(http.MethodPost, "/api/mentions/1/actions", strings.NewReader(string(body)))
		r.Header.Set("Content-Type", contentType)
		w := httptest.NewRecorder()
		b, ok := readActionBody(w, r)
		if !ok {
			if w.Code != http.StatusBadRequest {
				t.Fatalf("refused with %d", w.Code)
			}
			return
		}
		_ = b.value()

		if !utf8.ValidString(action) || !utf8.ValidString(value) {
			return // a form field's invalid bytes are not kept
		}
		form := url.Values{"action": {action}, "value": {value}}.Encode()
		r = httptest.NewRequest(http.MethodPost, "/api/mentions/1/actions", strings.NewReader(form))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		b, ok = readActionBody(httptest.NewRecorder(), r)
		if !ok || b.Action != action || b.value() != value {
			t.Fatalf("form %q read as %q, %q (%v)", form, b.Action, b.value(), ok)
		}
	})
}
