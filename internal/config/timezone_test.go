package config

import (
	"strings"
	"testing"
)

// TestSourceTimeZone: a forum or profile source may name the IANA zone
// its board prints dates in; an unknown zone, or one on a feed (whose
// dates carry their zone), is a problem at sources[i].time_zone.
func TestSourceTimeZone(t *testing.T) {
	tests := []struct {
		name, source string
		problem      string // "" for none
	}{
		{"forum moscow", `{name: F, type: forum, url: "https://f.example/t", preset: phpbb, time_zone: Europe/Moscow}`, ""},
		{"profile new york", `{name: P, type: profile, url: "https://p.example/u", preset: telegram, time_zone: America/New_York}`, ""},
		{"forum utc", `{name: F, type: forum, url: "https://f.example/t", preset: phpbb, time_zone: UTC}`, ""},
		{"none", `{name: F, type: forum, url: "https://f.example/t", preset: phpbb}`, ""},
		{"unknown zone", `{name: F, type: forum, url: "https://f.example/t", preset: phpbb, time_zone: Mars/Olympus}`,
			`sources[0].time_zone: unknown time zone "Mars/Olympus"`},
		{"an offset is no zone name", `{name: F, type: forum, url: "https://f.example/t", preset: phpbb, time_zone: "+03:00"}`,
			`sources[0].time_zone: unknown time zone`},
		{"on a feed", `{name: N, url: "https://n.example/feed", time_zone: Europe/Moscow}`,
			`sources[0].time_zone: time_zone applies to forum and profile sources`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, probs := Parse("rules.yaml", []byte("brands: [{name: A, query: a}]\nsources:\n  - "+tt.source+"\n"))
			text := ""
			if len(probs) > 0 {
				text = probs.Error()
			}
			if tt.problem == "" {
				if text != "" {
					t.Fatalf("problems: %s", text)
				}
				if !strings.Contains(tt.source, "time_zone") && cfg.Sources[0].TimeZone != "" {
					t.Errorf("time_zone %q, want none", cfg.Sources[0].TimeZone)
				}
				return
			}
			if !strings.Contains(text, tt.problem) {
				t.Errorf("problems %q, want one with %q", text, tt.problem)
			}
		})
	}
}
