package score

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/when"
)

// RuleError is a problem with one scoring rule: Index is its position in
// scoring.rules and Field the YAML key at fault ("when", "tags",
// "severity"…).
type RuleError struct {
	Index int
	Name  string
	Field string
	Err   error
}

// Path is the rule's field as a config path, e.g. "scoring.rules[2].when",
// for config.Config.Line.
func (e *RuleError) Path() string {
	p := fmt.Sprintf("scoring.rules[%d]", e.Index)
	if e.Field != "" {
		p += "." + e.Field
	}
	return p
}

func (e *RuleError) Error() string {
	name := ""
	if e.Name != "" {
		name = fmt.Sprintf(" (%q)", e.Name)
	}
	return fmt.Sprintf("score: %s%s: %v", e.Path(), name, e.Err)
}

func (e *RuleError) Unwrap() error { return e.Err }

// rule is a compiled user rule.
type rule struct {
	name       string
	when       *when.Program
	negativity *config.Adjust
	importance *config.Adjust
	tags       []string
	severity   string
	stop       bool
}

func compileRule(i int, r config.Rule) (rule, []error) {
	var errs []error
	bad := func(field string, err error) {
		errs = append(errs, &RuleError{Index: i, Name: r.Name, Field: field, Err: err})
	}
	cr := rule{name: r.Name, negativity: r.Negativity, importance: r.Importance, severity: r.Severity, stop: r.Stop}
	if cr.name == "" {
		cr.name = fmt.Sprintf("rule %d", i+1)
	}
	if strings.TrimSpace(r.When) == "" {
		bad("when", fmt.Errorf("must not be empty"))
	} else if p, err := when.Compile(r.When); err != nil {
		bad("when", err)
	} else {
		cr.when = p
	}
	if r.Severity != "" && model.SeverityRank(r.Severity) == 0 {
		bad("severity", fmt.Errorf("unknown severity %q (use info, warning, critical)", r.Severity))
	}
	for k, t := range r.Tags {
		t = strings.TrimSpace(t)
		if t == "" || strings.ContainsAny(t, " \t,") {
			bad(fmt.Sprintf("tags[%d]", k), fmt.Errorf("bad tag %q (one word, no spaces or commas)", r.Tags[k]))
			continue
		}
		cr.tags = append(cr.tags, t)
	}
	for _, a := range []struct {
		field string
		adj   *config.Adjust
	}{{"negativity", r.Negativity}, {"importance", r.Importance}} {
		if a.adj == nil {
			continue
		}
		if _, err := config.ParseAdjust(adjustString(*a.adj)); err != nil {
			bad(a.field, err)
		}
	}
	if r.Negativity == nil && r.Importance == nil && len(r.Tags) == 0 && r.Severity == "" && !r.Stop {
		bad("", fmt.Errorf("rule has no effect (set negativity, importance, tags, severity or stop)"))
	}
	return cr, errs
}

// adjustString writes an adjustment the way rules.yaml does: "+0.3",
// "-0.2" or "=0.9".
func adjustString(a config.Adjust) string {
	v := strconv.FormatFloat(a.Value, 'f', -1, 64)
	if a.Relative {
		if a.Value >= 0 {
			return "+" + v
		}
		return v
	}
	return "=" + v
}

// applyRules runs the user rules in order. Each sees the scores as they
// stand; a change of negativity recomputes the sentiment and, unless a
// rule has set it, the default severity.
func (e *Engine) applyRules(res *Result, in *Input, now time.Time, st *state) {
	if len(e.rules) == 0 {
		return
	}
	env := when.Env{
		Text: in.Text, Title: in.Title, URL: in.URL, Author: in.Author, Lang: res.Lang, Brand: in.Brand,
		Source:  when.Source{Name: in.Source.Name, Type: in.Source.Type, Weight: in.Source.Weight},
		Replies: in.Replies, Growth: in.Growth, AgeHours: -1,
	}
	if !in.PublishedAt.IsZero() {
		env.AgeHours = now.Sub(in.PublishedAt).Hours()
	}
	for _, r := range e.rules {
		env.Tags = res.Tags
		env.Sentiment, env.Negativity, env.Importance, env.Severity = res.Sentiment, res.Negativity, res.Importance, res.Severity
		ok, err := r.when.Eval(&env)
		if err != nil {
			e.log.Warn("scoring rule failed", "rule", r.name, "err", err)
			continue
		}
		if !ok {
			continue
		}
		var eff []string
		if r.negativity != nil {
			old := res.Negativity
			res.Negativity = round2(r.negativity.Apply(res.Negativity))
			if res.Negativity < old {
				st.posEvidence = true
			}
			res.Sentiment = e.label(res.Negativity, st.posEvidence)
			eff = append(eff, "negativity "+adjustString(*r.negativity))
		}
		if r.importance != nil {
			res.Importance = round2(r.importance.Apply(res.Importance))
			eff = append(eff, "importance "+adjustString(*r.importance))
		}
		if len(r.tags) > 0 {
			var added []string
			for _, t := range r.tags {
				if !model.HasTag(res.Tags, t) {
					res.Tags = append(res.Tags, t)
				}
				added = append(added, "+"+t)
			}
			eff = append(eff, "tags "+strings.Join(added, " "))
		}
		if r.severity != "" {
			res.Severity = r.severity
			st.sevPinned = true
			eff = append(eff, "severity "+r.severity)
		} else if (r.negativity != nil || r.importance != nil) && !st.sevPinned {
			e.defaultSeverity(res, in, st)
		}
		if r.stop {
			eff = append(eff, "stop")
		}
		res.Rules = append(res.Rules, model.FiredRule{Name: r.name, Effect: strings.Join(eff, ", ")})
		if r.stop {
			break
		}
	}
}
