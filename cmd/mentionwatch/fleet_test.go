package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/internal/testenv/pgtest"
)

// The three-daemon test: three `mentionwatch run` processes share one
// store and crawl a feed farm (the crawl benchmark's generator) served
// over loopback HTTP, alerting a Slack-protocol server. One is killed with
// SIGKILL in the middle of a crawl and restarted. Every planted mention
// must be stored once and alerted once, every source crawled in every
// period, and no lease held by the dead daemon after its expiry.

const (
	fleetFeeds   = 48
	fleetEvery   = 2 * time.Second // each source's schedule
	fleetLease   = 3 * time.Second // storage.lease
	fleetBrand   = "Zyxwen"
	fleetChannel = "C0FLEET01"
	fleetHeld    = "feeds/0003.xml" // its first fetch is held until its crawler is killed
)

// fleetStore is the store the daemons share: its rules.yaml storage
// section, and a handle for the test's own checks.
type fleetStore struct {
	yaml string
	loc  string // a file path or a postgres:// URL, for store.Open
	db   *sql.DB
	pg   bool
}

// newFleetStore makes the shared store: an SQLite file in dir, or a fresh
// PostgreSQL database of the throwaway cluster.
func newFleetStore(t *testing.T, dir string, pg bool) fleetStore {
	t.Helper()
	driver, dsn := "sqlite3", "file:"+filepath.Join(dir, "fleet.db")+"?_busy_timeout=10000&mode=ro"
	loc := filepath.Join(dir, "fleet.db")
	yaml := fmt.Sprintf("storage: {path: %q, lease: %s}\n", loc, fleetLease)
	if pg {
		loc = pgtest.URL(t)
		driver, dsn = "pgx", loc
		yaml = fmt.Sprintf("storage: {url: %q, lease: %s}\n", loc, fleetLease)
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return fleetStore{yaml: yaml, loc: loc, db: db, pg: pg}
}

// q writes query's ? placeholders as $1, $2… for PostgreSQL.
func (f fleetStore) q(query string) string {
	if !f.pg {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// feedFarm serves the generated feeds from dir/www with strong ETags (no
// Last-Modified: a file rewritten within a second must not look
// unchanged), records when each feed was fetched, and holds the first
// fetch of fleetHeld until release is closed.
type feedFarm struct {
	dir     string
	held    chan struct{} // closed when the held fetch arrives
	release chan struct{}

	mu      sync.Mutex
	fetches map[string][]time.Time
	hold    sync.Once
	fetched chan struct{} // a token after each fetch (capacity 1)
}

func (f *feedFarm) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimPrefix(r.URL.Path, "/")
	if p == "robots.txt" {
		io.WriteString(w, "User-agent: *\nAllow: /\n")
		return
	}
	f.mu.Lock()
	f.fetches[p] = append(f.fetches[p], time.Now())
	f.mu.Unlock()
	signal(f.fetched)
	if p == fleetHeld {
		f.hold.Do(func() {
			close(f.held)
			<-f.release
		})
	}
	f.mu.Lock()
	body, err := os.ReadFile(filepath.Join(f.dir, "www", filepath.FromSlash(p)))
	f.mu.Unlock()
	if err != nil {
		http.NotFound(w, r)
		return
	}
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml")
	w.Write(body)
}

// plant adds an item naming the brand at the top of feed n and returns
// its URL.
func (f *feedFarm) plant(t *testing.T, n, k int) string {
	t.Helper()
	path := filepath.Join(f.dir, "www", "feeds", fmt.Sprintf("%04d.xml", n))
	f.mu.Lock()
	defer f.mu.Unlock()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	link := fmt.Sprintf("https://planted.example/%d/%d", n, k)
	item := fmt.Sprintf(`<item><title>%s news %d-%d</title><link>%s</link><guid isPermaLink="true">%s</guid>
<pubDate>%s</pubDate><description>Customers say %s changed its app (%d, %d).</description></item>
`, fleetBrand, n, k, link, link, time.Now().UTC().Format(time.RFC1123Z), fleetBrand, n, k)
	s := strings.Replace(string(b), "<item>", item+"<item>", 1)
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return link
}

// fetchesSince counts the fetches of feed n at or after since.
func (f *feedFarm) fetchesSince(n int, since time.Time) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := 0
	for _, at := range f.fetches[fmt.Sprintf("feeds/%04d.xml", n)] {
		if !at.Before(since) {
			c++
		}
	}
	return c
}

// signal puts a token in ch unless one waits there already.
func signal(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// slackCounter speaks chat.postMessage and conversations.history, and
// counts the mention ids each message carries in its metadata.
type slackCounter struct {
	mu     sync.Mutex
	ids    map[int64]int
	posts  []map[string]any // conversations.history messages
	posted chan struct{}    // a token after each message (capacity 1)
}

func (s *slackCounter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), 400)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case strings.HasSuffix(r.URL.Path, "/chat.postMessage"):
		var md struct {
			EventType    string         `json:"event_type"`
			EventPayload map[string]any `json:"event_payload"`
		}
		_ = json.Unmarshal([]byte(r.Form.Get("metadata")), &md)
		ids, _ := md.EventPayload["mention_ids"].([]any)
		for _, v := range ids {
			if f, ok := v.(float64); ok {
				s.ids[int64(f)]++
			}
		}
		ts := fmt.Sprintf("%d.%06d", time.Now().Unix(), len(s.posts)+1)
		s.posts = append(s.posts, map[string]any{"type": "message", "ts": ts, "text": r.Form.Get("text"),
			"metadata": map[string]any{"event_type": md.EventType, "event_payload": md.EventPayload}})
		json.NewEncoder(w).Encode(map[string]any{"ok": true, "channel": r.Form.Get("channel"), "ts": ts})
		signal(s.posted)
	case strings.HasSuffix(r.URL.Path, "/conversations.history"):
		msgs := slices.Clone(s.posts)
		slices.Reverse(msgs)
		json.NewEncoder(w).Encode(map[string]any{"ok": true, "messages": msgs, "has_more": false,
			"response_metadata": map[string]any{"next_cursor": ""}})
	default:
		json.NewEncoder(w).Encode(map[string]any{"ok": false, "error": "unknown_method"})
	}
}

