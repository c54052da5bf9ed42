package app

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
	"github.com/mentionwatch/mentionwatch/internal/testenv/pgtest"
)

const clockConfig = `
storage: %s
brands:
  - name: Acme Bank
    query: '"Acme Bank"'
alerts:
  routes:
    - {when: 'true', stdout: true}
server: {listen: ""}
`

// clockDaemon builds a daemon on storage with clk, logging to the
// returned buffer.
func clockDaemon(t *testing.T, storage string, clk clock.Clock) (*Daemon, *testenv.SyncBuffer) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rules.yaml")
	if err := os.WriteFile(path, []byte(fmt.Sprintf(clockConfig, storage)), 0o600); err != nil {
		t.Fatal(err)
	}
	logs := &testenv.SyncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	c, err := Load(path, log)
	if err != nil {
		t.Fatal(err)
	}
	d, err := New(context.Background(), c, Options{ConfigPath: path, Stdout: &testenv.SyncBuffer{}, Log: log, Clock: clk})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d, logs
}

// gauge returns the value of the gauge named name in reg, false when reg
// has none.
func gauge(t *testing.T, reg *prometheus.Registry, name string) (float64, bool) {
	t.Helper()
	fams, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fams {
		if f.GetName() == name {
			return f.GetMetric()[0].GetGauge().GetValue(), true
		}
	}
	return 0, false
}

// clockLines returns the log lines about the clock.
func clockLines(logs *testenv.SyncBuffer) []string {
	var out []string
	for _, l := range strings.Split(logs.String(), "\n") {
		if strings.Contains(l, "clock") {
			out = append(out, l)
		}
	}
	return out
}

// TestClockOffsetChecked: a daemon on PostgreSQL whose clock is an hour
// behind the server's (the server keeps real time) reports an offset of
// about an hour in mentionwatch_clock_offset_seconds and logs an error —
// an hour is beyond half of the 1m lease — at once; its next check, on
// its own clock five minutes later, finds the clock set right: the gauge
// falls within a second and nothing more is logged.
func TestClockOffsetChecked(t *testing.T) {
	clk := clock.NewFake(time.Now().Add(-time.Hour))
	d, logs := clockDaemon(t, fmt.Sprintf("{url: %q, lease: 1m}", pgtest.URL(t)), clk)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { d.clockLoop(ctx) })
	defer func() { cancel(); wg.Wait() }()

	clk.WaitForRequests(1) // the first check is done: the loop waits for the next
	off, ok := gauge(t, d.reg, "mentionwatch_clock_offset_seconds")
	if !ok || off < 3600 || off > 3660 {
		t.Errorf("an hour behind: offset gauge %v (registered: %v)", off, ok)
	}
	if u, _ := gauge(t, d.reg, "mentionwatch_clock_offset_uncertainty_seconds"); u != 0 {
		t.Errorf("uncertainty %v: the fake clock stands still during a reading", u)
	}
	lines := clockLines(logs)
	if len(lines) != 1 || !strings.Contains(lines[0], "level=ERROR") ||
		!strings.Contains(lines[0], "clock is behind the database server's") || !strings.Contains(lines[0], "limit=30s") {
		t.Fatalf("an hour behind: logs\n%s", logs)
	}

	// The clock is set right; the next check, five minutes on by it, finds
	// the offset gone.
	if next, ok := clk.Next(); !ok || !next.Equal(clk.Now().Add(clockCheckEvery)) {
		t.Fatalf("next check at %v (%v), want %v", next, ok, clk.Now().Add(clockCheckEvery))
	}
	clk.Set(time.Now())
	clk.WaitForRequests(2)
	off, _ = gauge(t, d.reg, "mentionwatch_clock_offset_seconds")
	if off < -1 || off > 1 {
		t.Errorf("set right: offset gauge %v", off)
	}
	if lines := clockLines(logs); len(lines) != 1 {
		t.Errorf("set right: logs\n%s", logs)
	}
}

