package config

import (
	"slices"
	"strings"
)

// Escalation is where reminders also go (alerts.escalate_to): the same
// targets a route can have, e.g. {slack: "#pr-lead"} or {telegram: "…"}.
type Escalation struct {
	// Slack is a channel (bot-token mode) or "default".
	Slack string `yaml:"slack"`
	// SlackWebhook is an incoming webhook URL.
	SlackWebhook string `yaml:"slack_webhook"`
	// Webhook, when true, posts to alerts.webhook; a URL posts there.
	Webhook string `yaml:"webhook"`
	// Telegram is a chat id, or "default" for alerts.telegram.chat_id.
	Telegram string `yaml:"telegram"`
	// Stdout prints the reminder to standard output.
	Stdout bool `yaml:"stdout"`
}

// IsZero reports whether no target is set.
func (e Escalation) IsZero() bool { return e == Escalation{} }

// Route returns a route with the escalation's targets, so that what
// understands a route's targets understands these.
func (e Escalation) Route() Route {
	return Route{Name: "escalate_to", When: "true", Frequency: FrequencyAsItHappens, Slack: e.Slack,
		SlackWebhook: e.SlackWebhook, Webhook: e.Webhook, Telegram: e.Telegram, Stdout: e.Stdout}
}

// checkSLA checks alerts.sla — known severities, durations greater than
// 0 — and alerts.escalate_to's targets, which need an SLA to act on.
func checkSLA(p *collector, a Alerts) {
	sevs := make([]string, 0, len(a.SLA))
	for sev := range a.SLA {
		sevs = append(sevs, sev)
	}
	slices.Sort(sevs)
	for _, sev := range sevs {
		path := "alerts.sla." + sev
		if !oneOf(sev, Severities) {
			p.add(path, "unknown severity %q (use %s)", sev, strings.Join(Severities, ", "))
			continue
		}
		if a.SLA[sev] <= 0 {
			p.add(path, "must be greater than 0 (got %s)", a.SLA[sev])
		}
	}
	if a.EscalateTo.IsZero() {
		return
	}
	if len(a.SLA) == 0 {
		p.add("alerts.escalate_to", "has no effect without alerts.sla (set e.g. sla: {critical: 30m})")
	}
	checkTargets(p, "alerts.escalate_to", a.EscalateTo.Route(), a)
}