func (s *slackCounter) counts() map[int64]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[int64]int, len(s.ids))
	for k, v := range s.ids {
		out[k] = v
	}
	return out
}

// fleetDaemon is one `mentionwatch run` process.
type fleetDaemon struct {
	cmd  *exec.Cmd
	done chan struct{}
}

func startFleetDaemon(t *testing.T, bin, cfg, logPath string) *fleetDaemon {
	t.Helper()
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "run", "-c", cfg)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	d := &fleetDaemon{cmd: cmd, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); logf.Close(); close(d.done) }()
	t.Cleanup(func() { _ = cmd.Process.Kill(); <-d.done })
	return d
}

func (d *fleetDaemon) owner(t *testing.T, db *sql.DB) string {
	t.Helper()
	return ownerOfPid(t, db, d.cmd.Process.Pid)
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, what string, within time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", within, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitOn checks cond after each event on events (and every half second,
// for what no event announces) until it holds. It fails when stuck
// reports a reason — the daemons made the progress that should have met
// cond, and it still does not hold — or, as a guard against a hang only,
// after guard.
func waitOn(t *testing.T, what string, guard time.Duration, events <-chan struct{}, cond func() bool, stuck func() string) {
	t.Helper()
	deadline := time.After(guard)
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if why := stuck(); why != "" {
			t.Fatalf("waiting for %s: %s", what, why)
		}
		select {
		case <-events:
		case <-tick.C:
		case <-deadline:
			t.Fatalf("no %s after %s", what, guard)
		}
	}
}

// fetchesStuck is how many fetches of a feed make crawls enough to store
// what it holds, however slow the machine: a crawl that loses its
// transaction runs again at once, one that loses its lease leaves the
// source to the daemon that took it.
const fetchesStuck = 6

