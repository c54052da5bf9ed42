package app

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
)

// TestChaosHelperLockDB is not a test: it is the other process of
// TestChaosSQLiteBusy. It takes the write lock of the SQLite database
// MW_LOCK_DB, says "locked" on stdout, and lets it go when stdin closes.
func TestChaosHelperLockDB(t *testing.T) {
	path := os.Getenv("MW_LOCK_DB")
	if path == "" {
		t.Skip("run by TestChaosSQLiteBusy")
	}
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	c, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	fmt.Println("locked")
	_, _ = io.Copy(io.Discard, os.Stdin)
	if _, err := c.ExecContext(ctx, `ROLLBACK`); err != nil {
		t.Fatal(err)
	}
}

// lockDB starts a process that holds the write lock of the database at
// path; the returned function lets it go and waits for the process.
func lockDB(t *testing.T, path string) (unlock func()) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChaosHelperLockDB$")
	cmd.Env = append(os.Environ(), "MW_LOCK_DB="+path)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	if !sc.Scan() || sc.Text() != "locked" {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("the lock holder did not take the lock: %q", sc.Text())
	}
	var once sync.Once
	unlock = func() {
		once.Do(func() {
			stdin.Close()
			_, _ = io.Copy(io.Discard, stdout)
			if err := cmd.Wait(); err != nil {
				t.Errorf("lock holder: %v", err)
			}
		})
	}
	t.Cleanup(unlock)
	return unlock
}

// TestChaosSQLiteBusy: while the daemon is fetching a source, another
// process takes the SQLite write lock and holds it — shorter than the
// store's busy timeout (10 s), and longer. The daemon stores nothing
// while the lock is held. Within the timeout the crawl waits for the
// lock and then stores; beyond it the crawl fails on the lock, writes
// nothing, and runs again a minute later (storeErrorWait, on the fake
// clock). Either way the mention is stored and alerted once, and the
// earlier one is not alerted again.
func TestChaosSQLiteBusy(t *testing.T) {
	if testing.Short() {
		t.Skip("holds a lock for seconds")
	}
	for _, tc := range []struct {
		name   string
		hold   time.Duration
		failed bool // the crawl fails on the lock and is run again
	}{
		{"within busy timeout", 3 * time.Second, false},
		{"beyond busy timeout", 12 * time.Second, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
			site := newSite(t)
			site.setFeed(item("1", "Acme Bank froze my card", "Acme Bank froze my card.", start.Add(-time.Hour)))
			slow := newHeldFeed(t, start.Add(-time.Hour), false)

			slack := newSlackWire(t, "", "pr-alerts")
			path, db := twoSourceConfig(t, site.srv.URL+"/feed.xml", slow.url(), slack.webhookURL())
			clk := clock.NewFake(start)
			logs := &testenv.SyncBuffer{}
			log := slog.New(slog.NewTextHandler(logs, nil))
			d, events, stop := runDaemon(t, path, log, clk)
			defer stop()
			next := func(source string) crawlEvent {
				t.Helper()
				for {
					select {
					case e := <-events:
						if e.source == source {
							return e
						}
					case <-time.After(patience):
						t.Fatalf("no crawl of %s\n%s", source, logs.String())
					}
				}
			}
			if e := next("News"); e.err != nil {
				t.Fatal(e.err)
			}
			slow.waitHeld(t)

			unlock := lockDB(t, db)
			slow.letGo()
			<-slow.answered
			// The scenario: the lock stays taken this long after the
			// daemon has the whole answer.
			time.Sleep(tc.hold)
			storedWhileLocked := newMentionsOf(logs.String(), "Slow")
			unlock()
			if storedWhileLocked != 0 {
				t.Errorf("the daemon stored Slow's mention while the lock was held:\n%s", logs.String())
			}

			e := next("Slow")
			if tc.failed {
				if e.err == nil || !strings.Contains(e.err.Error(), "database is locked") {
					t.Fatalf("crawl of Slow: %v, want the lock's error", e.err)
				}
				st, err := d.Store().Source(context.Background(), "Slow")
				if err != nil && !errors.Is(err, store.ErrNotFound) {
					t.Fatal(err)
				}
				if st.ItemsSeen != 0 || st.Crawled {
					t.Errorf("the failed crawl stored something: %+v", st)
				}
				waitUntil(t, "the scheduler to take Slow's next run", patience, func() bool {
					return d.sched.Next()["Slow"].After(start)
				})
				at := d.sched.Next()["Slow"]
				if want := start.Add(storeErrorWait); at.After(want) {
					t.Errorf("Slow runs again at %s, want by %s", at, want)
				}
				clk.Set(at)
				e = next("Slow")
			}
			if e.err != nil {
				t.Fatalf("crawl of Slow: %v", e.err)
			}
			if n := newMentionsOf(logs.String(), "Slow"); n != 1 {
				t.Errorf("Slow's mention stored %d times, want 1:\n%s", n, logs.String())
			}
			waitOutboxEmpty(context.Background(), t, d, logs.String)
			ms := mentionsOf(t, d)
			if len(ms) != 2 {
				t.Fatalf("%d mentions, want 2", len(ms))
			}
			alertedOnce(t, slack.Posts(), ms)
		})
	}
}

// newMentionsOf counts the "new mentions" lines a text log has for source.
func newMentionsOf(log, source string) int {
	n := 0
	for _, l := range strings.Split(log, "\n") {
		if strings.Contains(l, `msg="new mentions"`) && strings.Contains(l, "source="+source+" ") {
			n++
		}
	}
	return n
}
