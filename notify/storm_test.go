package notify

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/notify/internal/slackfake"
)

const stormBaseURL = "https://mentions.acme.example"

// stormEnv is an env with one as-it-happens route of every mention to
// #mentions, a worker that folds beyond burst (0: never) and links the
// inbox at stormBaseURL, and a fake Slack that takes one message per
// channel and second, answering 429 with Retry-After: 1 beyond that.
func stormEnv(t *testing.T, burst int) *env {
	t.Helper()
	return stormEnvWith(t, alertsConfig(config.Route{Name: "all", When: "true", Slack: "#mentions"}), burst)
}

// stormEnvWith is stormEnv with the alerts configuration cfg.
func stormEnvWith(t *testing.T, cfg config.Alerts, burst int) *env {
	t.Helper()
	e := newEnv(t, cfg, false)
	cfg.Slack = config.Slack{Token: botToken, APIURL: e.srv.APIURL}
	log := testLogger(e.logs)
	ns, err := NewNotifiers(cfg, e.out, e.srv.Client(), log)
	if err != nil {
		t.Fatal(err)
	}
	e.worker = NewWorker(e.st, ns, WorkerOptions{Clock: e.clk, Logger: log, Backoff: cfg.Retry,
		Metrics: e.metrics, Router: e.router, Burst: burst, BaseURL: stormBaseURL})
	e.srv.SetRateLimit(1)
	return e
}

// stormFigures is what a storm cost in Slack.
type stormFigures struct {
	calls   int           // chat.postMessage requests
	posts   int           // messages in the channel
	limited int           // 429 answers
	drain   time.Duration // on the fake clock, from the crawl to an empty outbox
}

// figures counts e's Slack traffic.
func (e *env) figures(start time.Time) stormFigures {
	f := stormFigures{posts: len(e.srv.Posts()), limited: e.srv.RateLimited(), drain: e.clk.Now().Sub(start)}
	for _, c := range e.srv.Calls() {
		if c == "chat.postMessage" {
			f.calls++
		}
	}
	return f
}

// postedIDs counts, per mention id, the messages whose metadata lists it.
func postedIDs(t *testing.T, posts []slackfake.Post) map[int64]int {
	t.Helper()
	out := map[int64]int{}
	for _, p := range posts {
		if p.Metadata == nil {
			t.Fatalf("post without metadata: %s", p.Text)
		}
		ids, _ := p.Metadata.EventPayload["mention_ids"].([]any)
		for _, id := range ids {
			out[int64(id.(float64))]++
		}
	}
	return out
}

// checkExactlyOnce fails unless every mention of ms is listed by exactly
// one message and no other id is.
func checkExactlyOnce(t *testing.T, posts []slackfake.Post, ms []*model.Mention) {
	t.Helper()
	got := postedIDs(t, posts)
	for _, m := range ms {
		if got[m.ID] != 1 {
			t.Errorf("mention %d listed by %d messages, want 1", m.ID, got[m.ID])
		}
		delete(got, m.ID)
	}
	if len(got) > 0 {
		t.Errorf("messages list mentions that are not in the storm: %v", got)
	}
}

// storm stores n new negative mentions of Acme in one crawl, the last
// crit of them critical, and flushes the outbox on the fake clock.
func storm(t *testing.T, e *env, n, crit int) ([]*model.Mention, stormFigures) {
	t.Helper()
	ms := negMentions("Acme", n, e.clk.Now(), "")
	for _, m := range ms[n-crit:] {
		m.Severity = model.SeverityCritical
	}
	start := e.clk.Now()
	save(t, e.st, e.router, e.clk, ms...)
	if left := driveFlush(t, e.worker, e.clk); left != 0 {
		t.Fatalf("%d alerts left undelivered", left)
	}
	return ms, e.figures(start)
}

func (f stormFigures) String() string {
	return fmt.Sprintf("chat.postMessage calls %d, messages %d, 429 answers %d, drained in %s of the fake clock",
		f.calls, f.posts, f.limited, f.drain)
}

