package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/notify/alert"
	"github.com/mentionwatch/mentionwatch/notify/internal/slackfake"
)

const botToken = "xoxb-0000-SECRETBOTTOKEN"

// env is a worker over a real store, posting to a fake Slack.
type env struct {
	clk     *clock.Fake
	st      *store.Store
	srv     *slackfake.Server
	router  *Router
	worker  *Worker
	metrics *Metrics
	reg     *prometheus.Registry
	logs    *testenv.SyncBuffer
	out     *bytes.Buffer
}

// newEnv builds an env in bot-token mode (webhook false) or incoming
// webhook mode, with cfg's routes.
func newEnv(t *testing.T, cfg config.Alerts, webhookMode bool) *env {
	t.Helper()
	e := &env{clk: clock.NewFake(t0), logs: &testenv.SyncBuffer{}, out: &bytes.Buffer{}, reg: prometheus.NewRegistry()}
	e.st = openStore(t, e.clk)
	e.srv = slackfake.New(botToken, "pr-alerts", "mentions", "community", "pr-lead")
	e.srv.Now = e.clk.Now
	t.Cleanup(e.srv.Close)
	if webhookMode {
		cfg.Slack = config.Slack{WebhookURL: e.srv.WebhookURL("alerts", "XXXXSECRETHOOK")}
	} else {
		cfg.Slack = config.Slack{Token: botToken, APIURL: e.srv.APIURL}
	}
	log := testLogger(e.logs)
	e.router = newRouter(t, cfg, e.clk, log)
	ns, err := NewNotifiers(cfg, e.out, e.srv.Client(), log)
	if err != nil {
		t.Fatal(err)
	}
	e.metrics = NewMetrics(e.reg)
	e.worker = NewWorker(e.st, ns, WorkerOptions{Clock: e.clk, Logger: log, Backoff: cfg.Retry,
		Metrics: e.metrics, Router: e.router})
	return e
}

