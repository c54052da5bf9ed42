package app

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
	"github.com/mentionwatch/mentionwatch/internal/testenv/pgtest"
	"github.com/mentionwatch/mentionwatch/watcher/websub"
	"github.com/mentionwatch/mentionwatch/watcher/websub/websubtest"
)

// pushFleet is two daemons with the same config on one database, behind
// one base_url: a loopback balancer that sends each callback request to
// the daemon the test names. Each daemon has a fake clock of its own, so
// that the test decides which one's schedule runs.
type pushFleet struct {
	t     *testing.T
	start time.Time
	hub   *websubtest.Hub
	*hubFeed
	d       [2]*Daemon
	clk     [2]*clock.Fake
	out     [2]*signalBuffer
	logs    [2]*testenv.SyncBuffer
	crawled chan int // the daemon that crawled the Blog

	mu     sync.Mutex
	route  int           // the daemon callbacks go to
	routed chan struct{} // closed once route is set
	hits   map[string]int
}

const pushFleetConfig = `
storage: %s
http: {min_delay: 0s, timeout: 5s, robots: false, max_body: 64KB}
brands:
  - name: Acme Bank
    query: '"Acme Bank"'
sources:
  - name: Blog
    url: %s/atom
    schedule: '@every 15m'
alerts:
  routes:
    - {when: 'true', stdout: true}
server: {listen: %q, base_url: %q}
`

func newPushFleet(t *testing.T, pg bool) *pushFleet {
	e := &pushFleet{t: t, start: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC), crawled: make(chan int, 16),
		routed: make(chan struct{}), hits: map[string]int{}}
	e.hub = websubtest.New(t)
	e.hub.Lease = 2 * time.Hour
	e.hubFeed = newHubFeed(t, e.hub.URL, e.start)

	dir := t.TempDir()
	// The lease outlasts the 15 minutes by which the test moves one
	// daemon's clock ahead of the other's: claims compare times of two
	// clocks, which in production agree (NTP) to well within a lease.
	storage := fmt.Sprintf("{path: %q, lease: 1h}", filepath.Join(dir, "mw.db"))
	if pg {
		storage = fmt.Sprintf("{url: %q, lease: 1h}", pgtest.URL(t))
	}
	var addrs [2]string
	var proxies [2]*httputil.ReverseProxy
	for i := range 2 {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addrs[i] = ln.Addr().String()
		ln.Close()
		proxies[i] = httputil.NewSingleHostReverseProxy(&url.URL{Scheme: "http", Host: addrs[i]})
	}
	lb := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-e.routed
		e.mu.Lock()
		i := e.route
		e.hits[fmt.Sprintf("%s %d", r.Method, i)]++
		e.mu.Unlock()
		proxies[i].ServeHTTP(w, r)
	}))
	t.Cleanup(lb.Close)

	// Both are built before either runs: neither has a subscription in
	// memory when the first crawl finds the hub.
	ready := make(chan string, 2)
	for i := range 2 {
		e.clk[i] = clock.NewFake(e.start)
		e.out[i] = &signalBuffer{wrote: make(chan struct{}, 1)}
		e.logs[i] = &testenv.SyncBuffer{}
		path := filepath.Join(dir, fmt.Sprintf("rules%d.yaml", i))
		cfg := fmt.Sprintf(pushFleetConfig, storage, e.feedSrv.URL, addrs[i], lb.URL)
		if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
			t.Fatal(err)
		}
		log := slog.New(slog.NewTextHandler(e.logs[i], &slog.HandlerOptions{Level: slog.LevelDebug})).With("daemon", i)
		c, err := Load(path, log)
		if err != nil {
			t.Fatal(err)
		}
		i := i
		e.d[i], err = New(context.Background(), c, Options{ConfigPath: path, Stdout: e.out[i], Log: log, Clock: e.clk[i],
			Ready: func(a string) { ready <- a }, AfterCrawl: func(s string, err error) {
				if err != nil {
					t.Errorf("daemon %d: crawl of %s: %v", i, s, err)
				}
				e.crawled <- i
			}})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { e.d[i].Close() })
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := e.d[i].Run(ctx); err != nil {
				t.Error(err)
			}
		}()
	}
	t.Cleanup(func() {
		e.setRoute(0) // a request held by the balancer goes on
		cancel()
		wg.Wait()
		if t.Failed() {
			for i := range 2 {
				t.Logf("daemon %d log:\n%s", i, e.logs[i].String())
			}
		}
	})
	<-ready
	<-ready
	return e
}

// setRoute sends the callback requests to daemon i from now on.
func (e *pushFleet) setRoute(i int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.route = i
	select {
	case <-e.routed:
	default:
		close(e.routed)
	}
}

