package telegram

import (
	"strings"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// renderReminder renders "⏰ Still unanswered after 30 min: <b>title</b>
// (brand, severity) — link", with the byline and scores when it goes to
// alerts.escalate_to rather than as a reply to the alert.
func renderReminder(msg *alert.Message) string {
	var m model.Mention
	if len(msg.Items) > 0 {
		m = msg.Items[0].Mention
	}
	title := alert.Truncate(strings.Join(strings.Fields(alert.Title(m)), " "), 300)
	var b strings.Builder
	b.WriteString(Escape(alert.ReminderHead(msg.Reminder)) + ": <b>" + Escape(title) + "</b> " +
		Escape(alert.ReminderAbout(m)))
	if m.URL != "" {
		b.WriteString(" — " + link(m.URL, m.URL))
	}
	if msg.Reminder != nil && msg.Reminder.Escalation {
		if by := alert.Byline(m, msg.Location); by != "" {
			b.WriteString("\n<i>" + Escape(by) + "</i>")
		}
		b.WriteString("\n" + Escape(alert.Scores(m)))
	}
	return clip(b.String())
}
