package config

import "testing"

func TestSourcePush(t *testing.T) {
	cfg, probs := Parse("rules.yaml", []byte(`
brands: [{name: A, query: a}]
sources:
  - {name: Auto, url: "https://a.example/feed"}
  - {name: Said, url: "https://b.example/feed", push: auto}
  - {name: Off, url: "https://c.example/feed", push: false}
`))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	for i, want := range []bool{true, true, false} {
		if got := cfg.Sources[i].PushEnabled(); got != want {
			t.Errorf("%s: push enabled %v, want %v", cfg.Sources[i].Name, got, want)
		}
	}
}
