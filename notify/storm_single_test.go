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

// postKind is a post's metadata kind.
func postKind(p slackfake.Post) string {
	if p.Metadata == nil {
		return ""
	}
	k, _ := p.Metadata.EventPayload["kind"].(string)
	return k
}

// hasButtons tells whether a post carries the single alert's buttons.
func hasButtons(p slackfake.Post) bool {
	return strings.Contains(string(p.Blocks), `"block_id":"mw_actions"`) &&
		strings.Contains(string(p.Blocks), `"action_id":"handled"`)
}

// checkSingle fails unless p is the single alert of mention id: kind
// "mention" in its metadata, listing only id, with the buttons and none
// of a fold's wording.
func checkSingle(t *testing.T, p slackfake.Post, id int64) {
	t.Helper()
	if k := postKind(p); k != "mention" {
		t.Errorf("post is a %q, want a single alert: %s", k, p.Text)
	}
	if ids := postMentionIDs(p); len(ids) != 1 || ids[0] != id {
		t.Errorf("post lists mentions %v, want [%d]", ids, id)
	}
	if !hasButtons(p) {
		t.Errorf("single alert without buttons:\n%s", p.Blocks)
	}
	if b := string(p.Blocks); strings.Contains(b, "more mention") || strings.Contains(b, "mentions in the inbox") {
		t.Errorf("single alert worded as a fold:\n%s", b)
	}
}

// criticals stores n critical negative mentions of Acme as one crawl and
// flushes the outbox; it returns them and the posts the flush added.
func criticals(t *testing.T, e *env, n int) ([]*model.Mention, []slackfake.Post) {
	t.Helper()
	before := len(e.srv.Posts())
	ms := negMentions("Acme", n, e.clk.Now(), "")
	for _, m := range ms {
		m.Severity = model.SeverityCritical
	}
	save(t, e.st, e.router, e.clk, ms...)
	if left := driveFlush(t, e.worker, e.clk); left != 0 {
		t.Fatalf("%d alerts left undelivered", left)
	}
	return ms, e.srv.Posts()[before:]
}

// TestStormFoldOfOne: alerts.burst folds only when a grouped message
// holds more than one mention. Beyond the burst, a fold that would hold a
// single mention is sent as that mention's own alert, with its buttons.
func TestStormFoldOfOne(t *testing.T) {
	for _, tc := range []struct {
		name            string
		n               int
		singles, folded int // single alerts; mentions in the one fold (0: none)
	}{
		{"12 at once fold the 2 beyond the burst", 12, 10, 2},
		{"11 at once: the one beyond the burst goes alone", 11, 11, 0},
		{"10 at once: no storm", 10, 10, 0},
		{"1: no storm", 1, 1, 0},
		{"30 at once fold 20", 30, 10, 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := stormEnv(t, 10)
			ms, posts := criticals(t, e, tc.n)
			checkExactlyOnce(t, posts, ms)
			var singles, folds int
			for _, p := range posts {
				switch postKind(p) {
				case "mention":
					singles++
					checkSingle(t, p, postMentionIDs(p)[0])
				case "fold":
					folds++
					if n := len(postMentionIDs(p)); n != tc.folded {
						t.Errorf("fold lists %d mentions, want %d", n, tc.folded)
					}
					if hasButtons(p) {
						t.Errorf("fold has a single alert's buttons:\n%s", p.Blocks)
					}
					if want := fmt.Sprintf("%d mentions · %d negative · %d critical", tc.folded, tc.folded, tc.folded); !strings.Contains(string(p.Blocks), want) {
						t.Errorf("fold does not count %q:\n%s", want, p.Blocks)
					}
				default:
					t.Errorf("unexpected %q post", postKind(p))
				}
			}
			wantFolds := 0
			if tc.folded > 0 {
				wantFolds = 1
			}
			if singles != tc.singles || folds != wantFolds {
				t.Errorf("%d single alerts and %d folds, want %d and %d", singles, folds, tc.singles, wantFolds)
			}
		})
	}
}

