package config

import (
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// ScheduleAdaptive is the schedule of a source polled by its own rate of
// new entries (see Adaptive) instead of by a cron expression.
const ScheduleAdaptive = "adaptive"

// Defaults of an adaptive schedule.
const (
	DefaultAdaptiveMin    = 5 * time.Minute
	DefaultAdaptiveMax    = 24 * time.Hour
	DefaultAdaptiveFactor = 1.0
)

// Adaptive bounds an adaptive schedule (`schedule: adaptive`): a source
// is polled about once per new entry it is expected to have, never more
// often than Min nor less often than Max. Factor scales the rate: 2 polls
// twice per expected entry.
type Adaptive struct {
	Min    Duration `yaml:"min"`
	Max    Duration `yaml:"max"`
	Factor float64  `yaml:"factor"`
}

// IsAdaptive reports whether the source has an adaptive schedule.
func (s Source) IsAdaptive() bool {
	return strings.TrimSpace(s.Schedule) == ScheduleAdaptive
}

// AdaptiveLimits returns the source's adaptive bounds with the defaults
// filled in.
func (s Source) AdaptiveLimits() Adaptive {
	a := Adaptive{Min: Duration(DefaultAdaptiveMin), Max: Duration(DefaultAdaptiveMax), Factor: DefaultAdaptiveFactor}
	if s.Adaptive == nil {
		return a
	}
	if s.Adaptive.Min > 0 {
		a.Min = s.Adaptive.Min
	}
	if s.Adaptive.Max > 0 {
		a.Max = s.Adaptive.Max
	}
	if s.Adaptive.Factor > 0 {
		a.Factor = s.Adaptive.Factor
	}
	return a
}

// SourceSchedule returns the schedule of a source: its cron expression,
// or, for an adaptive source, every Min — the fallback the scheduler uses
// when a crawl gives no next run of its own.
func SourceSchedule(s Source) (cron.Schedule, error) {
	if s.IsAdaptive() {
		return cron.Every(s.AdaptiveLimits().Min.D()), nil
	}
	return ParseSchedule(s.Schedule)
}

// checkSchedule checks the source's schedule at path: a cron expression,
// or `adaptive` with sensible bounds; the adaptive block only beside
// `schedule: adaptive`.
func checkSchedule(p *collector, path string, s Source) {
	if !s.IsAdaptive() {
		if _, err := ParseSchedule(s.Schedule); err != nil {
			p.add(path+".schedule", "%v", err)
		}
		if s.Adaptive != nil {
			p.add(path+".adaptive", "applies only with schedule: adaptive (the schedule is %q)", s.Schedule)
		}
		return
	}
	if s.Adaptive == nil {
		return
	}
	a := s.AdaptiveLimits()
	ap := path + ".adaptive"
	if p.c.Has(ap+".min") && s.Adaptive.Min.D() < time.Second {
		p.add(ap+".min", "must be at least 1s (got %s)", s.Adaptive.Min)
	}
	if p.c.Has(ap+".max") && s.Adaptive.Max.D() < time.Second {
		p.add(ap+".max", "must be at least 1s (got %s)", s.Adaptive.Max)
	} else if a.Max < a.Min {
		p.add(ap+".max", "must not be below min (%s < %s)", a.Max, a.Min)
	}
	if p.c.Has(ap+".factor") && s.Adaptive.Factor <= 0 {
		p.add(ap+".factor", "must be positive (got %g)", s.Adaptive.Factor)
	}
}
