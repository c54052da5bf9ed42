package app

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestPageBodyLimit: the pages' forms take no more than the API's JSON
// body does (1 MiB): a bigger post, as a form or as multipart, is
// refused with 413 and changes nothing, where it used to store a note of
// up to 10 MB (the form parser's own cap) or 32 MB (multipart).
func TestPageBodyLimit(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	c := e.signedIn(t, "anna", annaPassword)
	tok := e.csrfOf(t, c, "/")
	big := strings.Repeat("x", 3<<20)
	id := e.ids["card"]
	form := map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Origin": e.srv.URL}

	var mp bytes.Buffer
	w := multipart.NewWriter(&mp)
	_ = w.WriteField("csrf", tok)
	_ = w.WriteField("action", "note")
	_ = w.WriteField("value", big)
	_ = w.Close()

	cases := []struct {
		name, path, body string
		hdr              map[string]string
	}{
		{"form, token in the form", fmt.Sprintf("/mentions/%d/actions", id),
			url.Values{"action": {"note"}, "value": {big}, "csrf": {tok}}.Encode(), form},
		{"form, token in the header", fmt.Sprintf("/mentions/%d/actions", id),
			url.Values{"action": {"note"}, "value": {big}}.Encode(),
			map[string]string{"Content-Type": form["Content-Type"], "Origin": e.srv.URL, "X-CSRF-Token": tok}},
		{"bulk form", "/mentions/bulk",
			url.Values{"action": {"note"}, "value": {big}, "id": {fmt.Sprint(id)}, "csrf": {tok}}.Encode(), form},
		{"multipart", fmt.Sprintf("/mentions/%d/actions", id), mp.String(),
			map[string]string{"Content-Type": w.FormDataContentType(), "Origin": e.srv.URL}},
	}
	for _, tc := range cases {
		r := e.do(t, c, "POST", tc.path, strings.NewReader(tc.body), tc.hdr)
		if r.code != http.StatusRequestEntityTooLarge {
			t.Errorf("%s: %d, want 413", tc.name, r.code)
		}
	}
	h, err := e.d.Store().History(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 0 {
		t.Errorf("a big post was stored: %d actions, the first %d bytes", len(h), len(h[0].Value))
	}
	// A note of ordinary size goes through the same form.
	r := e.do(t, c, "POST", fmt.Sprintf("/mentions/%d/actions", id),
		strings.NewReader(url.Values{"action": {"note"}, "value": {"called back"}, "csrf": {tok}}.Encode()), form)
	if r.code != http.StatusSeeOther {
		t.Errorf("a small note: %d %s", r.code, r.body)
	}
}

// TestAPIBodyLimit: the API's JSON body is capped as the pages' forms
// are: a bigger one, to one mention or in bulk, gets 413 and changes
// nothing.
func TestAPIBodyLimit(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	hdr := map[string]string{"Authorization": "Bearer " + ciToken, "Content-Type": "application/json"}
	id := e.ids["card"]
	big := strings.Repeat("x", 3<<20)
	for _, c := range []struct{ path, body string }{
		{fmt.Sprintf("/api/mentions/%d/actions", id), `{"action":"note","value":"` + big + `"}`},
		{"/api/mentions/actions", fmt.Sprintf(`{"ids":[%d],"action":"note","value":"%s"}`, id, big)},
	} {
		if r := e.do(t, nil, "POST", c.path, strings.NewReader(c.body), hdr); r.code != http.StatusRequestEntityTooLarge {
			t.Errorf("%s: %d %.200s, want 413", c.path, r.code, r.body)
		}
	}
	if h, err := e.d.Store().History(t.Context(), id); err != nil || len(h) != 0 {
		t.Errorf("history %d actions, %v", len(h), err)
	}
}