func (e *env) flush(t *testing.T) int {
	t.Helper()
	n, err := e.worker.Flush(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n.Total()
}

// keys counts the posts per idempotency key (API posts).
func keys(posts []slackfake.Post) map[string]int {
	out := map[string]int{}
	for _, p := range posts {
		out[p.Key()]++
	}
	return out
}

func TestAsItHappensWithinAPass(t *testing.T) {
	e := newEnv(t, alertsConfig(config.Route{When: `severity == "critical"`, Slack: "#pr-alerts"}), false)
	stop := runWorker(t, e.worker, e.clk)
	m := newMention("Acme", "Акме Банк заблокировал карту")
	m.Severity = model.SeverityCritical
	save(t, e.st, e.router, e.clk, m)
	kick(e.worker, e.clk)
	posts := e.srv.Posts()
	if len(posts) != 1 || posts[0].Channel != e.srv.ChannelID("pr-alerts") {
		t.Fatalf("posts %+v", posts)
	}
	stop()
	ss := sends(t, e.st)
	if len(ss) != 1 || ss[0].Status != store.OutboxSent || ss[0].ExtID != posts[0].TS || ss[0].ExtChannel != posts[0].Channel {
		t.Fatalf("sends %+v", ss)
	}
	if d := deliveries(t, e.st); d[0].Status != store.OutboxSent {
		t.Errorf("delivery %+v", d[0])
	}
	if got := value(t, e.metrics.Sent.WithLabelValues("slack")); got != 1 {
		t.Errorf("sent metric %v", got)
	}
	if got := value(t, e.metrics.Pending); got != 0 {
		t.Errorf("pending metric %v", got)
	}
}

func TestHourlyGroupWaitsForItsPeriod(t *testing.T) {
	e := newEnv(t, alertsConfig(config.Route{Slack: "#mentions", Frequency: "hourly"}), false)
	runWorker(t, e.worker, e.clk)
	var ms []*model.Mention
	for i := 0; i < 12; i++ {
		m := newMention("Acme", fmt.Sprintf("post %d", i))
		if i == 3 {
			m.Sentiment, m.Negativity, m.Severity = model.Negative, 0.9, model.SeverityWarning
		}
		ms = append(ms, m)
	}
	other := newMention("Other", "other brand")
	save(t, e.st, e.router, e.clk, append(ms, other)...)
	kick(e.worker, e.clk)
	if n := len(e.srv.Posts()); n != 0 {
		t.Fatalf("%d posts before the hour ended", n)
	}
	// 10:20 → the worker wakes at 11:00 at the latest.
	for e.clk.Now().Before(time.Date(2026, 11, 20, 11, 0, 0, 0, time.UTC)) {
		step(e.clk, time.Hour)
	}
	posts := e.srv.Posts()
	if len(posts) != 2 {
		t.Fatalf("%d posts, want one per brand", len(posts))
	}
	var acme slackfake.Post
	for _, p := range posts {
		if strings.Contains(p.Text, "Acme") {
			acme = p
		}
	}
	if !strings.Contains(acme.Text, "12 new mentions") || !strings.Contains(string(acme.Blocks), "… and 2 more mentions") {
		t.Errorf("group text %q blocks %s", acme.Text, acme.Blocks)
	}
	if i, j := strings.Index(string(acme.Blocks), "post 3"), strings.Index(string(acme.Blocks), "post 0"); i < 0 || (j >= 0 && j < i) {
		t.Errorf("the negative mention is not first")
	}
	for _, d := range deliveries(t, e.st) {
		if d.Status != store.OutboxSent {
			t.Errorf("delivery %d is %s", d.ID, d.Status)
		}
	}
	if n := len(sends(t, e.st)); n != 2 {
		t.Errorf("%d sends, want 2", n)
	}
}

// TestFlushLeavesOpenGroups: a flush (run --once) sends no group whose
// period has not ended, and does not count it as undelivered; two flushes
// in one day and one after it send the day's mentions as one message.
func TestFlushLeavesOpenGroups(t *testing.T) {
	e := newEnv(t, alertsConfig(config.Route{Slack: "#mentions", Frequency: "daily"}), false)
	save(t, e.st, e.router, e.clk, newMention("Acme", "a"), newMention("Acme", "b"))
	if left := e.flush(t); left != 0 {
		t.Errorf("%d left, want 0: the day's group is not due", left)
	}
	e.clk.Advance(5 * time.Hour)
	save(t, e.st, e.router, e.clk, newMention("Acme", "c"))
	if left := e.flush(t); left != 0 {
		t.Errorf("%d left", left)
	}
	if posts := e.srv.Posts(); len(posts) != 0 {
		t.Fatalf("%d posts before the day ended", len(posts))
	}
	e.clk.Set(time.Date(2026, 11, 21, 0, 0, 1, 0, time.UTC))
	if left := e.flush(t); left != 0 {
		t.Errorf("%d left", left)
	}
	posts := e.srv.Posts()
	if len(posts) != 1 || !strings.Contains(posts[0].Text, "3 new mentions") {
		t.Fatalf("posts %+v", posts)
	}
	e.flush(t)
	if n := len(e.srv.Posts()); n != 1 {
		t.Errorf("%d posts", n)
	}
}

func TestFollowupRepliesInThread(t *testing.T) {
	e := newEnv(t, alertsConfig(
		config.Route{When: `severity == "critical"`, Slack: "#pr-alerts"},
		config.Route{Slack: "#mentions", Frequency: "hourly"},
	), false)
	thread := "https://forum.example/viewtopic.php?t=100"
	root := newMention("Acme", "root")
	root.ThreadURL, root.Severity, root.Sentiment = thread, model.SeverityCritical, model.Negative
	// Root and reply arrive in one crawl: the reply waits for the root.
	save(t, e.st, e.router, e.clk, root)
	reply := newMention("Acme", "reply")
	reply.ThreadURL, reply.Tags = thread, []string{"thread_reply"}
	save(t, e.st, e.router, e.clk, reply)
	e.flush(t)
	posts := e.srv.Posts()
	var inPR []slackfake.Post
	for _, p := range posts {
		if p.Channel == e.srv.ChannelID("pr-alerts") {
			inPR = append(inPR, p)
		}
	}
	if len(inPR) != 2 {
		t.Fatalf("%d posts in #pr-alerts: %+v", len(inPR), posts)
	}
	if inPR[0].ThreadTS != "" || inPR[1].ThreadTS != inPR[0].TS {
		t.Errorf("reply thread_ts %q, root ts %q", inPR[1].ThreadTS, inPR[0].TS)
	}
	if len(posts) != 2 {
		t.Errorf("%d posts, want root and reply; the hourly group waits for its hour", len(posts))
	}
	e.clk.Advance(time.Hour)
	e.flush(t)
	if n := len(e.srv.Posts()); n != 3 {
		t.Errorf("%d posts after the hour, want root, reply and the hourly group", n)
	}
}

func TestPermanentFailure(t *testing.T) {
	e := newEnv(t, alertsConfig(config.Route{Slack: "#gone"}), false)
	save(t, e.st, e.router, e.clk, newMention("Acme", "a"), newMention("Acme", "b"))
	if left, err := e.worker.Flush(context.Background()); err != nil || left != (Undelivered{Failed: 2}) {
		t.Errorf("Flush = %+v, %v; want the 2 failures", left, err)
	}
	calls := 0
	for _, c := range e.srv.Calls() {
		if c == "chat.postMessage" {
			calls++
		}
	}
	if calls != 2 {
		t.Errorf("%d chat.postMessage calls, want 2 (no retries)", calls)
	}
	for _, s := range sends(t, e.st) {
		if s.Status != store.OutboxFailed || !strings.Contains(s.LastError, "channel_not_found") {
			t.Errorf("send %+v", s)
		}
	}
	// Nothing is retried later.
	save(t, e.st, e.router, e.clk) // no-op crawl
	e.clk.Advance(time.Hour)
	e.flush(t)
	if n := len(e.srv.Calls()); n != 2 {
		t.Errorf("%d calls after an hour", n)
	}
	if got := value(t, e.metrics.Failed.WithLabelValues("slack", "permanent")); got != 2 {
		t.Errorf("failed metric %v", got)
	}
	if n := strings.Count(e.logs.String(), "level=ERROR msg=\"alert failed for good"); n != 1 {
		t.Errorf("logged at error level %d times, want once:\n%s", n, e.logs.String())
	}
	status, err := OutboxStatus(context.Background(), e.st, e.clk.Now())
	if err != nil {
		t.Fatal(err)
	}
	if status.Failed != 2 || status.Pending != 0 || !strings.Contains(status.LastError, "channel_not_found") {
		t.Errorf("status %+v", status)
	}
	if s := FormatStatus(status); !strings.Contains(s, "2 failed") || !strings.Contains(s, "channel_not_found") {
		t.Errorf("FormatStatus = %q", s)
	}
	// After the config is fixed, failed alerts can be queued again.
	if n, err := e.st.RequeueFailedSends(context.Background(), e.clk.Now()); err != nil || n != 2 {
		t.Fatalf("requeue: %d %v", n, err)
	}
}

// TestRetryAfter: a 429 with Retry-After holds the whole destination for
// exactly that long; then everything goes, once.
func TestRetryAfter(t *testing.T) {
	// A 429 with Retry-After holds the target's queue for that long, with
	// a bot token (slack-go's rate-limit error) and through an incoming
	// webhook (its own 429) alike — also longer than alerts.retry.max.
	for _, mode := range []string{"bot", "webhook"} {
		for _, wait := range []time.Duration{30 * time.Second, 15 * time.Minute} {
			t.Run(fmt.Sprintf("%s/%v", mode, wait), func(t *testing.T) { retryAfter(t, mode, wait) })
		}
	}
}

func retryAfter(t *testing.T, mode string, wait time.Duration) {
	e := newEnv(t, alertsConfig(config.Route{Slack: "#pr-alerts"}), mode == "webhook")
	var limited atomic.Bool
	limited.Store(true)
	var attempts []time.Time
	e.srv.SetBefore(func(w http.ResponseWriter, r *http.Request, method string) bool {
		if method != "chat.postMessage" && method != "webhook" {
			return false
		}
		attempts = append(attempts, e.clk.Now())
		if limited.Load() {
			w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())))
			w.WriteHeader(http.StatusTooManyRequests)
			return true
		}
		return false
	})
	runWorker(t, e.worker, e.clk)
	save(t, e.st, e.router, e.clk, newMention("Acme", "a"), newMention("Acme", "b"), newMention("Acme", "c"))
	kick(e.worker, e.clk)
	if len(attempts) != 1 {
		t.Fatalf("%d attempts, want 1: the rest wait behind the rate limit", len(attempts))
	}
	// Each step moves the clock to the worker's next timer: its idle
	// checks, then the end of the wait.
	for len(attempts) < 2 && e.clk.Now().Before(attempts[0].Add(time.Hour)) {
		step(e.clk, time.Hour)
	}
	if len(attempts) != 2 || attempts[1].Sub(attempts[0]) != wait {
		t.Fatalf("attempts at %v, want %v apart", attempts, wait)
	}
	limited.Store(false)
	for end := e.clk.Now().Add(time.Hour); len(e.srv.Posts()) < 3 && e.clk.Now().Before(end); {
		step(e.clk, time.Hour)
	}
	if n := len(attempts); n < 3 || attempts[n-3].Sub(attempts[1]) != wait {
		t.Errorf("attempts at %v: the first after the limit lifted should wait out the last Retry-After (%v)", attempts, wait)
	}
	if got := keys(e.srv.Posts()); len(got) != 3 {
		t.Fatalf("posted %v", got)
	}
	for k, n := range keys(e.srv.Posts()) {
		if n != 1 {
			t.Errorf("%s posted %d times", k, n)
		}
	}
	if !strings.Contains(e.logs.String(), "delivery recovered") {
		t.Error("recovery not logged")
	}
}

