package notify

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/internal/testenv"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/notify/alert"
	"github.com/mentionwatch/mentionwatch/notify/slack"
	"github.com/mentionwatch/mentionwatch/notify/webhook"
)

func TestNewRouterErrors(t *testing.T) {
	cfg := alertsConfig(
		config.Route{When: `severity ==`, Slack: "#a"},
		config.Route{When: `sentiment == "negative"`, Slack: "#b", Frequency: "weekly"},
		config.Route{When: `true`, Slack: "#c", QuietHours: config.QuietHours{Start: "25:00", End: "08:00", TimeZone: "Mars/Olympus"}},
		config.Route{When: `true`},
		config.Route{When: `tags == 3`, Slack: "#d"},
	)
	cfg.TimeZone = "Nowhere/City"
	_, err := NewRouter(cfg, RouterOptions{})
	var es RouteErrors
	if !errors.As(err, &es) {
		t.Fatalf("error %v is not RouteErrors", err)
	}
	var got []string
	for _, e := range es {
		got = append(got, e.Path())
	}
	want := []string{"alerts.time_zone", "alerts.routes[0].when", "alerts.routes[1].frequency",
		"alerts.routes[2].quiet_hours.start", "alerts.routes[2].quiet_hours.time_zone", "alerts.routes[3]",
		"alerts.routes[4].when"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("paths = %q\nwant %q", got, want)
	}
	var one *RouteError
	if !errors.As(err, &one) || one.Index != -1 {
		t.Errorf("errors.As(*RouteError) = %+v", one)
	}
	if !strings.Contains(err.Error(), "alerts.routes[0].when: bad expression") {
		t.Errorf("message: %v", err)
	}
}

func TestMatch(t *testing.T) {
	clk := clock.NewFake(t0)
	r := newRouter(t, alertsConfig(
		config.Route{Name: "critical", When: `severity == "critical"`, Slack: "#pr-alerts", Telegram: "-100", Continue: true},
		config.Route{Name: "advocates", When: `"advocate" in tags`, Slack: "#community"},
		config.Route{Name: "questions", When: `"question" in tags && source.weight >= 2`, Webhook: "https://hooks.example/q?k=SECRET"},
		config.Route{Name: "everything", When: `true`, Slack: "#mentions", Frequency: "hourly"},
	), clk, nil)
	crit := newMention("Acme", "x")
	crit.Severity = model.SeverityCritical
	adv := newMention("Acme", "x")
	adv.SourceTags = []string{"advocate"} // the source's tags count, too
	q := newMention("Acme", "x")
	q.Tags, q.SourceWeight = []string{"question"}, 2
	plain := newMention("Acme", "x")
	for _, tc := range []struct {
		name string
		m    *model.Mention
		want map[string][]Target
	}{
		{"critical continues", crit, map[string][]Target{
			"critical":   {{"slack", "#pr-alerts"}, {"telegram", "-100"}},
			"everything": {{"slack", "#mentions"}}}},
		{"source tag", adv, map[string][]Target{"advocates": {{"slack", "#community"}}}},
		{"webhook by key", q, map[string][]Target{"questions": {{"webhook", webhook.URLKey("https://hooks.example/q?k=SECRET")}}}},
		{"fallthrough", plain, map[string][]Target{"everything": {{"slack", "#mentions"}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := r.Match(tc.m); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Match = %v, want %v", got, tc.want)
			}
		})
	}
	for _, ts := range r.Match(q) {
		for _, tg := range ts {
			if strings.Contains(tg.Target, "SECRET") {
				t.Error("a secret URL is used as a target")
			}
		}
	}
}

