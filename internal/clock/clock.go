// Package clock abstracts time so that schedules, backoff and periods can
// be tested with a fake clock instead of sleeps.
package clock

import (
	"sort"
	"sync"
	"time"
)

// Clock tells the time and makes timers.
type Clock interface {
	Now() time.Time
	// After returns a channel that receives the time once d has passed,
	// and a function that stops the timer.
	After(d time.Duration) (<-chan time.Time, func())
	// At is After for an absolute time: it fires once the clock reads t.
	At(t time.Time) (<-chan time.Time, func())
}

// Real is the system clock.
type Real struct{}

// Now returns time.Now().
func (Real) Now() time.Time { return time.Now() }

// After starts a real timer.
func (Real) After(d time.Duration) (<-chan time.Time, func()) {
	t := time.NewTimer(d)
	return t.C, func() { t.Stop() }
}

// At starts a real timer that fires at t.
func (Real) At(t time.Time) (<-chan time.Time, func()) {
	tm := time.NewTimer(time.Until(t))
	return tm.C, func() { tm.Stop() }
}

// Fake is a clock that moves only when told to. It is safe for concurrent
// use. Tests learn that the code under test has gone to sleep from the
// timers it asks for (WaitForTimers, WaitForRequests), never by sleeping.
type Fake struct {
	mu       sync.Mutex
	changed  *sync.Cond // broadcast whenever a timer is asked for
	now      time.Time
	timers   []*fakeTimer
	requests int           // timers ever asked for
	asked    chan struct{} // closed at the next request (Asked)
}

type fakeTimer struct {
	at time.Time
	ch chan time.Time
}

// NewFake returns a fake clock set to t.
func NewFake(t time.Time) *Fake {
	f := &Fake{now: t}
	f.changed = sync.NewCond(&f.mu)
	return f
}

// Now returns the fake time.
func (f *Fake) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

// After registers a timer that fires when the clock reaches now+d.
func (f *Fake) After(d time.Duration) (<-chan time.Time, func()) {
	return f.at(func(now time.Time) time.Time { return now.Add(d) })
}

// At registers a timer that fires when the clock reaches t.
func (f *Fake) At(t time.Time) (<-chan time.Time, func()) {
	return f.at(func(time.Time) time.Time { return t })
}

func (f *Fake) at(when func(now time.Time) time.Time) (<-chan time.Time, func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := &fakeTimer{at: when(f.now), ch: make(chan time.Time, 1)}
	if !t.at.After(f.now) {
		t.ch <- f.now
	} else {
		f.timers = append(f.timers, t)
	}
	f.requests++
	f.changed.Broadcast()
	if f.asked != nil {
		close(f.asked)
		f.asked = nil
	}
	return t.ch, func() { f.stop(t) }
}

func (f *Fake) stop(t *fakeTimer) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, x := range f.timers {
		if x == t {
			f.timers = append(f.timers[:i], f.timers[i+1:]...)
			return
		}
	}
}

// Advance moves the clock forward by d, firing every timer due by then in
// order.
func (f *Fake) Advance(d time.Duration) { f.Set(f.Now().Add(d)) }

// Set moves the clock to t (never backwards), firing due timers.
func (f *Fake) Set(t time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if t.After(f.now) {
		f.now = t
	}
	sort.SliceStable(f.timers, func(i, j int) bool { return f.timers[i].at.Before(f.timers[j].at) })
	keep := f.timers[:0]
	for _, x := range f.timers {
		if !x.at.After(f.now) {
			x.ch <- f.now
		} else {
			keep = append(keep, x)
		}
	}
	f.timers = keep
}

// Timers returns how many timers are waiting.
func (f *Fake) Timers() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.timers)
}

// Next returns when the earliest waiting timer fires, false when none
// waits.
func (f *Fake) Next() (time.Time, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.timers) == 0 {
		return time.Time{}, false
	}
	m := f.timers[0].at
	for _, x := range f.timers {
		if x.at.Before(m) {
			m = x.at
		}
	}
	return m, true
}

// WaitForTimers blocks until at least n timers are waiting: the way a test
// knows the code under test has gone to sleep, without sleeping itself.
func (f *Fake) WaitForTimers(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for len(f.timers) < n {
		f.changed.Wait()
	}
}

// Requests returns how many timers were asked for so far, fired or not.
func (f *Fake) Requests() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.requests
}

// WaitForRequests blocks until at least n timers were asked for in all:
// for code that may ask for a timer already due, which never waits.
func (f *Fake) WaitForRequests(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for f.requests < n {
		f.changed.Wait()
	}
}

// Asked returns a channel that is closed when the next timer is asked for,
// for a test that waits on it beside other channels.
func (f *Fake) Asked() <-chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.asked == nil {
		f.asked = make(chan struct{})
	}
	return f.asked
}
