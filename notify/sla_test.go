package notify

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/notify/internal/slackfake"
)

// advanceTo moves the clock to target, stopping at every timer the
// worker sets on the way and letting its pass finish.
func advanceTo(clk *clock.Fake, target time.Time) {
	for clk.Now().Before(target) {
		step(clk, target.Sub(clk.Now()))
	}
}

// slaConfig routes critical mentions to #pr-alerts and the rest to
// #mentions, both as they happen, with alerts.sla set to sla.
func slaConfig(sla map[string]time.Duration, escalate config.Escalation) config.Alerts {
	cfg := alertsConfig(
		config.Route{Name: "critical", When: `severity == "critical"`, Slack: "#pr-alerts"},
		config.Route{Name: "rest", Slack: "#mentions"},
	)
	cfg.SLA = map[string]config.Duration{}
	for sev, d := range sla {
		cfg.SLA[sev] = config.Duration(d)
	}
	cfg.EscalateTo = escalate
	return cfg
}

func critical(title string) *model.Mention {
	m := newMention("Acme", title)
	m.Severity, m.Sentiment, m.Negativity = model.SeverityCritical, model.Negative, 0.9
	return m
}

func postsIn(srv *slackfake.Server, channel string) []slackfake.Post {
	var out []slackfake.Post
	for _, p := range srv.Posts() {
		if p.Channel == srv.ChannelID(channel) {
			out = append(out, p)
		}
	}
	return out
}

// mentionIDs returns a post's metadata mention_ids.
func postMentionIDs(p slackfake.Post) []int64 {
	if p.Metadata == nil {
		return nil
	}
	raw, _ := p.Metadata.EventPayload["mention_ids"].([]any)
	var out []int64
	for _, v := range raw {
		f, _ := v.(float64)
		out = append(out, int64(f))
	}
	return out
}

func reminderDeliveries(t *testing.T, st *store.Store) []store.Delivery {
	t.Helper()
	var out []store.Delivery
	for _, d := range deliveries(t, st) {
		if d.Kind == store.DeliveryReminder {
			out = append(out, d)
		}
	}
	return out
}

// TestReminderInThreadAndEscalation: a critical mention alerted at T and
// still new at T+30m gets a reminder in its alert's thread at T+30m, not
// a second earlier, and a message in #pr-lead; both carry its id in the
// message metadata, and the crawled title is escaped.
func TestReminderInThreadAndEscalation(t *testing.T) {
	e := newEnv(t, slaConfig(map[string]time.Duration{"critical": 30 * time.Minute},
		config.Escalation{Slack: "#pr-lead"}), false)
	runWorker(t, e.worker, e.clk)
	m := critical("Акме <b>банк</b> & мошенники")
	save(t, e.st, e.router, e.clk, m)
	kick(e.worker, e.clk)
	alerts := postsIn(e.srv, "pr-alerts")
	if len(alerts) != 1 {
		t.Fatalf("%d alerts in #pr-alerts", len(alerts))
	}
	advanceTo(e.clk, t0.Add(30*time.Minute-time.Second))
	if n := len(e.srv.Posts()); n != 1 {
		t.Fatalf("%d posts at T+29m59s, want only the alert", n)
	}
	advanceTo(e.clk, t0.Add(30*time.Minute))
	pr := postsIn(e.srv, "pr-alerts")
	if len(pr) != 2 {
		t.Fatalf("%d posts in #pr-alerts at T+30m, want the alert and its reminder", len(pr))
	}
	rem := pr[1]
	if rem.ThreadTS != alerts[0].TS || rem.Broadcast {
		t.Errorf("reminder thread_ts %q broadcast %v; alert ts %q", rem.ThreadTS, rem.Broadcast, alerts[0].TS)
	}
	wantText := "⏰ Still unanswered after 30 min: *Акме &lt;b&gt;банк&lt;/b&gt; &amp; мошенники* (Acme, critical) — <" + m.URL + "|"
	if !strings.HasPrefix(rem.Text, wantText) {
		t.Errorf("reminder text %q\nwant prefix %q", rem.Text, wantText)
	}
	if strings.Contains(string(rem.Blocks), "<b>") {
		t.Errorf("markup from the page in the blocks: %s", rem.Blocks)
	}
	if ids := postMentionIDs(rem); len(ids) != 1 || ids[0] != m.ID || rem.Metadata.EventPayload["kind"] != "reminder" {
		t.Errorf("reminder metadata %+v", rem.Metadata)
	}
	lead := postsIn(e.srv, "pr-lead")
	if len(lead) != 1 {
		t.Fatalf("%d posts in #pr-lead", len(lead))
	}
	if lead[0].ThreadTS != "" || !strings.HasPrefix(lead[0].Text, wantText) {
		t.Errorf("escalation %+v", lead[0])
	}
	if ids := postMentionIDs(lead[0]); len(ids) != 1 || ids[0] != m.ID {
		t.Errorf("escalation metadata %+v", lead[0].Metadata)
	}
	// More passes add nothing.
	advanceTo(e.clk, t0.Add(3*time.Hour))
	if n := len(e.srv.Posts()); n != 3 {
		t.Errorf("%d posts after 3 h, want 3", n)
	}
	for k, n := range keys(e.srv.Posts()) {
		if n != 1 {
			t.Errorf("%s posted %d times", k, n)
		}
	}
}

