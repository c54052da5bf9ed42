package stdout

import (
	"strings"

	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// formatReminder prints a reminder: a heading, then the mention in one
// line and its link.
func formatReminder(b *strings.Builder, msg *alert.Message, target string) {
	b.WriteString("=== " + alert.ReminderHead(msg.Reminder) + target + " ===\n")
	for _, it := range msg.Items {
		m := it.Mention
		b.WriteString(alert.Title(m) + " " + alert.ReminderAbout(m) + "\n")
		if m.URL != "" && m.URL != alert.Title(m) {
			b.WriteString(m.URL + "\n")
		}
	}
}
