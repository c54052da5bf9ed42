package app

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// slackAPI is just enough of Slack's Web API for the daemon's wiring: it
// answers chat.postMessage, chat.update and conversations.history, and
// refuses apps.connections.open, and reports each call.
type slackAPI struct {
	srv   *httptest.Server
	calls chan slackCall
	seen  []slackCall // calls read by wait while it looked for another method
}

type slackCall struct {
	method string
	form   url.Values
}

func newSlackAPI(t *testing.T) *slackAPI {
	s := &slackAPI{calls: make(chan slackCall, 100)}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		method := strings.TrimPrefix(r.URL.Path, "/api/")
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		switch method {
		case "chat.postMessage":
			io.WriteString(w, `{"ok":true,"channel":"C0000001","ts":"1700000000.000100"}`)
		case "chat.update":
			io.WriteString(w, `{"ok":true,"channel":"C0000001","ts":"1700000000.000100"}`)
		case "conversations.history":
			io.WriteString(w, `{"ok":true,"messages":[]}`)
		default:
			io.WriteString(w, `{"ok":false,"error":"invalid_auth"}`)
		}
		s.calls <- slackCall{method, r.PostForm}
	}))
	t.Cleanup(s.srv.Close)
	return s
}

// wait returns the earliest call of method not yet returned. Calls of
// other methods that arrive meanwhile are kept for later waits: the
// daemon's services start together, so calls may come in any order.
func (s *slackAPI) wait(t *testing.T, method string) slackCall {
	t.Helper()
	for i, c := range s.seen {
		if c.method == method {
			s.seen = append(s.seen[:i], s.seen[i+1:]...)
			return c
		}
	}
	timeout := time.After(patience)
	for {
		select {
		case c := <-s.calls:
			if c.method == method {
				return c
			}
			s.seen = append(s.seen, c)
		case <-timeout:
			t.Fatalf("no %s call", method)
		}
	}
}

// TestDaemonSlackButtons: with alerts.slack.signing_secret and app_token
// set, the daemon's alert carries buttons, a signed click at POST
// /slack/interactions marks the mention handled by the Slack user and
// rewrites the message, a badly signed one is refused, and the Socket
// Mode runner is started.
func TestDaemonSlackButtons(t *testing.T) {
	const secret = "test-signing-secret"
	h := newHarness(t)
	h.site.setFeed(item("1", "Acme Bank is down again", "The Acme Bank app has been down all day, worst service ever.", time.Now()))
	api := newSlackAPI(t)
	dir := t.TempDir()
	cfg := fmt.Sprintf(`
storage: {path: %q}
http: {min_delay: 0s, timeout: 5s}
brands: [{name: Acme Bank, query: '"Acme Bank"'}]
sources: [{name: News, url: %s/feed.xml}]
alerts:
  slack: {token: xoxb-test, api_url: %s/api/, signing_secret: %s, app_token: xapp-1-test}
  routes: [{when: 'true', slack: "C0000001"}]
server: {listen: "127.0.0.1:0", base_url: "https://mentions.acme.example"}
`, filepath.Join(dir, "mw.db"), h.site.srv.URL, api.srv.URL, secret)
	path := filepath.Join(dir, "rules.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path, h.log)
	if err != nil {
		t.Fatal(err)
	}
	ready := make(chan string, 1)
	d, err := New(context.Background(), c, Options{ConfigPath: path, Stdout: h.out, Log: h.log, Ready: func(a string) { ready <- a }})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	addr := <-ready

	api.wait(t, "apps.connections.open") // the Socket Mode runner runs
	posted := api.wait(t, "chat.postMessage")
	ms := mentionsOf(t, d)
	if len(ms) != 1 {
		t.Fatalf("%d mentions", len(ms))
	}
	id := strconv.FormatInt(ms[0].ID, 10)
	blocks := posted.form.Get("blocks")
	if !strings.Contains(blocks, `"action_id":"handled"`) || !strings.Contains(blocks, `"value":"`+id+`"`) {
		t.Fatalf("the alert has no buttons: %s", blocks)
	}

	payload, _ := json.Marshal(map[string]any{
		"type": "block_actions", "user": map[string]any{"id": "U1", "username": "anna", "name": "anna"},
		"container": map[string]any{"type": "message", "message_ts": "1700000000.000100", "channel_id": "C0000001"},
		"channel":   map[string]any{"id": "C0000001"},
		"message":   map[string]any{"type": "message", "ts": "1700000000.000100", "text": posted.form.Get("text"), "blocks": json.RawMessage(blocks)},
		"actions":   []any{map[string]any{"action_id": "handled", "block_id": "mw_actions", "value": id, "type": "button", "action_ts": "1700000100.000200"}},
	})
	body := url.Values{"payload": {string(payload)}}.Encode()
	click := func(secret string) int {
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		m := hmac.New(sha256.New, []byte(secret))
		io.WriteString(m, "v0:"+ts+":"+body)
		r, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/slack/interactions", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("X-Slack-Request-Timestamp", ts)
		r.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(m.Sum(nil)))
		res, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if code := click("wrong"); code != http.StatusUnauthorized {
		t.Errorf("badly signed click answered %d", code)
	}
	if code := click(secret); code != http.StatusOK {
		t.Fatalf("click answered %d", code)
	}
	up := api.wait(t, "chat.update")
	if up.form.Get("ts") != "1700000000.000100" || !strings.Contains(up.form.Get("blocks"), "Handled by @anna") ||
		strings.Contains(up.form.Get("blocks"), `"actions"`) {
		t.Errorf("chat.update %v", up.form)
	}
	m, err := d.Store().Mention(context.Background(), ms[0].ID)
	if err != nil || m.Status != model.StatusHandled || m.HandledBy != "anna" {
		t.Errorf("mention after the click: %+v, %v", m, err)
	}
	hist, _ := d.Store().History(context.Background(), ms[0].ID)
	if len(hist) != 1 || hist[0].Via != "slack" || hist[0].User != "anna" {
		t.Errorf("history %+v", hist)
	}
}

// TestSlackInteractionsOff: without a signing secret the endpoint is not
// there.
func TestSlackInteractionsOff(t *testing.T) {
	h := newHarness(t)
	d := h.daemon(t)
	rec := httptest.NewRecorder()
	d.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/slack/interactions", strings.NewReader("payload=%7B%7D")))
	if rec.Code != http.StatusNotFound {
		t.Errorf("answered %d, want 404", rec.Code)
	}
}