// TestNoReminderWhenHandled: a mention handled at T+10m (through
// store.Act, as the inbox, the API and Slack buttons do) gets no reminder.
func TestNoReminderWhenHandled(t *testing.T) {
	e := newEnv(t, slaConfig(map[string]time.Duration{"critical": 30 * time.Minute},
		config.Escalation{Slack: "#pr-lead"}), false)
	runWorker(t, e.worker, e.clk)
	handled, open := critical("handled in time"), critical("left open")
	save(t, e.st, e.router, e.clk, handled, open)
	kick(e.worker, e.clk)
	advanceTo(e.clk, t0.Add(10*time.Minute))
	acted, err := e.st.Act(context.Background(), handled.ID, store.Action{Name: model.ActionHandled, User: "anna", Via: "api"})
	if err != nil || !acted.Changed {
		t.Fatalf("Act: %+v, %v", acted, err)
	}
	advanceTo(e.clk, t0.Add(2*time.Hour))
	for _, p := range e.srv.Posts() {
		if strings.Contains(p.Text, "Still unanswered") && strings.Contains(p.Text, "handled in time") {
			t.Errorf("reminder for a handled mention: %q", p.Text)
		}
	}
	if n := len(postsIn(e.srv, "pr-lead")); n != 1 {
		t.Errorf("%d escalations, want 1 (the open mention)", n)
	}
	for _, d := range reminderDeliveries(t, e.st) {
		if d.MentionID == handled.ID {
			t.Errorf("reminder queued for the handled mention: %+v", d)
		}
	}
}

// TestReminderOnlyForListedSeverities: with sla: {critical: 30m} a
// warning gets no reminder, and neither does a backfill mention, which
// was never alerted.
func TestReminderOnlyForListedSeverities(t *testing.T) {
	e := newEnv(t, slaConfig(map[string]time.Duration{"critical": 30 * time.Minute},
		config.Escalation{Slack: "#pr-lead"}), false)
	runWorker(t, e.worker, e.clk)
	warn := newMention("Acme", "a warning")
	warn.Severity = model.SeverityWarning
	old := critical("backfill")
	old.Backfill = true
	save(t, e.st, e.router, e.clk, warn, old)
	kick(e.worker, e.clk)
	advanceTo(e.clk, t0.Add(6*time.Hour))
	if posts := e.srv.Posts(); len(posts) != 1 || strings.Contains(posts[0].Text, "Still unanswered") {
		t.Errorf("posts %+v, want only the warning's alert", posts)
	}
	if rs := reminderDeliveries(t, e.st); len(rs) != 0 {
		t.Errorf("reminders %+v", rs)
	}
}

// TestReminderOnceAcrossRestart: a daemon stopped before the reminder is
// due and started again sends it once; stopped after it was sent, and
// started again, it sends nothing more.
func TestReminderOnceAcrossRestart(t *testing.T) {
	cfg := slaConfig(map[string]time.Duration{"critical": 30 * time.Minute}, config.Escalation{Slack: "#pr-lead"})
	e := newEnv(t, cfg, false)
	cfg.Slack = config.Slack{Token: botToken, APIURL: e.srv.APIURL}
	path := e.st.Path()
	stop := runWorker(t, e.worker, e.clk)
	m := critical("unanswered")
	save(t, e.st, e.router, e.clk, m)
	kick(e.worker, e.clk)
	advanceTo(e.clk, t0.Add(10*time.Minute))
	stop()
	e.st.Close()

	// restart opens the same database file with a new worker and router.
	restart := func() func() {
		st, err := store.Open(context.Background(), path, store.WithClock(e.clk.Now))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		r := newRouter(t, cfg, e.clk, testLogger(e.logs))
		ns, err := NewNotifiers(cfg, e.out, e.srv.Client(), nil)
		if err != nil {
			t.Fatal(err)
		}
		w := NewWorker(st, ns, WorkerOptions{Clock: e.clk, Backoff: cfg.Retry, Router: r})
		stop := runWorker(t, w, e.clk)
		return func() { stop(); st.Close() }
	}
	e.clk.Advance(10 * time.Minute)
	stop = restart()
	advanceTo(e.clk, t0.Add(45*time.Minute))
	if n := len(e.srv.Posts()); n != 3 {
		t.Fatalf("%d posts, want the alert, its reminder and the escalation", n)
	}
	stop()
	for i := 0; i < 3; i++ {
		e.clk.Advance(20 * time.Minute)
		stop = restart()
		advanceTo(e.clk, e.clk.Now().Add(2*time.Hour))
		stop()
	}
	if n := len(e.srv.Posts()); n != 3 {
		t.Errorf("%d posts after three more restarts, want 3", n)
	}
	for k, n := range keys(e.srv.Posts()) {
		if n != 1 {
			t.Errorf("%s posted %d times", k, n)
		}
	}
}

