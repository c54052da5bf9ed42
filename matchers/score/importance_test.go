package score

import (
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
)

func TestImportance(t *testing.T) {
	now := time.Date(2025, 11, 22, 12, 0, 0, 0, time.UTC)
	e, err := New(config.Scoring{VIP: []string{"@journalist"}}, Options{
		Now:      func() time.Time { return now },
		BrandVIP: map[string][]string{"Acme Bank": {"Big Blogger"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	base := Input{Text: "Акме Банк открыл офис", Brand: "Acme Bank", Source: model.Source{Name: "feed", Weight: 1}, Replies: -1, PublishedAt: now}
	imp := func(change func(*Input)) float64 {
		in := base
		change(&in)
		return e.Score(in).Importance
	}
	plain := imp(func(*Input) {})
	if plain != 0.3 {
		t.Errorf("an ordinary mention: %.2f, want 0.30", plain)
	}
	for _, c := range []struct {
		name   string
		change func(*Input)
	}{
		{"heavy source", func(in *Input) { in.Source.Weight = 3 }},
		{"brand in title", func(in *Input) { in.Title = "Acme Bank снова в новостях" }},
		{"scoring.vip", func(in *Input) { in.Author = "Journalist" }},
		{"brand vip", func(in *Input) { in.Author = "big blogger" }},
		{"advocate source", func(in *Input) { in.Source.Tags = []string{"advocate"} }},
		{"long thread", func(in *Input) { in.Replies = 150 }},
		{"growing thread", func(in *Input) { in.Growth = 30 }},
	} {
		if got := imp(c.change); got <= plain {
			t.Errorf("%s: importance %.2f, not above %.2f", c.name, got, plain)
		}
	}
	for _, c := range []struct {
		name   string
		change func(*Input)
	}{
		{"light source", func(in *Input) { in.Source.Weight = 0.5 }},
		{"old document", func(in *Input) { in.PublishedAt = now.Add(-10 * 24 * time.Hour) }},
	} {
		if got := imp(c.change); got >= plain {
			t.Errorf("%s: importance %.2f, not below %.2f", c.name, got, plain)
		}
	}
	if got := imp(func(in *Input) { in.Author = "big blogger"; in.Brand = "Other" }); got != plain {
		t.Errorf("a VIP of another brand counted: %.2f", got)
	}
	if got := imp(func(in *Input) { in.PublishedAt = now.Add(-20 * time.Hour) }); got != plain {
		t.Errorf("a fresh document lost importance: %.2f", got)
	}
	if got := imp(func(in *Input) {
		in.Source.Weight, in.Title, in.Author, in.Replies, in.Growth = 4, "Acme Bank", "journalist", 1000, 1000
		in.Source.Tags = []string{"advocate"}
	}); got != 1 {
		t.Errorf("everything at once: %.2f, want 1", got)
	}
	if got := e.Score(Input{Text: "x"}).Importance; got != 0.3 {
		t.Errorf("no source given: %.2f", got)
	}
}

func TestSeverity(t *testing.T) {
	e, err := New(config.Scoring{VIP: []string{"vip"}}, Options{Hot: config.HotThread{MinGrowth: 10, MinNegativity: 0.5}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		in   Input
		want string
		hot  bool
	}{
		{"neutral", Input{Text: "Банк открыл офис"}, model.SeverityInfo, false},
		{"negative", Input{Text: "Ужасный банк, верните деньги"}, model.SeverityWarning, false},
		{"negative and important", Input{Text: "Ужасный банк, верните деньги", Author: "vip"}, model.SeverityCritical, false},
		{"important but calm", Input{Text: "Банк открыл офис", Author: "vip", Source: model.Source{Name: "s", Weight: 4}}, model.SeverityWarning, false},
		{"hot thread", Input{Text: "Опять не работает приложение", Growth: 25}, model.SeverityCritical, true},
		{"growing but calm", Input{Text: "Банк открыл офис", Growth: 25}, model.SeverityInfo, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := e.Score(c.in)
			if r.Severity != c.want {
				t.Errorf("severity %s, want %s (%+v)", r.Severity, c.want, r)
			}
			hot := model.HasTag(r.Tags, TagHotThread)
			fired := false
			for _, fr := range r.Rules {
				fired = fired || fr.Name == HotThreadRule
			}
			if hot != c.hot || fired != c.hot {
				t.Errorf("hot thread tag %v, rule %v, want %v", hot, fired, c.hot)
			}
		})
	}
	// a user rule that makes a growing thread negative makes it hot
	e, err = New(config.Scoring{Rules: []config.Rule{{Name: "angry", When: `text contains "тред"`, Negativity: adj("=0.9")}}},
		Options{Hot: config.HotThread{MinGrowth: 10, MinNegativity: 0.5}})
	if err != nil {
		t.Fatal(err)
	}
	if r := e.Score(Input{Text: "тред", Growth: 12}); r.Severity != model.SeverityCritical || !model.HasTag(r.Tags, TagHotThread) {
		t.Errorf("rule-made hot thread: %+v", r)
	}
}
