package watcher

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/config"
)

var t0 = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

type call struct {
	name string
	at   time.Time
}

// recorder is a Crawler that reports every call and can hold a source's
// crawl until released.
type recorder struct {
	clk   clock.Clock
	calls chan call
	mu    sync.Mutex
	hold  map[string]chan struct{}
	fail  map[string]time.Time // source -> next run to return with an error
	inFl  map[string]int
	maxIn map[string]int
}

func newRecorder(clk clock.Clock) *recorder {
	return &recorder{clk: clk, calls: make(chan call, 100), hold: map[string]chan struct{}{},
		fail: map[string]time.Time{}, inFl: map[string]int{}, maxIn: map[string]int{}}
}

func (r *recorder) Crawl(ctx context.Context, src config.Source) (time.Time, error) {
	r.mu.Lock()
	r.inFl[src.Name]++
	r.maxIn[src.Name] = max(r.maxIn[src.Name], r.inFl[src.Name])
	h := r.hold[src.Name]
	next, failing := r.fail[src.Name]
	r.mu.Unlock()
	select {
	case r.calls <- call{src.Name, r.clk.Now()}:
	case <-ctx.Done():
	}
	if h != nil {
		select {
		case <-h:
		case <-ctx.Done():
		}
	}
	r.mu.Lock()
	r.inFl[src.Name]--
	r.mu.Unlock()
	if failing {
		return next, errors.New("boom")
	}
	return time.Time{}, nil
}

func src(name, schedule string) config.Source {
	return config.Source{Name: name, URL: "https://" + name + ".example/", Schedule: schedule}
}

func expectCall(t *testing.T, r *recorder, name string) call {
	t.Helper()
	select {
	case c := <-r.calls:
		if c.name != name {
			t.Fatalf("crawled %s, want %s", c.name, name)
		}
		return c
	case <-time.After(5 * time.Second):
		t.Fatalf("no crawl of %s", name)
	}
	return call{}
}

func expectNoCall(t *testing.T, r *recorder) {
	t.Helper()
	select {
	case c := <-r.calls:
		t.Fatalf("unexpected crawl of %s at %s", c.name, c.at)
	default:
	}
}

func start(t *testing.T, s *Scheduler) func() {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = s.Run(ctx); close(done) }()
	return func() { cancel(); <-done }
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestNeverCrawledIsDueAtOnceThenFollowsSchedule(t *testing.T) {
	clk := clock.NewFake(t0)
	r := newRecorder(clk)
	s := NewScheduler(r, clk, 4, quiet())
	if err := s.SetSources([]config.Source{src("a", "*/10 * * * *")}, nil); err != nil {
		t.Fatal(err)
	}
	defer start(t, s)()
	if c := expectCall(t, r, "a"); !c.at.Equal(t0) {
		t.Fatalf("first crawl at %s", c.at)
	}
	clk.WaitForTimers(1)
	if got := s.Next()["a"]; !got.Equal(t0.Add(10 * time.Minute)) {
		t.Fatalf("next = %s", got)
	}
	clk.Advance(9 * time.Minute)
	clk.WaitForTimers(1)
	expectNoCall(t, r)
	clk.Advance(time.Minute)
	expectCall(t, r, "a")
}

func TestCatchUpAfterDowntimeAndWaitForFuture(t *testing.T) {
	clk := clock.NewFake(t0)
	r := newRecorder(clk)
	s := NewScheduler(r, clk, 4, quiet())
	stored := map[string]time.Time{
		"missed": t0.Add(-time.Hour),      // due while the daemon was down
		"later":  t0.Add(5 * time.Minute), // not yet due
	}
	if err := s.SetSources([]config.Source{src("missed", "@every 1h"), src("later", "@every 1h")}, stored); err != nil {
		t.Fatal(err)
	}
	defer start(t, s)()
	expectCall(t, r, "missed")
	clk.WaitForTimers(1)
	expectNoCall(t, r)
	clk.Advance(5 * time.Minute)
	expectCall(t, r, "later")
}

func TestFailureNextRunComesFromCrawler(t *testing.T) {
	clk := clock.NewFake(t0)
	r := newRecorder(clk)
	r.fail["a"] = t0.Add(2 * time.Minute) // backoff chosen by the crawler
	s := NewScheduler(r, clk, 1, quiet())
	if err := s.SetSources([]config.Source{src("a", "@every 1h")}, nil); err != nil {
		t.Fatal(err)
	}
	defer start(t, s)()
	expectCall(t, r, "a")
	clk.WaitForTimers(1)
	if got := s.Next()["a"]; !got.Equal(t0.Add(2 * time.Minute)) {
		t.Fatalf("next after failure = %s", got)
	}
	clk.Advance(2 * time.Minute)
	expectCall(t, r, "a")
}

