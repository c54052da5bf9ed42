package slack

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/notify/alert"
)

func sampleReminder(escalation bool) *alert.Message {
	m := sampleMention(42)
	m.Title = "Акме <Банк> & *карта*"
	m.Assignee = "anna"
	return &alert.Message{
		Key: "a1b2c3d4e5f60708-4", ID: 4, Kind: alert.KindReminder, Channel: alert.ChannelSlack,
		Target: "#pr-lead", Route: "critical", Brand: "Acme Bank", Frequency: "as_it_happens",
		Items:    []alert.Item{{Mention: m}},
		Reminder: &alert.Reminder{After: 4*time.Hour + 12*time.Minute, SLA: 4 * time.Hour, Escalation: escalation},
		Location: time.UTC,
	}
}

// TestRenderReminder: a reminder names the mention in one escaped line
// (who took it, if anyone); an escalation adds byline and scores; the
// golden file shows the escalation's blocks.
func TestRenderReminder(t *testing.T) {
	p := Render(sampleReminder(false))
	want := "⏰ Still unanswered after 4 h 12 min: *Акме &lt;Банк&gt; &amp; *карта** (Acme Bank, critical, assigned to anna) — " +
		"<https://forum.example/viewtopic.php?t=100&amp;p=7|https://forum.example/viewtopic.php?t=100&amp;p=7>"
	if p.Text != want {
		t.Errorf("text\n%q\nwant\n%q", p.Text, want)
	}
	if len(p.Blocks) != 1 {
		t.Errorf("%d blocks in the thread's reminder, want 1", len(p.Blocks))
	}
	got := marshal(t, Render(sampleReminder(true)), "  ")
	path := filepath.Join("testdata", "reminder_escalation.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	golden, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, golden) {
		t.Errorf("payload differs from %s (go test -update rewrites it):\n%s", path, got)
	}
	if !strings.Contains(string(got), "Banki forum · ivan_p") {
		t.Errorf("escalation without its byline: %s", got)
	}
}
