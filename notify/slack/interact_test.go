package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
	"github.com/mentionwatch/mentionwatch/notify/alert"
	"github.com/mentionwatch/mentionwatch/notify/internal/slackfake"
)

const (
	signingSecret = "8f742231b10e8888abcd99yyyzzz85a5-SIGNING"
	appToken      = "xapp-1-A0000000001-1234567890-SECRETAPPTOKEN"
)

var t0 = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

// clickEnv is a store with mentions, each alerted to the fake Slack with
// buttons, and an Interactor over them: over HTTP (a loopback server) and
// Socket Mode.
type clickEnv struct {
	t     *testing.T
	ctx   context.Context
	stop  context.CancelFunc
	clk   *clock.Fake
	st    *store.Store
	srv   *slackfake.Server
	in    *Interactor
	hs    *httptest.Server
	log   *testenv.SyncBuffer
	posts map[int64]slackfake.Post // the alert of each mention
	ids   []int64
}

func newClickEnv(t *testing.T, mentions int) *clickEnv {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	e := &clickEnv{t: t, ctx: ctx, stop: cancel, clk: clock.NewFake(t0), log: &testenv.SyncBuffer{}, posts: map[int64]slackfake.Post{}}
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "mw.db"), store.WithClock(e.clk.Now))
	if err != nil {
		t.Fatal(err)
	}
	e.st = st
	var docs []model.Document
	var ms []*model.Mention
	for i := range mentions {
		id := fmt.Sprintf("doc-%d", i)
		docs = append(docs, model.Document{ID: id, URL: "https://otzovik.example/review/" + id, Title: "Акме Банк списал деньги дважды", Text: "text", Replies: -1})
		ms = append(ms, &model.Mention{DocID: id, Brand: "Acme Bank", Source: fmt.Sprintf("Отзовик %d", i), SourceType: "forum",
			URL: "https://otzovik.example/review/" + id, Title: "Акме Банк списал деньги дважды", FoundAt: t0,
			Sentiment: model.Negative, Severity: model.SeverityCritical, Negativity: 0.8, Replies: -1,
			Snippet: model.Snippet{Text: "Акме Банк списал деньги дважды"}, Matched: []string{"Акме Банк"}})
	}
	if _, err := st.SaveCrawl(ctx, &store.Crawl{State: store.SourceState{Name: "src"}, Docs: docs, Mentions: ms}, nil); err != nil {
		t.Fatal(err)
	}
	e.srv = slackfake.New(token, "pr-alerts", "mentions")
	e.srv.Now = e.clk.Now
	e.srv.EnableSocketMode(appToken)
	n := newBot(t, e.srv)
	for i, m := range ms {
		msg := sampleSingle()
		msg.Key = fmt.Sprintf("key-%d", i)
		msg.Items[0].Mention = *m
		if _, err := n.Notify(ctx, msg); err != nil {
			t.Fatal(err)
		}
		p, ok := e.srv.Message(msg.Receipt.Channel, msg.Receipt.ID)
		if !ok {
			t.Fatal("alert not in the fake")
		}
		e.posts[m.ID] = p
		e.ids = append(e.ids, m.ID)
	}
	e.in, err = NewInteractor(InteractConfig{Token: token, APIURL: e.srv.APIURL, SigningSecret: signingSecret,
		AppToken: appToken, Actor: st, HTTPClient: e.srv.Client(), Clock: e.clk,
		Logger: slog.New(slog.NewTextHandler(e.log, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		t.Fatal(err)
	}
	e.hs = httptest.NewServer(e.in.Handler(ctx))
	t.Cleanup(func() {
		cancel()
		e.in.Close()
		e.hs.Close()
		e.srv.Close()
		st.Close()
		for _, s := range []string{token, appToken, signingSecret} {
			if strings.Contains(e.log.String(), s) {
				t.Errorf("a secret is in the log:\n%s", e.log.String())
			}
		}
	})
	return e
}

// payload is the block_actions payload of user clicking button on the
// alert of mention id, as the message is now.
func (e *clickEnv) payload(id int64, button, user string, value *string) json.RawMessage {
	e.t.Helper()
	p := e.posts[id]
	pl, err := e.srv.BlockActions(slackfake.Click{Channel: p.Channel, TS: p.TS, ActionID: button, User: user, Value: value})
	if err != nil {
		e.t.Fatal(err)
	}
	return pl
}

// post sends a signed interaction request made at `at` and waits for the
// work it started; it returns the answer's status.
func (e *clickEnv) post(r *http.Request) int {
	e.t.Helper()
	res, err := e.hs.Client().Do(r)
	if err != nil {
		e.t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	e.in.Wait()
	return res.StatusCode
}

func (e *clickEnv) clickHTTP(id int64, button, user string) {
	e.t.Helper()
	body := slackfake.InteractionBody(e.payload(id, button, user, nil))
	if code := e.post(slackfake.InteractionRequest(e.hs.URL, signingSecret, e.clk.Now(), body)); code != http.StatusOK {
		e.t.Fatalf("click answered %d", code)
	}
}

// startSocket runs Socket Mode until the test ends and waits for the
// first connection.
func (e *clickEnv) startSocket() {
	e.t.Helper()
	done := make(chan error, 1)
	go func() { done <- e.in.RunSocketMode(e.ctx) }()
	e.t.Cleanup(func() {
		e.stop()
		if err := <-done; err != nil {
			e.t.Errorf("RunSocketMode: %v", err)
		}
	})
	ctx, cancel := context.WithTimeout(e.ctx, 10*time.Second)
	defer cancel()
	if err := e.srv.WaitConnections(ctx, 1); err != nil {
		e.t.Fatal(err)
	}
}

func (e *clickEnv) clickSocket(id int64, button, user string) {
	e.t.Helper()
	env, err := e.srv.SendInteractive(e.payload(id, button, user, nil))
	if err != nil {
		e.t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(e.ctx, 10*time.Second)
	defer cancel()
	if err := e.srv.WaitAck(ctx, env); err != nil {
		e.t.Fatal(err)
	}
	e.in.Wait()
}

func (e *clickEnv) mention(id int64) model.Mention {
	e.t.Helper()
	m, err := e.st.Mention(e.ctx, id)
	if err != nil {
		e.t.Fatal(err)
	}
	return m
}

func (e *clickEnv) history(id int64) []model.ActionRecord {
	e.t.Helper()
	h, err := e.st.History(e.ctx, id)
	if err != nil {
		e.t.Fatal(err)
	}
	return h
}

// blockSummary describes a message's blocks: the text of every context
// block whose block_id starts with mw_status, and the action_ids of its
// actions blocks.
type blockSummary struct {
	status  []string
	buttons []string
	all     []map[string]any
}

func summarize(t *testing.T, raw json.RawMessage) blockSummary {
	t.Helper()
	var s blockSummary
	if err := json.Unmarshal(raw, &s.all); err != nil {
		t.Fatalf("blocks %s: %v", raw, err)
	}
	for _, b := range s.all {
		id, _ := b["block_id"].(string)
		switch b["type"] {
		case "context":
			if strings.HasPrefix(id, statusBlockPrefix) {
				els := b["elements"].([]any)
				s.status = append(s.status, els[0].(map[string]any)["text"].(string))
			}
		case "actions":
			for _, el := range b["elements"].([]any) {
				el := el.(map[string]any)
				s.buttons = append(s.buttons, el["action_id"].(string))
			}
		}
	}
	return s
}

// TestAlertCarriesButtons: a single mention's alert posted with a bot
// token has the four buttons, each with the mention id as its value; a
// grouped message has none, and links the inbox when base_url is set.
func TestAlertCarriesButtons(t *testing.T) {
	e := newClickEnv(t, 1)
	p := e.posts[e.ids[0]]
	var blocks []map[string]any
	if err := json.Unmarshal(p.Blocks, &blocks); err != nil {
		t.Fatal(err)
	}
	last := blocks[len(blocks)-1]
	if last["type"] != "actions" {
		t.Fatalf("last block %v, want the buttons", last)
	}
	var got []string
	for _, el := range last["elements"].([]any) {
		el := el.(map[string]any)
		got = append(got, el["action_id"].(string))
		if el["value"] != strconv.FormatInt(e.ids[0], 10) || el["type"] != "button" {
			t.Errorf("button %v: value is not the mention id %d", el, e.ids[0])
		}
	}
	if strings.Join(got, ",") != "handled,assign_me,false_positive,mute_source" {
		t.Errorf("buttons %v", got)
	}

	n := newBot(t, e.srv)
	group := sampleGroup()
	if _, err := n.Notify(e.ctx, group); err != nil {
		t.Fatal(err)
	}
	gp, _ := e.srv.Message(group.Receipt.Channel, group.Receipt.ID)
	if strings.Contains(string(gp.Blocks), `"actions"`) || strings.Contains(string(gp.Blocks), "Open in inbox") {
		t.Errorf("group without base_url has buttons or a link: %s", gp.Blocks)
	}
	n.SetInboxURL("https://mentions.acme.example/")
	e.clk.Set(group.Period.End.Add(30 * time.Minute))
	n.now = e.clk.Now
	group.Key += "-2"
	if _, err := n.Notify(e.ctx, group); err != nil {
		t.Fatal(err)
	}
	gp, _ = e.srv.Message(group.Receipt.Channel, group.Receipt.ID)
	if want := `<https://mentions.acme.example/?brand=Acme+Bank&amp;since=2h|Open in inbox>`; !strings.Contains(texts(gp.Blocks), want) {
		t.Errorf("group lacks %s:\n%s", want, gp.Blocks)
	}
	if strings.Contains(string(gp.Blocks), `"actions"`) {
		t.Errorf("group has buttons")
	}
}

// TestWebhookAlertHasNoButtons: an incoming webhook's message cannot be
// updated, so it carries no buttons.
func TestWebhookAlertHasNoButtons(t *testing.T) {
	srv := slackfake.New(token)
	defer srv.Close()
	n, err := New(Config{WebhookURL: srv.WebhookURL("alerts", "webhooksecret"), HTTPClient: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := n.Notify(context.Background(), sampleSingle()); err != nil {
		t.Fatal(err)
	}
	if p := srv.Posts(); len(p) != 1 || strings.Contains(string(p[0].Blocks), `"actions"`) {
		t.Errorf("webhook post %+v", p)
	}
}

// TestButtonsActBothWays clicks each of the four buttons, over HTTP and
// over Socket Mode: the store changes as the button says, the history
// records anna via slack, and the message is rewritten with a line that
// says who did what and when, keeping the rest and its metadata.
func TestButtonsActBothWays(t *testing.T) {
	for _, way := range []string{"http", "socket"} {
		t.Run(way, func(t *testing.T) {
			e := newClickEnv(t, 4)
			click := e.clickHTTP
			if way == "socket" {
				e.startSocket()
				click = e.clickSocket
			}
			e.clk.Advance(14 * time.Minute)
			cases := []struct {
				button, action string
				line           string
				check          func(model.Mention) bool
				left           string
			}{
				{ButtonHandled, model.ActionHandled, "✅ Handled by @anna, 14 min after it was found", func(m model.Mention) bool {
					return m.Status == model.StatusHandled && m.HandledBy == "anna" && m.HandledAt.Equal(t0.Add(14*time.Minute))
				}, ""},
				{ButtonAssignMe, model.ActionAssign, "🙋 Taken by @anna, 14 min after it was found", func(m model.Mention) bool {
					return m.Status == model.StatusNew && m.Assignee == "anna"
				}, "handled,false_positive,mute_source"},
				{ButtonFalsePositive, model.ActionFalsePositive, "🚫 Not about us, said @anna, 14 min after it was found", func(m model.Mention) bool {
					return m.Status == model.StatusFalsePositive && m.HandledBy == "anna"
				}, ""},
				{ButtonMuteSource, model.ActionMuteSource, "🔇 Source *Отзовик 3* muted by @anna: its mentions are stored but no longer alerted", func(m model.Mention) bool {
					return m.Status == model.StatusNew
				}, "handled,assign_me,false_positive"},
			}
			for i, c := range cases {
				id := e.ids[i]
				before := e.posts[id]
				click(id, c.button, "anna")
				if m := e.mention(id); !c.check(m) {
					t.Errorf("%s: mention %+v", c.button, m)
				}
				h := e.history(id)
				if len(h) != 1 || h[0].User != "anna" || h[0].Via != "slack" || h[0].Action != c.action {
					t.Errorf("%s: history %+v", c.button, h)
				}
				if c.button == ButtonAssignMe && h[0].Value != "anna" {
					t.Errorf("assign_me assigned %q", h[0].Value)
				}
				ups := e.srv.UpdatesOf(before.Channel, before.TS)
				if len(ups) != 1 {
					t.Fatalf("%s: %d chat.update calls, want 1", c.button, len(ups))
				}
				s := summarize(t, ups[0].Blocks)
				if len(s.status) != 1 || s.status[0] != c.line {
					t.Errorf("%s: status lines %q, want %q", c.button, s.status, c.line)
				}
				if got := strings.Join(s.buttons, ","); got != c.left {
					t.Errorf("%s: buttons left %q, want %q", c.button, got, c.left)
				}
				// The rest of the message stays: header, title, byline.
				if s.all[0]["type"] != "header" || !strings.Contains(string(ups[0].Blocks), "Акме Банк списал деньги дважды") {
					t.Errorf("%s: message lost its content: %s", c.button, ups[0].Blocks)
				}
				if ups[0].Text != before.Text {
					t.Errorf("%s: text %q, was %q", c.button, ups[0].Text, before.Text)
				}
				now, _ := e.srv.Message(before.Channel, before.TS)
				if now.Key() != before.Key() || fmt.Sprint(now.Metadata.EventPayload["mention_ids"]) != fmt.Sprintf("[%d]", id) ||
					now.Metadata.EventType != EventType {
					t.Errorf("%s: metadata %+v, was %+v", c.button, now.Metadata, before.Metadata)
				}
			}
			muted, err := e.st.MutedSources(e.ctx)
			if err != nil || muted["Отзовик 3"].By != "anna" || len(muted) != 1 {
				t.Errorf("muted sources %+v, %v", muted, err)
			}
		})
	}
}

// TestClickWithoutBlockID: a block_actions payload whose actions carry
// no block_id (Slack always sends one; a hand-made payload may not) is
// acted on all the same; a payload of another type changes nothing.
func TestClickWithoutBlockID(t *testing.T) {
	e := newClickEnv(t, 2)
	strip := func(id int64, typ string) []byte {
		var pl map[string]any
		if err := json.Unmarshal(e.payload(id, ButtonHandled, "anna", nil), &pl); err != nil {
			t.Fatal(err)
		}
		for _, a := range pl["actions"].([]any) {
			delete(a.(map[string]any), "block_id")
		}
		pl["type"] = typ
		b, err := json.Marshal(pl)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for i, c := range []struct {
		typ    string
		status string
	}{{"block_actions", model.StatusHandled}, {"interactive_message", model.StatusNew}} {
		id := e.ids[i]
		body := slackfake.InteractionBody(strip(id, c.typ))
		code := e.post(slackfake.InteractionRequest(e.hs.URL, signingSecret, e.clk.Now(), body))
		if c.status == model.StatusHandled && code != http.StatusOK {
			t.Fatalf("%s: answered %d", c.typ, code)
		}
		if m := e.mention(id); m.Status != c.status {
			t.Errorf("%s without block_id: status %s, want %s", c.typ, m.Status, c.status)
		}
	}
}

// TestClickOnHandledMention: boris handled the mention in the inbox 3
// minutes ago; anna's click changes nothing and the message says so.
func TestClickOnHandledMention(t *testing.T) {
	e := newClickEnv(t, 1)
	id := e.ids[0]
	if _, err := e.st.Act(e.ctx, id, store.Action{Name: model.ActionHandled, User: "boris", Via: "inbox", At: t0.Add(11 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	e.clk.Set(t0.Add(14 * time.Minute))
	e.clickHTTP(id, ButtonFalsePositive, "anna")
	m := e.mention(id)
	if m.Status != model.StatusHandled || m.HandledBy != "boris" {
		t.Errorf("mention changed: %+v", m)
	}
	if h := e.history(id); len(h) != 1 || h[0].User != "boris" {
		t.Errorf("history %+v", h)
	}
	p := e.posts[id]
	ups := e.srv.UpdatesOf(p.Channel, p.TS)
	if len(ups) != 1 {
		t.Fatalf("%d updates", len(ups))
	}
	s := summarize(t, ups[0].Blocks)
	if len(s.status) != 1 || s.status[0] != "☑️ Already handled by @boris 3 min ago" || len(s.buttons) != 0 {
		t.Errorf("status %q, buttons %v", s.status, s.buttons)
	}
}

// TestMuteClickOnHandledMention: boris handled the mention in the inbox;
// anna's click on "mute source" still mutes its source — muting is about
// the source — and the message says so, with no buttons left.
func TestMuteClickOnHandledMention(t *testing.T) {
	e := newClickEnv(t, 1)
	id := e.ids[0]
	if _, err := e.st.Act(e.ctx, id, store.Action{Name: model.ActionHandled, User: "boris", Via: "inbox", At: t0.Add(11 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	e.clk.Set(t0.Add(14 * time.Minute))
	e.clickHTTP(id, ButtonMuteSource, "anna")
	muted, err := e.st.MutedSources(e.ctx)
	if err != nil || muted["Отзовик 0"].By != "anna" {
		t.Fatalf("muted %+v, %v", muted, err)
	}
	if m := e.mention(id); m.Status != model.StatusHandled || m.HandledBy != "boris" {
		t.Errorf("mention changed: %+v", m)
	}
	if h := e.history(id); len(h) != 2 || h[1].Action != model.ActionMuteSource || h[1].User != "anna" || h[1].Via != "slack" {
		t.Errorf("history %+v", h)
	}
	p := e.posts[id]
	ups := e.srv.UpdatesOf(p.Channel, p.TS)
	if len(ups) != 1 {
		t.Fatalf("%d updates", len(ups))
	}
	s := summarize(t, ups[0].Blocks)
	if len(s.status) != 1 || s.status[0] != "🔇 Source *Отзовик 0* muted by @anna: its mentions are stored but no longer alerted" || len(s.buttons) != 0 {
		t.Errorf("status %q, buttons %v", s.status, s.buttons)
	}
}

// TestClickAfterClick: anna takes the mention; boris, whose Slack still
// showed the button, cannot take it from her; then she marks it handled:
// three lines, no buttons left.
func TestClickAfterClick(t *testing.T) {
	e := newClickEnv(t, 1)
	id := e.ids[0]
	e.clk.Advance(2 * time.Minute)
	stale := slackfake.InteractionBody(e.payload(id, ButtonAssignMe, "boris", nil))
	e.clickHTTP(id, ButtonAssignMe, "anna")
	e.clk.Advance(time.Minute)
	if code := e.post(slackfake.InteractionRequest(e.hs.URL, signingSecret, e.clk.Now(), stale)); code != http.StatusOK {
		t.Fatalf("boris's click answered %d", code)
	}
	if m := e.mention(id); m.Assignee != "anna" {
		t.Errorf("assignee %q", m.Assignee)
	}
	p := e.posts[id]
	ups := e.srv.UpdatesOf(p.Channel, p.TS)
	if s := summarize(t, ups[len(ups)-1].Blocks); strings.Join(s.status, " | ") != "🙋 Taken by @anna, 2 min after it was found | 🙋 Already taken by @anna" {
		t.Errorf("status %q", s.status)
	}
	e.clk.Advance(90 * time.Minute)
	e.clickHTTP(id, ButtonHandled, "anna")
	ups = e.srv.UpdatesOf(p.Channel, p.TS)
	s := summarize(t, ups[len(ups)-1].Blocks)
	if len(s.status) != 3 || s.status[2] != "✅ Handled by @anna, 1 h 33 min after it was found" || len(s.buttons) != 0 {
		t.Errorf("status %q, buttons %v", s.status, s.buttons)
	}
	if h := e.history(id); len(h) != 2 {
		t.Errorf("history %+v", h)
	}
}

// TestSignedRequestsRefused: a wrong signature, a stale timestamp, a
// missing signature and a replayed body change nothing and are answered
// 401; a signed request without a payload is answered 400.
func TestSignedRequestsRefused(t *testing.T) {
	e := newClickEnv(t, 1)
	id := e.ids[0]
	body := slackfake.InteractionBody(e.payload(id, ButtonHandled, "anna", nil))

	wrong := slackfake.InteractionRequest(e.hs.URL, "not-the-secret", e.clk.Now(), body)
	stale := slackfake.InteractionRequest(e.hs.URL, signingSecret, e.clk.Now().Add(-6*time.Minute), body)
	ahead := slackfake.InteractionRequest(e.hs.URL, signingSecret, e.clk.Now().Add(6*time.Minute), body)
	unsigned := slackfake.InteractionRequest(e.hs.URL, signingSecret, e.clk.Now(), body)
	unsigned.Header.Del("X-Slack-Signature")
	tampered := slackfake.InteractionRequest(e.hs.URL, signingSecret, e.clk.Now(), body)
	tampered.Body = io.NopCloser(bytes.NewReader(bytes.Replace(body, []byte("anna"), []byte("evee"), 1)))
	for name, r := range map[string]*http.Request{"wrong secret": wrong, "stale": stale, "ahead": ahead, "unsigned": unsigned, "tampered": tampered} {
		if code := e.post(r); code != http.StatusUnauthorized {
			t.Errorf("%s: answered %d, want 401", name, code)
		}
	}
	if m := e.mention(id); m.Status != model.StatusNew || len(e.history(id)) != 0 || len(e.srv.Updates()) != 0 {
		t.Fatalf("a refused request changed something: %+v, %d updates", m, len(e.srv.Updates()))
	}

	// Four and a half minutes old is still fresh; the same request again
	// is a replay.
	at := e.clk.Now().Add(-4*time.Minute - 30*time.Second)
	first := slackfake.InteractionRequest(e.hs.URL, signingSecret, at, body)
	again := slackfake.InteractionRequest(e.hs.URL, signingSecret, at, body)
	if code := e.post(first); code != http.StatusOK {
		t.Fatalf("first answered %d", code)
	}
	if _, err := e.st.Act(e.ctx, id, store.Action{Name: model.ActionReopen, User: "boris", Via: "inbox"}); err != nil {
		t.Fatal(err)
	}
	if code := e.post(again); code != http.StatusUnauthorized {
		t.Errorf("replay answered %d, want 401", code)
	}
	if m := e.mention(id); m.Status != model.StatusNew {
		t.Errorf("the replay acted: %+v", m)
	}
	if h := e.history(id); len(h) != 2 {
		t.Errorf("history %+v, want anna's click and boris's reopen", h)
	}
	if n := len(e.srv.Updates()); n != 1 {
		t.Errorf("%d updates, want 1", n)
	}

	empty := slackfake.InteractionRequest(e.hs.URL, signingSecret, e.clk.Now(), []byte("nothing=here"))
	if code := e.post(empty); code != http.StatusBadRequest {
		t.Errorf("no payload: answered %d, want 400", code)
	}
	if !strings.Contains(e.log.String(), "refused an interaction request") {
		t.Errorf("refusals not logged:\n%s", e.log.String())
	}
}

// TestVerifyAgreesWithSlackGo: the signature checked with the daemon's
// clock is the one slack-go's verifier checks with the system clock.
func TestVerifyAgreesWithSlackGo(t *testing.T) {
	in, err := NewInteractor(InteractConfig{Token: token, SigningSecret: signingSecret, Actor: (*store.Store)(nil)})
	if err != nil {
		t.Fatal(err)
	}
	body := []byte(`payload=%7B%22type%22%3A%22block_actions%22%7D`)
	for _, c := range []struct {
		name   string
		secret string
		body   []byte
		ok     bool
	}{{"good", signingSecret, body, true}, {"other secret", "x", body, false}, {"other body", signingSecret, append(body, 'x'), false}} {
		r := slackfake.InteractionRequest("http://127.0.0.1/", c.secret, time.Now(), body)
		sv, err := slack.NewSecretsVerifier(r.Header, signingSecret)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = sv.Write(c.body)
		theirs := sv.Ensure() == nil
		ours := in.Verify(r.Header, c.body) == nil
		if theirs != c.ok || ours != c.ok {
			t.Errorf("%s: slack-go %v, ours %v, want %v", c.name, theirs, ours, c.ok)
		}
	}
}

// TestBadClicksLeaveTheMessage: a value that is no mention id is logged
// and changes nothing (a click on a deleted mention: gone_test.go).
func TestBadClicksLeaveTheMessage(t *testing.T) {
	e := newClickEnv(t, 1)
	id := e.ids[0]
	for _, v := range []string{"abc", "-1", "0"} {
		body := slackfake.InteractionBody(e.payload(id, ButtonHandled, "anna", &v))
		if code := e.post(slackfake.InteractionRequest(e.hs.URL, signingSecret, e.clk.Now(), body)); code != http.StatusOK {
			t.Errorf("value %q: answered %d", v, code)
		}
	}
	if n := len(e.srv.Updates()); n != 0 {
		t.Errorf("%d updates", n)
	}
	if m := e.mention(id); m.Status != model.StatusNew {
		t.Errorf("mention changed: %+v", m)
	}
	log := e.log.String()
	if !strings.Contains(log, "value is no mention id") {
		t.Errorf("log:\n%s", log)
	}
}

// TestSocketModeReconnects: after Slack's "disconnect" the runner opens a
// new connection and the next click still works; every envelope is
// acknowledged.
func TestSocketModeReconnects(t *testing.T) {
	e := newClickEnv(t, 2)
	e.startSocket()
	e.clickSocket(e.ids[0], ButtonHandled, "anna")
	if m := e.mention(e.ids[0]); m.Status != model.StatusHandled {
		t.Fatalf("first click: %+v", m)
	}
	if err := e.srv.Disconnect(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(e.ctx, 10*time.Second)
	defer cancel()
	if err := e.srv.WaitConnections(ctx, 2); err != nil {
		t.Fatal(err)
	}
	e.clickSocket(e.ids[1], ButtonFalsePositive, "anna")
	if m := e.mention(e.ids[1]); m.Status != model.StatusFalsePositive || m.HandledBy != "anna" {
		t.Fatalf("click after the reconnect: %+v", m)
	}
	if got := e.srv.Connections(); got != 2 {
		t.Errorf("%d connections, want 2", got)
	}
}

// TestSocketModeEnvelopeOnce: an envelope Slack sends again is
// acknowledged again and acted on once.
func TestSocketModeEnvelopeOnce(t *testing.T) {
	e := newClickEnv(t, 1)
	e.startSocket()
	id := e.ids[0]
	pl := e.payload(id, ButtonAssignMe, "anna", nil)
	env, err := e.srv.SendInteractive(pl)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(e.ctx, 10*time.Second)
	defer cancel()
	if err := e.srv.WaitAck(ctx, env); err != nil {
		t.Fatal(err)
	}
	e.in.Wait()
	if _, err := e.st.Act(e.ctx, id, store.Action{Name: model.ActionAssign, Value: "", User: "boris", Via: "inbox"}); err != nil {
		t.Fatal(err)
	}
	if err := e.srv.ResendInteractive(env, pl); err != nil {
		t.Fatal(err)
	}
	if err := e.srv.WaitAck(ctx, env); err != nil {
		t.Fatal(err)
	}
	e.in.Wait()
	if m := e.mention(id); m.Assignee != "" {
		t.Errorf("the resent envelope acted again: assignee %q", m.Assignee)
	}
}

func TestSince(t *testing.T) {
	for d, want := range map[time.Duration]string{
		20 * time.Second: "less than a minute", 14 * time.Minute: "14 min", 2 * time.Hour: "2 h",
		2*time.Hour + 5*time.Minute: "2 h 5 min", 72 * time.Hour: "3 days",
	} {
		if got := Since(d); got != want {
			t.Errorf("Since(%s) = %q, want %q", d, got, want)
		}
	}
	if got := doneLine(ButtonHandled, "a<b>&c", model.Mention{}, t0, true); got != "✅ Handled by @a&lt;b&gt;&amp;c" {
		t.Errorf("user not escaped: %q", got)
	}
	if got := InboxURL("https://m.example", "AT&T", time.Time{}, t0); got != "https://m.example/?brand=AT%26T" {
		t.Errorf("InboxURL = %q", got)
	}
	_ = alert.KindMention
}

// texts joins every "text" string in raw JSON, one a line.
func texts(raw json.RawMessage) string {
	var v any
	_ = json.Unmarshal(raw, &v)
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if s, ok := x.(string); ok && k == "text" {
					b.WriteString(s + "\n")
				} else {
					walk(x)
				}
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	return b.String()
}

// TestRewriteWithoutHistoryScope: without channels:history the message
// is rewritten from the click's own copy, and its metadata still names
// the mention.
func TestRewriteWithoutHistoryScope(t *testing.T) {
	e := newClickEnv(t, 1)
	id := e.ids[0]
	e.srv.SetBefore(func(w http.ResponseWriter, r *http.Request, method string) bool {
		if method != "conversations.history" {
			return false
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"ok":false,"error":"missing_scope","needed":"channels:history"}`)
		return true
	})
	e.clickHTTP(id, ButtonHandled, "anna")
	p := e.posts[id]
	ups := e.srv.UpdatesOf(p.Channel, p.TS)
	if len(ups) != 1 {
		t.Fatalf("%d updates", len(ups))
	}
	if s := summarize(t, ups[0].Blocks); len(s.status) != 1 || !strings.HasPrefix(s.status[0], "✅ Handled by @anna") || s.all[0]["type"] != "header" {
		t.Errorf("blocks %s", ups[0].Blocks)
	}
	if ups[0].Metadata == nil || fmt.Sprint(ups[0].Metadata.EventPayload["mention_ids"]) != fmt.Sprintf("[%d]", id) ||
		ups[0].Metadata.EventType != EventType {
		t.Errorf("metadata %+v", ups[0].Metadata)
	}
}

// TestSlackUser: a click acts as the Slack user's username, else its
// name, else its id — whoever clicked, known to the inbox or not; a
// payload naming nobody gives "" (the click is then left alone).
func TestSlackUser(t *testing.T) {
	for _, c := range []struct {
		payload string
		want    string
	}{
		{`{"id":"U1","username":"anna.k","name":"anna"}`, "anna.k"},
		{`{"id":"U1","name":"anna"}`, "anna"},
		{`{"id":"U1","username":"  ","name":" boris "}`, "boris"},
		{`{"id":"U0ABCDEF"}`, "U0ABCDEF"},
		{`{}`, ""},
	} {
		var cb slack.InteractionCallback
		if err := json.Unmarshal([]byte(`{"type":"block_actions","user":`+c.payload+`}`), &cb); err != nil {
			t.Fatal(err)
		}
		if got := slackUser(cb.User); got != c.want {
			t.Errorf("%s: %q, want %q", c.payload, got, c.want)
		}
	}
}
