package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

var t0 = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

func open(t *testing.T) (*Store, string) {
	t.Helper()
	path := newLocation(t, filepath.Join("sub", "mw.db"))
	now := t0
	s, err := Open(context.Background(), path, WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// reopen opens the database at path again, as a restarted process would.
func reopen(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenIsIdempotentAndUsesWAL(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s, path := open(t)
		if !onPostgres(t) { // SQLite only: the journal mode
			var mode string
			if err := s.DB().QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
				t.Fatalf("journal_mode = %q, %v", mode, err)
			}
		}
		s.Close()
		s2, err := Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		defer s2.Close()
		var n int
		if err := s2.db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(migrations) {
			t.Fatalf("migrations applied = %d, %v", n, err)
		}
	})
}

func TestNewerSchemaRefused(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s, path := open(t)
		if _, err := s.db.ExecContext(context.Background(), `INSERT INTO schema_migrations VALUES (999, 'future', 0)`); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if _, err := Open(context.Background(), path); err == nil {
			t.Fatal("opened a database from a newer version")
		}
	})
}

func TestSourceStateRoundTrip(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s, _ := open(t)
		ctx := context.Background()
		if _, err := s.Source(ctx, "x"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("missing source: %v", err)
		}
		st := SourceState{Name: "x", Type: "feed", URL: "https://x.example/", ETag: `"abc"`, LastModified: "Wed, 21 Oct 2015 07:28:00 GMT",
			LastFetchAt: t0, LastStatus: "200", Failures: 2, LastError: "boom", NextRunAt: t0.Add(time.Hour), Crawled: true}
		if err := s.SaveSource(ctx, st); err != nil {
			t.Fatal(err)
		}
		got, err := s.Source(ctx, "x")
		if err != nil {
			t.Fatal(err)
		}
		if got != st {
			t.Fatalf("got %+v\nwant %+v", got, st)
		}
		all, err := s.Sources(ctx)
		if err != nil || len(all) != 1 || all["x"] != st {
			t.Fatalf("Sources = %v, %v", all, err)
		}
	})
}

func doc(id, url string) model.Document {
	return model.Document{ID: id, URL: url, Title: "t " + id, Text: "text", Replies: -1}
}

// again is the document that doc(id, url) stands for, under another ID (a
// GUID that changed, the same article in another feed): the same link and
// title.
func again(id, newID, url string) model.Document {
	d := doc(id, url)
	d.ID = newID
	return d
}

func mention(docID, brand string) *model.Mention {
	return &model.Mention{DocID: docID, Brand: brand, Source: "src", SourceType: "feed", FoundAt: t0,
		Sentiment: model.Negative, Severity: model.SeverityCritical, Negativity: 0.8, Replies: -1,
		Snippet: model.Snippet{Text: "the Acme Bank", Marks: [][2]int{{4, 13}}}, Matched: []string{"Acme Bank"}, Tags: []string{"complaint"}}
}

func TestSaveCrawlDedupAndEnqueue(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s, _ := open(t)
		ctx := context.Background()
		var enqueued []int64
		enqueue := func(ctx context.Context, tx *Tx, m *model.Mention) error {
			enqueued = append(enqueued, m.ID)
			return nil
		}
		c := &Crawl{
			State:    SourceState{Name: "src", Crawled: true},
			Docs:     []model.Document{doc("a", "https://e.example/a"), doc("b", "")},
			Mentions: []*model.Mention{mention("a", "Acme"), mention("b", "Acme"), mention("b", "Other")},
			Threads:  []ThreadObservation{{URL: "https://f.example/t/1", Replies: 5}},
		}
		stored, err := s.SaveCrawl(ctx, c, enqueue)
		if err != nil {
			t.Fatal(err)
		}
		if len(stored) != 3 || len(enqueued) != 3 {
			t.Fatalf("stored %d, enqueued %d", len(stored), len(enqueued))
		}
		st, _ := s.Source(ctx, "src")
		if st.ItemsSeen != 2 {
			t.Fatalf("items seen = %d", st.ItemsSeen)
		}

		// The same documents again, and one with a new ID but a known URL
		// (a feed whose GUIDs changed): nothing is new.
		docs := []model.Document{doc("b", ""), again("a", "a2", "https://e.example/a"), doc("c", "https://e.example/c"), doc("a", "")}
		unseen, err := s.Unseen(ctx, docs)
		if err != nil {
			t.Fatal(err)
		}
		if len(unseen) != 1 || unseen[0].ID != "c" {
			t.Fatalf("unseen = %+v", unseen)
		}
		// A crawl racing with another that already stored a document skips it.
		enqueued = nil
		c2 := &Crawl{State: st, Docs: []model.Document{again("a", "a3", "https://e.example/a")}, Mentions: []*model.Mention{mention("a3", "Acme")}}
		stored, err = s.SaveCrawl(ctx, c2, enqueue)
		if err != nil || len(stored) != 0 || len(enqueued) != 0 {
			t.Fatalf("racing crawl stored %d enqueued %d err %v", len(stored), len(enqueued), err)
		}

		ms, err := s.Mentions(ctx, MentionFilter{Brand: "acme"})
		if err != nil || len(ms) != 2 {
			t.Fatalf("mentions = %d, %v", len(ms), err)
		}
		m := ms[0]
		if m.Snippet.Markdown() != "the **Acme Bank**" || m.Matched[0] != "Acme Bank" || m.Tags[0] != "complaint" || !m.FoundAt.Equal(t0) {
			t.Fatalf("mention round trip: %+v", m)
		}
	})
}