// TestClockOffsetLevels: within a quarter of the shortest lease nothing is
// logged; beyond it a warning; beyond half of it an error. A clock ahead
// is named so.
func TestClockOffsetLevels(t *testing.T) {
	url := pgtest.URL(t)
	ctx := context.Background()

	// The real clock agrees with the server's (one host): nothing logged.
	d, logs := clockDaemon(t, fmt.Sprintf("{url: %q, lease: 1m}", url), clock.Real{})
	d.checkClock(ctx)
	off, ok := gauge(t, d.reg, "mentionwatch_clock_offset_seconds")
	if !ok || off < -1 || off > 1 {
		t.Errorf("real clock: offset gauge %v (registered: %v)", off, ok)
	}
	if lines := clockLines(logs); len(lines) != 0 {
		t.Errorf("real clock: logs\n%s", logs)
	}

	// 20s ahead with a 1m lease: beyond a quarter (15s), within half.
	d, logs = clockDaemon(t, fmt.Sprintf("{url: %q, lease: 1m}", url), clock.NewFake(time.Now().Add(20*time.Second)))
	d.checkClock(ctx)
	if off, _ := gauge(t, d.reg, "mentionwatch_clock_offset_seconds"); off > -19 || off < -21 {
		t.Errorf("20s ahead: offset gauge %v", off)
	}
	lines := clockLines(logs)
	if len(lines) != 1 || !strings.Contains(lines[0], "level=WARN") ||
		!strings.Contains(lines[0], "clock is ahead of the database server's") || !strings.Contains(lines[0], "limit=15s") {
		t.Errorf("20s ahead: logs\n%s", logs)
	}

	// A lease longer than the digest run's: the digest's 10m is the
	// shortest, and 20s is within its quarter.
	d, logs = clockDaemon(t, fmt.Sprintf("{url: %q, lease: 1h}", url), clock.NewFake(time.Now().Add(20*time.Second)))
	d.checkClock(ctx)
	if lines := clockLines(logs); len(lines) != 0 {
		t.Errorf("20s ahead, 1h lease: logs\n%s", logs)
	}
}

// TestClockNotCheckedOnSQLite: on SQLite every daemon reads one host's
// clock: there is no gauge, no check, and the loop returns at once.
func TestClockNotCheckedOnSQLite(t *testing.T) {
	clk := clock.NewFake(time.Now().Add(-time.Hour))
	d, logs := clockDaemon(t, fmt.Sprintf("{path: %q}", filepath.Join(t.TempDir(), "mw.db")), clk)
	d.clockLoop(context.Background())
	if _, ok := gauge(t, d.reg, "mentionwatch_clock_offset_seconds"); ok {
		t.Error("SQLite: a clock offset gauge")
	}
	if clk.Requests() != 0 || len(clockLines(logs)) != 0 {
		t.Errorf("SQLite: %d timers, logs\n%s", clk.Requests(), logs)
	}
}

// TestClockLimits: the limits are a quarter and a half of the shorter of
// the lease and the digest run's 10 minutes; an unset lease (0) or a
// negative one is the default minute, as the fleet and the worker take it.
func TestClockLimits(t *testing.T) {
	for _, c := range []struct {
		lease, warn, fail time.Duration
	}{
		{time.Minute, 15 * time.Second, 30 * time.Second},
		{20 * time.Second, 5 * time.Second, 10 * time.Second},
		{time.Hour, 150 * time.Second, 5 * time.Minute},
		{0, 15 * time.Second, 30 * time.Second},
		{-time.Second, 15 * time.Second, 30 * time.Second},
	} {
		if warn, fail := clockLimits(c.lease); warn != c.warn || fail != c.fail {
			t.Errorf("clockLimits(%v) = %v, %v; want %v, %v", c.lease, warn, fail, c.warn, c.fail)
		}
	}
}

