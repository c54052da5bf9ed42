package when

import (
	"strings"
	"testing"
)

// TestCompileErrorsSpeakConfig: a bad expression is explained with the
// names a config writer uses — the variables and source's fields — never
// the program's type names; a near miss gets a suggestion.
func TestCompileErrorsSpeakConfig(t *testing.T) {
	for _, tc := range []struct {
		src, want, notWant string
	}{
		{`source.wieght > 1`, `source has no field wieght (did you mean "weight"?)`, "when.Source"},
		{`source.kind == "forum"`, `source has no field kind (its fields: name, type, weight)`, "when.Source"},
		{`negativty > 0.5`, `unknown name negativty (did you mean "negativity"?)`, ""},
		{`foo == 1`, `unknown name foo (the variables: text, title, url, author, lang, brand, source, tags, sentiment, negativity, importance, severity, replies, replies_growth, age_hours)`, ""},
		{`text > 5`, `mismatched types string and int`, ""},
		{`source + 1`, `mismatched types source and int`, "when.Source"},
		{`source()`, `source is not callable`, "when.Source"},
	} {
		_, err := Compile(tc.src)
		if err == nil {
			t.Errorf("%s: compiled", tc.src)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) || (tc.notWant != "" && strings.Contains(err.Error(), tc.notWant)) {
			t.Errorf("%s:\n got %s\nwant %s", tc.src, err, tc.want)
		}
	}
	for _, ok := range []string{`source.weight >= 2`, `negativity > 0.5 && "advocate" in tags`, `replies_growth >= 20`} {
		if _, err := Compile(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
}