func TestEnqueueIdempotentAndEscalation(t *testing.T) {
	clk := clock.NewFake(t0)
	st := openStore(t, clk)
	r := newRouter(t, alertsConfig(
		config.Route{Name: "critical", When: `severity == "critical"`, Slack: "#pr-alerts"},
		config.Route{Name: "everything", Slack: "#mentions", Frequency: "hourly"},
	), clk, nil)
	m := newMention("Acme", "post")
	save(t, st, r, clk, m)
	ds := deliveries(t, st)
	if len(ds) != 1 || ds[0].Target != "#mentions" || ds[0].MentionID != m.ID {
		t.Fatalf("deliveries %+v", ds)
	}
	enqueue := func() {
		t.Helper()
		if err := st.Tx(context.Background(), func(tx *store.Tx) error { return r.Enqueue(context.Background(), tx, m) }); err != nil {
			t.Fatal(err)
		}
	}
	enqueue()
	if n := len(deliveries(t, st)); n != 1 {
		t.Fatalf("enqueue again: %d deliveries, want 1", n)
	}
	// The thread heats up: the mention becomes critical.
	m.Severity = model.SeverityCritical
	enqueue()
	enqueue()
	ds = deliveries(t, st)
	if len(ds) != 2 || ds[1].Target != "#pr-alerts" || ds[1].Frequency != "as_it_happens" || ds[1].Severity != "critical" {
		t.Fatalf("after escalation: %+v", ds)
	}
}

func TestGroupingPeriods(t *testing.T) {
	kolkata, err := time.LoadLocation("Asia/Kolkata") // UTC+5:30
	if err != nil {
		t.Skip(err)
	}
	for _, tc := range []struct {
		freq, zone  string
		now         time.Time
		start, end  time.Time
		asItHappens bool
	}{
		{"hourly", "UTC", t0, time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC), time.Date(2026, 11, 20, 11, 0, 0, 0, time.UTC), false},
		{"hourly", "Asia/Kolkata", t0, time.Date(2026, 11, 20, 15, 0, 0, 0, kolkata), time.Date(2026, 11, 20, 16, 0, 0, 0, kolkata), false},
		{"daily", "Asia/Kolkata", t0, time.Date(2026, 11, 20, 0, 0, 0, 0, kolkata), time.Date(2026, 11, 21, 0, 0, 0, 0, kolkata), false},
		{"daily", "UTC", time.Date(2026, 11, 20, 23, 59, 0, 0, time.UTC), time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC), false},
		{"as_it_happens", "UTC", t0, time.Time{}, t0, true},
	} {
		t.Run(tc.freq+" "+tc.zone, func(t *testing.T) {
			clk := clock.NewFake(tc.now)
			st := openStore(t, clk)
			cfg := alertsConfig(config.Route{Slack: "#m", Frequency: tc.freq})
			cfg.TimeZone = tc.zone
			r := newRouter(t, cfg, clk, nil)
			save(t, st, r, clk, newMention("Acme", "x"))
			d := deliveries(t, st)[0]
			if !d.PeriodStart.Equal(tc.start) || !d.DueAt.Equal(tc.end) {
				t.Errorf("period [%v, %v), want [%v, %v)", d.PeriodStart, d.DueAt, tc.start, tc.end)
			}
		})
	}
}

func TestQuietHours(t *testing.T) {
	moscow, err := time.LoadLocation("Europe/Moscow") // UTC+3
	if err != nil {
		t.Skip(err)
	}
	quiet := config.QuietHours{Start: "22:00", End: "08:00", TimeZone: "Europe/Moscow"}
	morning := time.Date(2026, 11, 21, 8, 0, 0, 0, moscow)
	for _, tc := range []struct {
		name     string
		now      time.Time
		freq     string
		severity string
		hold     time.Time
	}{
		{"night, warning", time.Date(2026, 11, 20, 23, 30, 0, 0, moscow), "as_it_happens", "warning", morning},
		{"after midnight", time.Date(2026, 11, 21, 3, 0, 0, 0, moscow), "as_it_happens", "info", morning},
		{"night, critical never waits", time.Date(2026, 11, 20, 23, 30, 0, 0, moscow), "as_it_happens", "critical", time.Time{}},
		{"day", time.Date(2026, 11, 20, 12, 0, 0, 0, moscow), "as_it_happens", "info", time.Time{}},
		{"end is not quiet", time.Date(2026, 11, 21, 8, 0, 0, 0, moscow), "as_it_happens", "info", time.Time{}},
		{"hourly group ending in quiet hours", time.Date(2026, 11, 20, 21, 30, 0, 0, moscow), "hourly", "info", morning},
		{"hourly group ending before", time.Date(2026, 11, 20, 20, 30, 0, 0, moscow), "hourly", "info", time.Time{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clk := clock.NewFake(tc.now)
			st := openStore(t, clk)
			r := newRouter(t, alertsConfig(config.Route{Slack: "#m", Frequency: tc.freq, QuietHours: quiet}), clk, nil)
			m := newMention("Acme", "x")
			m.Severity = tc.severity
			save(t, st, r, clk, m)
			if d := deliveries(t, st)[0]; !d.HoldUntil.Equal(tc.hold) {
				t.Errorf("hold until %v, want %v", d.HoldUntil, tc.hold)
			}
		})
	}
}

