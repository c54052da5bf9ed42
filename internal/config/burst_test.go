package config

import (
	"strings"
	"testing"
)

// TestBurst: alerts.burst defaults to DefaultBurst, an explicit 0 (never
// fold) is kept, and a negative value is a problem with its line.
func TestBurst(t *testing.T) {
	base := "brands: [{name: A, query: a}]\nsources: [{name: N, url: \"https://n.example/\"}]\n"
	cfg, probs := Parse("r.yaml", []byte(base))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if cfg.Alerts.Burst != DefaultBurst {
		t.Errorf("default burst %d, want %d", cfg.Alerts.Burst, DefaultBurst)
	}
	cfg, probs = Parse("r.yaml", []byte(base+"alerts: {burst: 0}\n"))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if cfg.Alerts.Burst != 0 {
		t.Errorf("explicit 0 became %d", cfg.Alerts.Burst)
	}
	_, probs = Parse("r.yaml", []byte(base+"alerts:\n  burst: -1\n"))
	if got := probs.Error(); !strings.Contains(got, "r.yaml:4: alerts.burst: must be 0 (never fold) or more") {
		t.Errorf("problems: %s", got)
	}
}