// TestRateLimitIsNotFailure: an ordinary drain through a rate limit
// counts its 429s as retries, by reason, and nothing as failed; the
// failure metric counts only what was given up.
func TestRateLimitIsNotFailure(t *testing.T) {
	e := newEnv(t, alertsConfig(config.Route{Slack: "#pr-alerts"}), false)
	var limited atomic.Int64
	limited.Store(2)
	e.srv.SetBefore(func(w http.ResponseWriter, r *http.Request, method string) bool {
		if method != "chat.postMessage" || limited.Add(-1) < 0 {
			return false
		}
		w.Header().Set("Retry-After", "5")
		w.WriteHeader(http.StatusTooManyRequests)
		return true
	})
	save(t, e.st, e.router, e.clk, newMention("Acme", "a"), newMention("Acme", "b"))
	if left := driveFlush(t, e.worker, e.clk); left != 0 {
		t.Fatalf("Flush left %d", left)
	}
	if n := len(e.srv.Posts()); n != 2 {
		t.Fatalf("%d posts, want 2", n)
	}
	got := gathered(t, e.reg)
	if v := got[`mentionwatch_alerts_retried_total{channel="slack",reason="rate_limited"}`]; v != 2 {
		t.Errorf("retried{rate_limited} = %v, want 2; metrics: %v", v, got)
	}
	for k, v := range got {
		if strings.HasPrefix(k, "mentionwatch_alerts_failed_total") && v != 0 {
			t.Errorf("%s = %v after a drain that delivered everything", k, v)
		}
	}
	if v := got[`mentionwatch_alerts_sent_total{channel="slack"}`]; v != 2 {
		t.Errorf("sent = %v", v)
	}

	// A permanent failure is counted as failed, not as a retry.
	gone := newEnv(t, alertsConfig(config.Route{Slack: "#gone"}), false)
	save(t, gone.st, gone.router, gone.clk, newMention("Acme", "c"))
	if left := gone.flush(t); left != 1 {
		t.Fatalf("Flush left %d, want the failed one", left)
	}
	got = gathered(t, gone.reg)
	if v := got[`mentionwatch_alerts_failed_total{channel="slack",reason="permanent"}`]; v != 1 {
		t.Errorf("failed{permanent} = %v, want 1; metrics: %v", v, got)
	}
	for k, v := range got {
		if strings.HasPrefix(k, "mentionwatch_alerts_retried_total") && v != 0 {
			t.Errorf("%s = %v for a permanent failure", k, v)
		}
	}
}