func TestFollowupsEnqueued(t *testing.T) {
	clk := clock.NewFake(t0)
	st := openStore(t, clk)
	r := newRouter(t, alertsConfig(
		config.Route{Name: "critical", When: `severity == "critical"`, Slack: "#pr-alerts"},
		config.Route{Name: "everything", Slack: "#mentions", Frequency: "hourly"},
	), clk, nil)
	thread := "https://forum.example/viewtopic.php?t=100"
	root := newMention("Acme", "root")
	root.ThreadURL, root.Severity = thread, model.SeverityCritical
	save(t, st, r, clk, root)
	// A later post in the thread that does not name the brand.
	reply := newMention("Acme", "reply")
	reply.ThreadURL, reply.Tags = thread, []string{"thread_reply"}
	// A post of another brand in the same thread is not a follow-up.
	other := newMention("Other", "other")
	other.ThreadURL = thread
	save(t, st, r, clk, reply, other)
	type row struct {
		mention        int64
		target, freq   string
		followup       bool
		routeFromRoute string
	}
	var got []row
	for _, d := range deliveries(t, st) {
		got = append(got, row{d.MentionID, d.Target, d.Frequency, d.Followup, d.Route})
	}
	want := []row{
		{root.ID, "#pr-alerts", "as_it_happens", false, "critical"},
		{reply.ID, "#mentions", "hourly", false, "everything"},
		{reply.ID, "#pr-alerts", "as_it_happens", true, "critical"},
		{other.ID, "#mentions", "hourly", false, "everything"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("deliveries\n got %+v\nwant %+v", got, want)
	}
}

func TestTargetsOfEveryKind(t *testing.T) {
	got := routeTargets(config.Route{Slack: "default", SlackWebhook: "https://hooks.slack.example/T/B/SECRET",
		Webhook: "true", Telegram: "-1001", Stdout: true})
	want := []Target{{alert.ChannelSlack, "default"}, {alert.ChannelSlack, slack.WebhookKey("https://hooks.slack.example/T/B/SECRET")},
		{alert.ChannelWebhook, "default"}, {alert.ChannelTelegram, "-1001"}, {alert.ChannelStdout, ""}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("targets %v, want %v", got, want)
	}
}

func TestEnqueueExpressionErrorSkipsRoute(t *testing.T) {
	clk := clock.NewFake(t0)
	st := openStore(t, clk)
	var logs testenv.SyncBuffer
	r := newRouter(t, alertsConfig(
		config.Route{Name: "broken", When: `tags[5] == "x"`, Slack: "#a"},
		config.Route{Name: "everything", Slack: "#b"},
	), clk, testLogger(&logs))
	save(t, st, r, clk, newMention("Acme", "x"), newMention("Acme", "y"))
	ds := deliveries(t, st)
	if len(ds) != 2 || ds[0].Target != "#b" {
		t.Fatalf("deliveries %+v", ds)
	}
	if n := strings.Count(logs.String(), "route expression failed"); n != 1 {
		t.Errorf("logged %d times, want once:\n%s", n, logs.String())
	}
}
