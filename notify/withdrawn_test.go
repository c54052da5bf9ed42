package notify

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// mentionIDs maps the titles of the mentions waiting in the outbox to
// their ids.
func mentionIDs(t *testing.T, st *store.Store) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, d := range deliveries(t, st) {
		m, err := st.Mention(context.Background(), d.MentionID)
		if err != nil {
			t.Fatal(err)
		}
		out[m.Title] = m.ID
	}
	return out
}

func act(t *testing.T, st *store.Store, id int64, name string) {
	t.Helper()
	if _, err := st.Act(context.Background(), id, store.Action{Name: name, User: "anna", Via: "inbox"}); err != nil {
		t.Fatal(err)
	}
}

// TestHourlyGroupLeavesOutWithdrawn: mentions marked false positives, or
// whose source was muted, before their hourly group went out are left out
// of it; a group left with none is not sent and leaves the outbox. A
// mention marked handled is still sent.
func TestHourlyGroupLeavesOutWithdrawn(t *testing.T) {
	for _, tc := range []struct {
		name string
		acts map[string]string // title → action before the hour ends
		want []string          // titles sent; nil: no message
	}{
		{"nothing marked", nil, []string{"first post", "second post"}},
		{"one false positive", map[string]string{"first post": model.ActionFalsePositive}, []string{"second post"}},
		{"all false positives", map[string]string{"first post": model.ActionFalsePositive,
			"second post": model.ActionFalsePositive}, nil},
		{"source muted", map[string]string{"first post": model.ActionMuteSource}, nil},
		{"handled is still sent", map[string]string{"first post": model.ActionHandled}, []string{"first post", "second post"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, alertsConfig(config.Route{Slack: "#mentions", Frequency: "hourly"}), false)
			save(t, e.st, e.router, e.clk, newMention("Acme", "first post"), newMention("Acme", "second post"))
			if left := e.flush(t); left != 0 {
				t.Fatalf("%d left before the hour ended", left)
			}
			ids := mentionIDs(t, e.st)
			for title, a := range tc.acts {
				act(t, e.st, ids[title], a)
			}
			e.clk.Set(time.Date(2026, 11, 20, 11, 0, 1, 0, time.UTC))
			if left := e.flush(t); left != 0 {
				t.Errorf("%d left after the hour", left)
			}
			posts := e.srv.Posts()
			if tc.want == nil {
				if len(posts) != 0 {
					t.Fatalf("%d posts, want none", len(posts))
				}
				for _, s := range sends(t, e.st) {
					if s.Status != store.OutboxCancelled || !strings.Contains(s.LastError, "not sent") {
						t.Errorf("send %+v, want cancelled with the reason", s)
					}
				}
			} else {
				if len(posts) != 1 {
					t.Fatalf("%d posts, want 1", len(posts))
				}
				text := posts[0].Text + string(posts[0].Blocks)
				for title := range ids {
					sent := strings.Contains(text, title)
					if want := contains(tc.want, title); sent != want {
						t.Errorf("%q sent %v, want %v: %s", title, sent, want, text)
					}
				}
			}
			for _, d := range deliveries(t, e.st) {
				want := store.OutboxSent
				if tc.want == nil || !contains(tc.want, titleOf(ids, d.MentionID)) {
					want = store.OutboxCancelled
				}
				if d.Status != want {
					t.Errorf("delivery of mention %d is %s, want %s", d.MentionID, d.Status, want)
				}
			}
			entries, err := e.st.OutboxEntries(context.Background())
			if err != nil || len(entries) != 0 {
				t.Errorf("outbox lists %+v, %v; want nothing", entries, err)
			}
			status, err := e.st.OutboxStatus(context.Background(), e.clk.Now())
			if err != nil || status.Pending != 0 || status.Failed != 0 || status.LastError != "" {
				t.Errorf("status %+v, %v", status, err)
			}
		})
	}
}

func contains(titles []string, title string) bool {
	for _, s := range titles {
		if s == title {
			return true
		}
	}
	return false
}

func titleOf(ids map[string]int64, id int64) string {
	for title, i := range ids {
		if i == id {
			return title
		}
	}
	return ""
}

// TestOutageThenFalsePositive: an alert that waits out a Slack outage is
// not sent once its mention is marked a false positive meanwhile; one
// marked handled is sent when Slack is back.
func TestOutageThenFalsePositive(t *testing.T) {
	for _, tc := range []struct {
		action string
		sent   bool
	}{
		{model.ActionFalsePositive, false},
		{model.ActionHandled, true},
	} {
		t.Run(tc.action, func(t *testing.T) {
			e := newEnv(t, alertsConfig(config.Route{Slack: "#pr-alerts"}), false)
			down, attempts := slackDown(e)
			runWorker(t, e.worker, e.clk)
			m := newMention("Acme", "card blocked")
			m.Severity = model.SeverityCritical
			save(t, e.st, e.router, e.clk, m)
			kick(e.worker, e.clk)
			if attempts.Load() != 1 || len(e.srv.Posts()) != 0 {
				t.Fatalf("%d attempts, %d posts; want one failed attempt", attempts.Load(), len(e.srv.Posts()))
			}
			act(t, e.st, mentionIDs(t, e.st)["card blocked"], tc.action)
			down.Store(false)
			for end := e.clk.Now().Add(time.Hour); e.clk.Now().Before(end); {
				step(e.clk, time.Hour)
			}
			if n := len(e.srv.Posts()); (n == 1) != tc.sent || n > 1 {
				t.Fatalf("%d posts, want sent %v", n, tc.sent)
			}
			want := store.OutboxSent
			if !tc.sent {
				want = store.OutboxCancelled
			}
			if ss := sends(t, e.st); len(ss) != 1 || ss[0].Status != want {
				t.Errorf("sends %+v, want one %s", ss, want)
			}
			if left, err := e.st.UndeliveredCount(context.Background(), e.clk.Now()); err != nil || left != 0 {
				t.Errorf("undelivered %d, %v", left, err)
			}
		})
	}
}

// TestWithdrawnStoreError: when the store cannot say whether a source is
// muted, nothing is dropped or cancelled: the send is tried again later.
func TestWithdrawnStoreError(t *testing.T) {
	e := newEnv(t, alertsConfig(config.Route{Slack: "#mentions"}), false)
	m := newMention("Acme", "a post")
	m.ID, m.Status = 1, model.StatusFalsePositive
	items := []alert.Item{{Mention: *m}}
	if err := e.st.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := e.worker.dropWithdrawn(context.Background(), store.Send{ID: 1}, items)
	if err == nil || errors.Is(err, errWithdrawn) || got != nil {
		t.Errorf("dropWithdrawn on a closed store = %v, %v; want a store error", got, err)
	}
}

func TestWithdrawn(t *testing.T) {
	muted := map[string]store.MutedSource{"Spam blog": {}}
	for _, tc := range []struct {
		status, source string
		want           bool
	}{
		{model.StatusNew, "Banki forum", false},
		{model.StatusHandled, "Banki forum", false},
		{model.StatusFalsePositive, "Banki forum", true},
		{model.StatusNew, "Spam blog", true},
		{model.StatusHandled, "Spam blog", true},
	} {
		if got := withdrawn(model.Mention{Status: tc.status, Source: tc.source}, muted); got != tc.want {
			t.Errorf("withdrawn(%s, %s) = %v, want %v", tc.status, tc.source, got, tc.want)
		}
	}
}
