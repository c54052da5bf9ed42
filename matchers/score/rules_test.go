package score

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
)

func adj(s string) *config.Adjust {
	a, err := config.ParseAdjust(s)
	if err != nil {
		panic(err)
	}
	return &a
}

// specRules are the scoring rules of SPEC.md's rules.yaml.
func specRules() []config.Rule {
	return []config.Rule{
		{Name: "fraud accusation", When: `text matches "(?i)мошенн|scam|fraud|обман"`, Negativity: adj("+0.3"), Tags: []string{"fraud"}},
		{Name: "high-weight source", When: `source.weight >= 2`, Importance: adj("+0.3")},
		{Name: "critical", When: `sentiment == "negative" && importance >= 0.5`, Severity: "critical"},
	}
}

func TestRuleErrors(t *testing.T) {
	_, err := New(config.Scoring{Rules: []config.Rule{
		{Name: "ok", When: `true`, Tags: []string{"x"}},
		{Name: "syntax", When: `text matches (`, Tags: []string{"x"}},
		{Name: "not bool", When: `negativity + 1`, Tags: []string{"x"}},
		{Name: "unknown var", When: `nosuchthing > 1`, Tags: []string{"x"}},
		{Name: "bad severity", When: `true`, Severity: "urgent"},
		{Name: "bad tag", When: `true`, Tags: []string{"two words"}},
		{Name: "no effect", When: `true`},
		{Name: "empty when", When: ` `, Tags: []string{"x"}},
	}}, Options{})
	if err == nil {
		t.Fatal("want errors")
	}
	want := map[int]string{1: "when", 2: "when", 3: "when", 4: "severity", 5: "tags[0]", 6: "", 7: "when"}
	got := map[int]string{}
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var re *RuleError
		if !errors.As(e, &re) {
			t.Fatalf("%v is not a *RuleError", e)
		}
		got[re.Index] = re.Field
		if !strings.HasPrefix(re.Error(), "score: scoring.rules[") {
			t.Errorf("message %q", re.Error())
		}
	}
	for i, f := range want {
		if g, ok := got[i]; !ok || g != f {
			t.Errorf("rule %d: field %q (reported %v), want %q", i, g, ok, f)
		}
	}
	if _, ok := got[0]; ok {
		t.Error("the valid rule was reported")
	}
	var re *RuleError
	errors.As(err, &re)
	if re.Path() != "scoring.rules[1].when" {
		t.Errorf("path %q", re.Path())
	}
}

func TestSpecRules(t *testing.T) {
	e := newTestEngine(t, specRules()...)
	// a fraud accusation on a heavy source: every rule fires in turn, each
	// seeing what the one before did
	r := e.Score(Input{Text: "Акме Банк — обман, они мошенники", Source: model.Source{Name: "news", Weight: 2}})
	if r.Sentiment != model.Negative || r.Severity != model.SeverityCritical || !model.HasTag(r.Tags, "fraud") {
		t.Fatalf("result %+v", r)
	}
	var names []string
	for _, fr := range r.Rules {
		names = append(names, fr.Name+": "+fr.Effect)
	}
	got := strings.Join(names, "; ")
	for _, want := range []string{"fraud accusation: negativity +0.3, tags +fraud", "high-weight source: importance +0.3", "critical: severity critical"} {
		if !strings.Contains(got, want) {
			t.Errorf("rules %q lack %q", got, want)
		}
	}
	// an ordinary mention fires none of them
	r = e.Score(Input{Text: "Акме Банк открыл офис", Source: model.Source{Name: "news", Weight: 1}})
	for _, fr := range r.Rules {
		if fr.Name == "fraud accusation" || fr.Name == "high-weight source" || fr.Name == "critical" {
			t.Errorf("rule %q fired on %+v", fr.Name, r)
		}
	}
}

func TestRuleRecomputesSentiment(t *testing.T) {
	e := newTestEngine(t,
		config.Rule{Name: "push", When: `text contains "тариф"`, Negativity: adj("+0.4")},
		config.Rule{Name: "seen negative", When: `sentiment == "negative"`, Tags: []string{"seen"}},
		config.Rule{Name: "set", When: `text contains "сброс"`, Negativity: adj("=0.1")},
	)
	r := e.Score(Input{Text: "Новый тариф"})
	if r.Sentiment != model.Negative || !model.HasTag(r.Tags, "seen") || r.Severity != model.SeverityWarning {
		t.Errorf("after +0.4: %+v", r)
	}
	r = e.Score(Input{Text: "сброс"})
	if r.Negativity != 0.1 || r.Sentiment != model.Positive {
		t.Errorf("after =0.1: %+v", r)
	}
}

func TestRuleStopAndSeverity(t *testing.T) {
	e := newTestEngine(t,
		config.Rule{Name: "quiet", When: `"advocate" in tags`, Severity: "info", Stop: true},
		config.Rule{Name: "never", When: `true`, Tags: []string{"late"}},
	)
	r := e.Score(Input{Text: "Ужасно, верните деньги", Source: model.Source{Name: "anna", Tags: []string{"advocate"}}})
	if r.Severity != model.SeverityInfo || model.HasTag(r.Tags, "late") {
		t.Errorf("stop/severity: %+v", r)
	}
	if len(r.Rules) == 0 || r.Rules[len(r.Rules)-1].Effect != "severity info, stop" {
		t.Errorf("rules %+v", r.Rules)
	}
	r = e.Score(Input{Text: "Ужасно"})
	if !model.HasTag(r.Tags, "late") {
		t.Errorf("second rule did not run: %+v", r)
	}
}

func TestRuleEnv(t *testing.T) {
	// every variable of when.Env is filled
	now := time.Date(2025, 11, 22, 12, 0, 0, 0, time.UTC)
	e, err := New(config.Scoring{Rules: []config.Rule{{Name: "all", When: `title == "T" && url == "u" && author == "a" && lang == "ru" && brand == "B" && ` +
		`source.name == "s" && source.type == "forum" && source.weight == 1.5 && replies == 7 && replies_growth == 3 && age_hours > 1 && age_hours < 3`,
		Tags: []string{"env-ok"}}}}, Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	r := e.Score(Input{Text: "текст", Title: "T", URL: "u", Author: "a", Brand: "B", Replies: 7, Growth: 3,
		Source: model.Source{Name: "s", Type: "forum", Weight: 1.5}, PublishedAt: now.Add(-2 * time.Hour)})
	if !model.HasTag(r.Tags, "env-ok") {
		t.Errorf("env not filled: %+v", r)
	}
}
