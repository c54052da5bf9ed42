package telegram

import (
	"context"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// TestReminderReplies: a reminder is a reply to the alert in the same
// chat, says how long the mention has waited and escapes what came from
// the page; an escalation adds the byline and scores.
func TestReminderReplies(t *testing.T) {
	b := newBotAPI(t)
	n := newNotifier(t, b)
	msg := single()
	msg.Kind = alert.KindReminder
	msg.Reminder = &alert.Reminder{After: 30*time.Minute + 20*time.Second, SLA: 30 * time.Minute}
	msg.ReplyTo = alert.Receipt{Channel: "-1001234", ID: "101"}
	if _, err := n.Notify(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	got := b.messages()
	want := `⏰ Still unanswered after 30 min: <b>Карта &lt;заблокирована&gt; &amp; тишина</b> (Acme &lt;Bank&gt;, critical) — ` +
		`<a href="https://forum.example/t?a=1&amp;b=&quot;2&quot;">https://forum.example/t?a=1&amp;b="2"</a>`
	if len(got) != 1 || got[0].Text != want {
		t.Fatalf("text\n%q\nwant\n%q", got[0].Text, want)
	}
	if got[0].ReplyParameters == nil || got[0].ReplyParameters.MessageID != 101 {
		t.Errorf("reply parameters %+v", got[0].ReplyParameters)
	}
	msg.ReplyTo, msg.Reminder.Escalation = alert.Receipt{}, true
	text := Render(msg)
	if want := want + "\n<i>Banki forum · ivan · 20 Nov 2026 10:00 UTC</i>\n👎 negative 0.80 · importance 0.60 · 🔴 critical"; text != want {
		t.Errorf("escalation\n%q\nwant\n%q", text, want)
	}
}