// TestClockCheckedTimestamp: mentionwatch_clock_offset_checked_timestamp_seconds
// is 0 until a reading succeeds, then the daemon's time of the last good
// reading; a failed reading leaves it (and the offset) as it was, so a
// check failing for long shows as the timestamp growing old.
func TestClockCheckedTimestamp(t *testing.T) {
	clk := clock.NewFake(time.Now().Add(-time.Hour))
	d, _ := clockDaemon(t, fmt.Sprintf("{url: %q, lease: 1m}", pgtest.URL(t)), clk)
	const name = "mentionwatch_clock_offset_checked_timestamp_seconds"
	done, cancel := context.WithCancel(context.Background())
	cancel() // a reading on an ended context fails

	d.checkClock(done)
	if ts, ok := gauge(t, d.reg, name); !ok || ts != 0 {
		t.Fatalf("before a good reading: %s %v (registered: %v), want 0", name, ts, ok)
	}
	d.checkClock(context.Background())
	good := clk.Now()
	if ts, _ := gauge(t, d.reg, name); ts != float64(good.UnixMilli())/1e3 {
		t.Errorf("after a good reading: %s %v, want %v", name, ts, float64(good.UnixMilli())/1e3)
	}
	off, _ := gauge(t, d.reg, "mentionwatch_clock_offset_seconds")
	if off < 3600 || off > 3660 {
		t.Errorf("an hour behind: offset gauge %v", off)
	}

	clk.Set(time.Now()) // the clock set right, but the reading fails
	d.checkClock(done)
	if ts, _ := gauge(t, d.reg, name); ts != float64(good.UnixMilli())/1e3 {
		t.Errorf("after a failed reading: %s %v, want the last good one's %v", name, ts, float64(good.UnixMilli())/1e3)
	}
	if o, _ := gauge(t, d.reg, "mentionwatch_clock_offset_seconds"); o != off {
		t.Errorf("after a failed reading: offset gauge %v, want the last good %v", o, off)
	}
}

// stallProxy forwards loopback TCP connections to a server; while stalled
// it holds every byte it reads in either direction, as a connection whose
// peer has stopped answering.
type stallProxy struct {
	ln     net.Listener
	target string
	gate   sync.RWMutex // held for writing while stalled
}

func newStallProxy(t *testing.T, target string) *stallProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &stallProxy{ln: ln, target: target}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			mu.Lock()
			conns = append(conns, c, s)
			mu.Unlock()
			wg.Go(func() { p.pipe(s, c) })
			wg.Go(func() { p.pipe(c, s) })
		}
	})
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return p
}

func (p *stallProxy) pipe(dst, src net.Conn) {
	defer dst.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			p.gate.RLock()
			_, werr := dst.Write(buf[:n])
			p.gate.RUnlock()
			if werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// TestClockCheckBounded: a reading of the server's clock on a connection
// that stops answering ends at the check's timeout, with a warning and
// the gauges as they were, rather than holding up the loop or run --once;
// once the connection answers again the next check succeeds.
func TestClockCheckBounded(t *testing.T) {
	u, err := url.Parse(pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	p := newStallProxy(t, u.Host)
	u.Host = p.ln.Addr().String()
	clk := clock.NewFake(time.Now())
	d, logs := clockDaemon(t, fmt.Sprintf("{url: %q, lease: 1m}", u.String()), clk)
	if d.clockMet.timeout != clockCheckTimeout {
		t.Errorf("reading bounded by %v, want %v", d.clockMet.timeout, clockCheckTimeout)
	}
	d.clockMet.timeout = 300 * time.Millisecond
	const name = "mentionwatch_clock_offset_checked_timestamp_seconds"

	d.checkClock(context.Background())
	good, _ := gauge(t, d.reg, name)
	if good != float64(clk.Now().UnixMilli())/1e3 {
		t.Fatalf("through the proxy: %s %v, want %v; logs\n%s", name, good, float64(clk.Now().UnixMilli())/1e3, logs)
	}

	p.gate.Lock()
	clk.Advance(clockCheckEvery)
	done := make(chan time.Duration, 1)
	go func() {
		start := time.Now()
		d.checkClock(context.Background())
		done <- time.Since(start)
	}()
	select {
	case took := <-done:
		if took < 300*time.Millisecond {
			t.Errorf("stalled: the check returned after %v, before its timeout", took)
		}
	case <-time.After(clockCheckTimeout):
		p.gate.Unlock()
		<-done
		t.Fatal("stalled: the check still reading after 10s")
	}
	p.gate.Unlock()
	if ts, _ := gauge(t, d.reg, name); ts != good {
		t.Errorf("stalled: %s %v, want the last good %v", name, ts, good)
	}
	if lines := clockLines(logs); len(lines) != 1 || !strings.Contains(lines[0], "cannot read the database server's clock") {
		t.Errorf("stalled: logs\n%s", logs)
	}

	clk.Advance(clockCheckEvery)
	d.checkClock(context.Background())
	if ts, _ := gauge(t, d.reg, name); ts != float64(clk.Now().UnixMilli())/1e3 {
		t.Errorf("answering again: %s %v, want %v; logs\n%s", name, ts, float64(clk.Now().UnixMilli())/1e3, logs)
	}
}