func TestSlowSourceDoesNotDelayOthersNorOverlapItself(t *testing.T) {
	clk := clock.NewFake(t0)
	r := newRecorder(clk)
	release := make(chan struct{})
	r.hold["slow"] = release
	s := NewScheduler(r, clk, 2, quiet())
	finished := make(chan string, 10)
	s.crawled = func(name string, _ time.Time) { finished <- name }
	if err := s.SetSources([]config.Source{src("slow", "@every 1m"), src("fast", "@every 1m")}, nil); err != nil {
		t.Fatal(err)
	}
	defer start(t, s)()
	seen := map[string]int{}
	for i := 0; i < 2; i++ {
		c := <-r.calls
		seen[c.name]++
	}
	if seen["slow"] != 1 || seen["fast"] != 1 {
		t.Fatalf("first round: %v", seen)
	}
	// While slow is still running, fast keeps its schedule and slow is not
	// started again.
	for i := 0; i < 3; i++ {
		if f := <-finished; f != "fast" {
			t.Fatalf("%s finished while held", f)
		}
		clk.WaitForTimers(1)
		clk.Advance(time.Minute)
		expectCall(t, r, "fast")
	}
	<-finished // fast's third crawl
	close(release)
	if f := <-finished; f != "slow" {
		t.Fatalf("finished %s, want slow", f)
	}
	// Both are now scheduled a minute on.
	clk.WaitForTimers(1)
	clk.Advance(time.Minute)
	seen = map[string]int{}
	for i := 0; i < 2; i++ {
		seen[(<-r.calls).name]++
	}
	if seen["slow"] != 1 || seen["fast"] != 1 {
		t.Fatalf("after release: %v", seen)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.maxIn["slow"] != 1 {
		t.Fatalf("slow crawled %d times at once", r.maxIn["slow"])
	}
}

func TestSetSourcesRemovesAndAdds(t *testing.T) {
	clk := clock.NewFake(t0)
	r := newRecorder(clk)
	s := NewScheduler(r, clk, 2, quiet())
	if err := s.SetSources([]config.Source{src("a", "@every 1m")}, nil); err != nil {
		t.Fatal(err)
	}
	defer start(t, s)()
	expectCall(t, r, "a")
	clk.WaitForTimers(1)
	off := false
	b := src("b", "@every 1m")
	disabled := src("c", "@every 1m")
	disabled.Enabled = &off
	if err := s.SetSources([]config.Source{b, disabled}, nil); err != nil {
		t.Fatal(err)
	}
	expectCall(t, r, "b")
	clk.WaitForTimers(1)
	clk.Advance(time.Minute)
	expectCall(t, r, "b")
	clk.WaitForTimers(1)
	expectNoCall(t, r)
	if _, ok := s.Next()["a"]; ok {
		t.Fatal("removed source still scheduled")
	}
}

func TestRunOnce(t *testing.T) {
	clk := clock.NewFake(t0)
	r := newRecorder(clk)
	r.fail["bad"] = time.Time{}
	off := false
	d := src("disabled", "@every 1m")
	d.Enabled = &off
	errs := RunOnce(context.Background(), r, []config.Source{src("a", "@hourly"), src("bad", "@hourly"), d}, 2)
	close(r.calls)
	got := map[string]bool{}
	for c := range r.calls {
		got[c.name] = true
	}
	if !got["a"] || !got["bad"] || got["disabled"] {
		t.Fatalf("crawled %v", got)
	}
	if len(errs) != 1 || errs["bad"] == nil {
		t.Fatalf("errs = %v", errs)
	}
}

// TestPastNextRunFollowsTheSchedule: a crawler that answers with a time
// already past does not make the source run again at once.
func TestPastNextRunFollowsTheSchedule(t *testing.T) {
	clk := clock.NewFake(t0)
	r := newRecorder(clk)
	r.fail["a"] = t0.Add(-time.Minute)
	s := NewScheduler(r, clk, 1, quiet())
	if err := s.SetSources([]config.Source{src("a", "@every 1h")}, nil); err != nil {
		t.Fatal(err)
	}
	defer start(t, s)()
	expectCall(t, r, "a")
	clk.WaitForTimers(1)
	if got := s.Next()["a"]; !got.Equal(t0.Add(time.Hour)) {
		t.Fatalf("next = %s, want the schedule's %s", got, t0.Add(time.Hour))
	}
	expectNoCall(t, r)
}
