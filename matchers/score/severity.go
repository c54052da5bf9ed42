package score

import (
	"github.com/mentionwatch/mentionwatch/internal/model"
)

// HotThreadRule is the name under which the built-in hot-thread
// escalation appears in Result.Rules.
const HotThreadRule = "hot thread"

// defaultSeverity sets the severity from the scores: critical when
// negative and importance reaches the critical threshold, warning when
// negative or importance reaches the warning threshold, info otherwise.
// A thread growing fast with a negative tone (alerts.hot_thread) is
// critical and tagged hot_thread.
func (e *Engine) defaultSeverity(res *Result, in *Input, st *state) {
	neg := res.Sentiment == model.Negative
	switch {
	case neg && res.Importance >= e.sev.Critical:
		res.Severity = model.SeverityCritical
	case neg || res.Importance >= e.sev.Warning:
		res.Severity = model.SeverityWarning
	default:
		res.Severity = model.SeverityInfo
	}
	if e.hot.MinGrowth > 0 && in.Growth >= e.hot.MinGrowth && res.Negativity >= e.hot.MinNegativity {
		res.Severity = model.SeverityCritical
		if !st.hotFired {
			st.hotFired = true
			if !model.HasTag(res.Tags, TagHotThread) {
				res.Tags = append(res.Tags, TagHotThread)
			}
			res.Rules = append(res.Rules, model.FiredRule{Name: HotThreadRule, Effect: "severity critical, tags +" + TagHotThread})
		}
	}
}
