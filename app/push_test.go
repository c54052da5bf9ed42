package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
	"github.com/mentionwatch/mentionwatch/watcher/websub"
	"github.com/mentionwatch/mentionwatch/watcher/websub/websubtest"
)

// signalBuffer is a SyncBuffer that says when it is written to, so that a
// test waits for an alert instead of sleeping.
type signalBuffer struct {
	testenv.SyncBuffer
	wrote chan struct{}
}

func (b *signalBuffer) Write(p []byte) (int, error) {
	n, err := b.SyncBuffer.Write(p)
	select {
	case b.wrote <- struct{}{}:
	default:
	}
	return n, err
}

// waitFor waits until the output holds want.
func (b *signalBuffer) waitFor(t testing.TB, want string) {
	t.Helper()
	deadline := time.After(patience)
	for !strings.Contains(b.String(), want) {
		select {
		case <-b.wrote:
		case <-deadline:
			t.Fatalf("no alert with %q; output:\n%s", want, b.String())
		}
	}
}

// pushEnv is a daemon on a fake clock, serving on loopback, with a feed
// whose Atom names a test hub.
type pushEnv struct {
	t     testing.TB
	clk   *clock.Fake
	start time.Time
	hub   *websubtest.Hub
	*hubFeed
	cfgPath string
	addr    string
	d       *Daemon
	out     *signalBuffer
	crawled chan string
	logs    *testenv.SyncBuffer
}

// hubFeed is a loopback Atom feed that names a hub: its entries change with
// setFeed while daemons crawl it.
type hubFeed struct {
	hubURL  string
	topic   string // the feed's self link, the topic subscribed to
	feedSrv *httptest.Server

	feedMu sync.Mutex
	feed   string
}

// newHubFeed serves a feed naming hub, with one old entry.
func newHubFeed(t testing.TB, hub string, start time.Time) *hubFeed {
	f := &hubFeed{hubURL: hub}
	f.feedSrv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.feedMu.Lock()
		defer f.feedMu.Unlock()
		w.Header().Set("Content-Type", "application/atom+xml")
		io.WriteString(w, f.feed)
	}))
	t.Cleanup(f.feedSrv.Close)
	f.topic = f.feedSrv.URL + "/atom?canonical"
	f.setFeed(atomEntry("old", "Weather", "Sunny all week.", start.Add(-time.Hour)))
	return f
}

// setFeed replaces the feed's entries.
func (f *hubFeed) setFeed(entries ...string) {
	f.feedMu.Lock()
	defer f.feedMu.Unlock()
	f.feed = atomFeed(f.hubURL, f.topic, entries...)
}

const pushConfig = `
storage: {path: %q}
http: {min_delay: 0s, timeout: 5s, robots: false, max_body: 64KB}
brands:
  - name: Acme Bank
    query: '"Acme Bank" OR "Акме Банк"'
sources:
  - name: Blog
    url: %s/atom
    schedule: '@every 15m'
    push: %s
alerts:
  routes:
    - {when: 'true', stdout: true}
server: {listen: %q, base_url: %q}
`

