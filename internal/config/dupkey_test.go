package config

import (
	"strings"
	"testing"
)

// TestParseDuplicateKey: a key given twice is reported once, at its line,
// and nothing else is invented about the fields the decoder never filled
// (no "unsupported version 0" for a file that says version 1).
func TestParseDuplicateKey(t *testing.T) {
	tests := []struct {
		name, yaml string
		line       int
	}{
		{"top level", "version: 1\nbrands: [{name: A, query: a}]\nsources: []\nsources: []\n", 4},
		{"nested", "version: 1\nbrands:\n  - name: A\n    query: a\n    query: b\nsources: []\n", 5},
	}
	for _, tt := range tests {
		_, probs := Parse("rules.yaml", []byte(tt.yaml))
		var errs []Problem
		for _, p := range probs {
			if !p.Warning {
				errs = append(errs, p)
			}
		}
		if len(errs) != 1 || errs[0].Line != tt.line || !strings.Contains(errs[0].Msg, "already defined") {
			t.Errorf("%s: problems %+v, want one at line %d saying the key is already defined", tt.name, errs, tt.line)
		}
	}
}
