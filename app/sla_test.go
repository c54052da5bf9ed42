package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// TestSLARemindersEndToEnd: `run --once` passes of the daemon, on the
// fake clock, remind of a critical mention still new 30 minutes after it
// was found — not earlier, once across new daemons on the same database —
// and never of a mention stored while its source was muted, which was not
// alerted. (A source still muted when the SLA runs out gets no reminder
// at all: notify's TestNoReminderAfterCorrection.)
func TestSLARemindersEndToEnd(t *testing.T) {
	start := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	f := newFeedSetup(t, start, `scoring:
  rules:
    - name: fraud
      when: 'text matches "(?i)fraud"'
      severity: critical
alerts:
  time_zone: UTC
  sla: {critical: 30m}
  escalate_to: {stdout: true}
  routes:
    - {when: 'severity == "critical"', stdout: true}
`)
	ctx := context.Background()
	const head = "=== ⏰ Still unanswered after "

	d := f.daemon()
	first := item("1", "Acme Bank fraud on my card", "Acme Bank took my money: fraud.", start.Add(-5*time.Minute))
	f.site.setFeed(first)
	f.pass(d, start)
	ms := mentionsOf(t, d)
	if len(ms) != 1 || ms[0].Severity != model.SeverityCritical || !strings.Contains(f.out.String(), "Acme Bank fraud on my card") {
		t.Fatalf("mentions %+v, output:\n%s", ms, f.out.String())
	}
	// The source is muted after the first alert: what it brings next is
	// stored, not alerted, and never reminded of.
	if _, err := d.Store().Act(ctx, ms[0].ID, store.Action{Name: model.ActionMuteSource, User: "anna", Via: "inbox"}); err != nil {
		t.Fatal(err)
	}
	f.site.setFeed(first, item("2", "Acme Bank fraud again", "More fraud at Acme Bank.", start))
	f.pass(d, start.Add(5*time.Minute))
	if n := len(mentionsOf(t, d)); n != 2 {
		t.Fatalf("%d mentions, want 2", n)
	}
	// Unmuted before the SLA runs out: the first mention is reminded of.
	if _, err := d.Store().Act(ctx, ms[0].ID, store.Action{Name: model.ActionUnmuteSource, User: "anna", Via: "inbox"}); err != nil {
		t.Fatal(err)
	}
	f.pass(d, start.Add(30*time.Minute-time.Second))
	if strings.Contains(f.out.String(), head) {
		t.Fatalf("reminder before its time:\n%s", f.out.String())
	}
	f.pass(d, start.Add(30*time.Minute))
	got := f.out.String()
	if want := head + "30 min ===\nAcme Bank fraud on my card (Acme Bank, critical)\nhttps://news.example/1\n"; strings.Count(got, want) != 1 {
		t.Errorf("output:\n%s\nwant once:\n%s", got, want)
	}
	// A new daemon on the same database, hours later: nothing more.
	d.Close()
	d = f.daemon()
	f.pass(d, start.Add(3*time.Hour))
	f.pass(d, start.Add(5*time.Hour))
	if after := f.out.String(); after != got {
		t.Errorf("later passes sent more:\n%s", strings.TrimPrefix(after, got))
	}
	if strings.Contains(got, "fraud again (Acme Bank") {
		t.Errorf("reminder of a muted source's mention:\n%s", got)
	}
}
