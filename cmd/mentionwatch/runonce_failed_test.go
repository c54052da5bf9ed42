package main

import (
	"os"
	"strings"
	"testing"
)

// TestRunOnceWarnsWhenASourceFailed: a pass that could not crawl a source
// still crawls the others and prints their alerts, then warns on stderr
// naming the source and its error, and exits 0 — a broken source is
// retried by the next run and never stops the others (SPEC.md: exit 1 is
// for alerts left undelivered). A clean pass warns of nothing.
func TestRunOnceWarnsWhenASourceFailed(t *testing.T) {
	srv := feedServer(t)
	cases := []struct {
		name     string
		extra    string // sources appended after the good one
		wantCode int
		wantErr  []string
	}{
		{name: "all crawled", wantCode: 0},
		{name: "one gone for good", extra: "  - name: Gone\n    url: " + srv.URL + "/gone.xml\n    schedule: \"@every 1h\"\n",
			wantCode: 0, wantErr: []string{"warning: 1 source failed", `"Gone"`, "HTTP 404"}},
		{name: "one not a feed", extra: "  - name: Broken\n    url: " + srv.URL + "/robots.txt\n    schedule: \"@every 1h\"\n",
			wantCode: 0, wantErr: []string{"warning: 1 source failed", `"Broken"`}},
		{name: "a disabled one is not crawled", extra: "  - name: Off\n    url: " + srv.URL + "/gone.xml\n    schedule: \"@every 1h\"\n    enabled: false\n",
			wantCode: 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeConfig(t, srv.URL+"/feed.xml", "")
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			cfg := strings.Replace(string(raw), "alerts:\n", tc.extra+"alerts:\n", 1)
			if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := cli(t, "", "run", "--once", "-c", path)
			if code != tc.wantCode {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tc.wantCode, errOut)
			}
			if !strings.Contains(out, "Акме Банк снова заблокировал карту") {
				t.Errorf("the good source's alert not printed:\n%s", out)
			}
			for _, w := range tc.wantErr {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			if len(tc.wantErr) == 0 && strings.Contains(errOut, "failed") {
				t.Errorf("a clean pass reports a failure:\n%s", errOut)
			}
		})
	}
}
