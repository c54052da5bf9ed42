package digest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestBuildLeavesOutFalsePositives: mentions marked false positives are
// neither counted nor listed, this week or the week before; mentions
// marked handled are.
func TestBuildLeavesOutFalsePositives(t *testing.T) {
	extra := func(title, status string, before time.Duration) fixtureMention {
		return fixtureMention{brand: "Acme Bank", source: "Banki forum", sourceType: model.SourceForum,
			url: "https://forum.banki.example/extra/" + status, title: title, author: "someone",
			text: "Акме Банк " + title, marks: []string{"Акме Банк"}, before: before, lang: "ru",
			sentiment: model.Negative, severity: model.SeverityCritical, negativity: 0.9, importance: 0.9,
			status: status}
	}
	fx := append(slices.Clone(fixture),
		extra("not the bank at all", model.StatusFalsePositive, 10*time.Hour),
		extra("answered complaint", model.StatusHandled, 11*time.Hour),
		extra("not the bank last week", model.StatusFalsePositive, fixtureWeek+10*time.Hour))
	st := openStore(t)
	fill(t, st, fx, fixtureEnd)
	d, err := Build(context.Background(), st, []string{"Acme Bank"}, fixtureConfig(), fixtureEnd, 0, moscow)
	if err != nil {
		t.Fatal(err)
	}
	acme := d.Brands[0]
	// The fixture's 13/4 and 3/2, and the handled one.
	if acme.Total != 14 || acme.Negative != 5 || acme.PrevTotal != 3 || acme.PrevNegative != 2 {
		t.Errorf("counts %d/%d, previous %d/%d; want 14/5, 3/2", acme.Total, acme.Negative, acme.PrevTotal, acme.PrevNegative)
	}
	listed := map[string]bool{}
	for _, s := range append(acme.Sections, acme.CarriedOver) {
		for _, m := range s.Mentions {
			listed[m.Title] = true
			if m.Status == model.StatusFalsePositive {
				t.Errorf("false positive %q listed in %q", m.Title, s.Title)
			}
		}
	}
	if !listed["answered complaint"] {
		t.Error("the handled mention is not listed")
	}
}