// TestReminderHeldByQuietHours: a warning's reminder that falls due in
// its route's quiet hours waits until they end; a critical one does not
// wait; a held reminder of a mention handled meanwhile is never sent.
func TestReminderHeldByQuietHours(t *testing.T) {
	cfg := slaConfig(map[string]time.Duration{"critical": 30 * time.Minute, "warning": 30 * time.Minute},
		config.Escalation{Slack: "#pr-lead"})
	// 10:20 now: alerts go at once; reminders fall due at 10:50, inside.
	for i := range cfg.Routes {
		cfg.Routes[i].QuietHours = config.QuietHours{Start: "10:30", End: "11:30"}
	}
	e := newEnv(t, cfg, false)
	runWorker(t, e.worker, e.clk)
	warn := newMention("Acme", "a warning")
	warn.Severity = model.SeverityWarning
	handled := newMention("Acme", "handled at night")
	handled.Severity = model.SeverityWarning
	crit := critical("a critical one")
	save(t, e.st, e.router, e.clk, warn, handled, crit)
	kick(e.worker, e.clk)
	if n := len(e.srv.Posts()); n != 3 {
		t.Fatalf("%d alerts before quiet hours", n)
	}
	advanceTo(e.clk, t0.Add(31*time.Minute)) // 10:51
	if n := len(postsIn(e.srv, "pr-alerts")); n != 2 {
		t.Errorf("critical reminder held: %d posts in #pr-alerts", n)
	}
	if n := len(postsIn(e.srv, "mentions")); n != 2 {
		t.Errorf("%d posts in #mentions during quiet hours, want the 2 alerts", n)
	}
	if _, err := e.st.Act(context.Background(), handled.ID, store.Action{Name: model.ActionHandled, User: "anna", Via: "inbox"}); err != nil {
		t.Fatal(err)
	}
	advanceTo(e.clk, time.Date(2026, 11, 20, 11, 29, 59, 0, time.UTC))
	if n := len(postsIn(e.srv, "mentions")); n != 2 {
		t.Errorf("%d posts in #mentions at 11:29:59", n)
	}
	advanceTo(e.clk, time.Date(2026, 11, 20, 11, 30, 0, 0, time.UTC))
	ms := postsIn(e.srv, "mentions")
	if len(ms) != 3 || !strings.Contains(ms[2].Text, "a warning") || ms[2].ThreadTS == "" {
		t.Fatalf("#mentions at 11:30: %+v", ms)
	}
	if !strings.Contains(ms[2].Text, "after 1 h 10 min") {
		t.Errorf("reminder text %q, want how long it has waited", ms[2].Text)
	}
	// #pr-lead: the critical escalation at 10:50, the warning's at 11:30.
	if n := len(postsIn(e.srv, "pr-lead")); n != 2 {
		t.Errorf("%d escalations, want 2", n)
	}
	for _, p := range e.srv.Posts() {
		if strings.Contains(p.Text, "handled at night") && strings.Contains(p.Text, "Still unanswered") {
			t.Errorf("reminder of a mention handled while it was held: %q", p.Text)
		}
	}
	cancelled := 0
	for _, s := range sends(t, e.st) {
		if s.Status == store.OutboxCancelled {
			cancelled++
		}
	}
	if cancelled != 2 {
		t.Errorf("%d sends cancelled, want the handled mention's reminder and escalation", cancelled)
	}
	if st, _ := e.st.OutboxStatus(context.Background(), e.clk.Now()); st.Pending != 0 || st.Failed != 0 {
		t.Errorf("outbox %+v", st)
	}
}

