package watcher

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

var lim = config.Adaptive{Min: config.Duration(2 * time.Minute), Max: config.Duration(24 * time.Hour), Factor: 1}

// poll simulates an adaptive source that gains perHour entries an hour,
// polled n times (or, with n < 0, until until), each at the next run the
// previous poll chose. It returns the last interval.
func poll(r *store.Rate, now *time.Time, perHour float64, n int, l config.Adaptive) time.Duration {
	return pollUntil(r, now, perHour, n, time.Time{}, l)
}

func pollUntil(r *store.Rate, now *time.Time, perHour float64, n int, until time.Time, l config.Adaptive) time.Duration {
	var last time.Duration
	var due float64 // entries published since the last poll
	for i := 0; n < 0 && now.Before(until) || i < n; i++ {
		next := NextAdaptive("src", *r, l, *now)
		last = next.Sub(*now)
		due += perHour * last.Hours()
		entries := int(due)
		due -= float64(entries)
		*now = next
		*r = Observe(*r, entries, *now)
	}
	return last
}

// TestBusySourceConvergesToMin: a source with an entry every 30 seconds,
// first seen with no dated history (polled at max), is polled at min
// within a few polls; one with an entry an hour settles near an hour.
func TestBusySourceConvergesToMin(t *testing.T) {
	now := t0
	r := SeedRate(nil, now)
	if d := AdaptiveInterval(r, lim, now); d != lim.Max.D() {
		t.Fatalf("no history: interval %v, want max %v", d, lim.Max.D())
	}
	poll(&r, &now, 120, 5, lim)
	if d := AdaptiveInterval(r, lim, now); d != lim.Min.D() {
		t.Errorf("busy source after 5 polls: interval %v (%.0f/day), want min %v", d, PerDay(r, now), lim.Min.D())
	}
	// Jittered runs at min stay within [min, 1.1 min].
	for i := 0; i < 50; i++ {
		d := NextAdaptive("src", r, lim, now.Add(time.Duration(i)*time.Second)).Sub(now.Add(time.Duration(i) * time.Second))
		if d < lim.Min.D() || d > lim.Min.D()*11/10 {
			t.Fatalf("jittered run at min: %v", d)
		}
	}

	now = t0
	r = SeedRate(nil, now)
	last := poll(&r, &now, 1, 60, lim)
	if last < 45*time.Minute || last > 80*time.Minute {
		t.Errorf("an entry an hour: settled at %v, want about an hour", last)
	}
}

// TestSilentSourceGoesToMax: a source with an entry a minute, then
// silent for two weeks, is polled at max (less its jitter). The decayed
// count falls by e a day, so the busier the source was, the longer it
// takes: about ln(entries a day) days.
func TestSilentSourceGoesToMax(t *testing.T) {
	now := t0
	r := SeedRate(nil, now)
	poll(&r, &now, 60, 300, lim)
	if d := AdaptiveInterval(r, lim, now); d > 5*time.Minute {
		t.Fatalf("busy first: interval %v", d)
	}
	quiet := now
	pollUntil(&r, &now, 0, -1, quiet.Add(14*24*time.Hour), lim)
	if d := AdaptiveInterval(r, lim, now); d != lim.Max.D() {
		t.Errorf("silent for %v: interval %v, want max", now.Sub(quiet), d)
	}
	if d := NextAdaptive("src", r, lim, now).Sub(now); d > lim.Max.D() || d < lim.Max.D()*9/10 {
		t.Errorf("next run of a silent source in %v, want within the last tenth before max", d)
	}
}

// TestSeedRateFromPublicationDates: a first crawl of a feed whose ten
// entries span the last hour starts near min; one whose entries are
// years old, or undated, starts at max; a future date counts as now.
func TestSeedRateFromPublicationDates(t *testing.T) {
	var busy, old []time.Time
	for i := 0; i < 10; i++ {
		busy = append(busy, t0.Add(-time.Duration(i)*6*time.Minute-time.Minute))
		old = append(old, t0.AddDate(-2, 0, -i*30))
	}
	if d := AdaptiveInterval(SeedRate(busy, t0), lim, t0); d < 5*time.Minute || d > 8*time.Minute {
		t.Errorf("ten entries in an hour: first interval %v, want about 6m", d)
	}
	if d := AdaptiveInterval(SeedRate(old, t0), lim, t0); d != lim.Max.D() {
		t.Errorf("years-old entries: first interval %v, want max", d)
	}
	if d := AdaptiveInterval(SeedRate([]time.Time{{}, {}}, t0), lim, t0); d != lim.Max.D() {
		t.Errorf("undated entries: first interval %v, want max", d)
	}
	if r := SeedRate([]time.Time{t0.Add(-time.Hour), t0.Add(48 * time.Hour)}, t0); r.Count != 1 || !r.Since.Equal(t0.Add(-time.Hour)) {
		t.Errorf("future date: %+v", r)
	}
}

