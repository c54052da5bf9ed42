package app

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
	"github.com/mentionwatch/mentionwatch/internal/testenv/pgtest"
)

const conflictConfig = `
storage: {url: %q, lease: 1m}
http: {min_delay: 0s, timeout: 5s, robots: false}
brands:
  - name: Acme Bank
    query: '"Acme Bank"'
sources:
  - {name: Blog, type: feed, url: "%s/feed.xml", schedule: "@every 1h"}
alerts:
  routes:
    - {when: 'true', stdout: true}
server: {listen: ""}
`

// TestCrawlAfterLostTransaction: a crawl whose transaction the database
// refuses is, when the refusal is a lost transaction (serialization
// failure, deadlock) that outlasts the store's own retries, run again
// within conflictRerun — by this daemon's scheduler and by the next run
// stored for every daemon — and not counted as a failure of the source;
// the next crawl stores the mention. Any other refusal waits a minute.
func TestCrawlAfterLostTransaction(t *testing.T) {
	for _, c := range []struct {
		name     string
		code     string // SQLSTATE the mentions table answers inserts with
		times    int    // for this many inserts
		conflict bool
		wait     time.Duration // at most, from the failed crawl to the next
	}{
		{"serialization failure", "40001", 12, true, conflictRerun},
		{"deadlock", "40P01", 12, true, conflictRerun},
		{"check violation", "23514", 1, false, storeErrorWait},
	} {
		t.Run(c.name, func(t *testing.T) {
			url := pgtest.URL(t)
			feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/rss+xml")
				fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title>
<item><title>Acme Bank app down</title><link>https://blog.example/1</link><guid>https://blog.example/1</guid>
<pubDate>%s</pubDate><description>Acme Bank customers cannot log in.</description></item></channel></rss>`,
					time.Now().UTC().Format(time.RFC1123Z))
			}))
			defer feed.Close()

			path := filepath.Join(t.TempDir(), "rules.yaml")
			if err := os.WriteFile(path, []byte(fmt.Sprintf(conflictConfig, url, feed.URL)), 0o600); err != nil {
				t.Fatal(err)
			}
			log := slog.New(slog.NewTextHandler(io.Discard, nil))
			cfg, err := Load(path, log)
			if err != nil {
				t.Fatal(err)
			}
			clk := clock.NewFake(time.Now())
			d, err := New(context.Background(), cfg, Options{ConfigPath: path, Stdout: &testenv.SyncBuffer{}, Log: log, Clock: clk})
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()

			db, err := sql.Open("pgx", url)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			// The first c.times inserts into mentions fail with c.code; a
			// sequence counts them, as it is not rolled back.
			for _, q := range []string{
				`CREATE SEQUENCE refusals`,
				fmt.Sprintf(`CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
					BEGIN
						IF nextval('refusals') <= %d THEN
							RAISE EXCEPTION 'refused by the test' USING ERRCODE = '%s';
						END IF;
						RETURN NEW;
					END $$`, c.times, c.code),
				`CREATE TRIGGER refuse BEFORE INSERT ON mentions FOR EACH ROW EXECUTE FUNCTION refuse()`,
			} {
				if _, err := db.Exec(q); err != nil {
					t.Fatal(err)
				}
			}

			ctx := context.Background()
			src := d.pipeline.Compiled().Cfg.Sources[0]
			failedAt := clk.Now()
			next, err := d.pipeline.Crawl(ctx, src)
			if err == nil || store.IsConflict(err) != c.conflict {
				t.Fatalf("first crawl: err %v, want one with IsConflict %v", err, c.conflict)
			}
			if wait := next.Sub(failedAt); wait <= 0 || wait > c.wait {
				t.Errorf("first crawl: next run in %s, want within %s", wait, c.wait)
			}
			var shared, until int64
			if err := db.QueryRow(`SELECT next_run_at, lease_until FROM source_leases WHERE source = 'Blog'`).Scan(&shared, &until); err != nil {
				t.Fatal(err)
			}
			if until != 0 || shared != next.UnixMilli() {
				t.Errorf("lease after the failed crawl: until %d, next run %d; want released with next run %d", until, shared, next.UnixMilli())
			}
			if st, err := d.store.Source(ctx, "Blog"); err == nil && st.Failures != 0 {
				t.Errorf("the source counts %d failures", st.Failures)
			}
			if !c.conflict {
				return
			}

			clk.Set(next)
			if _, err := d.pipeline.Crawl(ctx, src); err != nil {
				t.Fatalf("second crawl: %v", err)
			}
			var mentions int
			if err := db.QueryRow(`SELECT COUNT(*) FROM mentions`).Scan(&mentions); err != nil {
				t.Fatal(err)
			}
			st, err := d.store.Source(ctx, "Blog")
			if mentions != 1 || err != nil || st.Failures != 0 || !st.Crawled {
				t.Errorf("after the second crawl: %d mentions, state %+v (%v); want 1, crawled, no failures", mentions, st, err)
			}
		})
	}
}
