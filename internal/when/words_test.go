package when

import (
	"strings"
	"testing"
)

// TestMatchesWordBoundaryUnicode: \b and \B in a `matches` pattern see
// word boundaries in Russian as in English, so a rule written with them
// fires on Cyrillic text; a boundary inside a word still refuses.
func TestMatchesWordBoundaryUnicode(t *testing.T) {
	for _, tc := range []struct {
		src, text string
		want      bool
	}{
		{`text matches "(?i)\\bмошенник"`, "Акме — Мошенники!", true},
		{`text matches "(?i)\\bмошенник"`, "лжемошенники", false},
		{`text matches "\\bбанк\\b"`, "Сбербанк и банк", true},
		{`text matches "\\bбанк\\b"`, "Сбербанк, банки", false},
		{`text matches "\\Bбанк"`, "Сбербанк", true},
		{`text matches "\\Bбанк"`, "банк", false},
		{`text matches "(?i)\\bscam\\b"`, "what a SCAM.", true},
		{`text matches "(?i)\\bscam\\b"`, "scammer", false},
		{`text matches "(^|\\s)\\bакме\\b|\\bacme"`, "про акме", true},
		{`text matches "[b]\\bx"`, "b x", false},
		{`text matches "\\bé"`, "café", false},
		{`not (text matches "\\bбанк")`, "Сбербанк", true},
		{`text matches "мошенник"`, "лжемошенники", true},
	} {
		p, err := Compile(tc.src)
		if err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		got, err := p.Eval(&Env{Text: tc.text})
		if err != nil || got != tc.want {
			t.Errorf("%s on %q = %v, %v; want %v", tc.src, tc.text, got, err, tc.want)
		}
	}
}

// TestMatchesBadPatternStillRefused: a broken pattern, or a `matches` on
// something not a string, stays a config error in expr's words.
func TestMatchesBadPatternStillRefused(t *testing.T) {
	for _, src := range []string{`text matches "\\b("`, `text matches "(\\b"`} {
		if _, err := Compile(src); err == nil || !strings.Contains(err.Error(), "error parsing regexp") {
			t.Errorf("%s: err = %v, want a regexp error", src, err)
		}
	}
	for _, src := range []string{`replies matches "\\bx"`, `tags matches "\\bx"`} {
		_, err := Compile(src)
		if err == nil || !strings.Contains(err.Error(), "mismatched types") || strings.Contains(err.Error(), "__") {
			t.Errorf("%s: err = %v, want expr's type error", src, err)
		}
	}
}