func (e *pushFleet) hit(method string, i int) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.hits[fmt.Sprintf("%s %d", method, i)]
}

func (e *pushFleet) event() websubtest.Event {
	e.t.Helper()
	return hubEvent(e.t, e.hub)
}

func (e *pushFleet) nextCrawl() int {
	e.t.Helper()
	select {
	case i := <-e.crawled:
		return i
	case <-time.After(patience):
		e.t.Fatal("no crawl")
	}
	return -1
}

// alerted waits until one of the daemons has alerted title, and returns
// how many times the two have.
func (e *pushFleet) alerted(title string) int {
	e.t.Helper()
	deadline := time.After(patience)
	for {
		n := strings.Count(e.out[0].String(), title) + strings.Count(e.out[1].String(), title)
		if n > 0 {
			return n
		}
		select {
		case <-e.out[0].wrote:
		case <-e.out[1].wrote:
		case <-deadline:
			e.t.Fatalf("%q was not alerted", title)
		}
	}
}

func (e *pushFleet) row() store.WebSub {
	e.t.Helper()
	w, err := e.d[0].Store().WebSubBySource(context.Background(), "Blog")
	if err != nil {
		e.t.Fatal(err)
	}
	return w
}

// documentRows counts the Blog's document rows by document id.
func (e *pushFleet) documentRows() map[string]int {
	e.t.Helper()
	rows, err := e.d[0].Store().DB().QueryContext(context.Background(),
		`SELECT id, COUNT(*) FROM documents WHERE source = 'Blog' GROUP BY id`)
	if err != nil {
		e.t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			e.t.Fatal(err)
		}
		out[id] = n
	}
	if err := rows.Err(); err != nil {
		e.t.Fatal(err)
	}
	return out
}

// TestPushFleet: two daemons on one database (an SQLite file, and
// PostgreSQL at SERIALIZABLE) behind one base_url. The daemon whose crawl
// finds the hub subscribes, once; the hub's verification, sent to the
// other daemon, is answered there; a push reaching either daemon is
// stored and alerted once; the other daemon's next crawl of the feed,
// which now carries the pushed entries, stores no document row again,
// counts nothing new, alerts nothing and makes no second subscription;
// the renewal, due for both daemons at once, is sent by one; a push while
// the other daemon holds the source's lease waits for it, or is stored
// without it when it stays held; a callback superseded by another daemon
// is gone on every daemon.
func TestPushFleet(t *testing.T) {
	for _, pg := range []bool{false, true} {
		name := "sqlite"
		if pg {
			name = "postgres"
		}
		t.Run(name, func(t *testing.T) { testPushFleet(t, pg) })
	}
}

