package when

import (
	"strings"
	"testing"
)

// FuzzCompile compiles the when: expressions a config may hold. Compile
// must not panic; its error is one line that speaks of the config's names,
// never of the program's types; a program that compiled evaluates without
// panicking.
func FuzzCompile(f *testing.F) {
	for _, s := range []string{
		`source.weight >= 2`, `negativity > 0.5 && "advocate" in tags`, `replies_growth >= 20`,
		`source.wieght > 1`, `text > 5`,
		`any(tags, # startsWith "vip")`, `lower(text) contains "refund" or title matches "(?i)scam"`,
		`age_hours < 0 ? false : importance / age_hours > 1`, `replies % 0 == 1`, `text[1:0] == ""`,
	} {
		f.Add(s)
	}
	env := &Env{Text: "Acme Bank blocked my card", Title: "Acme", URL: "https://f.example/t/1", Author: "anna",
		Lang: "en", Brand: "Acme", Source: Source{Name: "forum", Type: "forum", Weight: 1.5}, Tags: []string{"vip"},
		Sentiment: "negative", Negativity: 0.8, Importance: 0.4, Severity: "warning", Replies: 3, Growth: 1, AgeHours: 2}
	f.Fuzz(func(t *testing.T, src string) {
		p, err := Compile(src)
		if err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, "bad expression: ") || strings.Contains(msg, "\n") {
				t.Fatalf("Compile(%q): error not one line of the package: %q", src, msg)
			}
			if strings.Contains(msg, "when.") {
				t.Fatalf("Compile(%q): error names a Go type: %q", src, msg)
			}
			return
		}
		if p.String() != src {
			t.Fatalf("String() = %q, want %q", p.String(), src)
		}
		for _, e := range []*Env{{}, env} {
			if _, err := p.Eval(e); err != nil && !strings.HasPrefix(err.Error(), "when ") {
				t.Fatalf("Eval(%q): error without the expression: %v", src, err)
			}
		}
	})
}