func atomFeed(hub, self string, entries ...string) string {
	return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>` +
		`<id>urn:blog</id><updated>2026-12-01T10:00:00Z</updated>` +
		`<link rel="hub" href="` + hub + `"/><link rel="self" href="` + self + `"/>` + strings.Join(entries, "") + `</feed>`
}

func atomEntry(id, title, text string, at time.Time) string {
	return fmt.Sprintf(`<entry><id>urn:%s</id><title>%s</title><link href="https://blog.example/%s"/><updated>%s</updated><content type="text">%s</content></entry>`,
		id, title, id, at.Format(time.RFC3339), text)
}

func newPushEnv(t testing.TB, hubLease time.Duration) *pushEnv {
	e := &pushEnv{t: t, start: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC), crawled: make(chan string, 16),
		out: &signalBuffer{wrote: make(chan struct{}, 1)}, logs: &testenv.SyncBuffer{}}
	e.clk = clock.NewFake(e.start)
	e.hub = websubtest.New(t)
	e.hub.Lease, e.hub.Now = hubLease, e.clk.Now
	e.hubFeed = newHubFeed(t, e.hub.URL, e.start)

	// A free loopback port, so that base_url can name it before start.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	e.addr = ln.Addr().String()
	ln.Close()
	dir := t.TempDir()
	e.cfgPath = filepath.Join(dir, "rules.yaml")
	e.writeConfig("auto")
	log := slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := Load(e.cfgPath, log)
	if err != nil {
		t.Fatal(err)
	}
	ready := make(chan string, 1)
	e.d, err = New(context.Background(), c, Options{ConfigPath: e.cfgPath, Stdout: e.out, Log: log, Clock: e.clk,
		Ready: func(a string) { ready <- a }, AfterCrawl: func(s string, err error) {
			if err != nil {
				t.Errorf("crawl of %s: %v", s, err)
			}
			e.crawled <- s
		}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.d.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
		e.d.Close()
		if t.Failed() {
			t.Logf("daemon log:\n%s", e.logs.String())
		}
		if strings.Contains(e.logs.String(), e.sub().Secret) && e.sub().Secret != "" {
			t.Error("a subscription secret was logged")
		}
	})
	if got := <-ready; got != e.addr {
		t.Fatalf("serving on %s, want %s", got, e.addr)
	}
	return e
}

func (e *pushEnv) writeConfig(push string) {
	dir := filepath.Dir(e.cfgPath)
	cfg := fmt.Sprintf(pushConfig, filepath.Join(dir, "mw.db"), e.feedSrv.URL, push, e.addr, "http://"+e.addr)
	if err := os.WriteFile(e.cfgPath, []byte(cfg), 0o600); err != nil {
		e.t.Fatal(err)
	}
}

// sub is the Blog's subscription as the daemon keeps it.
func (e *pushEnv) sub() store.WebSub {
	e.d.pusher.mu.Lock()
	defer e.d.pusher.mu.Unlock()
	return e.d.pusher.subs["Blog"]
}

// event waits for the hub's next verification of intent.
func (e *pushEnv) event() websubtest.Event {
	e.t.Helper()
	return hubEvent(e.t, e.hub)
}

// hubEvent waits for hub's next verification of intent.
func hubEvent(t testing.TB, hub *websubtest.Hub) websubtest.Event {
	t.Helper()
	select {
	case ev := <-hub.Events():
		return ev
	case <-time.After(patience):
		t.Fatal("the hub verified nothing")
	}
	return websubtest.Event{}
}

// crawl moves the clock to at and waits for the Blog's crawl there.
func (e *pushEnv) crawl(at time.Time) store.SourceState {
	e.t.Helper()
	e.clk.Set(at)
	select {
	case <-e.crawled:
	case <-time.After(patience):
		e.t.Fatalf("no crawl at %s", at.Sub(e.start))
	}
	st, err := e.d.Store().Source(context.Background(), "Blog")
	if err != nil {
		e.t.Fatal(err)
	}
	e.scheduled(st.NextRunAt)
	return st
}

// scheduled waits until the scheduler has taken the Blog's next run (it
// does once the crawl has returned, after AfterCrawl): the clock must not
// move before it has.
func (e *pushEnv) scheduled(next time.Time) {
	e.t.Helper()
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	deadline := time.After(patience)
	for !e.d.sched.Next()["Blog"].Equal(next) {
		select {
		case <-tick.C:
		case <-deadline:
			e.t.Fatalf("the scheduler did not take the next run +%s", next.Sub(e.start))
		}
	}
}

func (e *pushEnv) metrics() string {
	e.t.Helper()
	res, err := http.Get("http://" + e.addr + "/metrics")
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

func (e *pushEnv) mentionTitles() string {
	e.t.Helper()
	ms, err := e.d.Store().Mentions(context.Background(), store.MentionFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	var titles []string
	for _, m := range ms {
		titles = append(titles, m.Title)
	}
	return strings.Join(titles, "|")
}

// TestPushEndToEnd: a feed naming a hub is subscribed to at start; the
// hub's verification is answered; a signed push is stored and alerted at
// once through the real server and pipeline; forged and unsigned pushes
// are dropped and counted; a topic nobody asked for is refused; the lease
// is renewed before it ends; polling slows while pushes arrive and comes
// back when they stop; a reload with push: false unsubscribes.
func TestPushEndToEnd(t *testing.T) {
	e := newPushEnv(t, 2*time.Hour)
	<-e.crawled // the first crawl, at start, discovers the hub
	e.scheduled(e.start.Add(15 * time.Minute))
	ev := e.event()
	if ev.Mode != websub.ModeSubscribe || !ev.Verified || ev.Topic != e.topic || ev.Lease != pushLease || ev.Granted != 2*time.Hour {
		t.Fatalf("subscription: %+v", ev)
	}
	if !strings.HasPrefix(ev.Callback, "http://"+e.addr+"/websub/") {
		t.Fatalf("callback %s", ev.Callback)
	}
	sub := e.sub()
	if sub.State != store.WebSubVerified || !sub.ExpiresAt.Equal(e.start.Add(2*time.Hour)) || len(sub.Secret) < 32 ||
		strings.Contains(ev.Callback, sub.Secret) {
		t.Fatalf("subscription kept: state %s, expires %s", sub.State, sub.ExpiresAt)
	}
	if stored, err := e.d.Store().WebSubBySource(context.Background(), "Blog"); err != nil || stored.State != store.WebSubVerified {
		t.Fatalf("subscription stored: %s %v", stored.State, err)
	}

	// A verification for a topic we did not ask for, or at an unknown
	// callback, is refused.
	if st, body, ch, _ := e.hub.Verify(ev.Callback, websub.ModeSubscribe, "https://other.example/feed", time.Hour); st != http.StatusNotFound || strings.Contains(body, ch) {
		t.Errorf("unknown topic verified: %d %q", st, body)
	}
	if st, _, _, _ := e.hub.Verify("http://"+e.addr+"/websub/nosuchid", websub.ModeSubscribe, e.topic, time.Hour); st != http.StatusNotFound {
		t.Errorf("unknown callback: %d", st)
	}
	if st, _, _, _ := e.hub.Verify(ev.Callback, websub.ModeUnsubscribe, e.topic, 0); st != http.StatusNotFound {
		t.Errorf("an unsubscription nobody asked for was verified: %d", st)
	}

	// A signed push: stored and alerted at once, on a clock that has not
	// moved.
	body := []byte(atomFeed(e.hub.URL, e.topic,
		atomEntry("p1", "Acme Bank froze my card", "Acme Bank froze my card for no reason, the worst bank ever.", e.start)))
	t0 := time.Now()
	got, err := e.hub.Publish(e.topic, "application/atom+xml", body)
	if err != nil || got[ev.Callback] != http.StatusAccepted {
		t.Fatalf("publish: %v %v", got, err)
	}
	e.out.waitFor(t, "Acme Bank froze my card")
	first := time.Since(t0)
	if !strings.Contains(e.mentionTitles(), "Acme Bank froze my card") {
		t.Fatal("the pushed mention was not stored")
	}
	// Warm: the lexicon and connections are ready.
	var warm []time.Duration
	for i := range 5 {
		title := fmt.Sprintf("Acme Bank story %d", i)
		body := []byte(atomFeed(e.hub.URL, e.topic, atomEntry(fmt.Sprintf("w%d", i), title, "Acme Bank opened a branch.", e.start)))
		t0 := time.Now()
		if _, err := e.hub.Publish(e.topic, "application/atom+xml", body); err != nil {
			t.Fatal(err)
		}
		e.out.waitFor(t, title)
		warm = append(warm, time.Since(t0))
	}
	t.Logf("publish → alert on loopback: first %s (loads the sentiment lexicon), then %v", first, warm)

	// A forged push (a signature by another key) and an unsigned one are
	// answered 2xx like a good one, and change nothing.
	forged := []byte(atomFeed(e.hub.URL, e.topic, atomEntry("f1", "Acme Bank is bankrupt", "Acme Bank is bankrupt, withdraw now.", e.start)))
	if st, err := e.hub.PushRaw(ev.Callback, e.topic, "application/atom+xml", forged, websub.Sign("sha256", []byte("guess"), forged)); err != nil || st != http.StatusAccepted {
		t.Errorf("forged push answered %d %v", st, err)
	}
	if st, err := e.hub.PushRaw(ev.Callback, e.topic, "application/atom+xml", forged, ""); err != nil || st != http.StatusAccepted {
		t.Errorf("unsigned push answered %d %v", st, err)
	}
	if st, _ := e.hub.PushRaw("http://"+e.addr+"/websub/nosuchid", e.topic, "application/atom+xml", forged, "sha256=00"); st != http.StatusGone {
		t.Errorf("push to an unknown callback answered %d", st)
	}
	// Too large for http.max_body, even well signed.
	big := []byte(atomFeed(e.hub.URL, e.topic, atomEntry("b1", "Acme Bank", strings.Repeat("x", 70<<10), e.start)))
	if st, _ := e.hub.PushRaw(ev.Callback, e.topic, "application/atom+xml", big, websub.Sign("sha256", []byte(sub.Secret), big)); st != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized push answered %d", st)
	}
	if titles := e.mentionTitles(); strings.Contains(titles, "bankrupt") || strings.Contains(titles, "xxxx") {
		t.Errorf("a rejected push was stored: %s", titles)
	}
	m := e.metrics()
	for _, want := range []string{
		`mentionwatch_push_received_total{source="Blog"} 6`,
		`mentionwatch_push_rejected_total{reason="bad_signature"} 1`,
		`mentionwatch_push_rejected_total{reason="unsigned"} 1`,
		`mentionwatch_push_rejected_total{reason="unknown"} 1`,
		`mentionwatch_push_rejected_total{reason="too_large"} 1`,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(m, sub.Secret) || strings.Contains(e.logs.String(), sub.Secret) {
		t.Error("the secret leaked into metrics or logs")
	}
	if strings.Contains(e.out.String(), "bankrupt") {
		t.Error("a forged push was alerted")
	}

	// Polling slows while pushes arrive: the crawl at 15 m puts the next
	// one an hour later (4 × 15 m), not 15 m.
	if st := e.crawl(e.start.Add(15 * time.Minute)); !st.NextRunAt.Equal(e.start.Add(75 * time.Minute)) {
		t.Errorf("next poll while pushed to: +%s, want +1h15m", st.NextRunAt.Sub(e.start))
	}
	// The lease (2 h, granted) is renewed an hour before it ends.
	e.clk.Set(e.start.Add(time.Hour))
	ev = e.event()
	if ev.Mode != websub.ModeSubscribe || !ev.Verified || !ev.At.Before(e.start.Add(2*time.Hour)) {
		t.Fatalf("renewal: %+v", ev)
	}
	if sub := e.sub(); !sub.ExpiresAt.Equal(e.start.Add(3*time.Hour)) || sub.State != store.WebSubVerified {
		t.Errorf("after renewal: expires +%s, state %s", sub.ExpiresAt.Sub(e.start), sub.State)
	}
	if st := e.crawl(e.start.Add(75 * time.Minute)); !st.NextRunAt.Equal(e.start.Add(135 * time.Minute)) {
		t.Errorf("next poll at 1h15m: +%s, want +2h15m", st.NextRunAt.Sub(e.start))
	}
	e.clk.Set(e.start.Add(2 * time.Hour))
	if ev := e.event(); !ev.Verified || !ev.At.Equal(e.start.Add(2*time.Hour)) {
		t.Fatalf("second renewal: %+v", ev)
	}
	// No push for longer than a lease: polling is back to its schedule.
	if st := e.crawl(e.start.Add(135 * time.Minute)); !st.NextRunAt.Equal(e.start.Add(150 * time.Minute)) {
		t.Errorf("next poll once pushes stopped: +%s, want +2h30m", st.NextRunAt.Sub(e.start))
	}

	// push: false on reload unsubscribes at the hub, which verifies it.
	e.writeConfig("false")
	if !e.d.Reload(context.Background()) {
		t.Fatal("reload refused")
	}
	ev = e.event()
	if ev.Mode != websub.ModeUnsubscribe || !ev.Verified {
		t.Fatalf("unsubscription: %+v", ev)
	}
	if _, err := e.d.Store().WebSubBySource(context.Background(), "Blog"); err == nil {
		t.Error("the subscription is still stored after the hub verified its end")
	}
	if n := len(e.hub.Subscriptions(e.topic)); n != 0 {
		t.Errorf("the hub still has %d subscriptions", n)
	}
}

// TestPushDenied: a hub's denial is recorded and logged; pushes after it
// are dropped even when signed.
func TestPushDenied(t *testing.T) {
	e := newPushEnv(t, 0)
	<-e.crawled
	ev := e.event()
	if !ev.Verified || ev.Granted != 10*24*time.Hour {
		t.Fatalf("subscription: %+v", ev)
	}
	if st, err := e.hub.Deny(ev.Callback, "https://other.example/", "no"); err != nil || st != http.StatusNotFound {
		t.Errorf("a denial of another topic: %d %v", st, err)
	}
	secret := e.sub().Secret
	if st, err := e.hub.Deny(ev.Callback, e.topic, "too many subscriptions\x1b[31m"); err != nil || st != http.StatusOK {
		t.Fatalf("denial answered %d %v", st, err)
	}
	sub := e.sub()
	if sub.State != store.WebSubDenied || sub.Reason != "too many subscriptions [31m" {
		t.Errorf("after denial: %s %q", sub.State, sub.Reason)
	}
	if !strings.Contains(e.logs.String(), "denied the subscription") {
		t.Error("the denial was not logged")
	}
	body := []byte(atomFeed(e.hub.URL, e.topic, atomEntry("d1", "Acme Bank after denial", "Acme Bank news.", e.start)))
	if st, _ := e.hub.PushRaw(ev.Callback, e.topic, "application/atom+xml", body, websub.Sign("sha512", []byte(secret), body)); st != http.StatusAccepted {
		t.Errorf("push after denial answered %d", st)
	}
	if strings.Contains(e.mentionTitles(), "after denial") {
		t.Error("a push after denial was stored")
	}
	if m := e.metrics(); !strings.Contains(m, `mentionwatch_push_rejected_total{reason="not_subscribed"} 1`) {
		t.Error("the push after denial was not counted")
	}
}

// TestPushTimes: when a lease is renewed, and how much a pushed source's
// polling slows.
func TestPushTimes(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct{ lease, want time.Duration }{
		{10 * 24 * time.Hour, 9 * 24 * time.Hour}, // 90 % before lease − 1 h
		{5 * time.Hour, 4 * time.Hour},            // lease − 1 h before 90 %
		{90 * time.Minute, 45 * time.Minute},      // never before half
		{time.Second, pushMinRenew},               // nor more often than 5 min
	} {
		if got := renewAt(store.WebSub{VerifiedAt: t0, Lease: c.lease}).Sub(t0); got != c.want {
			t.Errorf("lease %s: renewed after %s, want %s", c.lease, got, c.want)
		}
	}
	u := &pusher{subs: map[string]store.WebSub{}}
	src := config.Source{Name: "Blog"}
	u.subs["Blog"] = store.WebSub{Source: "Blog", State: store.WebSubVerified, Lease: 24 * time.Hour,
		VerifiedAt: t0, ExpiresAt: t0.Add(24 * time.Hour), LastPushAt: t0}
	for _, c := range []struct {
		name      string
		now       time.Time
		expires   time.Duration // after t0
		interval  time.Duration
		wantAfter time.Duration
	}{
		{"15 min schedule, pushed: an hour", t0.Add(time.Hour), 24 * time.Hour, 15 * time.Minute, time.Hour},
		{"2 min schedule: 8 min", t0.Add(time.Hour), 24 * time.Hour, 2 * time.Minute, 8 * time.Minute},
		{"hourly schedule: kept", t0.Add(time.Hour), 24 * time.Hour, time.Hour, time.Hour},
		{"no push within the lease: schedule", t0.Add(25 * time.Hour), 48 * time.Hour, 15 * time.Minute, 15 * time.Minute},
		{"never later than the expiry", t0.Add(23*time.Hour + 30*time.Minute), 24 * time.Hour, 15 * time.Minute, 30 * time.Minute},
		{"expired: schedule", t0.Add(25 * time.Hour), 24 * time.Hour, 15 * time.Minute, 15 * time.Minute},
	} {
		w := u.subs["Blog"]
		w.ExpiresAt = t0.Add(c.expires)
		u.subs["Blog"] = w
		if got := u.pollNext(src, c.now, c.now.Add(c.interval)).Sub(c.now); got != c.wantAfter {
			t.Errorf("%s: next poll after %s, want %s", c.name, got, c.wantAfter)
		}
	}
	if got := u.pollNext(config.Source{Name: "Other"}, t0, t0.Add(time.Minute)); !got.Equal(t0.Add(time.Minute)) {
		t.Errorf("a source without subscription: %s", got.Sub(t0))
	}
}

func TestInternalHost(t *testing.T) {
	for raw, want := range map[string]bool{
		"http://127.0.0.1:8080/hub": true, "http://localhost/hub": true, "http://10.1.2.3/": true,
		"http://[::1]/": true, "http://169.254.169.254/latest": true, "http://192.168.0.1/": true,
		"https://pubsubhubbub.appspot.com/": false, "https://8.8.8.8/": false,
	} {
		if got := internalHost(raw); got != want {
			t.Errorf("%s: %v", raw, got)
		}
	}
}

// BenchmarkPushToAlert measures a push from the hub's publish to its
// alert on stdout, through the daemon's HTTP server, the pipeline, the
// outbox and the worker, on loopback.
func BenchmarkPushToAlert(b *testing.B) {
	e := newPushEnv(b, 0)
	<-e.crawled
	if ev := e.event(); !ev.Verified {
		b.Fatalf("subscription: %+v", ev)
	}
	// The first mention loads the sentiment lexicon: not measured.
	warm := []byte(atomFeed(e.hub.URL, e.topic, atomEntry("warm", "Acme Bank warm-up", "Acme Bank opened a branch.", e.start)))
	if _, err := e.hub.Publish(e.topic, "application/atom+xml", warm); err != nil {
		b.Fatal(err)
	}
	e.out.waitFor(b, "Acme Bank warm-up")
	b.ResetTimer()
	for i := range b.N {
		title := fmt.Sprintf("Acme Bank item %d", i)
		body := []byte(atomFeed(e.hub.URL, e.topic, atomEntry(fmt.Sprintf("b%d", i), title, "Acme Bank opened a branch.", e.start)))
		if _, err := e.hub.Publish(e.topic, "application/atom+xml", body); err != nil {
			b.Fatal(err)
		}
		e.out.waitFor(b, title+"\n")
	}
}