// gathered returns every counter and gauge of reg as
// `name{label="value",…}` → value, labels in name order.
func gathered(t *testing.T, reg *prometheus.Registry) map[string]float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			var labels []string
			for _, l := range m.GetLabel() {
				labels = append(labels, fmt.Sprintf("%s=%q", l.GetName(), l.GetValue()))
			}
			key := mf.GetName()
			if len(labels) > 0 {
				key += "{" + strings.Join(labels, ",") + "}"
			}
			switch {
			case m.Counter != nil:
				out[key] = m.Counter.GetValue()
			case m.Gauge != nil:
				out[key] = m.Gauge.GetValue()
			}
		}
	}
	return out
}

// TestOutageOfAnHour: Slack answers 503 for an hour of (fake) time while
// alerts keep coming; when it returns every alert arrives once, and the
// retries were spaced by the backoff, not a storm.
func TestOutageOfAnHour(t *testing.T) {
	for _, mode := range []string{"bot", "webhook"} {
		t.Run(mode, func(t *testing.T) {
			e := newEnv(t, alertsConfig(
				config.Route{When: `severity == "critical"`, Slack: "#pr-alerts"},
				config.Route{Slack: "#mentions", Frequency: "hourly"},
			), mode == "webhook")
			end := t0.Add(time.Hour)
			var requests atomic.Int64
			e.srv.SetBefore(func(w http.ResponseWriter, r *http.Request, method string) bool {
				requests.Add(1)
				if e.clk.Now().Before(end) {
					http.Error(w, "<html>Service Unavailable</html>", http.StatusServiceUnavailable)
					return true
				}
				return false
			})
			runWorker(t, e.worker, e.clk)
			want := 0
			for i := 0; e.clk.Now().Before(end.Add(-5 * time.Minute)); i++ {
				m := newMention("Acme", fmt.Sprintf("post %d", i))
				if i%2 == 0 {
					m.Severity = model.SeverityCritical
					want++
				}
				save(t, e.st, e.router, e.clk, m)
				kick(e.worker, e.clk)
				for next := e.clk.Now().Add(7 * time.Minute); e.clk.Now().Before(next); {
					step(e.clk, next.Sub(e.clk.Now()))
				}
			}
			for i := 0; i < 200; i++ {
				if left, _ := e.st.UndeliveredCount(context.Background(), e.clk.Now()); left == 0 && e.clk.Now().After(end.Add(time.Hour)) {
					break
				}
				step(e.clk, 10*time.Minute)
			}
			posts := e.srv.Posts()
			// The critical ones, and two hourly groups (10:00 and 11:00).
			if len(posts) != want+2 {
				t.Errorf("%d posts, want %d", len(posts), want+2)
			}
			if mode == "bot" {
				for k, n := range keys(posts) {
					if n != 1 {
						t.Errorf("%s posted %d times", k, n)
					}
				}
			}
			seen := map[string]int{}
			for _, p := range posts {
				seen[p.Text]++
			}
			for text, n := range seen {
				if n != 1 {
					t.Errorf("%q posted %d times", text, n)
				}
			}
			t.Logf("%d alerts and 2 groups delivered after %d requests", want, requests.Load())
			if r := requests.Load(); r > 60 {
				t.Errorf("%d requests during an hour's outage: the backoff does not hold", r)
			}
			if strings.Count(e.logs.String(), "level=WARN msg=\"alert not delivered") > 3 {
				t.Errorf("retries logged at warn level more than once per destination:\n%s", e.logs.String())
			}
			for _, s := range sends(t, e.st) {
				if s.Status != store.OutboxSent {
					t.Errorf("send %d is %s (%s)", s.ID, s.Status, s.LastError)
				}
			}
		})
	}
}

