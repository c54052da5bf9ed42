package alert

import (
	"strconv"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// KindReminder is a reminder: one mention still new when its SLA
// (alerts.sla) ran out, sent in the thread of its alert and to
// alerts.escalate_to.
const KindReminder Kind = "reminder"

// Reminder describes a reminder message.
type Reminder struct {
	// After is how long ago the mention was found.
	After time.Duration
	// SLA is the severity's alerts.sla.
	SLA time.Duration
	// Escalation is true when the reminder goes to alerts.escalate_to,
	// where the mention was not alerted: it names the mention in full.
	Escalation bool
}

// ReminderHead is the start of a reminder's text: "⏰ Still unanswered
// after 30 min".
func ReminderHead(r *Reminder) string {
	if r == nil {
		return "⏰ Still unanswered"
	}
	return "⏰ Still unanswered after " + Elapsed(r.After)
}

// ReminderAbout names the mention a reminder is about, after its title:
// "(Acme Bank, critical)", with ", assigned to anna" when someone took it.
// It is plain text: escape it for markup.
func ReminderAbout(m model.Mention) string {
	sev := m.Severity
	if sev == "" {
		sev = model.SeverityInfo
	}
	s := "(" + m.Brand + ", " + sev
	if m.Assignee != "" {
		s += ", assigned to " + m.Assignee
	}
	return s + ")"
}

// Elapsed formats a time span the way a person says it, rounded down to
// the minute: "45 s", "30 min", "4 h", "4 h 10 min", "3 days 2 h".
func Elapsed(d time.Duration) string {
	if d < time.Minute {
		return strconv.Itoa(int(max(d, 0)/time.Second)) + " s"
	}
	d = d.Truncate(time.Minute)
	days, h, m := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case days > 0 && h > 0:
		return Plural(days, "day", "days") + " " + strconv.Itoa(h) + " h"
	case days > 0:
		return Plural(days, "day", "days")
	case h > 0 && m > 0:
		return strconv.Itoa(h) + " h " + strconv.Itoa(m) + " min"
	case h > 0:
		return strconv.Itoa(h) + " h"
	}
	return strconv.Itoa(m) + " min"
}
