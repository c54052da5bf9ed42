package slack

import (
	"strings"

	"github.com/slack-go/slack"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// reminderTitleRunes caps the title a reminder quotes.
const reminderTitleRunes = 200

// renderReminder renders "⏰ Still unanswered after 30 min: *title*
// (brand, severity) — <link>": in the alert's thread that is all; sent to
// alerts.escalate_to, where the alert is not, the byline and scores follow.
func renderReminder(msg *alert.Message) Payload {
	var m model.Mention
	if len(msg.Items) > 0 {
		m = msg.Items[0].Mention
	}
	title := alert.Truncate(strings.Join(strings.Fields(alert.Title(m)), " "), reminderTitleRunes)
	line := alert.ReminderHead(msg.Reminder) + ": *" + Escape(title) + "* " + Escape(alert.ReminderAbout(m))
	if m.URL != "" {
		line += " — " + link(m.URL, alert.Truncate(m.URL, 120))
	}
	blocks := []slack.Block{section(line)}
	if msg.Reminder != nil && msg.Reminder.Escalation {
		if by := alert.Byline(m, msg.Location); by != "" {
			blocks = append(blocks, contextBlock(Escape(by)))
		}
		blocks = append(blocks, contextBlock(scoresLine(m)))
	}
	return Payload{Text: line, Blocks: blocks}
}
