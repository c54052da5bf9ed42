package score

import (
	"fmt"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// HotThreadRule is the name under which the built-in hot-thread
// escalation appears in Result.Rules.
const HotThreadRule = "hot thread"

// defaultSeverity sets the severity from the scores: critical when
// negative and importance reaches the critical threshold, or when a
// mention that is not positive carries a risk tag (fraud, legal_threat,
// churn); warning when negative or importance reaches the warning
// threshold; info otherwise. News of an adverse event (an outage, an
// accusation, a lockout told as news) counts as negative here. A thread growing fast with a negative tone
// (alerts.hot_thread) is critical and tagged hot_thread.
func (e *Engine) defaultSeverity(res *Result, in *Input, st *state) {
	neg := res.Sentiment == model.Negative
	// news of an adverse event weighs as a negative mention here, though
	// its sentiment is neutral (news_severity.go)
	adverse := neg || st.adverseNews && res.Sentiment != model.Positive
	switch {
	case adverse && res.Importance >= e.sev.Critical, res.Sentiment != model.Positive && riskTagged(res.Tags):
		res.Severity = model.SeverityCritical
	case adverse || res.Importance >= e.sev.Warning:
		res.Severity = model.SeverityWarning
	default:
		res.Severity = model.SeverityInfo
	}
	if e.hot(in.Growth, res.Negativity) {
		res.Severity = model.SeverityCritical
		if !st.hotFired {
			st.hotFired = true
			res.Tags, res.Rules = hotThread(res.Tags, res.Rules, in.Growth)
		}
	}
}

// hot reports whether a thread that gained growth replies since the last
// crawl, with a mention this negative, is heating up.
func (e *Engine) hot(growth int, negativity float64) bool {
	return e.hotCfg.MinGrowth > 0 && growth >= e.hotCfg.MinGrowth && negativity >= e.hotCfg.MinNegativity
}

// hotThread adds the hot_thread tag and the fired rule.
func hotThread(tags []string, rules []model.FiredRule, growth int) ([]string, []model.FiredRule) {
	if !model.HasTag(tags, TagHotThread) {
		tags = append(tags, TagHotThread)
	}
	return tags, append(rules, model.FiredRule{Name: HotThreadRule,
		Effect: fmt.Sprintf("replies +%d since the last crawl: severity critical, tags +%s", growth, TagHotThread)})
}

// Escalate applies the hot-thread rule to a mention stored by an earlier
// crawl whose thread gained growth replies since: the same rule that
// scores a new mention of a growing thread. It reports whether m changed:
// a mention already critical and alerted is left as it is, and one stored
// without an alert (backfill) is alerted now.
func (e *Engine) Escalate(m *model.Mention, growth int) bool {
	if !e.hot(growth, m.Negativity) || (m.Severity == model.SeverityCritical && !m.Backfill) {
		return false
	}
	m.Severity = model.SeverityCritical
	m.Backfill = false
	m.Growth = growth
	m.Tags, m.Rules = hotThread(m.Tags, m.Rules, growth)
	return true
}

// riskTags are the intents someone must act on whatever the source:
// security (fraud), legal (legal_threat) and retention (churn).
var riskTags = []string{TagFraud, TagLegalThreat, TagChurn}

func riskTagged(tags []string) bool {
	for _, t := range riskTags {
		if model.HasTag(tags, t) {
			return true
		}
	}
	return false
}
