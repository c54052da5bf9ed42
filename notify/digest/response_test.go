package digest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// TestResponseSection: the digest says, per brand and severity, how fast
// the period's handled mentions were answered.
func TestResponseSection(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	fill(t, st, fixture, fixtureEnd)
	ms, err := st.Mentions(ctx, store.MentionFilter{Brand: "Acme Bank", Since: fixtureEnd.Add(-fixtureWeek), Until: fixtureEnd, ExcludeBackfill: true})
	if err != nil || len(ms) < 2 {
		t.Fatalf("%d mentions, %v", len(ms), err)
	}
	// Two of the same severity.
	var two []model.Mention
	for _, m := range ms {
		if len(two) < 2 && (len(two) == 0 || m.Severity == two[0].Severity) {
			two = append(two, m)
		}
	}
	if len(two) < 2 {
		t.Fatal("no two mentions of one severity in the fixture")
	}
	for i, m := range two {
		at := m.FoundAt.Add(time.Duration(i+1) * 20 * time.Minute) // 20m, 40m
		if _, err := st.Act(ctx, m.ID, store.Action{Name: model.ActionHandled, User: "anna", At: at}); err != nil {
			t.Fatal(err)
		}
	}
	d, err := Build(ctx, st, []string{"Acme Bank", "Beta Pay"}, fixtureConfig(), fixtureEnd, 0, moscow)
	if err != nil {
		t.Fatal(err)
	}
	rs := d.Brands[0].Response
	if len(rs) == 0 || len(d.Brands[1].Response) != 0 {
		t.Fatalf("response groups %+v / %+v", rs, d.Brands[1].Response)
	}
	handled := 0
	for _, g := range rs {
		handled += g.Handled
	}
	if handled != 2 {
		t.Errorf("handled %d, want 2: %+v", handled, rs)
	}
	text, html := d.Text(), d.HTML()
	if !strings.Contains(text, "Response time (found to handled):") || !strings.Contains(html, "<b>Response time</b>") {
		t.Errorf("no response section:\n%s", text)
	}
	if len(rs) != 1 || rs[0].Median != 20*time.Minute || rs[0].P90 != 40*time.Minute ||
		!strings.Contains(text, fmt.Sprintf("  %-8s  2 handled, median 20m, 90th percentile 40m", two[0].Severity)) {
		t.Errorf("response line:\n%s", text)
	}
}
