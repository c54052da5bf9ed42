package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/notify/alert"
)

const token = "123456789:AAHSECRETbotTOKENvalue"

// botAPI is a Telegram Bot API server for tests: sendMessage with the
// token in the path, JSON in and out, failures on demand.
type botAPI struct {
	*httptest.Server
	mu   sync.Mutex
	sent []SendMessage
	fail func(w http.ResponseWriter) bool
	next int64
}

func newBotAPI(t *testing.T) *botAPI {
	b := &botAPI{next: 100}
	b.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path != "/bot"+token+"/sendMessage" {
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"ok":false,"error_code":401,"description":"Unauthorized"}`)
			return
		}
		if b.fail != nil && b.fail(w) {
			return
		}
		var m SendMessage
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil || r.Header.Get("Content-Type") != "application/json" {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"ok":false,"error_code":400,"description":"Bad Request: message text is empty"}`)
			return
		}
		if m.ChatID != "-1001234" && m.ChatID != "@acme_pr" {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}`)
			return
		}
		if Len(m.Text) > MaxLen {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"ok":false,"error_code":400,"description":"Bad Request: message is too long"}`)
			return
		}
		b.mu.Lock()
		b.sent = append(b.sent, m)
		b.next++
		id := b.next
		b.mu.Unlock()
		fmt.Fprintf(w, `{"ok":true,"result":{"message_id":%d,"chat":{"id":-1001234,"type":"supergroup"},"date":1700000000,"text":"x"}}`, id)
	}))
	t.Cleanup(b.Close)
	return b
}

func (b *botAPI) messages() []SendMessage {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]SendMessage(nil), b.sent...)
}

func mention(id int64, title, text string) model.Mention {
	i := strings.Index(text, "Акме")
	sn := model.Snippet{Text: text}
	if i >= 0 {
		sn.Marks = [][2]int{{i, i + len("Акме")}}
	}
	return model.Mention{ID: id, Brand: "Acme <Bank>", Source: "Banki forum", URL: `https://forum.example/t?a=1&b="2"`,
		Title: title, Snippet: sn, Author: "ivan", PublishedAt: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC),
		Sentiment: model.Negative, Negativity: 0.8, Importance: 0.6, Severity: model.SeverityCritical,
		Tags: []string{"fraud"}, Rules: []model.FiredRule{{Name: "fraud accusation", Effect: "negativity +0.3"}}}
}

func single() *alert.Message {
	return &alert.Message{Key: "k-1", Kind: alert.KindMention, Channel: alert.ChannelTelegram, Target: alert.DefaultTarget,
		Brand: "Acme <Bank>", Items: []alert.Item{{Mention: mention(1, "Карта <заблокирована> & тишина", "Акме опять списал деньги <дважды> & молчит"),
			Why: `route "pr" (severity == "critical")`}}, Location: time.UTC}
}

func newNotifier(t *testing.T, b *botAPI) *Notifier {
	n, err := New(Config{Token: token, ChatID: "-1001234", APIURL: b.URL, HTTPClient: b.Client()})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSendHTML(t *testing.T) {
	b := newBotAPI(t)
	n := newNotifier(t, b)
	msg := single()
	if retry, err := n.Notify(context.Background(), msg); err != nil {
		t.Fatalf("Notify: %v %v", retry, err)
	}
	got := b.messages()
	if len(got) != 1 {
		t.Fatalf("%d messages", len(got))
	}
	m := got[0]
	if m.ParseMode != "HTML" || m.ChatID != "-1001234" || m.LinkPreviewOptions == nil || !m.LinkPreviewOptions.IsDisabled {
		t.Errorf("request %+v", m)
	}
	for _, want := range []string{
		"<b>Acme &lt;Bank&gt;</b> · critical",
		`<a href="https://forum.example/t?a=1&amp;b=&quot;2&quot;">Карта &lt;заблокирована&gt; &amp; тишина</a>`,
		"<b>Акме</b> опять списал деньги &lt;дважды&gt; &amp; молчит",
		"<i>Banki forum · ivan · 20 Nov 2026 10:00 UTC</i>",
		"tags: fraud",
		"<i>why: route \"pr\" (severity == \"critical\"); rules: fraud accusation (negativity +0.3)</i>",
	} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, m.Text)
		}
	}
	if msg.Receipt.Channel != "-1001234" || msg.Receipt.ID != "101" {
		t.Errorf("receipt %+v", msg.Receipt)
	}
	// A follow-up replies to the first alert.
	f := single()
	f.Followup, f.ReplyTo = true, msg.Receipt
	if _, err := n.Notify(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	got = b.messages()
	if rp := got[1].ReplyParameters; rp == nil || rp.MessageID != 101 || !rp.AllowSendingWithoutReply {
		t.Errorf("reply parameters %+v", rp)
	}
}

