package notify

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// waveOfSix stores a wave of Acme: five negative posts in one thread of
// "Banki forum" and one post of "Spam blog", on a brand watched for two
// days (threshold: min_count 5). It returns the mentions, the thread's
// first.
func waveOfSix(t *testing.T, e *env) []*model.Mention {
	t.Helper()
	watchedSince(t, e, "Acme", e.clk.Now().Add(-48*time.Hour))
	ms := negMentions("Acme", 5, e.clk.Now().Add(-10*time.Minute), "https://forum.example/t/1")
	spam := negMentions("Acme", 1, e.clk.Now().Add(-5*time.Minute), "")[0]
	spam.Source = "Spam blog"
	ms = append(ms, spam)
	save(t, e.st, e.router, e.clk, ms...)
	return ms
}

// TestWaveRecountedBeforeSending: a wave alert waiting to go out is
// re-counted without the mentions marked false positives, or whose
// source was muted, since the wave started: still at its threshold (5),
// it is sent with the new count, ids and threads; below it, it is
// cancelled with the reason and the wave closed, so that a later burst
// of real mentions is a new wave. Handled mentions still count, and so
// do false positives reopened before it went out.
func TestWaveRecountedBeforeSending(t *testing.T) {
	for _, tc := range []struct {
		name  string
		acts  map[int][]string // index in waveOfSix → actions
		count int              // sent with; 0: cancelled
		// A top thread's line as sent, and a text that must not be sent.
		thread, absent string
	}{
		{"nothing marked", nil, 6, "5 posts · Banki forum", ""},
		{"one false positive", map[int][]string{0: {model.ActionFalsePositive}}, 5, "4 posts · Banki forum", ""},
		{"two false positives", map[int][]string{0: {model.ActionFalsePositive}, 1: {model.ActionFalsePositive}}, 0, "", ""},
		{"one source muted", map[int][]string{5: {model.ActionMuteSource}}, 5, "5 posts · Banki forum", "Spam blog"},
		{"the thread's source muted", map[int][]string{0: {model.ActionMuteSource}}, 0, "", ""},
		{"false positive and muted source", map[int][]string{0: {model.ActionFalsePositive}, 5: {model.ActionMuteSource}}, 0, "", ""},
		{"three handled", map[int][]string{0: {model.ActionHandled}, 1: {model.ActionHandled}, 2: {model.ActionHandled}}, 6, "5 posts · Banki forum", ""},
		{"false positives reopened", map[int][]string{0: {model.ActionFalsePositive, model.ActionReopen},
			1: {model.ActionFalsePositive, model.ActionReopen}}, 6, "5 posts · Banki forum", ""},
		{"muted and unmuted", map[int][]string{0: {model.ActionMuteSource, model.ActionUnmuteSource}}, 6, "5 posts · Banki forum", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, alertsConfig(config.Route{When: `severity == "critical"`, Slack: "#pr-alerts"}), false)
			ctx := context.Background()
			ms := waveOfSix(t, e)
			if n, err := e.router.CheckWaves(ctx, e.st); n != 1 || err != nil {
				t.Fatalf("CheckWaves = %d, %v; want a wave", n, err)
			}
			for i, acts := range tc.acts {
				for _, a := range acts {
					act(t, e.st, ms[i].ID, a)
				}
			}
			if left := e.flush(t); left != 0 {
				t.Fatalf("%d left", left)
			}
			posts := e.srv.Posts()
			ss := sends(t, e.st)
			if len(ss) != 1 {
				t.Fatalf("sends %+v", ss)
			}
			_, open, err := e.st.OpenWave(ctx, "Acme")
			if err != nil {
				t.Fatal(err)
			}
			if tc.count == 0 {
				if len(posts) != 0 {
					t.Fatalf("%d posts, want none", len(posts))
				}
				if ss[0].Status != store.OutboxCancelled || !strings.Contains(ss[0].LastError, "no longer reaches its threshold") {
					t.Errorf("send %s %q, want cancelled with the reason", ss[0].Status, ss[0].LastError)
				}
				if open {
					t.Error("the withdrawn wave is still open")
				}
				if st, err := e.st.OutboxStatus(ctx, e.clk.Now()); err != nil || st.Pending != 0 || st.Failed != 0 || st.LastError != "" {
					t.Errorf("outbox %+v, %v", st, err)
				}
				// Real negative mentions, of a source not muted, bring it
				// back over the threshold: a new wave.
				e.clk.Advance(time.Minute)
				more := negMentions("Acme", 4, e.clk.Now(), "https://other.example/t/3")
				for _, m := range more {
					m.Source = "Other forum"
				}
				save(t, e.st, e.router, e.clk, more...)
				if n, err := e.router.CheckWaves(ctx, e.st); n != 1 || err != nil {
					t.Fatalf("CheckWaves after more real mentions = %d, %v; want a new wave", n, err)
				}
				e.flush(t)
				if posts := e.srv.Posts(); len(posts) != 1 || !strings.Contains(posts[0].Text+string(posts[0].Blocks), "Negative wave") {
					t.Errorf("posts after the new wave %+v", posts)
				}
				return
			}
			if len(posts) != 1 || ss[0].Status != store.OutboxSent {
				t.Fatalf("%d posts, send %s; want the wave sent", len(posts), ss[0].Status)
			}
			if !open {
				t.Error("the wave was closed")
			}
			text := posts[0].Text + string(posts[0].Blocks)
			if want := strconv.Itoa(tc.count) + " negative mentions"; !strings.Contains(text, want) {
				t.Errorf("wave alert lacks %q: %s", want, text)
			}
			if !strings.Contains(text, tc.thread) || (tc.absent != "" && strings.Contains(text, tc.absent)) {
				t.Errorf("wave alert's threads: want %q and no %q: %s", tc.thread, tc.absent, text)
			}
			ids := postMentionIDs(posts[0])
			if len(ids) != tc.count {
				t.Errorf("metadata mention ids %v, want %d", ids, tc.count)
			}
			for i, acts := range tc.acts {
				out := acts[len(acts)-1] == model.ActionFalsePositive || acts[len(acts)-1] == model.ActionMuteSource
				if in := slices.Contains(ids, ms[i].ID); in == out {
					t.Errorf("mention %d (%v) in the metadata: %v", i, acts, in)
				}
			}
		})
	}
}