// TestStormBefore is the storm without folding (alerts.burst: 0): every
// mention is a message of its own, and a channel that takes one message a
// second answers 429 to nearly every other request. It gives the figures
// TestStormFolds is measured against.
func TestStormBefore(t *testing.T) {
	if testing.Short() {
		t.Skip("500 messages, one a second of the fake clock")
	}
	e := stormEnv(t, 0)
	ms, f := storm(t, e, 500, 0)
	t.Logf("burst 0, 500 mentions: %s", f)
	if f.posts != 500 || f.limited < 499 || f.drain < 499*time.Second {
		t.Errorf("without folding: %s; want 500 messages, 499 answers of 429, 499 s", f)
	}
	checkExactlyOnce(t, e.srv.Posts(), ms)
}

// TestStormFolds: 500 new negative mentions of one brand in one crawl,
// as they happen, to a channel that takes one message a second: the
// first alerts.burst (10) go one by one, the other 490 fold into one
// message that counts them, shows the worst and links the inbox filtered
// to them; every mention is listed in exactly one message's mention_ids.
func TestStormFolds(t *testing.T) {
	e := stormEnv(t, 10)
	ms, f := storm(t, e, 500, 0)
	t.Logf("burst 10, 500 mentions: %s", f)
	if f.posts != 11 || f.calls > 2*11 || f.drain > 11*time.Second {
		t.Errorf("%s; want 11 messages in about 10 s", f)
	}
	posts := e.srv.Posts()
	checkExactlyOnce(t, posts, ms)
	fold := posts[len(posts)-1]
	if kind, _ := fold.Metadata.EventPayload["kind"].(string); kind != "fold" {
		t.Fatalf("last message is a %q, want the fold", kind)
	}
	if n := len(fold.Metadata.EventPayload["mention_ids"].([]any)); n != 490 {
		t.Errorf("fold lists %d mentions, want 490", n)
	}
	blocks := string(fold.Blocks)
	for _, want := range []string{"490 more mentions", "490 mentions · 490 negative", "… and 485 more mentions",
		stormBaseURL + `/?brand=Acme\u0026amp;since=2026-11-20T10%3A20%3A00Z|Open all 490 mentions in the inbox`} {
		if !strings.Contains(blocks, want) {
			t.Errorf("fold lacks %q:\n%s", want, blocks)
		}
	}
	// The worst come first: the most negative of the storm.
	if !strings.Contains(blocks, "negative 0.90") || strings.Contains(blocks, "negative 0.70") {
		t.Errorf("fold does not show the most negative first:\n%s", blocks)
	}
}

// TestStormCriticalCounted: critical mentions in a storm take the single
// places first; those beyond them are in the fold — counted, shown first,
// listed in its mention_ids — and all are in the inbox.
func TestStormCriticalCounted(t *testing.T) {
	e := stormEnv(t, 10)
	ms, f := storm(t, e, 500, 30)
	t.Logf("burst 10, 500 mentions, 30 critical: %s", f)
	posts := e.srv.Posts()
	checkExactlyOnce(t, posts, ms)
	crit := map[int64]bool{}
	for _, m := range ms[470:] {
		crit[m.ID] = true
	}
	var foldCrit int
	for i, p := range posts {
		ids := postedIDs(t, []slackfake.Post{p})
		if kind, _ := p.Metadata.EventPayload["kind"].(string); kind == "fold" {
			for id := range ids {
				if crit[id] {
					foldCrit++
				}
			}
			if !strings.Contains(string(p.Blocks), "20 critical") {
				t.Errorf("fold does not count its 20 critical mentions:\n%s", p.Blocks)
			}
			if n := strings.Count(string(p.Blocks), "🔴 *"); n != 5 {
				t.Errorf("fold shows %d critical mentions first, want 5", n)
			}
			continue
		}
		for id := range ids {
			if !crit[id] {
				t.Errorf("single message %d is mention %d, not a critical one", i, id)
			}
		}
	}
	if foldCrit != 20 || len(posts) != 11 {
		t.Errorf("%d messages, %d critical mentions in the fold; want 11 and 20", len(posts), foldCrit)
	}
	inbox, err := e.st.Mentions(context.Background(), store.MentionFilter{Brand: "Acme", Severity: model.SeverityCritical})
	if err != nil || len(inbox) != 30 {
		t.Errorf("inbox has %d critical mentions (%v), want 30", len(inbox), err)
	}
}