func TestSaveCrawlRollsBackWhenEnqueueFails(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s, _ := open(t)
		ctx := context.Background()
		c := &Crawl{State: SourceState{Name: "src"}, Docs: []model.Document{doc("a", "")}, Mentions: []*model.Mention{mention("a", "Acme")}}
		_, err := s.SaveCrawl(ctx, c, func(context.Context, *Tx, *model.Mention) error { return errors.New("outbox full") })
		if err == nil {
			t.Fatal("no error")
		}
		// Nothing was kept: the document is still unseen, so it will be
		// processed (and alerted) again on the next crawl.
		unseen, _ := s.Unseen(ctx, []model.Document{doc("a", "")})
		ms, _ := s.Mentions(ctx, MentionFilter{})
		if len(unseen) != 1 || len(ms) != 0 {
			t.Fatalf("partial write: unseen=%d mentions=%d", len(unseen), len(ms))
		}
	})
}

func TestBackfillMentionsAreNotEnqueued(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s, _ := open(t)
		m := mention("a", "Acme")
		m.Backfill = true
		n := 0
		_, err := s.SaveCrawl(context.Background(), &Crawl{State: SourceState{Name: "src"}, Docs: []model.Document{doc("a", "")}, Mentions: []*model.Mention{m}},
			func(context.Context, *Tx, *model.Mention) error { n++; return nil })
		if err != nil || n != 0 {
			t.Fatalf("enqueued %d backfill mentions (%v)", n, err)
		}
		ms, _ := s.Mentions(context.Background(), MentionFilter{ExcludeBackfill: true})
		if len(ms) != 0 {
			t.Fatal("backfill mention not excluded")
		}
	})
}

func TestThreadGrowth(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s, _ := open(t)
		ctx := context.Background()
		u := "https://forum.example/t/1"
		for _, replies := range []int{5, 12} {
			if _, err := s.SaveCrawl(ctx, &Crawl{State: SourceState{Name: "f"}, Threads: []ThreadObservation{{URL: u, Replies: replies}}}, nil); err != nil {
				t.Fatal(err)
			}
		}
		th, err := s.Threads(ctx, []string{u, "https://other.example/"})
		if err != nil {
			t.Fatal(err)
		}
		if len(th) != 1 || th[u].Replies != 12 || th[u].PrevReplies != 5 || th[u].Growth() != 7 {
			t.Fatalf("threads = %+v", th)
		}
	})
}

func TestMentionFilters(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s, _ := open(t)
		ctx := context.Background()
		var docs []model.Document
		var ms []*model.Mention
		for i, b := range []string{"A", "A", "B"} {
			id := string(rune('x' + i))
			docs = append(docs, doc(id, ""))
			m := mention(id, b)
			m.FoundAt = t0.Add(time.Duration(i) * time.Hour)
			if i == 1 {
				m.Sentiment = model.Positive
			}
			ms = append(ms, m)
		}
		if _, err := s.SaveCrawl(ctx, &Crawl{State: SourceState{Name: "src"}, Docs: docs, Mentions: ms}, nil); err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			f    MentionFilter
			want int
		}{
			{MentionFilter{}, 3},
			{MentionFilter{Brand: "a"}, 2},
			{MentionFilter{Sentiment: model.Negative}, 2},
			{MentionFilter{Since: t0.Add(90 * time.Minute)}, 1},
			{MentionFilter{Limit: 2}, 2},
		}
		for _, c := range cases {
			got, err := s.Mentions(ctx, c.f)
			if err != nil || len(got) != c.want {
				t.Errorf("%+v: got %d (%v), want %d", c.f, len(got), err, c.want)
			}
		}
		all, _ := s.Mentions(ctx, MentionFilter{})
		if all[0].Brand != "B" || !all[0].FoundAt.After(all[1].FoundAt) {
			t.Errorf("not newest first: %v %v", all[0].FoundAt, all[1].FoundAt)
		}
		tb, err := s.ThreadBrands(ctx, []string{""})
		if err != nil || len(tb) != 0 {
			t.Errorf("thread brands for empty url: %v %v", tb, err)
		}
	})
}