// TestAdaptiveFactorAndBounds: factor 2 halves the interval; the interval
// never leaves [min, max].
func TestAdaptiveFactorAndBounds(t *testing.T) {
	r := store.Rate{Count: 24, At: t0, Since: t0.Add(-30 * 24 * time.Hour)} // ~24 a day
	one := AdaptiveInterval(r, lim, t0)
	two := AdaptiveInterval(r, config.Adaptive{Min: lim.Min, Max: lim.Max, Factor: 2}, t0)
	if one < 55*time.Minute || one > 65*time.Minute || two < one/2-time.Second || two > one/2+time.Second {
		t.Errorf("factor 1: %v, factor 2: %v", one, two)
	}
	tight := config.Adaptive{Min: config.Duration(3 * time.Hour), Max: config.Duration(6 * time.Hour), Factor: 1}
	if d := AdaptiveInterval(r, tight, t0); d != 3*time.Hour {
		t.Errorf("rate above min: %v, want min", d)
	}
}

// TestAdaptiveErrorsBackOff: consecutive failures wait min, then twice
// as long each time, up to max; a longer fetch backoff or Retry-After
// wins.
func TestAdaptiveErrorsBackOff(t *testing.T) {
	l := config.Adaptive{Min: config.Duration(5 * time.Minute), Max: config.Duration(time.Hour), Factor: 1}
	want := []time.Duration{5 * time.Minute, 10 * time.Minute, 20 * time.Minute, 40 * time.Minute, time.Hour, time.Hour}
	for i, w := range want {
		if got := RetryDelay(i+1, time.Second, l); got != w {
			t.Errorf("failure %d: wait %v, want %v", i+1, got, w)
		}
	}
	if got := RetryDelay(1, 3*time.Hour, l); got != 3*time.Hour {
		t.Errorf("Retry-After of 3h: wait %v", got)
	}
}

// TestAdaptiveJitterSpreadsSources: silent sources of one host, crawled
// together, are not all due at the same moment.
func TestAdaptiveJitterSpreadsSources(t *testing.T) {
	r := SeedRate(nil, t0)
	seen := map[time.Time]bool{}
	for _, n := range []string{"a", "b", "c", "d", "e", "f", "g", "h"} {
		seen[NextAdaptive(n, r, lim, t0)] = true
	}
	if len(seen) < 7 {
		t.Errorf("8 sources share %d next runs", len(seen))
	}
}

// TestAdaptiveSourceInScheduler: the scheduler takes `schedule: adaptive`,
// runs the source at the next run its crawl returns, and falls back to
// min when the crawl gives none; changing the bounds makes it due at once.
func TestAdaptiveSourceInScheduler(t *testing.T) {
	clk := clock.NewFake(t0)
	rec := newRecorder(clk)
	s := NewScheduler(rec, clk, 2, slog.New(slog.NewTextHandler(io.Discard, nil)))
	a := config.Source{Name: "a", URL: "https://a.example/", Schedule: config.ScheduleAdaptive,
		Adaptive: &config.Adaptive{Min: config.Duration(2 * time.Minute), Max: config.Duration(time.Hour)}}
	if err := s.SetSources([]config.Source{a}, map[string]time.Time{"a": t0.Add(30 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	defer func() { cancel(); <-done }()

	// The stored next run holds across a restart.
	clk.WaitForTimers(1)
	clk.Advance(30 * time.Minute)
	if c := expectCall(t, rec, "a"); !c.at.Equal(t0.Add(30 * time.Minute)) {
		t.Fatalf("first crawl at %v", c.at)
	}
	clk.WaitForTimers(1)
	if got := s.Next()["a"]; !got.Equal(t0.Add(32 * time.Minute)) {
		t.Errorf("crawl gave no next run: next %v, want min after it", got)
	}
	b := a
	b.Adaptive = &config.Adaptive{Min: config.Duration(time.Minute), Max: config.Duration(time.Hour)}
	if err := s.SetSources([]config.Source{b}, nil); err != nil {
		t.Fatal(err)
	}
	if c := expectCall(t, rec, "a"); !c.at.Equal(t0.Add(30 * time.Minute)) {
		t.Errorf("after new bounds, crawled at %v, want at once", c.at)
	}
}