// TestReminderAfterOutage: Slack is down when the reminder falls due; it
// is retried with backoff and delivered once, in the thread, when Slack
// returns.
func TestReminderAfterOutage(t *testing.T) {
	e := newEnv(t, slaConfig(map[string]time.Duration{"critical": 30 * time.Minute},
		config.Escalation{Slack: "#pr-lead"}), false)
	down := atomic.Bool{}
	var refused atomic.Int64
	e.srv.SetBefore(func(w http.ResponseWriter, r *http.Request, method string) bool {
		if down.Load() {
			refused.Add(1)
			http.Error(w, "upstream unavailable", http.StatusServiceUnavailable)
			return true
		}
		return false
	})
	runWorker(t, e.worker, e.clk)
	m := critical("unanswered during an outage")
	save(t, e.st, e.router, e.clk, m)
	kick(e.worker, e.clk)
	advanceTo(e.clk, t0.Add(29*time.Minute))
	down.Store(true)
	advanceTo(e.clk, t0.Add(45*time.Minute))
	if n := len(e.srv.Posts()); n != 1 || refused.Load() == 0 {
		t.Fatalf("%d posts, %d refused during the outage", n, refused.Load())
	}
	down.Store(false)
	advanceTo(e.clk, t0.Add(60*time.Minute))
	pr := postsIn(e.srv, "pr-alerts")
	if len(pr) != 2 || pr[1].ThreadTS != pr[0].TS || !strings.Contains(pr[1].Text, "after 4") {
		t.Fatalf("#pr-alerts after the outage: %+v", pr)
	}
	if n := len(postsIn(e.srv, "pr-lead")); n != 1 {
		t.Errorf("%d escalations", n)
	}
	for k, n := range keys(e.srv.Posts()) {
		if n != 1 {
			t.Errorf("%s posted %d times", k, n)
		}
	}
	t.Logf("%d requests refused during the outage", refused.Load())
}

// TestReminderToStdout: without Slack, a reminder is printed and names
// the mention.
func TestReminderToStdout(t *testing.T) {
	cfg := slaConfig(map[string]time.Duration{"warning": 4 * time.Hour}, config.Escalation{Stdout: true})
	cfg.Routes = cfg.Routes[1:]
	cfg.Routes[0].Slack, cfg.Routes[0].Stdout = "", true
	e := newEnv(t, cfg, false)
	runWorker(t, e.worker, e.clk)
	m := newMention("Acme", "Акме Банк не отвечает")
	m.Severity = model.SeverityWarning
	save(t, e.st, e.router, e.clk, m)
	kick(e.worker, e.clk)
	advanceTo(e.clk, t0.Add(4*time.Hour))
	out := e.out.String()
	want := "=== ⏰ Still unanswered after 4 h ===\nАкме Банк не отвечает (Acme, warning)\n" + m.URL + "\n"
	if strings.Count(out, want) != 1 {
		t.Errorf("stdout:\n%s\nwant once:\n%s", out, want)
	}
	// The route and escalate_to are the same target: one reminder.
	if rs := reminderDeliveries(t, e.st); len(rs) != 1 {
		t.Errorf("%d reminders, want 1", len(rs))
	}
}

// TestReminderWaitsForItsGroup: a warning routed hourly whose SLA runs
// out before its hour ends is reminded of in the thread of the hourly
// message, right after it; until then a flush (run --once) has nothing
// due and leaves nothing undelivered.
func TestReminderWaitsForItsGroup(t *testing.T) {
	cfg := slaConfig(map[string]time.Duration{"warning": 15 * time.Minute}, config.Escalation{Slack: "#pr-lead"})
	cfg.Routes[1].Frequency = config.FrequencyHourly
	e := newEnv(t, cfg, false)
	// flush is a run --once delivery: the fake clock stands still, so a
	// flush that waits for something not due would end only by its
	// deadline (a guard, not a synchronisation).
	flush := func(at string) int {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		left, err := e.worker.Flush(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if left.Total() != 0 {
			t.Errorf("flush at %s left %+v undelivered", at, left)
		}
		return left.Total()
	}
	m := newMention("Acme", "waits for its hour")
	m.Severity = model.SeverityWarning
	save(t, e.st, e.router, e.clk, m) // 10:20
	flush("10:20")
	e.clk.Set(time.Date(2026, 11, 20, 10, 40, 0, 0, time.UTC))
	flush("10:40")
	if lead := postsIn(e.srv, "pr-lead"); len(lead) != 1 || len(e.srv.Posts()) != 1 {
		t.Fatalf("at 10:40: %d posts, %d in #pr-lead; want the escalation only", len(e.srv.Posts()), len(lead))
	}
	e.clk.Set(time.Date(2026, 11, 20, 11, 0, 0, 0, time.UTC))
	flush("11:00")
	ms := postsIn(e.srv, "mentions")
	if len(ms) != 2 || !strings.Contains(ms[0].Text, "1 new mention") || ms[1].ThreadTS != ms[0].TS ||
		!strings.Contains(ms[1].Text, "after 40 min: *waits for its hour*") {
		t.Fatalf("#mentions at 11:00: %+v", ms)
	}
}
