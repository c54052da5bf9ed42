package score

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

func FuzzScore(f *testing.F) {
	for _, c := range fixtureCasesForFuzz(f) {
		f.Add(c.Text, c.Brand)
	}
	for _, s := range []string{"", ")))", "((((", ":-(", "х*й", "f***", "#", "@", "@@@", "&amp;&lt;3", "ё", "\xff\xfe", "1)", "(:", "#nothanks", "не не не", "BRAND BRAND", "ооооооочень"} {
		f.Add(s, "")
	}
	e := newTestEngine(f, specRules()...)
	f.Fuzz(func(t *testing.T, text, brand string) {
		r := e.Score(Input{Text: text, Brand: brand, Matched: []string{brand}})
		if r.Negativity < 0 || r.Negativity > 1 || r.Importance < 0 || r.Importance > 1 {
			t.Fatalf("out of range: %+v", r)
		}
		switch r.Sentiment {
		case model.Negative, model.Neutral, model.Positive:
		default:
			t.Fatalf("sentiment %q", r.Sentiment)
		}
		if model.SeverityRank(r.Severity) == 0 {
			t.Fatalf("severity %q", r.Severity)
		}
		full := unescape(text)
		for _, ev := range r.Evidence {
			if !strings.Contains(full, ev.Text) {
				t.Fatalf("evidence %q not in the text", ev.Text)
			}
		}
	})
}

func FuzzTokenize(f *testing.F) {
	for _, c := range fixtureCasesForFuzz(f) {
		f.Add(c.Text)
	}
	f.Add("RT @x: http://t.co/a #тег х*йня ))) :( 😡👍🏽 \u200d")
	f.Fuzz(func(t *testing.T, text string) {
		var d doc
		tokenize(text, &d)
		for _, tk := range d.toks {
			if tk.start < 0 || tk.end < tk.start || tk.end > len(text) {
				t.Fatalf("token %+v outside text of %d bytes", tk, len(text))
			}
			if tk.kind == tokWord && (tk.norm == "" || !utf8.ValidString(tk.norm) && utf8.ValidString(text)) {
				t.Fatalf("bad word %+v", tk)
			}
		}
	})
}

func fixtureCasesForFuzz(f *testing.F) []fixtureCase { return fixtureCases(f) }