// TestLookupsUseIndexes checks the query plans of the lookups a crawl runs:
// a full scan there makes every crawl slower as the database grows.
func TestLookupsUseIndexes(t *testing.T) {
	s, _ := open(t)
	for _, c := range []struct{ query, index string }{
		{`SELECT DISTINCT thread_url, brand FROM mentions WHERE thread_url != '' AND thread_url IN (?, ?)`, "mentions_thread"},
		{negativeBrandsSQL, "SEARCH mentions USING COVERING INDEX mentions_negative_found"},
		{negativeEventsSQL, "SEARCH mentions USING INDEX mentions_negative "},
		{negativeCountsSQL, "SEARCH mentions USING INDEX mentions_negative "},
	} {
		rows, err := s.DB().Query(`EXPLAIN QUERY PLAN `+c.query, "a", "b", "c", "d", "e")
		if err != nil {
			t.Fatalf("%s: %v", c.query, err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		joined := strings.Join(plan, "; ")
		if !strings.Contains(joined, c.index) || strings.Contains(joined, "SCAN mentions") {
			t.Errorf("%s\nplan: %s\nwant a search using %s", c.query, joined, c.index)
		}
	}
}

// TestSeenSurvivesReopen: which documents were seen is answered from
// memory, rebuilt from the database when it is opened again.
func TestSeenSurvivesReopen(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s, path := open(t)
		ctx := context.Background()
		c := &Crawl{State: SourceState{Name: "src"}, Docs: []model.Document{doc("a", "https://e.example/a"), doc("b", "")}}
		if _, err := s.SaveCrawl(ctx, c, nil); err != nil {
			t.Fatal(err)
		}
		s.Close()
		unseen, err := reopen(t, path).Unseen(ctx, []model.Document{doc("a", ""), doc("b2", ""), doc("b", "https://e.example/b"), again("a", "x", "https://e.example/a")})
		if err != nil {
			t.Fatal(err)
		}
		if len(unseen) != 1 || unseen[0].ID != "b2" {
			t.Fatalf("unseen after reopen = %+v", unseen)
		}
	})
}