// ownerOfPid finds the owner id (host-pid-suffix) a process claims under.
func ownerOfPid(t *testing.T, db *sql.DB, pid int) string {
	t.Helper()
	var owner string
	waitFor(t, fmt.Sprintf("a lease of process %d", pid), 10*time.Second, func() bool {
		rows, err := db.Query(`SELECT DISTINCT owner FROM source_leases`)
		if err != nil {
			return false
		}
		defer rows.Close()
		for rows.Next() {
			var o string
			rows.Scan(&o)
			if strings.Contains(o, "-"+strconv.Itoa(pid)+"-") {
				owner = o
				return true
			}
		}
		return false
	})
	return owner
}

func TestThreeDaemonsOneStore(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and starts processes")
	}
	t.Run("sqlite", func(t *testing.T) { threeDaemons(t, false) })
	t.Run("postgres", func(t *testing.T) { threeDaemons(t, true) })
}

func threeDaemons(t *testing.T, pg bool) {
	dir := t.TempDir()
	fs := newFleetStore(t, dir, pg)
	bin := filepath.Join(dir, "mentionwatch")
	gen := filepath.Join(dir, "gen")
	for _, b := range [][2]string{{bin, "."}, {gen, "../../bench/crawl/gen"}} {
		out, err := exec.Command("go", "build", "-o", b[0], b[1]).CombinedOutput()
		if err != nil {
			t.Fatalf("go build %s: %v\n%s", b[1], err, out)
		}
	}

	farm := &feedFarm{dir: dir, held: make(chan struct{}), release: make(chan struct{}), fetches: map[string][]time.Time{},
		fetched: make(chan struct{}, 1)}
	srv := httptest.NewServer(farm)
	defer srv.Close()
	defer func() {
		select {
		case <-farm.release:
		default:
			close(farm.release)
		}
	}()
	slack := &slackCounter{ids: map[int64]int{}, posted: make(chan struct{}, 1)}
	slackSrv := httptest.NewServer(slack)
	defer slackSrv.Close()

	// The benchmark's feeds, with no brand of ours in them (-mention 0).
	out, err := exec.Command(gen, "-dir", dir, "-feeds", strconv.Itoa(fleetFeeds), "-items", "5", "-mention", "0",
		"-base", srv.URL).CombinedOutput()
	if err != nil {
		t.Fatalf("gen: %v\n%s", err, out)
	}
	var planted []string
	for n := 0; n < fleetFeeds; n += 4 { // before the start: found by the first crawls
		planted = append(planted, farm.plant(t, n, 1))
	}
	planted = append(planted, farm.plant(t, 3, 1))

	var cfg strings.Builder
	cfg.WriteString("version: 1\n" + fs.yaml)
	fmt.Fprintf(&cfg, `log: {level: info}
server: {listen: "127.0.0.1:0"}
http: {workers: 8, per_host: 8, min_delay: 0s, timeout: 20s, robots: true}
brands:
  - {name: %s, query: '%s'}
alerts:
  slack: {token: xoxb-fleet-test, api_url: %q}
  retry: {initial: 200ms, max: 1s}
  routes:
    - {name: all, when: 'true', slack: %s}
sources:
`, fleetBrand, strings.ToLower(fleetBrand), slackSrv.URL+"/api/", fleetChannel)
	for n := 0; n < fleetFeeds; n++ {
		fmt.Fprintf(&cfg, "  - {name: feed-%04d, type: feed, url: \"%s/feeds/%04d.xml\", schedule: \"@every %s\"}\n",
			n, srv.URL, n, fleetEvery)
	}
	cfgPath := filepath.Join(dir, "rules.yaml")
	if err := os.WriteFile(cfgPath, []byte(cfg.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "check", "-c", cfgPath).CombinedOutput(); err != nil {
		t.Fatalf("check: %v\n%s", err, out)
	}

	var daemons []*fleetDaemon
	for i := 0; i < 3; i++ {
		daemons = append(daemons, startFleetDaemon(t, bin, cfgPath, filepath.Join(dir, fmt.Sprintf("daemon%d.log", i))))
	}
	db := fs.db
	defer func() {
		lost := 0
		for i := range 4 {
			b, _ := os.ReadFile(filepath.Join(dir, fmt.Sprintf("daemon%d.log", i)))
			lost += strings.Count(string(b), "lost to a concurrent transaction")
		}
		t.Logf("%d crawls lost their transaction after the store's retries and ran again", lost)
		if t.Failed() {
			for i := range 4 {
				b, _ := os.ReadFile(filepath.Join(dir, fmt.Sprintf("daemon%d.log", i)))
				t.Logf("daemon%d log (tail):\n%s", i, tail(string(b), 3000))
			}
		}
	}()

	// Kill the daemon whose crawl of the held feed is in flight.
	select {
	case <-farm.held:
	case <-time.After(time.Minute): // a guard: the first crawls start at once
		t.Fatal("the held feed was never fetched")
	}
	var heldOwner string
	waitFor(t, "the held feed's lease", 5*time.Second, func() bool {
		return db.QueryRow(`SELECT owner FROM source_leases WHERE source = 'feed-0003' AND lease_until > 0`).Scan(&heldOwner) == nil
	})
	victim := -1
	for i, d := range daemons {
		if strings.Contains(heldOwner, "-"+strconv.Itoa(d.cmd.Process.Pid)+"-") {
			victim = i
		}
	}
	if victim < 0 {
		t.Fatalf("the held feed's lease belongs to %q, none of the daemons", heldOwner)
	}
	if err := daemons[victim].cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-daemons[victim].done
	killedAt := time.Now()
	close(farm.release)
	t.Logf("killed daemon %d (%s) in its crawl of feed-0003", victim, heldOwner)

	// Its leases end by their expiry (killedAt + lease at most, as the last
	// renewal was before the kill); then the others take its sources.
	var expiry int64
	db.QueryRow(fs.q(`SELECT COALESCE(MAX(lease_until), 0) FROM source_leases WHERE owner = ?`), heldOwner).Scan(&expiry)
	if exp := time.UnixMilli(expiry); exp.After(killedAt.Add(fleetLease)) {
		t.Errorf("the dead daemon's leases run until %s, past kill + lease (%s)", exp, killedAt.Add(fleetLease))
	}
	waitOn(t, "feed-0003 crawled by a live daemon", time.Minute, farm.fetched, func() bool {
		var owner string
		var seq int
		err := db.QueryRow(`SELECT owner, seq FROM source_leases WHERE source = 'feed-0003'`).Scan(&owner, &seq)
		return err == nil && owner != heldOwner && seq > 0
	}, func() string {
		if n := farm.fetchesSince(3, killedAt); n >= fetchesStuck {
			return fmt.Sprintf("feed-0003 fetched %d times since the kill, no crawl of it saved", n)
		}
		return ""
	})
	waitFor(t, "the dead daemon's leases to expire", fleetLease+time.Second, func() bool {
		return time.Now().UnixMilli() > expiry
	})
	now := time.Now().UnixMilli()
	var heldByDead int
	db.QueryRow(fs.q(`SELECT COUNT(*) FROM source_leases WHERE owner = ? AND lease_until > ?`), heldOwner, now).Scan(&heldByDead)
	if heldByDead != 0 {
		t.Errorf("%d leases still held by the dead daemon after their expiry", heldByDead)
	}

	// Restart it; plant more mentions while all three run.
	daemons[victim] = startFleetDaemon(t, bin, cfgPath, filepath.Join(dir, "daemon3.log"))
	restarted := time.Now()
	daemons[victim].owner(t, db)
	plantedAt := time.Now()
	feedOf := map[string]int{} // feed of each mention planted now
	for n := 1; n < fleetFeeds; n += 6 {
		u := farm.plant(t, n, 2)
		planted, feedOf[u] = append(planted, u), n
	}
	u := farm.plant(t, 3, 2)
	planted, feedOf[u] = append(planted, u), 3

	// Every planted mention is stored and alerted.
	mentionIDs := func() map[string][]int64 {
		out := map[string][]int64{}
		rows, err := db.Query(`SELECT id, url FROM mentions`)
		if err != nil {
			return out
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var u string
			rows.Scan(&id, &u)
			out[u] = append(out[u], id)
		}
		return out
	}
	// An alert is the last step of a planted mention: wait on them. A
	// feed fetched fetchesStuck times since its mention was planted has
	// had crawls enough to store it, whatever the machine's speed.
	var missing []string
	waitOn(t, "every planted mention alerted", 2*time.Minute, slack.posted, func() bool {
		ms := mentionIDs()
		c := slack.counts()
		missing = missing[:0]
		for _, u := range planted {
			switch {
			case len(ms[u]) == 0:
				missing = append(missing, u+" (not stored)")
			case c[ms[u][0]] == 0:
				missing = append(missing, u+" (not alerted)")
			}
		}
		return len(missing) == 0
	}, func() string {
		ms := mentionIDs()
		for u, n := range feedOf {
			if len(ms[u]) == 0 && farm.fetchesSince(n, plantedAt) >= fetchesStuck {
				return fmt.Sprintf("%s not stored after %d fetches of its feed (missing: %v)", u, fetchesStuck, missing)
			}
		}
		return ""
	})
	// Two more periods of all three running, then stop them.
	end := time.Now().Add(2 * fleetEvery)
	waitFor(t, "two more periods", 3*fleetEvery, func() bool { return time.Now().After(end) })
	for _, d := range daemons {
		d.cmd.Process.Signal(syscall.SIGTERM)
	}
	for _, d := range daemons {
		select {
		case <-d.done:
		case <-time.After(15 * time.Second):
			t.Fatal("a daemon did not stop on SIGTERM")
		}
	}
	stopped := time.Now()

	ms := mentionIDs()
	counts := slack.counts()
	total := 0
	for u, ids := range ms {
		total += len(ids)
		if !slices.Contains(planted, u) {
			t.Errorf("unplanted mention %s stored", u)
		}
	}
	for _, u := range planted {
		if len(ms[u]) != 1 {
			t.Errorf("planted mention %s stored %d times", u, len(ms[u]))
			continue
		}
		if n := counts[ms[u][0]]; n != 1 {
			t.Errorf("planted mention %s (id %d) alerted %d times", u, ms[u][0], n)
		}
	}
	if len(counts) != total {
		t.Errorf("%d mentions alerted, %d stored", len(counts), total)
	}
	var docs, distinct int
	db.QueryRow(`SELECT COUNT(*), COUNT(DISTINCT id) FROM documents`).Scan(&docs, &distinct)
	if docs != distinct {
		t.Errorf("%d documents stored for %d distinct ones", docs, distinct)
	}

	// Every source crawled in every period while the daemons ran: no gap
	// between fetches of a feed longer than a period plus the lease (a
	// source held by the dead daemon waits for its lease to expire) plus
	// some slack for a loaded machine.
	maxGap := fleetEvery + fleetLease + 2*time.Second
	farm.mu.Lock()
	fetches := farm.fetches
	farm.mu.Unlock()
	crawls := 0
	for n := 0; n < fleetFeeds; n++ {
		p := fmt.Sprintf("feeds/%04d.xml", n)
		ts := fetches[p]
		crawls += len(ts)
		prev := restarted
		for _, at := range append(slices.Clone(ts), stopped) {
			if at.Before(restarted) {
				continue
			}
			if gap := at.Sub(prev); gap > maxGap {
				t.Errorf("%s not fetched for %s (from %s)", p, gap.Round(time.Millisecond), prev.Format("15:04:05.000"))
			}
			prev = at
		}
	}
	periods := stopped.Sub(restarted).Seconds() / fleetEvery.Seconds()
	t.Logf("%d sources, %d fetches over the run, %.1f periods after the restart; %d planted mentions, %d alerts",
		fleetFeeds, crawls, periods, len(planted), len(counts))

	// Which daemon took how many sources (the last holder of each).
	st, err := store.Open(context.Background(), fs.loc)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ls, err := st.SourceLeases(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	share := map[string]int{}
	for _, l := range ls {
		share[l.Owner]++
		if l.Owner == heldOwner && l.Held(stopped) {
			t.Errorf("lease of %s held by the dead daemon at the end", l.Source)
		}
	}
	t.Logf("last holder of each source: %v", share)
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}
