package main

import (
	"os"
	"strings"
	"testing"
)

// TestRunOnceExitsOneWhenASourceFailed: a pass that could not crawl a
// source is a runtime failure (exit 1) naming the source; the other
// sources are still crawled and their alerts printed. A pass where every
// source was crawled exits 0.
func TestRunOnceExitsOneWhenASourceFailed(t *testing.T) {
	srv := feedServer(t)
	cases := []struct {
		name     string
		extra    string // sources appended after the good one
		wantCode int
		wantErr  []string
	}{
		{name: "all crawled", wantCode: 0},
		{name: "one gone for good", extra: "  - name: Gone\n    url: " + srv.URL + "/gone.xml\n    schedule: \"@every 1h\"\n",
			wantCode: 1, wantErr: []string{"1 source failed", `"Gone"`, "HTTP 404"}},
		{name: "one not a feed", extra: "  - name: Broken\n    url: " + srv.URL + "/robots.txt\n    schedule: \"@every 1h\"\n",
			wantCode: 1, wantErr: []string{"1 source failed", `"Broken"`}},
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
			if tc.wantCode == 0 && strings.Contains(errOut, "failed") {
				t.Errorf("a clean pass reports a failure:\n%s", errOut)
			}
		})
	}
}
