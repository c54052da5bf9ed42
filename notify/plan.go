package notify

import (
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
)

// Planned is what one route would do with a mention: deliver it to
// Targets, at once or in the hourly or daily group starting at Period.
type Planned struct {
	Route     string
	Frequency string
	// Targets are the route's destinations that no earlier matching route
	// already took (a mention goes to a destination once).
	Targets []Target
	// Period is the start of the group the alert joins (zero for
	// as_it_happens).
	Period time.Time
}

// Plan returns, in route order, the routes m would be delivered through
// had it been found at at: the evaluation Enqueue makes, without its
// follow-ups of earlier alerts in the same thread, and writing nothing.
func (r *Router) Plan(m *model.Mention, at time.Time) []Planned {
	env := Env(m, at)
	var out []Planned
	seen := map[Target]bool{}
	for _, rt := range r.match(&env) {
		p := Planned{Route: rt.name, Frequency: rt.frequency}
		for _, t := range rt.targets {
			if !seen[t] {
				seen[t] = true
				p.Targets = append(p.Targets, t)
			}
		}
		if len(p.Targets) == 0 {
			continue
		}
		if p.Frequency != config.FrequencyAsItHappens {
			p.Period, _ = period(p.Frequency, at, r.loc)
		}
		out = append(out, p)
	}
	return out
}
