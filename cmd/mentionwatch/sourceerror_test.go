package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// TestSourceErrorNamesTheSourceOnce: a source's error reads once, with
// the source named once, wherever it is shown — the warning of run
// --once, the log lines, the sources list — for a feed too broken to
// read, a page that is not a feed, and an HTTP error alike.
func TestSourceErrorNamesTheSourceOnce(t *testing.T) {
	good := feedServer(t)
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/garbled.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			io.WriteString(w, "\x00\x01\x02<rss><channel><item><title>Acme Bank</ti")
		case "/page.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, "<!doctype html><html><head><title>Shop</title></head><body>Hello</body></html>")
		default:
			http.Error(w, "down", http.StatusInternalServerError)
		}
	}))
	t.Cleanup(bad.Close)
	sources := map[string]string{ // name → a word of its error
		"Garbled": "no RSS, Atom or JSON Feed found",
		"Webpage": "the server sent an HTML page",
		"Down":    "HTTP 500",
	}
	path := writeConfig(t, good.URL+"/feed.xml", "")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	extra := "  - {name: Garbled, url: " + bad.URL + "/garbled.xml, schedule: \"@every 1h\"}\n" +
		"  - {name: Webpage, url: " + bad.URL + "/page.html, schedule: \"@every 1h\"}\n" +
		"  - {name: Down, url: " + bad.URL + "/down.xml, schedule: \"@every 1h\"}\n"
	if err := os.WriteFile(path, []byte(strings.Replace(string(raw), "alerts:\n", extra+"alerts:\n", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := cli(t, "", "run", "--once", "-c", path)
	if code != 0 {
		t.Fatalf("run --once: exit %d\n%s", code, errOut)
	}
	code, list, listErr := cli(t, "", "sources", "-c", path)
	if code != 0 {
		t.Fatalf("sources: exit %d\n%s", code, listErr)
	}
	if strings.Contains(list, "digests:") {
		t.Errorf("sources sums up digests when none is undelivered:\n%s", list)
	}
	for what, text := range map[string]string{"run --once's stderr": errOut, "sources": list} {
		for name, cause := range sources {
			shown := 0
			for _, line := range strings.Split(text, "\n") {
				for _, part := range strings.Split(line, "; ") { // the warning lists the sources on one line
					if !strings.Contains(part, cause) {
						continue
					}
					shown++
					if n := strings.Count(part, name); n != 1 {
						t.Errorf("%s names %s %d times beside its error, want once: %q", what, name, n, part)
					}
					if strings.Contains(part, `source "`) {
						t.Errorf("%s shows %s's error naming its source again: %q", what, name, part)
					}
				}
			}
			if shown == 0 {
				t.Errorf("%s does not show %s's error (%q):\n%s", what, name, cause, text)
			}
		}
	}
}