// TestConcurrentCrawlsStoreADocumentOnce: crawls racing to store the same
// new document (by ID or by URL) store it, and alert its mentions, once.
func TestConcurrentCrawlsStoreADocumentOnce(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s, _ := open(t)
		ctx := context.Background()
		var mu sync.Mutex
		enqueued := 0
		enqueue := func(context.Context, *Tx, *model.Mention) error {
			mu.Lock()
			enqueued++
			mu.Unlock()
			return nil
		}
		const crawls = 8
		var wg sync.WaitGroup
		errs := make(chan error, crawls)
		for i := range crawls {
			wg.Go(func() {
				id := fmt.Sprintf("guid-%d", i) // a different ID, the same URL
				c := &Crawl{State: SourceState{Name: fmt.Sprintf("src%d", i)},
					Docs:     []model.Document{again("shared", id, "https://e.example/shared"), doc("same", "")},
					Mentions: []*model.Mention{mention(id, "Acme"), mention("same", "Acme")}}
				_, err := s.SaveCrawl(ctx, c, enqueue)
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		var docs int
		if err := s.db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM documents`).Scan(&docs); err != nil {
			t.Fatal(err)
		}
		if docs != 2 || enqueued != 2 {
			t.Fatalf("%d documents stored and %d mentions enqueued, want 2 and 2", docs, enqueued)
		}
	})
}

// TestDocumentsMigration: documents stored under schema 3 (indexed by ID)
// are kept by migration 4 and still count as seen.
func TestDocumentsMigration(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		path := newLocation(t, "old.db")
		ctx := context.Background()
		old := migrations
		migrations = migrations[:3]
		s, err := Open(ctx, path)
		migrations = old
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.ExecContext(context.Background(), `INSERT INTO documents (id, source, url, seen_at) VALUES ('a', 'src', 'https://e.example/a', 1), ('b', 'src', '', 2)`); err != nil {
			t.Fatal(err)
		}
		s.Close()
		unseen, err := reopen(t, path).Unseen(ctx, []model.Document{doc("a", ""), doc("b", ""), doc("c", "https://e.example/a"), doc("d", "")})
		if err != nil {
			t.Fatal(err)
		}
		if len(unseen) != 1 || unseen[0].ID != "d" {
			t.Fatalf("unseen after migration = %+v", unseen)
		}
	})
}

// TestSourceStateFollowsWrites: once read, source states are served from
// memory, and every write of this process updates them.
func TestSourceStateFollowsWrites(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s, path := open(t)
		ctx := context.Background()
		if _, err := s.Source(ctx, "src"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("new source: %v", err)
		}
		if _, err := s.SaveCrawl(ctx, &Crawl{State: SourceState{Name: "src", ETag: `"v1"`}, Docs: []model.Document{doc("a", "")}}, nil); err != nil {
			t.Fatal(err)
		}
		if st, err := s.Source(ctx, "src"); err != nil || st.ETag != `"v1"` || st.ItemsSeen != 1 {
			t.Fatalf("after SaveCrawl: %+v, %v", st, err)
		}
		if err := s.SaveSource(ctx, SourceState{Name: "src", ETag: `"v2"`, ItemsSeen: 1, Failures: 2}); err != nil {
			t.Fatal(err)
		}
		if st, err := s.Source(ctx, "src"); err != nil || st.ETag != `"v2"` || st.Failures != 2 {
			t.Fatalf("after SaveSource: %+v, %v", st, err)
		}
		// A failed write changes nothing.
		_, err := s.SaveCrawl(ctx, &Crawl{State: SourceState{Name: "src", ETag: `"v3"`}, Docs: []model.Document{doc("b", "")},
			Mentions: []*model.Mention{mention("b", "Acme")}}, func(context.Context, *Tx, *model.Mention) error { return errors.New("no") })
		if err == nil {
			t.Fatal("no error")
		}
		if st, _ := s.Source(ctx, "src"); st.ETag != `"v2"` {
			t.Fatalf("after a failed crawl: %+v", st)
		}
		if st, err := reopen(t, path).Source(ctx, "src"); err != nil || st.ETag != `"v2"` || st.ItemsSeen != 1 {
			t.Fatalf("reopened: %+v, %v", st, err)
		}
	})
}

// TestSharedURLIsNoIdentity: items of one feed that all link to the same
// page under different titles are different documents; the shared URL is
// not remembered. The same URL and title twice is one document.
func TestSharedURLIsNoIdentity(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s, _ := open(t)
		ctx := context.Background()
		front := "https://e.example/"
		docs := []model.Document{doc("a", front), doc("b", front), doc("c", "https://e.example/c")}
		unseen, err := s.Unseen(ctx, docs)
		if err != nil || len(unseen) != 3 {
			t.Fatalf("unseen = %+v, %v", unseen, err)
		}
		if _, err := s.SaveCrawl(ctx, &Crawl{State: SourceState{Name: "src"}, Docs: docs}, nil); err != nil {
			t.Fatal(err)
		}
		// A later item linking to the front page again is still new; the
		// specific URL still identifies its document.
		unseen, err = s.Unseen(ctx, []model.Document{doc("d", front), again("c", "c2", "https://e.example/c")})
		if err != nil || len(unseen) != 1 || unseen[0].ID != "d" {
			t.Fatalf("unseen = %+v, %v", unseen, err)
		}
		// One article twice in a crawl (a GUID, then no GUID and a tracking
		// parameter canonicalized away): one document.
		twice := []model.Document{doc("guid:n1", "https://e.example/news/1"), doc("url:https://e.example/news/1", "https://e.example/news/1")}
		twice[1].Title = twice[0].Title
		unseen, err = s.Unseen(ctx, twice)
		if err != nil || len(unseen) != 1 || unseen[0].ID != "guid:n1" {
			t.Fatalf("the same article twice: unseen = %+v, %v", unseen, err)
		}
	})
}

// TestIdentities: which documents a crawl finds new, after earlier crawls
// stored others, on a real store — and again after a restart, when the
// answer comes from the table.
func TestIdentities(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		thread := "https://forum.example/viewtopic.php?t=7"
		post := func(id, text string) model.Document { // a post without a permalink
			return model.Document{ID: id, URL: thread, ThreadURL: thread, Text: text, Replies: -1}
		}
		article := func(id, url, title string) model.Document {
			return model.Document{ID: id, URL: url, Title: title, Text: "text", Replies: -1}
		}
		cases := []struct {
			name   string
			stored []model.Document
			offer  []model.Document
			want   []string
		}{
			{"posts without permalinks on one thread are apart",
				nil,
				[]model.Document{post("hash:1", "first"), post("hash:2", "second"), post("hash:3", "third")},
				[]string{"hash:1", "hash:2", "hash:3"}},
			{"a post added to the thread later is new",
				[]model.Document{post("hash:1", "first"), post("hash:2", "second")},
				[]model.Document{post("hash:1", "first"), post("hash:2", "second"), post("hash:3", "third")},
				[]string{"hash:3"}},
			{"a post whose link was javascript: falls back to the thread and is still apart",
				[]model.Document{article("url:"+thread+"#p1", thread+"#p1", "Re: card"), post("hash:9", "no link")},
				[]model.Document{post("hash:10", "no link either"), article("url:"+thread+"#p1", thread+"#p1", "Re: card")},
				[]string{"hash:10"}},
			{"an edited post keeps its permalink: not new",
				[]model.Document{article("url:https://f.example/p/1", "https://f.example/p/1", "Card blocked")},
				[]model.Document{{ID: "url:https://f.example/p/1", URL: "https://f.example/p/1", Title: "Card blocked", Text: "edited: still blocked"}},
				nil},
			{"an edited post without a permalink keeps its hash (author and date): not new",
				[]model.Document{post("hash:a", "before the edit")},
				[]model.Document{post("hash:a", "after the edit")},
				nil},
			{"a GUID that changed, same link and title: not new",
				[]model.Document{article("guid:1", "https://news.example/a", "Bank fined")},
				[]model.Document{article("guid:2", "https://news.example/a", "Bank fined")},
				nil},
			{"items linking to the front page under new titles are new, crawl after crawl",
				[]model.Document{article("guid:1", "https://news.example/", "First story")},
				[]model.Document{article("guid:2", "https://news.example/", "Second story")},
				[]string{"guid:2"}},
			{"several new items linking to the front page in one crawl",
				[]model.Document{article("guid:1", "https://news.example/", "First story")},
				[]model.Document{article("guid:2", "https://news.example/", "Second story"), article("guid:3", "https://news.example/", "Third story")},
				[]string{"guid:2", "guid:3"}},
			{"one article twice in a crawl is one document",
				nil,
				[]model.Document{article("guid:n1", "https://news.example/n/1", "Outage"), article("url:https://news.example/n/1", "https://news.example/n/1", "outage ")},
				[]string{"guid:n1"}},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				s, path := open(t)
				ctx := context.Background()
				if len(tc.stored) > 0 {
					if _, err := s.SaveCrawl(ctx, &Crawl{State: SourceState{Name: "src"}, Docs: tc.stored}, nil); err != nil {
						t.Fatal(err)
					}
				}
				check := func(s *Store, when string) {
					t.Helper()
					got, err := s.Unseen(ctx, tc.offer)
					if err != nil {
						t.Fatal(err)
					}
					var ids []string
					for _, d := range got {
						ids = append(ids, d.ID)
					}
					if fmt.Sprint(ids) != fmt.Sprint(tc.want) {
						t.Fatalf("%s: new = %v, want %v", when, ids, tc.want)
					}
				}
				check(s, "running")
				s.Close()
				check(reopen(t, path), "after a restart")
			})
		}
	})
}

// TestPostsWithoutLinksMigrated: posts without permalinks stored before
// link keys existed (under schema 5, with their thread's URL) do not hide
// the thread's later posts; an article's own URL still identifies it.
func TestPostsWithoutLinksMigrated(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		path := newLocation(t, "old.db")
		ctx := context.Background()
		old := migrations
		migrations = migrations[:5]
		s, err := Open(ctx, path)
		migrations = old
		if err != nil {
			t.Fatal(err)
		}
		thread := "https://forum.example/t/1"
		if _, err := s.db.ExecContext(context.Background(), `INSERT INTO documents (id, source, url, seen_at) VALUES
		('hash:1', 'forum', ?, 1), ('hash:2', 'forum', ?, 1), ('guid:a', 'feed', 'https://news.example/a', 2)`, thread, thread); err != nil {
			t.Fatal(err)
		}
		s.Close()
		offer := []model.Document{
			{ID: "hash:3", URL: thread, Text: "a later post"},
			{ID: "hash:1", URL: thread, Text: "the first post"},
			{ID: "guid:b", URL: "https://news.example/a", Title: "the same article under a new GUID"},
		}
		unseen, err := reopen(t, path).Unseen(ctx, offer)
		if err != nil {
			t.Fatal(err)
		}
		if len(unseen) != 1 || unseen[0].ID != "hash:3" {
			t.Fatalf("unseen after migration = %+v", unseen)
		}
	})
}
