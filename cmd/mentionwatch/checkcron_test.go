package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckCronStep: `check` reports a cron step beyond its field's range
// as a bad cron expression, file:line: field.path, exit 2; a step within
// the range passes.
func TestCheckCronStep(t *testing.T) {
	tests := []struct {
		schedule string
		code     int
		msg      string
	}{
		{"*/61 * * * *", 2, "rules.yaml:7: sources[0].schedule: bad cron expression"},
		{"0 */25 * * *", 2, "rules.yaml:7: sources[0].schedule: bad cron expression"},
		{"*/15 * * * *", 0, "ok"},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		cfg := filepath.Join(dir, "rules.yaml")
		yaml := "version: 1\nbrands: [{name: A, query: 'acme'}]\nsources:\n" +
			"  - name: s\n    type: feed\n    url: http://127.0.0.1:1/feed.xml\n" +
			"    schedule: \"" + tt.schedule + "\"\n"
		if err := os.WriteFile(cfg, []byte(yaml), 0o600); err != nil {
			t.Fatal(err)
		}
		code, out, errs := cli(t, "", "check", "-c", cfg)
		if code != tt.code || !strings.Contains(out+errs, tt.msg) {
			t.Errorf("%q: exit %d, output %q; want exit %d with %q", tt.schedule, code, out+errs, tt.code, tt.msg)
		}
	}
}
