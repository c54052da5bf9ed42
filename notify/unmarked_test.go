package notify

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// TestUnmarkedBeforeGroupSent: a mention marked a false positive, or
// whose source was muted, and then reopened (or unmuted) before its
// hourly group went out is in the group again — also when the mark was
// there when the hour ended and Slack was down, and was undone before the
// retry. A mark left in place still keeps the mention out.
func TestUnmarkedBeforeGroupSent(t *testing.T) {
	for _, tc := range []struct {
		name   string
		before []string // actions on "first post" before the hour ends
		outage []string // Slack down at the end of the hour; actions during the outage
		want   []string // titles sent
	}{
		{"reopened before the hour ends", []string{model.ActionFalsePositive, model.ActionReopen}, nil,
			[]string{"first post", "second post"}},
		{"unmuted before the hour ends", []string{model.ActionMuteSource, model.ActionUnmuteSource}, nil,
			[]string{"first post", "second post"}},
		{"reopened during an outage", []string{model.ActionFalsePositive}, []string{model.ActionReopen},
			[]string{"first post", "second post"}},
		{"marked handled during an outage", []string{model.ActionFalsePositive}, []string{model.ActionHandled},
			[]string{"first post", "second post"}},
		{"still a false positive after an outage", []string{model.ActionFalsePositive}, []string{},
			[]string{"second post"}},
		{"false positive during an outage", nil, []string{model.ActionFalsePositive},
			[]string{"second post"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, alertsConfig(config.Route{Slack: "#mentions", Frequency: "hourly"}), false)
			var down atomic.Bool
			down.Store(tc.outage != nil)
			var refused atomic.Int32
			e.srv.SetBefore(func(w http.ResponseWriter, r *http.Request, method string) bool {
				if method != "chat.postMessage" || !down.Load() {
					return false
				}
				refused.Add(1)
				w.WriteHeader(http.StatusServiceUnavailable)
				return true
			})
			first := newMention("Acme", "first post")
			first.Source = "Small forum"
			save(t, e.st, e.router, e.clk, first, newMention("Acme", "second post"))
			runWorker(t, e.worker, e.clk)
			for _, a := range tc.before {
				act(t, e.st, first.ID, a)
			}
			advanceTo(e.clk, time.Date(2026, 11, 20, 11, 0, 1, 0, time.UTC))
			if tc.outage != nil {
				if refused.Load() == 0 || len(e.srv.Posts()) != 0 {
					t.Fatalf("%d refused, %d posts; want the group held by the outage", refused.Load(), len(e.srv.Posts()))
				}
				for _, a := range tc.outage {
					act(t, e.st, first.ID, a)
				}
				down.Store(false)
			}
			advanceTo(e.clk, time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC))
			posts := e.srv.Posts()
			if len(posts) != 1 {
				t.Fatalf("%d posts, want 1", len(posts))
			}
			text := posts[0].Text + string(posts[0].Blocks)
			for _, title := range []string{"first post", "second post"} {
				if sent, want := strings.Contains(text, title), contains(tc.want, title); sent != want {
					t.Errorf("%q sent %v, want %v: %s", title, sent, want, text)
				}
			}
			if ids := postMentionIDs(posts[0]); len(ids) != len(tc.want) {
				t.Errorf("metadata mention ids %v, want %d", ids, len(tc.want))
			}
			for _, d := range deliveries(t, e.st) {
				want := store.OutboxSent
				if d.MentionID == first.ID && !contains(tc.want, "first post") {
					want = store.OutboxCancelled
				}
				if d.Status != want {
					t.Errorf("delivery of mention %d is %s, want %s", d.MentionID, d.Status, want)
				}
			}
			if status, err := e.st.OutboxStatus(context.Background(), e.clk.Now()); err != nil || status.Pending != 0 || status.Failed != 0 {
				t.Errorf("status %+v, %v", status, err)
			}
		})
	}
}