// TestFlushGivesUp: Flush retries until its context ends, then reports
// what is left; it stays in the outbox.
func TestFlushGivesUp(t *testing.T) {
	e := newEnv(t, alertsConfig(config.Route{Slack: "#pr-alerts"}), false)
	e.srv.SetBefore(func(w http.ResponseWriter, r *http.Request, method string) bool {
		w.WriteHeader(http.StatusBadGateway)
		return true
	})
	save(t, e.st, e.router, e.clk, newMention("Acme", "a"), newMention("Acme", "b"))
	ctx, cancel := context.WithCancel(context.Background())
	type result struct {
		left Undelivered
		err  error
	}
	done := make(chan result, 1)
	n := e.clk.Requests()
	go func() {
		left, err := e.worker.Flush(ctx)
		done <- result{left, err}
	}()
	// Let it retry a few times, then give up.
	for i := 0; i < 3; i++ {
		e.clk.WaitForRequests(n + 1)
		n = e.clk.Requests()
		step(e.clk, time.Hour)
	}
	cancel()
	r := <-done
	if r.err != nil || r.left != (Undelivered{Pending: 2}) {
		t.Fatalf("Flush = %+v, %v; want 2 pending", r.left, r.err)
	}
	status, _ := e.st.OutboxStatus(context.Background(), e.clk.Now())
	if status.Pending != 2 || !strings.Contains(status.LastError, "HTTP 502") {
		t.Errorf("status %+v", status)
	}
}

