package notify

import (
	"context"
	"fmt"
	"github.com/mentionwatch/mentionwatch/internal/clock"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

func waveCfg() config.Wave {
	return config.Wave{Window: config.Duration(time.Hour), Baseline: config.Duration(14 * 24 * time.Hour), K: 3, MinCount: 5}
}

func TestWaveStats(t *testing.T) {
	now := t0
	at := func(ago time.Duration) store.NegativeEvent { return store.NegativeEvent{At: now.Add(-ago)} }
	var events []store.NegativeEvent
	// Baseline: 2 per hour in every earlier hour of the 14 days but one
	// hour with 4.
	for h := 1; h < 14*24; h++ {
		n := 2
		if h == 5 {
			n = 4
		}
		for i := 0; i < n; i++ {
			events = append(events, at(time.Duration(h)*time.Hour+time.Minute))
		}
	}
	events = append(events, at(time.Minute), at(59*time.Minute), at(0))
	// Too old for the baseline: ignored.
	events = append(events, at(15*24*time.Hour))
	st := waveStats(events, now, waveCfg())
	nb := 14*24 - 1
	mean := (2*float64(nb) + 2) / float64(nb)
	if st.Count != 3 || math.Abs(st.Mean-mean) > 1e-9 {
		t.Errorf("count %d mean %v, want 3 and %v", st.Count, st.Mean, mean)
	}
	if st.StdDev <= 0 || st.StdDev > 0.2 {
		t.Errorf("stddev %v", st.StdDev)
	}
	if want := math.Max(5, mean+3*st.StdDev); st.Threshold != want {
		t.Errorf("threshold %v, want %v", st.Threshold, want)
	}
}

// negMentions returns n negative mentions of brand published at t, in
// thread (may be "").
func negMentions(brand string, n int, at time.Time, thread string) []*model.Mention {
	var ms []*model.Mention
	for i := 0; i < n; i++ {
		m := newMention(brand, fmt.Sprintf("%s complaint %d", brand, docSeq))
		m.Sentiment, m.Negativity, m.Severity = model.Negative, 0.7+float64(i%3)/10, model.SeverityWarning
		m.PublishedAt, m.FoundAt, m.ThreadURL = at, at, thread
		ms = append(ms, m)
	}
	return ms
}

// negatives stores negMentions as one crawl.
func negatives(t *testing.T, st *store.Store, r *Router, clk *clock.Fake, brand string, n int, at time.Time, thread string) {
	t.Helper()
	if ms := negMentions(brand, n, at, thread); len(ms) > 0 {
		save(t, st, r, clk, ms...)
	}
}

func TestWaveFiresOnceAndSubsides(t *testing.T) {
	cfg := alertsConfig(
		config.Route{Name: "pr", When: `severity == "critical"`, Slack: "#pr-alerts"},
		config.Route{Name: "rest", When: `brand == "nobody"`, Stdout: true},
	)
	e := newEnv(t, cfg, false)
	now := e.clk.Now()
	// Acme: a negative mention every third hour for 14 days.
	var history []*model.Mention
	for h := 2; h < 14*24; h += 3 {
		history = append(history, negMentions("Acme", 1, now.Add(-time.Duration(h)*time.Hour), "")...)
	}
	// Quiet: nothing for 14 days, then 3 in the hour — below min_count.
	negatives(t, e.st, e.router, e.clk, "Quiet", 3, now.Add(-10*time.Minute), "")
	// Busy: 9 or 11 an hour (10 ± 1), then 12 in the hour: not a wave.
	for h := 1; h < 14*24; h++ {
		history = append(history, negMentions("Busy", 10+(h%2)*2-1, now.Add(-time.Duration(h)*time.Hour-time.Minute), "")...)
	}
	save(t, e.st, e.router, e.clk, history...)
	negatives(t, e.st, e.router, e.clk, "Busy", 12, now.Add(-5*time.Minute), "")
	// Acme's wave: 5 posts in one thread, 3 in another, 1 alone.
	negatives(t, e.st, e.router, e.clk, "Acme", 5, now.Add(-20*time.Minute), "https://forum.example/t/1")
	negatives(t, e.st, e.router, e.clk, "Acme", 3, now.Add(-10*time.Minute), "https://forum.example/t/2")
	negatives(t, e.st, e.router, e.clk, "Acme", 1, now.Add(-5*time.Minute), "")

	ctx := context.Background()
	n, err := e.router.CheckWaves(ctx, e.st)
	if err != nil || n != 1 {
		t.Fatalf("CheckWaves = %d, %v; want 1 wave", n, err)
	}
	w, open, err := e.st.OpenWave(ctx, "Acme")
	if err != nil || !open || w.Count != 9 {
		t.Fatalf("open wave %+v %v %v", w, open, err)
	}
	for _, b := range []string{"Quiet", "Busy"} {
		if _, open, _ := e.st.OpenWave(ctx, b); open {
			t.Errorf("%s has a wave", b)
		}
	}
	if left := e.flush(t); left != 0 {
		t.Fatalf("Flush left %d", left)
	}
	posts := e.srv.Posts()
	if len(posts) != 1 || posts[0].Channel != e.srv.ChannelID("pr-alerts") {
		t.Fatalf("posts %+v", posts)
	}
	blocks := string(posts[0].Blocks)
	for _, want := range []string{"Negative wave — Acme", "9 negative mentions in the last hour",
		"forum.example/t/1|Acme complaint", "5 posts", "3 posts"} {
		if !strings.Contains(blocks, want) {
			t.Errorf("wave alert lacks %q: %s", want, blocks)
		}
	}
	if strings.Index(blocks, "t/1|") > strings.Index(blocks, "t/2|") {
		t.Error("the biggest thread is not first")
	}

	// Still high: no second alert.
	negatives(t, e.st, e.router, e.clk, "Acme", 2, e.clk.Now(), "https://forum.example/t/1")
	if n, _ := e.router.CheckWaves(ctx, e.st); n != 0 {
		t.Errorf("a second wave while the first is open")
	}
	// Two quiet hours later it has subsided.
	e.clk.Advance(2 * time.Hour)
	if n, _ := e.router.CheckWaves(ctx, e.st); n != 0 {
		t.Error("a wave without mentions")
	}
	if _, open, _ := e.st.OpenWave(ctx, "Acme"); open {
		t.Fatal("the wave did not subside")
	}
	// A new burst is a new wave.
	negatives(t, e.st, e.router, e.clk, "Acme", 7, e.clk.Now().Add(-time.Minute), "")
	if n, _ := e.router.CheckWaves(ctx, e.st); n != 1 {
		t.Errorf("CheckWaves = %d after a new burst", n)
	}
	e.flush(t)
	if n := len(e.srv.Posts()); n != 2 {
		t.Errorf("%d posts", n)
	}
}

func TestWaveDisabled(t *testing.T) {
	cfg := alertsConfig(config.Route{When: `severity == "critical"`, Slack: "#pr-alerts"})
	off := false
	cfg.Wave.Enabled = &off
	e := newEnv(t, cfg, false)
	negatives(t, e.st, e.router, e.clk, "Acme", 20, e.clk.Now(), "")
	if n, err := e.router.CheckWaves(context.Background(), e.st); n != 0 || err != nil {
		t.Errorf("CheckWaves = %d, %v", n, err)
	}
}

// watchedSince stores a neutral mention of brand found at at: the brand
// has been watched since then.
func watchedSince(t *testing.T, e *env, brand string, at time.Time) {
	t.Helper()
	m := newMention(brand, fmt.Sprintf("%s news %d", brand, docSeq))
	m.PublishedAt, m.FoundAt = at, at
	save(t, e.st, e.router, e.clk, m)
}

// TestNoWaveWhileWarmingUp: a brand watched for less than a day has no
// baseline yet, and its first negative burst is not a wave.
func TestNoWaveWhileWarmingUp(t *testing.T) {
	e := newEnv(t, alertsConfig(config.Route{When: `severity == "critical"`, Slack: "#pr-alerts"}), false)
	ctx := context.Background()
	watchedSince(t, e, "Acme", e.clk.Now().Add(-23*time.Hour))
	negatives(t, e.st, e.router, e.clk, "Acme", 8, e.clk.Now().Add(-time.Minute), "")
	if n, err := e.router.CheckWaves(ctx, e.st); n != 0 || err != nil {
		t.Fatalf("CheckWaves = %d, %v on a brand watched for 23 hours", n, err)
	}
	watchedSince(t, e, "Acme", e.clk.Now().Add(-25*time.Hour))
	if n, err := e.router.CheckWaves(ctx, e.st); n != 1 || err != nil {
		t.Fatalf("CheckWaves = %d, %v once watched for a day", n, err)
	}
}

// TestWorkerChecksWaves: the daemon's worker finds the wave by itself.
func TestWorkerChecksWaves(t *testing.T) {
	e := newEnv(t, alertsConfig(config.Route{When: `severity == "critical"`, Slack: "#pr-alerts"}), false)
	watchedSince(t, e, "Acme", e.clk.Now().Add(-48*time.Hour))
	runWorker(t, e.worker, e.clk)
	negatives(t, e.st, e.router, e.clk, "Acme", 6, e.clk.Now(), "")
	step(e.clk, time.Minute)
	posts := e.srv.Posts()
	if len(posts) != 1 || !strings.Contains(posts[0].Text, "Negative wave") {
		t.Fatalf("posts %+v", posts)
	}
	if got := value(t, e.metrics.Waves); got != 1 {
		t.Errorf("waves metric %v", got)
	}
}
