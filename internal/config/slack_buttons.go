package config

import "strings"

// checkSlackButtons checks the keys of Slack's buttons: both ways in
// (signing_secret, app_token) rewrite messages with chat.update, which
// needs the bot token; an app-level token starts with "xapp-". No value
// is ever quoted: they are secrets.
func checkSlackButtons(p *collector, s Slack) {
	if s.AppToken != "" && !strings.HasPrefix(s.AppToken, "xapp-") {
		p.add("alerts.slack.app_token", "not an app-level token (those start with xapp-; "+
			"create one under Basic Information → App-Level Tokens with the connections:write scope)")
	}
	if s.Token == "" {
		if s.SigningSecret != "" {
			p.add("alerts.slack.signing_secret", "buttons need the bot token too (alerts.slack.token, xoxb-…), "+
				"to rewrite the message after a click")
		}
		if s.AppToken != "" {
			p.add("alerts.slack.app_token", "buttons need the bot token too (alerts.slack.token, xoxb-…), "+
				"to rewrite the message after a click")
		}
	}
}