func testPushFleet(t *testing.T, pg bool) {
	e := newPushFleet(t, pg)
	ctx := context.Background()
	// Both schedules run the Blog at start; one daemon gets its lease.
	x := e.nextCrawl()
	y := 1 - x
	e.setRoute(y) // the hub's verification reaches the other daemon
	ev := e.event()
	if ev.Mode != websub.ModeSubscribe || !ev.Verified || ev.Topic != e.topic {
		t.Fatalf("subscription: %+v", ev)
	}
	if e.hit(http.MethodGet, y) != 1 || e.hit(http.MethodGet, x) != 0 {
		t.Fatalf("verifications: daemon %d %d, daemon %d %d", y, e.hit(http.MethodGet, y), x, e.hit(http.MethodGet, x))
	}
	sub := e.row()
	if sub.State != store.WebSubVerified || !strings.HasSuffix(ev.Callback, "/websub/"+sub.ID) {
		t.Fatalf("stored: %s %s, callback %s", sub.State, sub.ID, ev.Callback)
	}
	if n := len(e.hub.Subscriptions(e.topic)); n != 1 {
		t.Fatalf("the hub has %d subscriptions", n)
	}

	// A push through each daemon: stored and alerted once.
	p1 := atomEntry("p1", "Acme Bank froze my card", "Acme Bank froze my card for no reason.", e.start)
	p2 := atomEntry("p2", "Acme Bank opened a branch", "Acme Bank opened a branch downtown.", e.start)
	for _, c := range []struct {
		to    int
		entry string
		title string
	}{{y, p1, "Acme Bank froze my card"}, {x, p2, "Acme Bank opened a branch"}} {
		e.setRoute(c.to)
		got, err := e.hub.Publish(e.topic, "application/atom+xml", []byte(atomFeed(e.hub.URL, e.topic, c.entry)))
		if err != nil || got[ev.Callback] != http.StatusAccepted {
			t.Fatalf("publish through daemon %d: %v %v", c.to, got, err)
		}
		if e.hit(http.MethodPost, c.to) == 0 {
			t.Fatalf("the push did not reach daemon %d", c.to)
		}
		e.alerted(c.title)
	}
	ls, err := e.d[0].Store().SourceLeases(ctx)
	if err != nil || len(ls) != 1 || ls[0].Seq != 3 || !ls[0].NextRunAt.Equal(e.start.Add(15*time.Minute)) {
		t.Errorf("the pushes did not count as leased crawls keeping the schedule: %+v %v", ls, err)
	}
	docsBefore := e.documentRows()
	mentionsBefore, err := e.d[0].Store().Mentions(ctx, store.MentionFilter{})
	if err != nil || len(mentionsBefore) != 2 {
		t.Fatalf("mentions after the pushes: %d %v", len(mentionsBefore), err)
	}

	// The feed now carries the pushed entries. Daemon y's schedule runs
	// the Blog next (only its clock moves).
	e.setFeed(p2, p1, atomEntry("old", "Weather", "Sunny all week.", e.start.Add(-time.Hour)))
	e.clk[y].Set(e.start.Add(15 * time.Minute))
	if got := e.nextCrawl(); got != y {
		t.Fatalf("daemon %d crawled, want %d", got, y)
	}
	if docs := e.documentRows(); fmt.Sprint(docs) != fmt.Sprint(docsBefore) || len(docs) != 3 {
		t.Errorf("document rows after daemon %d's crawl: %v, before %v", y, docs, docsBefore)
	}
	for id, n := range e.documentRows() {
		if n != 1 {
			t.Errorf("document %s stored %d times", id, n)
		}
	}
	st, err := e.d[y].Store().Source(ctx, "Blog")
	if err != nil || st.ItemsSeen != 3 {
		t.Errorf("daemon %d counted %d items seen, want 3 (its seen index missed a pushed document): %v", y, st.ItemsSeen, err)
	}
	if ms, _ := e.d[0].Store().Mentions(ctx, store.MentionFilter{}); len(ms) != 2 {
		t.Errorf("%d mentions after the crawl", len(ms))
	}
	if again := e.row(); again.ID != sub.ID || again.Secret != sub.Secret {
		t.Errorf("daemon %d's crawl replaced the subscription", y)
	}

	// The renewal (the hub granted 2 h: due after 1 h) is due for both
	// daemons at once: both have read the row, and both passes find it
	// due; one sends it.
	before := e.row()
	e.setRoute(x)
	at := e.start.Add(time.Hour)
	cfg := e.d[0].pipeline.Compiled().Cfg
	for i := range 2 {
		e.d[i].pusher.refresh(ctx)
		if due := dueAt(e.d[i].pusher.subs["Blog"]); due.After(at) {
			t.Fatalf("daemon %d: renewal due at +%s", i, due.Sub(e.start))
		}
	}
	for _, i := range []int{x, y} {
		e.d[i].pusher.subscribe(ctx, cfg, before, at)
	}
	ev = e.event()
	if ev.Mode != websub.ModeSubscribe || !ev.Verified || ev.Callback != "" && !strings.HasSuffix(ev.Callback, sub.ID) {
		t.Fatalf("renewal: %+v", ev)
	}
	after := e.row()
	// One claim and its verification: two changes of the row.
	if after.Rev != before.Rev+2 || !after.RequestedAt.Equal(at) || !after.ExpiresAt.Equal(e.clk[x].Now().Add(2*time.Hour)) {
		t.Errorf("after the renewal: rev %d (before %d), requested +%s, expires +%s", after.Rev, before.Rev,
			after.RequestedAt.Sub(e.start), after.ExpiresAt.Sub(e.start))
	}
	select {
	case ev := <-e.hub.Events():
		t.Errorf("a second request reached the hub: %+v", ev)
	default:
	}
	if n := len(e.hub.Subscriptions(e.topic)); n != 1 {
		t.Errorf("the hub has %d subscriptions", n)
	}

	// A push while the other daemon holds the source's lease (mid-crawl)
	// waits for it; when it stays held the push is stored without it.
	held := func() *store.Lease {
		l, _, err := e.d[y].Store().ClaimSource(ctx, "Blog", e.clk[y].Now(), time.Minute, true)
		if err != nil || l == nil {
			t.Fatalf("daemon %d could not hold the lease: %v", y, err)
		}
		return l
	}
	seq := func() int64 {
		ls, err := e.d[0].Store().SourceLeases(ctx)
		if err != nil || len(ls) != 1 {
			t.Fatalf("leases: %v %v", ls, err)
		}
		return ls[0].Seq
	}
	publish := func(entry string) chan error {
		done := make(chan error, 1)
		go func() {
			got, err := e.hub.Publish(e.topic, "application/atom+xml", []byte(atomFeed(e.hub.URL, e.topic, entry)))
			if err == nil && got[ev.Callback] != http.StatusAccepted {
				err = fmt.Errorf("answered %v", got)
			}
			done <- err
		}()
		return done
	}
	seq0 := seq()
	l := held()
	done := publish(atomEntry("p3", "Acme Bank raised its fees", "Acme Bank raised its fees again.", e.start))
	e.waitLeaseRetry(x)
	if strings.Contains(e.out[0].String()+e.out[1].String(), "raised its fees") {
		t.Error("the push was stored while the lease was held")
	}
	if err := l.Release(ctx, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.retryUntilAnswered(x, done); err != nil {
		t.Fatal(err)
	}
	e.alerted("Acme Bank raised its fees")
	if got := seq(); got != seq0+1 {
		t.Errorf("a push stored once the lease was free: seq %d, want %d", got, seq0+1)
	}
	l = held()
	done = publish(atomEntry("p4", "Acme Bank closed a branch", "Acme Bank closed a branch.", e.start))
	waits, err := e.retryUntilAnswered(x, done)
	if err != nil {
		t.Fatal(err)
	}
	if waits < pushLeaseTries-1 {
		t.Errorf("the push was stored without the lease after %d waits, want %d", waits, pushLeaseTries-1)
	}
	e.alerted("Acme Bank closed a branch")
	if got := seq(); got != seq0+1 {
		t.Errorf("a push stored without the lease counted as a leased crawl: seq %d", got)
	}
	if err := l.Release(ctx, time.Time{}); err != nil {
		t.Fatal(err)
	}

	// Another daemon replaces the subscription (the feed named a new hub:
	// a new callback id and secret). A push to the old callback, signed
	// with the old secret, is refused by a daemon that still has the old
	// one in memory.
	old := e.row()
	if w, ok := e.d[x].pusher.subs["Blog"]; !ok || w.ID != old.ID {
		t.Fatalf("daemon %d does not have the subscription in memory", x)
	}
	repl := store.WebSub{Source: "Blog", ID: "replacement", Secret: "another", Hub: e.hub.URL + "/2", Topic: e.topic,
		State: store.WebSubPending}
	if _, ok, err := e.d[y].Store().CreateWebSub(ctx, repl, old.Rev); err != nil || !ok {
		t.Fatalf("replacing the subscription: %v %v", ok, err)
	}
	e.setRoute(x)
	stale := []byte(atomFeed(e.hub.URL, e.topic, atomEntry("p5", "Acme Bank stale push", "Acme Bank stale.", e.start)))
	if st, err := e.hub.PushRaw(ev.Callback, e.topic, "application/atom+xml", stale, websub.Sign("sha256", []byte(old.Secret), stale)); err != nil || st != http.StatusGone {
		t.Errorf("a push to the superseded callback answered %d %v", st, err)
	}
	if strings.Contains(e.out[0].String()+e.out[1].String(), "stale push") {
		t.Error("a push to the superseded callback was alerted")
	}

	for _, title := range []string{"Acme Bank froze my card", "Acme Bank opened a branch", "Acme Bank raised its fees", "Acme Bank closed a branch"} {
		if n := strings.Count(e.out[0].String(), title) + strings.Count(e.out[1].String(), title); n != 1 {
			t.Errorf("%q alerted %d times", title, n)
		}
	}
}

// retryUntilAnswered moves daemon i's clock on by pushLeaseWait each time
// a timer is due then — its push waiting for the source's lease — until
// the push is answered, and returns how many waits it let pass and the
// push's error. Another of the daemon's timers due at the same instant is
// let pass too (a minute's tick), so the count is at least the push's
// waits; watching for the answer rather than counting the waits keeps a
// push that asked for its timer a moment later from being left waiting.
func (e *pushFleet) retryUntilAnswered(i int, done <-chan error) (int, error) {
	e.t.Helper()
	c := e.clk[i]
	waits := 0
	for {
		deadline := time.After(patience)
		asked := c.Asked()
		if next, ok := c.Next(); ok && next.Equal(c.Now().Add(pushLeaseWait)) {
			c.Advance(pushLeaseWait)
			waits++
			continue
		}
		select {
		case err := <-done:
			return waits, err
		case <-asked:
		case <-deadline:
			e.t.Fatalf("daemon %d's push neither waited for the lease nor was answered", i)
		}
	}
}

// waitLeaseRetry waits until daemon i's push waits for its source's lease:
// its earliest timer is pushLeaseWait from its now.
func (e *pushFleet) waitLeaseRetry(i int) {
	e.t.Helper()
	c := e.clk[i]
	deadline := time.After(patience)
	for {
		asked := c.Asked()
		if next, ok := c.Next(); ok && next.Equal(c.Now().Add(pushLeaseWait)) {
			return
		}
		select {
		case <-asked:
		case <-deadline:
			e.t.Fatalf("daemon %d's push did not wait for the lease", i)
		}
	}
}
