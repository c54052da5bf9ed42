package app

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/store"
)

// chaosConfig writes a rules.yaml for the binary: JSON logs, no HTTP
// server, Acme Bank watched in the feed at feedURL every hour, and the
// alerts section given; it returns its path and the database's.
func chaosConfig(t *testing.T, feedURL, alerts string) (cfg, db string) {
	t.Helper()
	return writeChaosConfig(t, "5s", alerts, "News", feedURL)
}

// openStoreAt opens the database at path for a look, closed at the end
// of the test.
func openStoreAt(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestChaosKilledMidSend: the daemon (the binary) is killed with SIGKILL
// while Slack holds its request — after the message was posted (the
// answer is lost) or before (the request is lost). After a restart every
// alert is delivered at least once. The contract bounds the repeats: in
// bot-token mode the restarted daemon looks the message up in the channel
// and never posts it twice; an incoming webhook cannot be asked, so a
// message whose answer was lost goes once more — at most one repeat per
// kill mid-send, none when the request itself was lost.
func TestChaosKilledMidSend(t *testing.T) {
	for _, tc := range []struct {
		name       string
		webhook    bool
		answerLost bool // the message was posted when the daemon died
		wantPosts  int
	}{
		{"bot token, answer lost", false, true, 1},
		{"bot token, request lost", false, false, 1},
		{"webhook, answer lost", true, true, 2},
		{"webhook, request lost", true, false, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := newSite(t)
			site.setFeed(item("1", "Acme Bank froze my card", "Acme Bank froze my card again.", time.Now().Add(-time.Hour)))
			slack := newSlackWire(t, "xoxb-kill-test", "pr-alerts")
			alerts := fmt.Sprintf(`alerts:
  slack: {token: xoxb-kill-test, api_url: %q}
  retry: {initial: 100ms, max: 1s}
  routes:
    - {name: pr, slack: "#pr-alerts"}
`, slack.apiURL())
			method := "chat.postMessage"
			if tc.webhook {
				alerts = fmt.Sprintf(`alerts:
  slack: {webhook_url: %q}
  retry: {initial: 100ms, max: 1s}
  routes:
    - {name: pr, slack: "#pr-alerts"}
`, slack.webhookURL())
				method = "webhook"
			}
			cfg, db := chaosConfig(t, site.srv.URL+"/feed.xml", alerts)

			held := make(chan struct{})
			release := make(chan struct{})
			var once sync.Once
			hold := func() bool {
				first := false
				once.Do(func() {
					first = true
					close(held)
					<-release
				})
				return first
			}
			if tc.answerLost {
				slack.setAfter(func(wirePost) { hold() })
			} else {
				slack.setBefore(func(w http.ResponseWriter, m, _ string) bool { return m == method && hold() })
			}

			d1 := startProc(t, "run", "-c", cfg)
			select {
			case <-held:
			case <-time.After(patience):
				t.Fatalf("no alert reached Slack after %s", patience)
			}
			d1.kill()
			close(release)

			st := openStoreAt(t, db)
			ms, err := st.Mentions(context.Background(), store.MentionFilter{})
			if err != nil || len(ms) != 1 {
				t.Fatalf("mentions after the kill: %+v, %v", ms, err)
			}
			if es, _ := st.OutboxEntries(context.Background()); len(es) != 1 {
				t.Fatalf("outbox after the kill: %+v", es)
			}

			d2 := startProc(t, "run", "-c", cfg)
			d2.waitLog(t, "alert sent", 1)
			if took, err := d2.term(t); err != nil {
				t.Fatalf("stop after %s: %v", took, err)
			}

			posts := slack.Posts()
			if len(posts) != tc.wantPosts {
				t.Errorf("%d messages, want %d: %+v", len(posts), tc.wantPosts, posts)
			}
			for _, p := range posts {
				if ids := p.mentionIDs(); !slices.Equal(ids, []int64{ms[0].ID}) {
					t.Errorf("message carries mentions %v, want [%d]", ids, ms[0].ID)
				}
			}
			if es, _ := st.OutboxEntries(context.Background()); len(es) != 0 {
				t.Errorf("outbox after the restart: %+v", es)
			}
			if !tc.webhook && tc.answerLost && !slices.Contains(slack.Calls(), "conversations.history") {
				t.Errorf("the restarted daemon did not look before sending: %v", slack.Calls())
			}
			if n := d2.count("alert sent"); n != 1 {
				t.Errorf("%d alerts sent by the restarted daemon, want 1", n)
			}
		})
	}
}