// TestWaveOutageThenFalsePositives: a wave alert that waits out a Slack
// outage is not sent once enough of its mentions are marked false
// positives meanwhile.
func TestWaveOutageThenFalsePositives(t *testing.T) {
	e := newEnv(t, alertsConfig(config.Route{When: `severity == "critical"`, Slack: "#pr-alerts"}), false)
	down, attempts := slackDown(e)
	ms := waveOfSix(t, e)
	runWorker(t, e.worker, e.clk)
	step(e.clk, time.Minute)
	if attempts.Load() == 0 || len(e.srv.Posts()) != 0 {
		t.Fatalf("%d attempts, %d posts; want a failed attempt", attempts.Load(), len(e.srv.Posts()))
	}
	act(t, e.st, ms[0].ID, model.ActionFalsePositive)
	act(t, e.st, ms[1].ID, model.ActionFalsePositive)
	down.Store(false)
	for end := e.clk.Now().Add(time.Hour); e.clk.Now().Before(end); {
		step(e.clk, time.Hour)
	}
	if n := len(e.srv.Posts()); n != 0 {
		t.Fatalf("%d posts, want none", n)
	}
	ss := sends(t, e.st)
	if len(ss) != 1 || ss[0].Status != store.OutboxCancelled || !strings.Contains(ss[0].LastError, "4 of its 6") {
		t.Errorf("sends %+v, want one cancelled with the reason", ss)
	}
}