// TestWaveFirstInStorm: a brand with history gets 300 new negative
// mentions in one crawl. The kick after the crawl checks the brand for a
// wave before the pass sends anything, and the wave alert, being most
// urgent, is the first message in the channel — not the 301st.
func TestWaveFirstInStorm(t *testing.T) {
	e := stormEnv(t, 10)
	ctx := context.Background()
	now := e.clk.Now()
	// History: a negative mention every third hour for 14 days, stored
	// without alerts.
	var history []*model.Mention
	for h := 2; h < 14*24; h += 3 {
		history = append(history, negMentions("Acme", 1, now.Add(-time.Duration(h)*time.Hour), "")...)
	}
	saveQuiet(t, e.st, history...)
	runWorker(t, e.worker, e.clk) // the first pass checks every brand: no wave yet
	e.clk.Advance(5 * time.Second)
	ms := negMentions("Acme", 300, e.clk.Now(), "")
	save(t, e.st, e.router, e.clk, ms...)
	kick(e.worker, e.clk)
	drain(t, e)
	posts := e.srv.Posts()
	if len(posts) == 0 {
		t.Fatal("nothing posted")
	}
	if kind, _ := posts[0].Metadata.EventPayload["kind"].(string); kind != "wave" {
		t.Fatalf("first message is a %q (%s), want the wave", kind, posts[0].Text)
	}
	// Posted by the pass the crawl's kick started, not a minute later by
	// the periodic check.
	if want := fmt.Sprintf("%d.", now.Add(5*time.Second).Unix()); !strings.HasPrefix(posts[0].TS, want) {
		t.Errorf("wave posted at %s, want %s…", posts[0].TS, want)
	}
	waves := 0
	for _, p := range posts {
		if p.Metadata.EventPayload["kind"] == "wave" {
			waves++
		}
	}
	if waves != 1 || len(posts) != 12 {
		t.Errorf("%d messages, %d waves; want the wave once, 10 alerts and a fold", len(posts), waves)
	}
	// The wave counts the 300 mentions of its window, and its metadata
	// lists them; the alerts list each of them once more.
	checkExactlyOnce(t, posts[:1], ms)
	checkExactlyOnce(t, posts[1:], ms)
	if _, open, _ := e.st.OpenWave(ctx, "Acme"); !open {
		t.Error("no open wave")
	}
}

// saveQuiet stores mentions as one crawl without alerting them.
func saveQuiet(t *testing.T, st *store.Store, ms ...*model.Mention) {
	t.Helper()
	c := &store.Crawl{State: store.SourceState{Name: "Banki forum", Type: "forum", Crawled: true}}
	for _, m := range ms {
		c.Docs = append(c.Docs, model.Document{ID: m.DocID, URL: m.URL})
		c.Mentions = append(c.Mentions, m)
	}
	if _, err := st.SaveCrawl(context.Background(), c, nil); err != nil {
		t.Fatal(err)
	}
}

// drain moves the fake clock from one wake-up of the running worker to
// the next until the outbox is empty.
func drain(t *testing.T, e *env) {
	t.Helper()
	for range 1000 {
		n, err := e.st.UndeliveredCount(context.Background(), e.clk.Now())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		step(e.clk, time.Minute)
	}
	t.Fatal("the outbox did not drain")
}

// TestWaveCheckStopped: a wave check cut short by the pass's context (a
// shutdown, or the end of run --once's delivery time) is left for the next
// pass and logged as such, not as a failure; a check that fails on a live
// context is still an error.
func TestWaveCheckStopped(t *testing.T) {
	e := stormEnv(t, 10)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	e.worker.checkWaves(ctx, e.clk.Now())
	logs := e.logs.String()
	if strings.Contains(logs, "level=ERROR") || !strings.Contains(logs, "wave detection left for the next pass") {
		t.Errorf("a stopped wave check logged:\n%s", logs)
	}
	e.st.Close()
	e.worker.checkWaves(context.Background(), e.clk.Now())
	if logs := e.logs.String(); !strings.Contains(logs, `level=ERROR msg="wave detection failed"`) {
		t.Errorf("a failed wave check on a live context logged no error:\n%s", logs)
	}
}
