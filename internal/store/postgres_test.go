package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/testenv/pgtest"
)

// TestRebind: placeholders become $n outside quoted literals, quoted
// identifiers and comments, and SQLite's planner hints are dropped.
func TestRebind(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`SELECT 1 FROM t WHERE a = ? AND b IN (?, ?)`, `SELECT 1 FROM t WHERE a = $1 AND b IN ($2, $3)`},
		{`SELECT '?', "a?b", 'it''s ?' FROM t WHERE x = ? -- why?` + "\n" + `AND y = ?`,
			`SELECT '?', "a?b", 'it''s ?' FROM t WHERE x = $1 -- why?` + "\n" + `AND y = $2`},
		{`SELECT COUNT(*) FROM sends INDEXED BY sends_recent WHERE a = ?`, `SELECT COUNT(*) FROM sends  WHERE a = $1`},
		{"FROM mentions m INDEXED BY mentions_sla\n\tJOIN d", "FROM mentions m \n\tJOIN d"},
		{`SELECT brand FROM mentions NOT INDEXED WHERE id > ? AND NOT EXISTS (SELECT 1)`,
			`SELECT brand FROM mentions  WHERE id > $1 AND NOT EXISTS (SELECT 1)`},
		{`SELECT not_indexed, reindexed FROM t WHERE deliveries_mention_kind = ?`,
			`SELECT not_indexed, reindexed FROM t WHERE deliveries_mention_kind = $1`},
	} {
		if got := rebind(c.in); got != c.want {
			t.Errorf("rebind(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// TestPostgresURLRedacted: a password in the URL is in neither the
// error of a failed open nor Path.
func TestPostgresURLRedacted(t *testing.T) {
	ctx := context.Background()
	_, err := OpenURL(ctx, "postgres://mw:hunter2@127.0.0.1:1/mw?sslmode=disable&connect_timeout=5")
	if err == nil || strings.Contains(err.Error(), "hunter2") || !strings.Contains(err.Error(), "mw:xxxxx@127.0.0.1:1") {
		t.Errorf("open error: %v", err)
	}
	_, err = OpenURL(ctx, "postgres://127.0.0.1:1/mw?password=hunter2&sslmode=disable&connect_timeout=5")
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("open error: %v", err)
	}
	if got := RedactURL("postgresql://mw:hunter2@db/mw"); got != "postgresql://mw:xxxxx@db/mw" {
		t.Errorf("RedactURL = %q", got)
	}
	if !IsURL("PostgreSQL://db/mw") || IsURL("mw.db") || IsURL("postgres.db") {
		t.Error("IsURL")
	}
}

// TestPostgresStoresShareTheDatabase: two stores (two daemons) on one
// PostgreSQL database opened at once migrate it once, and storing the
// same mention at the same time stores and alerts it once: the schema
// holds a mention unique by its identity, whatever each process's memory
// of seen documents says.
func TestPostgresStoresShareTheDatabase(t *testing.T) {
	url := pgtest.URL(t)
	ctx := context.Background()
	const daemons = 4
	stores := make([]*Store, daemons)
	var wg sync.WaitGroup
	errs := make([]error, daemons)
	for i := range daemons {
		wg.Go(func() { stores[i], errs[i] = OpenURL(ctx, url) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("store %d: %v", i, err)
		}
		t.Cleanup(func() { stores[i].Close() })
	}
	var versions int
	if err := stores[0].db.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&versions); err != nil || versions != len(migrations) {
		t.Fatalf("%d versions recorded, %v", versions, err)
	}

	// Each store reads the documents it has seen before the first crawl,
	// so each takes every round's document for new.
	for _, s := range stores {
		if _, err := s.Unseen(ctx, []model.Document{doc("none", "")}); err != nil {
			t.Fatal(err)
		}
	}
	enqueue := func(ctx context.Context, tx *Tx, m *model.Mention) error {
		_, err := InsertDelivery(ctx, tx, NewDelivery{Key: fmt.Sprintf("m:%d:slack:#a", m.ID), MentionID: m.ID,
			Kind: DeliveryMention, Route: "r", Channel: "slack", Target: "#a", Brand: m.Brand,
			Frequency: FrequencyAsItHappens, DueAt: t0}, t0)
		return err
	}
	for round := range 5 {
		id := fmt.Sprintf("guid:%d", round)
		stored := make([]int, daemons)
		for i, s := range stores {
			wg.Go(func() {
				state, err := s.Source(ctx, fmt.Sprintf("src%d", i))
				if err != nil && !errors.Is(err, ErrNotFound) {
					errs[i] = err
					return
				}
				c := &Crawl{State: state, Docs: []model.Document{doc(id, "")},
					Mentions: []*model.Mention{mention(id, "Acme")}}
				got, err := s.SaveCrawl(ctx, c, enqueue)
				errs[i], stored[i] = err, len(got)
			})
		}
		wg.Wait()
		total := 0
		for i := range stores {
			if errs[i] != nil {
				t.Fatalf("round %d, store %d: %v", round, i, errs[i])
			}
			total += stored[i]
		}
		if total != 1 {
			t.Errorf("round %d: the mention was stored %d times", round, total)
		}
	}
	var mentions, docs, deliveries int
	s := stores[0]
	if err := s.db.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM mentions), (SELECT COUNT(*) FROM documents),
		(SELECT COUNT(*) FROM deliveries)`).Scan(&mentions, &docs, &deliveries); err != nil {
		t.Fatal(err)
	}
	if mentions != 5 || docs != 5 || deliveries != 5 {
		t.Errorf("%d mentions, %d documents, %d deliveries; want 5 of each", mentions, docs, deliveries)
	}
	// Each crawl counted its one new document once, however often its
	// transaction ran.
	fresh, err := OpenURL(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	states, err := fresh.Sources(ctx)
	if err != nil || len(states) != daemons {
		t.Fatalf("%d source states, %v", len(states), err)
	}
	for name, st := range states {
		if st.ItemsSeen != 5 {
			t.Errorf("%s: %d items seen, want 5", name, st.ItemsSeen)
		}
	}
}

// TestPostgresSerializationFailureRetried: two transactions that read
// and then update one row at once cannot both commit at SERIALIZABLE;
// the loser fails with SQLSTATE 40001, runs again, and both end
// committed.
func TestPostgresSerializationFailureRetried(t *testing.T) {
	url := pgtest.URL(t)
	ctx := context.Background()
	s, err := OpenURL(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.db.ExecContext(ctx, `INSERT INTO outbox_meta (key, value) VALUES ('counter', '0')`); err != nil {
		t.Fatal(err)
	}
	var attempts atomic.Int64
	var read sync.WaitGroup
	read.Add(2)
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for range 2 {
		wg.Go(func() {
			first := true
			errs <- s.Tx(ctx, func(tx *Tx) error {
				attempts.Add(1)
				var v string
				if err := tx.QueryRowContext(ctx, `SELECT value FROM outbox_meta WHERE key = ?`, "counter").Scan(&v); err != nil {
					return err
				}
				if first {
					// Both have read before either writes.
					first = false
					read.Done()
					read.Wait()
				}
				var n int
				fmt.Sscan(v, &n)
				_, err := tx.ExecContext(ctx, `UPDATE outbox_meta SET value = ? WHERE key = ?`, fmt.Sprint(n+1), "counter")
				return err
			})
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("a transaction failed: %v", err)
		}
	}
	var v string
	if err := s.db.QueryRowContext(ctx, `SELECT value FROM outbox_meta WHERE key = 'counter'`).Scan(&v); err != nil || v != "2" {
		t.Fatalf("counter = %q, %v; want 2", v, err)
	}
	if n := attempts.Load(); n < 3 {
		t.Errorf("%d attempts: no transaction was retried", n)
	}
}

// TestPostgresReadOnly: a read-only store on PostgreSQL reads and refuses
// every write.
func TestPostgresReadOnly(t *testing.T) {
	url := pgtest.URL(t)
	ctx := context.Background()
	s, err := OpenURL(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.SaveCrawl(ctx, &Crawl{State: SourceState{Name: "F"}, Docs: []model.Document{doc("a", "")},
		Mentions: []*model.Mention{mention("a", "Acme")}}, nil); err != nil {
		t.Fatal(err)
	}
	ro, err := OpenReadOnly(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if ms, err := ro.Mentions(ctx, MentionFilter{}); err != nil || len(ms) != 1 {
		t.Errorf("read %d mentions, %v", len(ms), err)
	}
	_, err = ro.SaveCrawl(ctx, &Crawl{State: SourceState{Name: "G"}, Docs: []model.Document{doc("b", "")}}, nil)
	if err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("a read-only store saved a crawl: %v", err)
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM schema_migrations WHERE version = ?`, migrations[len(migrations)-1].version); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenReadOnly(ctx, url); !errors.Is(err, ErrSchemaOld) {
		t.Errorf("old schema: %v", err)
	}
}

// TestPostgresDropsNUL: a crawled text holding NUL characters, which
// PostgreSQL's text type cannot, is stored without them rather than
// failing the crawl.
func TestPostgresDropsNUL(t *testing.T) {
	ctx := context.Background()
	s, err := OpenURL(ctx, pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	m := mention("nul", "Acme")
	m.Title, m.Text = "Acme\x00 Bank", "a\x00b"
	if _, err := s.SaveCrawl(ctx, &Crawl{State: SourceState{Name: "src"}, Docs: []model.Document{doc("nul", "")},
		Mentions: []*model.Mention{m}}, nil); err != nil {
		t.Fatal(err)
	}
	got, err := s.Mention(ctx, m.ID)
	if err != nil || got.Title != "Acme Bank" || got.Text != "ab" {
		t.Errorf("stored %q %q, %v", got.Title, got.Text, err)
	}
}