// TestStormLoneCriticalAfterBurst: five minutes after a storm filled the
// target's burst, a lone critical mention is posted as itself — its own
// alert with its buttons — not as "1 more mention"; a few arriving
// together then still fold, the storm going on.
func TestStormLoneCriticalAfterBurst(t *testing.T) {
	e := stormEnv(t, 10)
	if _, f := storm(t, e, 20, 0); f.posts != 11 {
		t.Fatalf("storm of 20: %s; want 11 messages", f)
	}
	e.clk.Advance(5 * time.Minute)
	ms, posts := criticals(t, e, 1)
	if len(posts) != 1 {
		t.Fatalf("%d posts for one mention", len(posts))
	}
	checkSingle(t, posts[0], ms[0].ID)
	if !strings.Contains(posts[0].Text, "Acme") || strings.Contains(posts[0].Text, "more mention") {
		t.Errorf("notification text %q", posts[0].Text)
	}

	// Negative: three at once within the window still fold.
	e.clk.Advance(time.Minute)
	ms, posts = criticals(t, e, 3)
	checkExactlyOnce(t, posts, ms)
	if len(posts) != 1 || postKind(posts[0]) != "fold" || hasButtons(posts[0]) {
		t.Fatalf("3 mentions after the burst: %d posts, first a %q; want one fold without buttons", len(posts), postKind(posts[0]))
	}
}

// TestStormFoldLeftWithOne: a fold whose other mentions were marked false
// positive before it went out holds one mention, and is sent as that
// mention's alert; a fold left with two stays a fold.
func TestStormFoldLeftWithOne(t *testing.T) {
	for _, tc := range []struct {
		name   string
		marked int // folded mentions marked false positive
		kind   string
	}{
		{"left with one", 2, "mention"},
		{"left with two", 1, "fold"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := stormEnv(t, 10)
			ms := negMentions("Acme", 13, e.clk.Now(), "")
			save(t, e.st, e.router, e.clk, ms...)
			// The three beyond the burst fold; mark some of them.
			for _, m := range ms[10 : 10+tc.marked] {
				if _, err := e.st.Act(context.Background(), m.ID, store.Action{Name: model.ActionFalsePositive, User: "anna", Via: "inbox"}); err != nil {
					t.Fatal(err)
				}
			}
			if left := driveFlush(t, e.worker, e.clk); left != 0 {
				t.Fatalf("%d alerts left undelivered", left)
			}
			posts := e.srv.Posts()
			if len(posts) != 11 {
				t.Fatalf("%d posts, want 10 single alerts and one more", len(posts))
			}
			last := posts[10]
			if k := postKind(last); k != tc.kind {
				t.Fatalf("last post is a %q, want a %q", k, tc.kind)
			}
			if tc.kind == "mention" {
				checkSingle(t, last, ms[12].ID)
			} else if n := len(postMentionIDs(last)); n != 3-tc.marked {
				t.Errorf("fold lists %d mentions, want %d", n, 3-tc.marked)
			}
		})
	}
}

// TestStormFoldOfOneSLAThread: the SLA reminder of a lone critical
// mention sent beyond the burst replies in the thread of its own alert.
func TestStormFoldOfOneSLAThread(t *testing.T) {
	cfg := alertsConfig(config.Route{Name: "all", When: "true", Slack: "#mentions"})
	cfg.SLA = map[string]config.Duration{model.SeverityCritical: config.Duration(30 * time.Minute)}
	e := stormEnvWith(t, cfg, 10)
	defer runWorker(t, e.worker, e.clk)()
	save(t, e.st, e.router, e.clk, negMentions("Acme", 20, e.clk.Now(), "")...)
	kick(e.worker, e.clk)
	advanceTo(e.clk, t0.Add(5*time.Minute))
	if n := len(e.srv.Posts()); n != 11 {
		t.Fatalf("storm of 20: %d posts, want 11", n)
	}
	m := critical("Acme froze my card")
	save(t, e.st, e.router, e.clk, m)
	kick(e.worker, e.clk)
	advanceTo(e.clk, t0.Add(5*time.Minute+10*time.Second))
	posts := e.srv.Posts()
	if len(posts) != 12 {
		t.Fatalf("%d posts, want the lone alert after the storm's 11", len(posts))
	}
	alertPost := posts[11]
	checkSingle(t, alertPost, m.ID)
	advanceTo(e.clk, t0.Add(36*time.Minute))
	posts = e.srv.Posts()
	if len(posts) != 13 || postKind(posts[12]) != "reminder" {
		t.Fatalf("%d posts; want the reminder as the 13th", len(posts))
	}
	if rem := posts[12]; rem.ThreadTS != alertPost.TS {
		t.Errorf("reminder in thread %q, want the alert's %q", rem.ThreadTS, alertPost.TS)
	}
}