func TestQuietHoursHoldUntilMorning(t *testing.T) {
	cfg := alertsConfig(config.Route{Slack: "#mentions", QuietHours: config.QuietHours{Start: "10:00", End: "11:00"}})
	e := newEnv(t, cfg, false)
	runWorker(t, e.worker, e.clk)
	quiet := newMention("Acme", "quiet")
	crit := newMention("Acme", "critical")
	crit.Severity = model.SeverityCritical
	save(t, e.st, e.router, e.clk, quiet, crit)
	kick(e.worker, e.clk)
	if posts := e.srv.Posts(); len(posts) != 1 || !strings.Contains(posts[0].Text, "critical") {
		t.Fatalf("during quiet hours: %+v", posts)
	}
	// Flush does not break the quiet hours either, and does not count
	// the held alert as a failure.
	if left := e.flush(t); left != 0 {
		t.Errorf("Flush left %d", left)
	}
	if st, _ := e.st.OutboxStatus(context.Background(), e.clk.Now()); st.Held != 1 {
		t.Errorf("status %+v", st)
	}
	for e.clk.Now().Before(time.Date(2026, 11, 20, 11, 0, 0, 0, time.UTC)) {
		step(e.clk, time.Hour)
	}
	if n := len(e.srv.Posts()); n != 2 {
		t.Errorf("%d posts at 11:00", n)
	}
}

