package app

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// TestEval: precision and sentiment accuracy, per brand and overall, on
// a store of real crawled mentions that people reviewed.
func TestEval(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 20, 10, 30, 0, 0, time.UTC)
	db := filepath.Join(dir, "a.db")
	c, _ := crawled(t, writeRules(t, dir, "rules.yaml", db, corpusSources(t), runningBrands), now)
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ms, err := st.Mentions(ctx, store.MentionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	by := map[string][]model.Mention{}
	for _, m := range ms {
		by[m.Brand] = append(by[m.Brand], m)
	}
	for _, s := range by {
		slices.SortFunc(s, func(x, y model.Mention) int { return int(x.ID - y.ID) })
	}
	g, r := by["Google"], by["Ruby"]
	other := func(s string) string {
		if s == model.Negative {
			return model.Positive
		}
		return model.Negative
	}
	act := func(m model.Mention, name, value string) {
		t.Helper()
		if _, err := st.Act(ctx, m.ID, store.Action{Name: name, Value: value, User: "anna", Via: "inbox", At: now}); err != nil {
			t.Fatal(err)
		}
	}
	// Google: 5 reviewed, 2 false positives; labels: one right, one wrong.
	act(g[0], model.ActionFalsePositive, "")
	act(g[1], model.ActionFalsePositive, "")
	act(g[2], model.ActionHandled, "")
	act(g[3], model.ActionSentiment, g[3].Sentiment)
	act(g[4], model.ActionSentiment, other(g[4].Sentiment))
	act(g[4], model.ActionHandled, "")
	// Ruby: 2 reviewed, both right; a false positive's label does not
	// count toward accuracy.
	act(r[0], model.ActionSentiment, r[0].Sentiment)
	act(r[1], model.ActionHandled, "")
	act(r[2], model.ActionSentiment, other(r[2].Sentiment))
	act(r[2], model.ActionFalsePositive, "")

	rep, err := Eval(ctx, st, c, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]EvalRow{}
	for _, row := range rep.Brands {
		rows[row.Brand] = row
		t.Logf("%s: %d mentions, %d reviewed, %d false positives, precision %v, %d labelled, %d agree, accuracy %v",
			row.Brand, row.Mentions, row.Reviewed, row.FalsePositives, deref(row.Precision), row.Labelled, row.Agrees, deref(row.Accuracy))
	}
	check := func(name string, row EvalRow, mentions, reviewed, fp, labelled, agrees int, precision, accuracy float64) {
		t.Helper()
		if row.Mentions != mentions || row.Reviewed != reviewed || row.FalsePositives != fp || row.Labelled != labelled || row.Agrees != agrees ||
			deref(row.Precision) != precision || deref(row.Accuracy) != accuracy {
			t.Errorf("%s: %+v (precision %v, accuracy %v)", name, row, deref(row.Precision), deref(row.Accuracy))
		}
	}
	check("Google", rows["Google"], len(g), 5, 2, 2, 1, 3.0/5, 0.5)
	check("Ruby", rows["Ruby"], len(r), 3, 1, 1, 1, 2.0/3, 1)
	check("all", rep.Overall, len(ms), 8, 3, 3, 2, 5.0/8, 2.0/3)
	if tw := rows["Twitter"]; tw.Precision != nil || tw.Accuracy != nil || tw.Reviewed != 0 {
		t.Errorf("Twitter, never reviewed: %+v", tw)
	}
	if cf := rows["Google"].Confusion; cf[g[3].Sentiment][g[3].Sentiment] != 1 || cf[other(g[4].Sentiment)][g[4].Sentiment] != 1 {
		t.Errorf("confusion: %v", cf)
	}
	// --since leaves out what was found before it.
	later, err := Eval(ctx, st, c, now.Add(time.Hour))
	if err != nil || later.Overall.Mentions != 0 {
		t.Errorf("since later: %+v, %v", later.Overall, err)
	}
}

func deref(p *float64) float64 {
	if p == nil {
		return -1
	}
	return *p
}
