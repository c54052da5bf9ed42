package config

import (
	"testing"
	"time"
)

func TestSLAParses(t *testing.T) {
	cfg, probs := Parse("rules.yaml", []byte(`brands: [{name: A, query: a}]
alerts:
  sla: {critical: 30m, warning: 4h, info: 2d}
  escalate_to: {slack: "#pr-lead"}
`))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	want := map[string]time.Duration{"critical": 30 * time.Minute, "warning": 4 * time.Hour, "info": 48 * time.Hour}
	for sev, d := range want {
		if got := cfg.Alerts.SLA[sev].D(); got != d {
			t.Errorf("sla.%s = %s, want %s", sev, got, d)
		}
	}
	if r := cfg.Alerts.EscalateTo.Route(); r.Slack != "#pr-lead" || r.Telegram != "" {
		t.Errorf("escalate_to = %+v", r)
	}
	if cfg.Line("alerts.sla.warning") != 3 {
		t.Errorf("alerts.sla.warning at line %d", cfg.Line("alerts.sla.warning"))
	}
}
