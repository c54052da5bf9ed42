package notify

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// TestNoReminderAfterCorrection: a warning alerted at 10:20 whose SLA (30
// min) runs out at 10:50, inside quiet hours (10:30–11:30), gets its
// reminders (in the alert's thread and escalated) at 11:30 — unless it
// was handled, marked a false positive or its source muted, before the
// SLA ran out (no reminder is queued) or while the reminders waited (they
// are cancelled, with the reason). A source muted then unmuted again
// still gets its reminders.
func TestNoReminderAfterCorrection(t *testing.T) {
	for _, tc := range []struct {
		name    string
		acts    []string
		waiting bool   // acted at 10:51, when the reminders are queued and held
		why     string // in the cancelled reminders' record
		remind  bool
	}{
		{name: "left open", remind: true},
		{name: "handled", acts: []string{model.ActionHandled}},
		{name: "false positive", acts: []string{model.ActionFalsePositive}},
		{name: "source muted", acts: []string{model.ActionMuteSource}},
		{name: "source muted then unmuted", acts: []string{model.ActionMuteSource, model.ActionUnmuteSource}, remind: true},
		{name: "handled while waiting", acts: []string{model.ActionHandled}, waiting: true, why: "handled"},
		{name: "false positive while waiting", acts: []string{model.ActionFalsePositive}, waiting: true, why: "false_positive"},
		{name: "source muted while waiting", acts: []string{model.ActionMuteSource}, waiting: true, why: `source "Banki forum" is muted`},
		{name: "source muted and unmuted while waiting", acts: []string{model.ActionMuteSource, model.ActionUnmuteSource},
			waiting: true, remind: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := slaConfig(map[string]time.Duration{"warning": 30 * time.Minute}, config.Escalation{Slack: "#pr-lead"})
			for i := range cfg.Routes {
				cfg.Routes[i].QuietHours = config.QuietHours{Start: "10:30", End: "11:30"}
			}
			e := newEnv(t, cfg, false)
			runWorker(t, e.worker, e.clk)
			m := newMention("Acme", "a warning")
			m.Severity = model.SeverityWarning
			save(t, e.st, e.router, e.clk, m)
			kick(e.worker, e.clk)
			if n := len(e.srv.Posts()); n != 1 {
				t.Fatalf("%d alerts, want 1", n)
			}
			at := t0.Add(5 * time.Minute)
			if tc.waiting {
				at = t0.Add(31 * time.Minute)
			}
			advanceTo(e.clk, at)
			if queued := len(reminderDeliveries(t, e.st)); tc.waiting && queued != 2 {
				t.Fatalf("%d reminders queued at 10:51, want 2 held", queued)
			}
			for _, a := range tc.acts {
				act(t, e.st, m.ID, a)
			}
			advanceTo(e.clk, t0.Add(2*time.Hour))
			reminded := 0
			for _, p := range e.srv.Posts() {
				if strings.Contains(p.Text, "Still unanswered") {
					reminded++
				}
			}
			if want := map[bool]int{true: 2, false: 0}[tc.remind]; reminded != want {
				t.Errorf("%d reminders sent, want %d", reminded, want)
			}
			queued := reminderDeliveries(t, e.st)
			if !tc.remind && !tc.waiting && len(queued) != 0 {
				t.Errorf("reminders queued: %+v", queued)
			}
			for _, s := range sends(t, e.st) {
				if s.Kind != store.SendReminder {
					continue
				}
				want := store.OutboxSent
				if !tc.remind {
					want = store.OutboxCancelled
				}
				if s.Status != want || (tc.why != "" && !strings.Contains(s.LastError, tc.why)) {
					t.Errorf("reminder send %s %q, want %s with %q", s.Status, s.LastError, want, tc.why)
				}
			}
			if st, err := e.st.OutboxStatus(context.Background(), e.clk.Now()); err != nil || st.Pending != 0 || st.Failed != 0 {
				t.Errorf("outbox %+v, %v", st, err)
			}
		})
	}
}
