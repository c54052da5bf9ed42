package slack

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/notify/alert"
	"github.com/mentionwatch/mentionwatch/notify/internal/slackfake"
)

const token = "xoxb-1234567890-SECRETTOKENVALUE"

func newBot(t *testing.T, srv *slackfake.Server) *Notifier {
	t.Helper()
	n, err := New(Config{Token: token, APIURL: srv.APIURL, DefaultChannel: "#general",
		HTTPClient: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestBotPostsBlocksWithMetadata(t *testing.T) {
	srv := slackfake.New(token, "pr-alerts", "general")
	srv.BearerOnly = true // the token travels in the Authorization header
	defer srv.Close()
	n := newBot(t, srv)
	msg := sampleSingle()
	retry, err := n.Notify(context.Background(), msg)
	if err != nil || retry {
		t.Fatalf("Notify = %v, %v", retry, err)
	}
	posts := srv.Posts()
	if len(posts) != 1 {
		t.Fatalf("%d posts, want 1", len(posts))
	}
	p := posts[0]
	if p.Channel != srv.ChannelID("pr-alerts") {
		t.Errorf("posted to %s", p.Channel)
	}
	if p.Key() != msg.Key || p.Metadata.EventType != EventType {
		t.Errorf("metadata = %+v", p.Metadata)
	}
	if ids, _ := p.Metadata.EventPayload["mention_ids"].([]any); len(ids) != 1 || ids[0] != float64(msg.Items[0].Mention.ID) || msg.Items[0].Mention.ID == 0 {
		t.Errorf("mention_ids = %v, want [%d]", p.Metadata.EventPayload["mention_ids"], msg.Items[0].Mention.ID)
	}
	if msg.Receipt.Channel != p.Channel || msg.Receipt.ID != p.TS {
		t.Errorf("receipt %+v, post %s/%s", msg.Receipt, p.Channel, p.TS)
	}
	var blocks []map[string]any
	if err := json.Unmarshal(p.Blocks, &blocks); err != nil || len(blocks) < 4 {
		t.Fatalf("blocks %s: %v", p.Blocks, err)
	}
	if blocks[0]["type"] != "header" {
		t.Errorf("first block %v", blocks[0])
	}
	if !strings.Contains(p.Text, "Acme Bank") {
		t.Errorf("fallback text %q", p.Text)
	}
	if p.UnfurlLinks != "false" {
		t.Errorf("unfurl_links = %q", p.UnfurlLinks)
	}
}

func TestBotDefaultChannel(t *testing.T) {
	srv := slackfake.New(token, "general")
	defer srv.Close()
	n := newBot(t, srv)
	msg := sampleSingle()
	msg.Target = alert.DefaultTarget
	if _, err := n.Notify(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	if got := srv.Posts()[0].Channel; got != srv.ChannelID("general") {
		t.Errorf("posted to %s", got)
	}
}

func TestBotFollowupReplies(t *testing.T) {
	srv := slackfake.New(token, "pr-alerts")
	defer srv.Close()
	n := newBot(t, srv)
	root := sampleSingle()
	if _, err := n.Notify(context.Background(), root); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		sev       string
		broadcast bool
	}{{"warning", false}, {"critical", true}} {
		t.Run(tc.sev, func(t *testing.T) {
			f := sampleSingle()
			f.Key += "-" + tc.sev
			f.Followup = true
			f.ReplyTo = root.Receipt
			f.Items[0].Mention.Severity = tc.sev
			if _, err := n.Notify(context.Background(), f); err != nil {
				t.Fatal(err)
			}
			posts := srv.Posts()
			p := posts[len(posts)-1]
			if p.ThreadTS != root.Receipt.ID || p.Channel != root.Receipt.Channel {
				t.Errorf("reply went to %s thread %q, want %s thread %q", p.Channel, p.ThreadTS, root.Receipt.Channel, root.Receipt.ID)
			}
			if p.Broadcast != tc.broadcast {
				t.Errorf("broadcast = %v", p.Broadcast)
			}
		})
	}
}

func TestConfirm(t *testing.T) {
	srv := slackfake.New(token, "general", "pr-alerts")
	defer srv.Close()
	n := newBot(t, srv)
	ctx := context.Background()
	posted := sampleSingle()
	posted.FirstAttempt = time.Now()
	if _, err := n.Notify(ctx, posted); err != nil {
		t.Fatal(err)
	}
	reply := sampleSingle()
	reply.Key = "a1b2c3d4e5f60708-9"
	reply.Followup, reply.ReplyTo = true, posted.Receipt
	if _, err := n.Notify(ctx, reply); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		msg   func() *alert.Message
		found bool
	}{
		{"by name through conversations.list", func() *alert.Message {
			m := sampleSingle()
			m.FirstAttempt = time.Now()
			return m
		}, true},
		{"by channel hint", func() *alert.Message {
			m := sampleSingle()
			m.ChannelHint = srv.ChannelID("pr-alerts")
			return m
		}, true},
		{"a reply, in the thread", func() *alert.Message {
			m := sampleSingle()
			m.Key, m.Followup, m.ReplyTo = reply.Key, true, posted.Receipt
			return m
		}, true},
		{"never posted", func() *alert.Message {
			m := sampleSingle()
			m.Key = "a1b2c3d4e5f60708-77"
			return m
		}, false},
		{"another installation's key", func() *alert.Message {
			m := sampleSingle()
			m.Key = "ffffffffffffffff-1"
			return m
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.msg()
			found, err := n.Confirm(ctx, m)
			if err != nil {
				t.Fatal(err)
			}
			if found != tc.found {
				t.Fatalf("found = %v, want %v", found, tc.found)
			}
			if found && (m.Receipt.Channel != srv.ChannelID("pr-alerts") || m.Receipt.ID == "") {
				t.Errorf("receipt %+v", m.Receipt)
			}
		})
	}
}

func TestConfirmUnknownChannel(t *testing.T) {
	srv := slackfake.New(token, "general")
	defer srv.Close()
	n := newBot(t, srv)
	m := sampleSingle()
	m.Target = "#nowhere"
	found, err := n.Confirm(context.Background(), m)
	if found || err == nil {
		t.Fatalf("Confirm = %v, %v; want an error", found, err)
	}
}

// failing answers every request the way fn says.
func failing(srv *slackfake.Server, fn func(w http.ResponseWriter)) {
	srv.SetBefore(func(w http.ResponseWriter, r *http.Request, method string) bool {
		fn(w)
		return true
	})
}

func TestErrors(t *testing.T) {
	type want struct {
		retry      bool
		retryAfter time.Duration
		uncertain  bool
		contains   string
	}
	apiErr := func(code string) func(w http.ResponseWriter) {
		return func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"ok":false,"error":"`+code+`"}`)
		}
	}
	status := func(code int, header, body string) func(w http.ResponseWriter) {
		return func(w http.ResponseWriter) {
			if header != "" {
				w.Header().Set("Retry-After", header)
			}
			w.WriteHeader(code)
			io.WriteString(w, body)
		}
	}
	for _, tc := range []struct {
		name    string
		webhook bool
		answer  func(w http.ResponseWriter)
		want    want
	}{
		{"api invalid_auth", false, apiErr("invalid_auth"), want{contains: "invalid_auth"}},
		{"api channel_not_found", false, apiErr("channel_not_found"), want{contains: "channel_not_found"}},
		{"api not_in_channel", false, apiErr("not_in_channel"), want{contains: "not_in_channel"}},
		{"api internal_error", false, apiErr("internal_error"), want{retry: true, contains: "internal_error"}},
		{"api 503", false, status(503, "", "<html>down</html>"), want{retry: true, contains: "HTTP 503"}},
		{"api 429", false, status(429, "7", ""), want{retry: true, retryAfter: 7 * time.Second, contains: "HTTP 429"}},
		{"api not json", false, status(200, "", "<html>proxy</html>"), want{retry: true, uncertain: true}},
		{"webhook 404", true, status(404, "", "no_service"), want{contains: "HTTP 404: no_service"}},
		{"webhook 400", true, status(400, "", "invalid_payload"), want{contains: "invalid_payload"}},
		{"webhook 410", true, status(410, "", "channel_is_archived"), want{contains: "channel_is_archived"}},
		{"webhook 500", true, status(500, "", "<html>oops</html>"), want{retry: true, contains: "HTTP 500"}},
		{"webhook 429", true, status(429, "30", "rate_limited"), want{retry: true, retryAfter: 30 * time.Second}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := slackfake.New(token, "pr-alerts")
			defer srv.Close()
			hook := srv.WebhookURL("alerts", "XXXXSECRETWEBHOOKPATH")
			failing(srv, tc.answer)
			var n *Notifier
			var err error
			if tc.webhook {
				n, err = New(Config{WebhookURL: hook, HTTPClient: srv.Client()})
			} else {
				n, err = New(Config{Token: token, APIURL: srv.APIURL, HTTPClient: srv.Client()})
			}
			if err != nil {
				t.Fatal(err)
			}
			retry, err := n.Notify(context.Background(), sampleSingle())
			if err == nil {
				t.Fatal("no error")
			}
			if retry != tc.want.retry {
				t.Errorf("retry = %v, want %v (%v)", retry, tc.want.retry, err)
			}
			if got := alert.RetryAfter(err); got != tc.want.retryAfter {
				t.Errorf("RetryAfter = %v, want %v", got, tc.want.retryAfter)
			}
			if got := alert.Uncertain(err); got != tc.want.uncertain {
				t.Errorf("Uncertain = %v, want %v", got, tc.want.uncertain)
			}
			if !strings.Contains(err.Error(), tc.want.contains) {
				t.Errorf("error %q lacks %q", err, tc.want.contains)
			}
			assertNoSecret(t, err.Error(), token, "SECRETWEBHOOKPATH", "SECRETTOKENVALUE")
		})
	}
}

func assertNoSecret(t *testing.T, s string, secrets ...string) {
	t.Helper()
	for _, sec := range secrets {
		if strings.Contains(s, sec) {
			t.Errorf("secret %q leaked into %q", sec, s)
		}
	}
}

// TestNoSecretInTransportErrors: a refused connection, a timeout and a
// cancelled request name no webhook URL or token, and are retried as
// uncertain.
func TestNoSecretInTransportErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	hook := "http://" + addr + "/services/T0/B0/XXXXSECRETWEBHOOKPATH"

	// A server that never answers, for the timeout.
	hang := make(chan struct{})
	slow := slackfake.New(token, "pr-alerts")
	defer slow.Close()
	defer close(hang)
	slow.SetBefore(func(w http.ResponseWriter, r *http.Request, method string) bool {
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-hang:
		case <-r.Context().Done():
		}
		return true
	})
	slowHook := slow.WebhookURL("x", "XXXXSECRETWEBHOOKPATH")

	for _, tc := range []struct {
		name string
		cfg  Config
		ctx  func() (context.Context, context.CancelFunc)
	}{
		{"webhook refused", Config{WebhookURL: hook}, nil},
		{"api refused", Config{Token: token, APIURL: "http://" + addr + "/api/"}, nil},
		{"route webhook refused", Config{RouteWebhooks: []string{hook}}, nil},
		{"webhook timeout", Config{WebhookURL: slowHook,
			HTTPClient: &http.Client{Timeout: 50 * time.Millisecond}}, nil},
		{"api cancelled", Config{Token: token, APIURL: slow.APIURL}, func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx, cancel
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, err := New(tc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			if tc.ctx != nil {
				var cancel context.CancelFunc
				ctx, cancel = tc.ctx()
				defer cancel()
			}
			msg := sampleSingle()
			if len(tc.cfg.RouteWebhooks) > 0 {
				msg.Target = WebhookKey(hook)
			}
			retry, err := n.Notify(ctx, msg)
			if err == nil || !retry {
				t.Fatalf("Notify = %v, %v; want a retryable error", retry, err)
			}
			if !alert.Uncertain(err) {
				t.Errorf("not uncertain: %v", err)
			}
			assertNoSecret(t, err.Error(), "SECRETWEBHOOKPATH", "SECRETTOKENVALUE", token)
			if strings.Contains(tc.name, "cancelled") && !errors.Is(err, context.Canceled) {
				t.Errorf("cancellation lost: %v", err)
			}
		})
	}
}

// TestWebhookPostsMetadata: a message through an incoming webhook — the
// config's own or a route's — carries the same metadata as a bot's: event
// type mentionwatch_alert and the ids of every mention it shows.
func TestWebhookPostsMetadata(t *testing.T) {
	srv := slackfake.New(token, "pr-alerts")
	defer srv.Close()
	hook := srv.WebhookURL("alerts", "XXXXSECRETWEBHOOKPATH")
	route := srv.WebhookURL("team", "YYYYSECRETWEBHOOKPATH")
	n, err := New(Config{WebhookURL: hook, RouteWebhooks: []string{route}, HTTPClient: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	single := sampleSingle()
	group := sampleGroup()
	group.Target = WebhookKey(route)
	for _, msg := range []*alert.Message{single, group} {
		if _, err := n.Notify(context.Background(), msg); err != nil {
			t.Fatal(err)
		}
	}
	posts := srv.Posts()
	if len(posts) != 2 {
		t.Fatalf("%d posts, want 2", len(posts))
	}
	for i, msg := range []*alert.Message{single, group} {
		p := posts[i]
		if p.Via != "webhook" || p.Metadata == nil || p.Metadata.EventType != EventType || p.Key() != msg.Key {
			t.Errorf("post %d (%s): metadata %+v", i, p.Webhook, p.Metadata)
			continue
		}
		ids, _ := p.Metadata.EventPayload["mention_ids"].([]any)
		if len(ids) != len(msg.Items) {
			t.Errorf("post %d: mention_ids %v, want %d ids", i, ids, len(msg.Items))
		}
		for j, id := range ids {
			if id != float64(msg.Items[j].Mention.ID) {
				t.Errorf("post %d: mention_ids %v", i, ids)
			}
		}
	}
}

func TestRouteWebhook(t *testing.T) {
	srv := slackfake.New(token, "pr-alerts")
	defer srv.Close()
	a := srv.WebhookURL("team-a", "AAAASECRET")
	b := srv.WebhookURL("team-b", "BBBBSECRET")
	n, err := New(Config{Token: token, APIURL: srv.APIURL, RouteWebhooks: []string{a, b}, HTTPClient: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	msg := sampleSingle()
	msg.Target = WebhookKey(b)
	if _, err := n.Notify(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	posts := srv.Posts()
	if len(posts) != 1 || posts[0].Via != "webhook" || posts[0].Webhook != "team-b" {
		t.Fatalf("posts = %+v", posts)
	}
	msg.Target = WebhookKey("https://hooks.slack.example/removed")
	retry, err := n.Notify(context.Background(), msg)
	if err == nil || retry {
		t.Errorf("unknown webhook key: %v, %v; want a permanent error", retry, err)
	}
	if strings.Contains(msg.Target, "SECRET") {
		t.Error("the key shows the URL")
	}
}
