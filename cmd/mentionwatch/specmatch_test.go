package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMatchSpecExamples runs `match --json` on the handle and punctuation
// examples of the contract (SPEC.md, "Behaviour every check relies on"),
// both sides: Megafon ⇒ @megafonru, @MegaFonHelp, #МегаФонТВ, not
// @notmegafon; AT&T, Booking.com, M&S, Yahoo! as written and escaped.
func TestMatchSpecExamples(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "rules.yaml")
	yaml := `version: 1
storage: {path: ` + filepath.Join(dir, "m.db") + `}
brands:
  - {name: MegaFon, query: 'Megafon'}
  - {name: ATT, query: 'AT&T'}
  - {name: Booking, query: 'Booking.com'}
  - {name: MS, query: 'M&S'}
  - {name: Yahoo, query: 'Yahoo!'}
sources: []
`
	if err := os.WriteFile(cfg, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want string // brands, comma-separated
	}{
		{"пишу в @megafonru", "MegaFon"},
		{"@MegaFonHelp no signal", "MegaFon"},
		{"#МегаФонТВ не показывает", "MegaFon"},
		{"@notmegafon", ""},
		{"AT&amp;T outage", "ATT"},
		{"AT&T outage", "ATT"},
		{"at Booking.com again", "Booking"},
		{"booking a room", ""},
		{"M&amp;S food hall", "MS"},
		{"Yahoo! mail", "Yahoo"},
		{"I use Yahoo mail", "Yahoo"},
	}
	var in strings.Builder
	for _, tt := range tests {
		line, _ := json.Marshal(map[string]string{"text": tt.text})
		in.Write(line)
		in.WriteByte('\n')
	}
	code, out, errs := cli(t, in.String(), "-c", cfg, "match", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(tests) {
		t.Fatalf("%d output lines, want %d:\n%s", len(lines), len(tests), out)
	}
	for i, tt := range tests {
		var r struct {
			Brands []string `json:"brands"`
		}
		if err := json.Unmarshal([]byte(lines[i]), &r); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if got := strings.Join(r.Brands, ","); got != tt.want {
			t.Errorf("%q: brands %q, want %q", tt.text, got, tt.want)
		}
	}
}
