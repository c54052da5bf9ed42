package notify

import "github.com/mentionwatch/mentionwatch/notify/slack"

// SetInboxURL makes grouped Slack messages link to the inbox at u
// (server.base_url); empty, they carry no link. Call it before the
// notifiers are used.
func (n Notifiers) SetInboxURL(u string) {
	switch s := n.Slack.(type) {
	case *slack.Notifier:
		s.SetInboxURL(u)
	case *slackOrStdout:
		s.slack.SetInboxURL(u)
	}
}
