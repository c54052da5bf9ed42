package config

import (
	"testing"
	"time"

	"github.com/robfig/cron/v3"
)

// TestAdaptiveSchedule: `schedule: adaptive` loads without a cron
// expression, with default bounds when none are given and the written ones
// otherwise; its fallback schedule is every min; a cron source is not
// adaptive.
func TestAdaptiveSchedule(t *testing.T) {
	cfg, probs := Parse("r.yaml", []byte(`
brands: [{name: A, query: a}]
sources:
  - {name: Quiet, url: "https://q.example/", schedule: adaptive}
  - name: Busy
    url: https://b.example/
    schedule: adaptive
    adaptive: {min: 2m, max: 12h, factor: 2}
  - {name: Cron, url: "https://c.example/"}
`))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	quiet, busy, cr := cfg.Sources[0], cfg.Sources[1], cfg.Sources[2]
	if !quiet.IsAdaptive() || !busy.IsAdaptive() || cr.IsAdaptive() {
		t.Fatalf("adaptive: %v %v %v", quiet.IsAdaptive(), busy.IsAdaptive(), cr.IsAdaptive())
	}
	if a := quiet.AdaptiveLimits(); a.Min.D() != DefaultAdaptiveMin || a.Max.D() != DefaultAdaptiveMax || a.Factor != 1 {
		t.Errorf("default limits %+v", a)
	}
	if a := busy.AdaptiveLimits(); a.Min.D() != 2*time.Minute || a.Max.D() != 12*time.Hour || a.Factor != 2 {
		t.Errorf("written limits %+v", a)
	}
	sch, err := SourceSchedule(busy)
	if err != nil {
		t.Fatal(err)
	}
	if d, ok := sch.(cron.ConstantDelaySchedule); !ok || d.Delay != 2*time.Minute {
		t.Errorf("fallback schedule of an adaptive source: %#v", sch)
	}
	if _, err := SourceSchedule(cr); err != nil {
		t.Errorf("cron source: %v", err)
	}
}