func TestNoSlackPrintsToStdout(t *testing.T) {
	clk := clock.NewFake(t0)
	st := openStore(t, clk)
	cfg := alertsConfig(config.Route{When: `severity == "critical"`, Slack: "#pr-alerts"},
		config.Route{Slack: "#mentions", Frequency: "hourly"})
	r := newRouter(t, cfg, clk, nil)
	var out bytes.Buffer
	ns, err := NewNotifiers(cfg, &out, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	w := NewWorker(st, ns, WorkerOptions{Clock: clk, Router: r})
	m := newMention("Acme Bank", "Акме Банк заблокировал карту")
	m.Severity, m.Sentiment, m.Negativity, m.Tags = model.SeverityCritical, model.Negative, 0.83, []string{"fraud"}
	m.Snippet = model.Snippet{Text: "Акме Банк заблокировал карту", Marks: [][2]int{{0, len("Акме Банк")}}}
	m.Rules = []model.FiredRule{{Name: "fraud accusation", Effect: "negativity +0.3"}}
	save(t, st, r, clk, m, newMention("Acme Bank", "neutral news"))
	if left, err := w.Flush(context.Background()); err != nil || left.Total() != 0 {
		t.Fatalf("Flush = %d, %v", left, err)
	}
	clk.Set(time.Date(2026, 11, 20, 11, 0, 0, 0, time.UTC))
	if left, err := w.Flush(context.Background()); err != nil || left.Total() != 0 {
		t.Fatalf("Flush at 11:00 = %d, %v", left, err)
	}
	s := out.String()
	for _, want := range []string{"=== 🔴 Acme Bank · critical → #pr-alerts ===", "**Акме Банк** заблокировал карту",
		"https://forum.example/p/", "👎 negative 0.83", "tags: fraud", `why: route "route 1" (severity == "critical"); rules: fraud accusation`,
		"=== Acme Bank — 1 mention, 20 Nov 2026 10:00–11:00 UTC → #mentions ==="} {
		if !strings.Contains(s, want) {
			t.Errorf("stdout lacks %q:\n%s", want, s)
		}
	}
}

// TestSecretsStayOut: neither logs, stored errors, nor metrics show a
// webhook URL or a token, whatever goes wrong.
func TestSecretsStayOut(t *testing.T) {
	e := newEnv(t, alertsConfig(config.Route{Slack: "#pr-alerts"}), true)
	var n atomic.Int64
	e.srv.SetBefore(func(w http.ResponseWriter, r *http.Request, method string) bool {
		switch n.Add(1) {
		case 1:
			http.Error(w, "Internal error at "+r.URL.Path, http.StatusInternalServerError)
		case 2:
			// Drop the connection without an answer.
			hj, _ := w.(http.Hijacker)
			conn, _, _ := hj.Hijack()
			conn.Close()
		default:
			http.Error(w, "no_service", http.StatusNotFound)
		}
		return true
	})
	save(t, e.st, e.router, e.clk, newMention("Acme", "a"))
	if left := driveFlush(t, e.worker, e.clk); left != 1 {
		t.Errorf("Flush left %d, want the failed one", left)
	}
	if got := n.Load(); got != 3 {
		t.Errorf("%d requests, want 3", got)
	}
	var all strings.Builder
	all.WriteString(e.logs.String())
	for _, s := range sends(t, e.st) {
		all.WriteString(s.LastError + "\n" + s.Target + "\n")
	}
	for _, d := range deliveries(t, e.st) {
		all.WriteString(d.Target + d.Key + d.Why)
	}
	mfs, _ := e.reg.Gather()
	for _, mf := range mfs {
		b, _ := json.Marshal(mf)
		all.Write(b)
	}
	if strings.Contains(all.String(), "SECRETHOOK") {
		t.Errorf("the webhook URL leaked:\n%s", all.String())
	}
	if !strings.Contains(all.String(), "no_service") {
		t.Errorf("the final error is not recorded:\n%s", all.String())
	}
}

func TestMetricsRegistered(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg)
	m.Sent.WithLabelValues("slack").Inc()
	m.Failed.WithLabelValues("webhook", "permanent").Inc()
	m.Retried.WithLabelValues("slack", "rate_limited").Inc()
	m.Duration.WithLabelValues("slack").Observe(0.1)
	names := map[string]bool{}
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		names[mf.GetName()] = true
	}
	for _, n := range []string{"mentionwatch_alerts_sent_total", "mentionwatch_alerts_failed_total", "mentionwatch_alerts_retried_total",
		"mentionwatch_outbox_pending", "mentionwatch_outbox_failed", "mentionwatch_alert_send_duration_seconds",
		"mentionwatch_negative_waves_total"} {
		if !names[n] {
			t.Errorf("%s not registered", n)
		}
	}
}

