package score

import (
	"fmt"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
)

func newTestEngine(tb testing.TB, rules ...config.Rule) *Engine {
	tb.Helper()
	e, err := New(config.Scoring{Rules: rules}, Options{Hot: config.HotThread{MinGrowth: 10, MinNegativity: 0.5}})
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

// TestCases checks the hand-written cases of testdata/cases.jsonl.
func TestCases(t *testing.T) {
	e := newTestEngine(t)
	for i, c := range fixtureCases(t) {
		name := fmt.Sprintf("%02d_%s", i+1, truncate(c.Text, 40))
		t.Run(name, func(t *testing.T) {
			r := e.Score(Input{Text: c.Text, Title: c.Title, Lang: c.Lang, Brand: c.Brand})
			if c.Sentiment != "" && r.Sentiment != c.Sentiment {
				t.Errorf("sentiment = %s (negativity %.2f, evidence %v), want %s", r.Sentiment, r.Negativity, r.Evidence, c.Sentiment)
			}
			for _, tag := range c.Tags {
				if !model.HasTag(r.Tags, tag) {
					t.Errorf("tags %v lack %q (rules %v)", r.Tags, tag, r.Rules)
				}
			}
			for _, tag := range c.NotTags {
				if model.HasTag(r.Tags, tag) {
					t.Errorf("tags %v should not have %q (rules %v)", r.Tags, tag, r.Rules)
				}
			}
			if c.Lang != "" && r.Lang != c.Lang {
				t.Errorf("lang = %s, want %s", r.Lang, c.Lang)
			}
		})
	}
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}