func TestLimit(t *testing.T) {
	long := strings.Repeat("Акме банк снова не отвечает. ", 400)
	big := &alert.Message{Kind: alert.KindGroup, Brand: "Acme", Frequency: "hourly", Location: time.UTC}
	for i := 0; i < 60; i++ {
		big.Items = append(big.Items, alert.Item{Mention: mention(int64(i), strings.Repeat("Очень длинный заголовок ", 30), long)})
	}
	one := single()
	one.Items[0].Mention.Snippet = model.Snippet{Text: long}
	one.Items[0].Mention.Title = strings.Repeat("T", 5000)
	for name, msg := range map[string]*alert.Message{"group": big, "single": one} {
		t.Run(name, func(t *testing.T) {
			s := Render(msg)
			if Len(s) > MaxLen {
				t.Fatalf("%d UTF-16 units, limit %d", Len(s), MaxLen)
			}
			if strings.Count(s, "<b>") != strings.Count(s, "</b>") || strings.Count(s, "<a ") != strings.Count(s, "</a>") {
				t.Errorf("unbalanced tags:\n%s", s)
			}
			if name == "group" && !strings.Contains(s, "more mentions") {
				t.Errorf("no count of the rest:\n%s", s)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	answer := func(status int, body string) func(w http.ResponseWriter) bool {
		return func(w http.ResponseWriter) bool {
			w.WriteHeader(status)
			io.WriteString(w, body)
			return true
		}
	}
	for _, tc := range []struct {
		name       string
		fail       func(w http.ResponseWriter) bool
		target     string
		retry      bool
		retryAfter time.Duration
		contains   string
	}{
		{"chat not found", nil, "-999", false, 0, "chat not found"},
		{"blocked", answer(403, `{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}`), "", false, 0, "blocked"},
		{"429", answer(429, `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 17","parameters":{"retry_after":17}}`), "", true, 17 * time.Second, "HTTP 429"},
		{"502 html", answer(502, `<html>Bad Gateway</html>`), "", true, 0, "HTTP 502"},
		{"migrated", answer(400, `{"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat","parameters":{"migrate_to_chat_id":-1009999}}`), "", false, 0, "-1009999"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newBotAPI(t)
			b.fail = tc.fail
			n := newNotifier(t, b)
			msg := single()
			if tc.target != "" {
				msg.Target = tc.target
			}
			retry, err := n.Notify(context.Background(), msg)
			if err == nil {
				t.Fatal("no error")
			}
			if retry != tc.retry || alert.RetryAfter(err) != tc.retryAfter {
				t.Errorf("retry %v after %v, want %v after %v (%v)", retry, alert.RetryAfter(err), tc.retry, tc.retryAfter, err)
			}
			if !strings.Contains(err.Error(), tc.contains) {
				t.Errorf("error %q lacks %q", err, tc.contains)
			}
			if strings.Contains(err.Error(), "SECRET") {
				t.Errorf("token leaked: %v", err)
			}
		})
	}
}

func TestTokenNotInTransportError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	n, err := New(Config{Token: token, ChatID: "-1001234", APIURL: "http://" + addr})
	if err != nil {
		t.Fatal(err)
	}
	retry, err := n.Notify(context.Background(), single())
	if err == nil || !retry || !alert.Uncertain(err) {
		t.Fatalf("Notify = %v, %v", retry, err)
	}
	if strings.Contains(err.Error(), "SECRET") || strings.Contains(err.Error(), "/bot") {
		t.Errorf("token leaked: %v", err)
	}
}

func TestRenderWaveAndGroup(t *testing.T) {
	w := &alert.Message{Kind: alert.KindWave, Brand: "Acme & Co", Wave: &alert.Wave{Count: 12, Mean: 1, StdDev: 1, Threshold: 5,
		WindowStart: time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC), WindowEnd: time.Date(2026, 1, 1, 11, 0, 0, 0, time.UTC),
		Threads: []alert.WaveThread{{URL: "https://f.example/t/1", Title: "<script>", Count: 7, Source: "F"}}}}
	s := Render(w)
	for _, want := range []string{"Negative wave — Acme &amp; Co", "12 negative mentions in the last hour", `<a href="https://f.example/t/1">&lt;script&gt;</a> — 7 posts`} {
		if !strings.Contains(s, want) {
			t.Errorf("wave lacks %q:\n%s", want, s)
		}
	}
}

// TestLinkOnlyHTTP: only an http(s) URL becomes <a href>; any other
// (a script URL, a tg:// deep link, a relative one) leaves the text plain,
// which Telegram would otherwise refuse or act on.
func TestLinkOnlyHTTP(t *testing.T) {
	for _, tc := range []struct{ url, text, want string }{
		{"https://x.example/a?b=1&c=\"2\"", "A & B", `<a href="https://x.example/a?b=1&amp;c=&quot;2&quot;">A &amp; B</a>`},
		{"http://x.example/", "t", `<a href="http://x.example/">t</a>`},
		{"", "<b>", "&lt;b&gt;"},
		{"javascript:alert(1)", "t", "t"},
		{" JAVASCRIPT:alert(1)", "t", "t"},
		{"tg://resolve?domain=x", "t", "t"},
		{"/relative/path", "t", "t"},
		{"data:text/html,<b>x</b>", "<i>t</i>", "&lt;i&gt;t&lt;/i&gt;"},
	} {
		if got := link(tc.url, tc.text); got != tc.want {
			t.Errorf("link(%q, %q) = %q, want %q", tc.url, tc.text, got, tc.want)
		}
	}
}
