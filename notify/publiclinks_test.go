package notify

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// TestStoredCredentialsNotSent: a mention stored before links lost their
// credentials (its page's ?key=… in its URL and thread URL) is alerted,
// reminded of and counted in a wave without them; the rest of the link
// stays.
func TestStoredCredentialsNotSent(t *testing.T) {
	const secret = "s3cr3tPageKey"
	thread := "https://forum.example/t/1?key=" + secret
	for _, tc := range []struct {
		name string
		run  func(t *testing.T, e *env)
		want string // a link that must be sent
	}{
		{"mention", func(t *testing.T, e *env) {
			m := newMention("Acme", "Акме Банк заблокировал карту")
			m.URL, m.ThreadURL = "https://user:pw@forum.example/p/1?key="+secret+"&t=1", thread
			save(t, e.st, e.router, e.clk, m)
		}, "https://forum.example/p/1?t=1"},
		{"wave", func(t *testing.T, e *env) {
			watchedSince(t, e, "Acme", e.clk.Now().Add(-48*time.Hour))
			save(t, e.st, e.router, e.clk, negMentions("Acme", 6, e.clk.Now().Add(-10*time.Minute), thread)...)
			if n, err := e.router.CheckWaves(context.Background(), e.st); n != 1 || err != nil {
				t.Fatalf("CheckWaves = %d, %v; want a wave", n, err)
			}
		}, "https://forum.example/t/1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, alertsConfig(config.Route{Slack: "#mentions"}), false)
			tc.run(t, e)
			if left := e.flush(t); left != 0 {
				t.Fatalf("%d left", left)
			}
			posts := e.srv.Posts()
			if len(posts) == 0 {
				t.Fatal("nothing sent")
			}
			var sent strings.Builder
			for _, p := range posts {
				sent.WriteString(p.Text + string(p.Blocks) + "\n")
			}
			if strings.Contains(sent.String(), secret) || strings.Contains(sent.String(), "user:pw") {
				t.Errorf("a credential was sent:\n%s", sent.String())
			}
			if !strings.Contains(sent.String(), tc.want) {
				t.Errorf("the link %s was not sent:\n%s", tc.want, sent.String())
			}
		})
	}
	// The stored mention keeps its link as stored: only what is sent loses it.
	e := newEnv(t, alertsConfig(config.Route{Slack: "#mentions"}), false)
	m := newMention("Acme", "stored as it was")
	m.URL = "https://forum.example/p/9?key=" + secret
	save(t, e.st, e.router, e.clk, m)
	e.flush(t)
	ms, err := e.st.MentionsByID(context.Background(), []int64{m.ID})
	if err != nil || ms[m.ID].URL != m.URL {
		t.Errorf("stored URL %q, %v; want %q", ms[m.ID].URL, err, m.URL)
	}
}