func TestRetryReason(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{&alert.Error{Op: "slack", Status: http.StatusTooManyRequests, RetryAfter: time.Second}, "rate_limited"},
		{&alert.Error{Op: "telegram", Status: http.StatusTooManyRequests}, "rate_limited"},
		{&alert.Error{Op: "webhook", Status: http.StatusServiceUnavailable, RetryAfter: time.Minute}, "server_error"},
		{&alert.Error{Op: "webhook", Status: http.StatusBadGateway}, "server_error"},
		{&alert.Error{Op: "webhook", Status: http.StatusRequestTimeout}, "server_error"},
		{alert.TransportError("slack", errors.New("connection reset by peer")), "network"},
		{&alert.Error{Op: "slack", Code: "ratelimited", RetryAfter: time.Second}, "rate_limited"},
		{&alert.Error{Op: "slack", Code: "internal_error", Temporary: true}, "other"},
		{fmt.Errorf("wrapped: %w", &alert.Error{Op: "slack", Status: http.StatusTooManyRequests}), "rate_limited"},
		{errors.New("something"), "other"},
	} {
		if got := retryReason(c.err); got != c.want {
			t.Errorf("retryReason(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}

// value reads a counter's or gauge's value.
func value(t *testing.T, c prometheus.Collector) float64 {
	t.Helper()
	ch := make(chan prometheus.Metric, 1)
	c.Collect(ch)
	var pb dto.Metric
	if err := (<-ch).Write(&pb); err != nil {
		t.Fatal(err)
	}
	if pb.Counter != nil {
		return pb.Counter.GetValue()
	}
	return pb.Gauge.GetValue()
}

// TestHotThreadEscalation: a thread first seen in the hourly channel heats
// up; the scoring engine marks a post critical (hot_thread, +15 replies):
// it goes to #pr-alerts at once with the growth in its why line, and the
// thread's next posts follow as replies there.
func TestHotThreadEscalation(t *testing.T) {
	e := newEnv(t, alertsConfig(
		config.Route{Name: "pr", When: `severity == "critical"`, Slack: "#pr-alerts"},
		config.Route{Name: "all", Slack: "#mentions", Frequency: "hourly"},
	), false)
	thread := "https://forum.example/viewtopic.php?t=7"
	first := newMention("Acme", "Вопрос про карту")
	first.ThreadURL = thread
	save(t, e.st, e.router, e.clk, first)
	e.flush(t)
	hot := newMention("Acme", "Это уже третий случай, банк молчит")
	hot.ThreadURL, hot.Severity, hot.Sentiment, hot.Negativity = thread, model.SeverityCritical, model.Negative, 0.8
	hot.Tags, hot.Growth, hot.Replies = []string{"hot_thread"}, 15, 40
	save(t, e.st, e.router, e.clk, hot)
	next := newMention("Acme", "И у меня то же самое")
	next.ThreadURL, next.Tags = thread, []string{"thread_reply"}
	save(t, e.st, e.router, e.clk, next)
	e.flush(t)
	var pr []slackfake.Post
	for _, p := range e.srv.Posts() {
		if p.Channel == e.srv.ChannelID("pr-alerts") {
			pr = append(pr, p)
		}
	}
	if len(pr) != 2 {
		t.Fatalf("%d posts in #pr-alerts", len(pr))
	}
	if !strings.Contains(string(pr[0].Blocks), "thread +15 replies") || !strings.Contains(string(pr[0].Blocks), "`hot_thread`") {
		t.Errorf("escalation: %s", pr[0].Blocks)
	}
	if pr[1].ThreadTS != pr[0].TS {
		t.Errorf("the next post is not a reply: %+v", pr[1])
	}
}
