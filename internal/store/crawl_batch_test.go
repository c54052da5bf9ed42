package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

func TestPGChunks(t *testing.T) {
	for _, c := range []struct {
		n    int
		want []int
	}{
		{0, nil}, {1, []int{1}}, {100, []int{64, 32, 4}}, {512, []int{512}},
		{700, []int{512, 128, 32, 16, 8, 4}}, {1025, []int{512, 512, 1}},
	} {
		if got := pgChunks(c.n); !slices.Equal(got, c.want) {
			t.Errorf("pgChunks(%d) = %v, want %v", c.n, got, c.want)
		}
	}
}

// bigCrawl is a crawl of n new documents, each with a mention of Acme,
// every third also of Other.
func bigCrawl(prefix string, n int) *Crawl {
	c := &Crawl{State: SourceState{Name: "src", Crawled: true}, KeepText: true}
	for i := range n {
		id := fmt.Sprintf("%s:%d", prefix, i)
		c.Docs = append(c.Docs, doc(id, "https://e.example/"+id))
		c.Mentions = append(c.Mentions, mention(id, "Acme"))
		if i%3 == 0 {
			c.Mentions = append(c.Mentions, mention(id, "Other"))
		}
	}
	return c
}

// TestSaveCrawlManyRows: a crawl larger than one multi-row statement
// (PostgreSQL writes its rows in chunks) stores every document, text and
// mention once, gives each stored mention the ID of its own row, and
// enqueues exactly the mentions it stored, in the crawl's order: not a
// mention another daemon stored first, not the second of a (document,
// brand) within the crawl, not a backfill one.
func TestSaveCrawlManyRows(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		path := newLocation(t, "mw.db")
		a, b := reopen(t, path), reopen(t, path)
		const n = 700
		// a knows the documents stored so far (none); b then stores two
		// of the crawl's documents with their Acme mentions.
		if _, err := a.Unseen(ctx, []model.Document{doc("x", "")}); err != nil {
			t.Fatal(err)
		}
		first := &Crawl{State: SourceState{Name: "other"},
			Docs:     []model.Document{doc("guid:5", "https://e.example/guid:5"), doc("guid:600", "https://e.example/guid:600")},
			Mentions: []*model.Mention{mention("guid:5", "Acme"), mention("guid:600", "Acme")}}
		if _, err := b.SaveCrawl(ctx, first, nil); err != nil {
			t.Fatal(err)
		}

		c := bigCrawl("guid", n)
		// A document whose ID has a NUL character, which PostgreSQL's
		// text drops: its mention is still told apart by (document, brand).
		c.Docs = append(c.Docs, doc("guid:\x00nul", ""))
		c.Mentions = append(c.Mentions, mention("guid:\x00nul", "Acme"))
		c.Mentions = append(c.Mentions, mention("guid:7", "Acme")) // repeated within the crawl
		c.Mentions[10].Backfill = true
		c.Mentions[11].Title = "a NUL\x00 in a crawled title"
		var want []*model.Mention
		for i, m := range c.Mentions {
			if i == len(c.Mentions)-1 || m.Brand == "Acme" && (m.DocID == "guid:5" || m.DocID == "guid:600") {
				continue
			}
			want = append(want, m)
		}
		// text is what the engine keeps of a string.
		text := func(s string) string {
			if onPostgres(t) {
				return strings.ReplaceAll(s, "\x00", "")
			}
			return s
		}
		var enqueued []*model.Mention
		stored, err := a.SaveCrawl(ctx, c, func(_ context.Context, _ *Tx, m *model.Mention) error {
			enqueued = append(enqueued, m)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(stored, want) {
			t.Fatalf("stored %d mentions, want %d in the crawl's order", len(stored), len(want))
		}
		alerted := slices.DeleteFunc(slices.Clone(want), func(m *model.Mention) bool { return m.Backfill })
		if !slices.Equal(enqueued, alerted) {
			t.Fatalf("enqueued %d mentions, want %d", len(enqueued), len(alerted))
		}
		ids := map[int64]bool{}
		for _, m := range stored {
			if m.ID == 0 || ids[m.ID] {
				t.Fatalf("mention %s/%s has ID %d (zero or repeated)", m.DocID, m.Brand, m.ID)
			}
			ids[m.ID] = true
		}
		byID, err := a.MentionsByID(ctx, slices.Collect(func(yield func(int64) bool) {
			for id := range ids {
				if !yield(id) {
					return
				}
			}
		}))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range stored {
			got := byID[m.ID]
			if got.DocID != text(m.DocID) || got.Brand != m.Brand {
				t.Fatalf("mention %d is %s/%s in the store, %s/%s in the crawl", m.ID, got.DocID, got.Brand, m.DocID, m.Brand)
			}
		}
		if got := byID[c.Mentions[11].ID].Title; got != text(c.Mentions[11].Title) {
			t.Fatalf("title with a NUL stored as %q", got)
		}
		all, err := a.Mentions(ctx, MentionFilter{})
		if err != nil || len(all) != len(want)+2 {
			t.Fatalf("%d mentions in the store, want %d; %v", len(all), len(want)+2, err)
		}
		texts := 0
		if err := a.DocTexts(ctx, time.Time{}, func(dt DocText) error {
			if dt.ID != text(c.Docs[texts].ID) || dt.Source != "src" || dt.Text != "text" {
				return fmt.Errorf("text %d is %s of %s: %q", texts, dt.ID, dt.Source, dt.Text)
			}
			texts++
			return nil
		}); err != nil || texts != n+1 {
			t.Fatalf("%d document texts, want %d; %v", texts, n+1, err)
		}
		// Every document is known to a restarted daemon.
		if unseen, err := reopen(t, path).Unseen(ctx, c.Docs[:n]); err != nil || len(unseen) != 0 {
			t.Fatalf("%d documents unseen after a restart, %v", len(unseen), err)
		}
	})
}

// TestSaveCrawlRunsAgain: a crawl's transaction that loses a
// serialization conflict runs again whole; the mentions it returns and
// enqueues are those of the run that committed, with their rows' IDs.
func TestSaveCrawlRunsAgain(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		if !onPostgres(t) {
			t.Skip("SQLite's transactions do not run again")
		}
		s, _ := open(t)
		ctx := context.Background()
		c := bigCrawl("guid", 40)
		runs := 0
		var enqueued []*model.Mention
		stored, err := s.SaveCrawl(ctx, c, func(_ context.Context, _ *Tx, m *model.Mention) error {
			if runs++; runs == 3 {
				enqueued = nil
				return &pgconn.PgError{Code: "40001", Message: "could not serialize access"}
			}
			enqueued = append(enqueued, m)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(stored) != len(c.Mentions) || !slices.Equal(enqueued, stored) {
			t.Fatalf("stored %d, enqueued %d, want %d each", len(stored), len(enqueued), len(c.Mentions))
		}
		all, err := s.Mentions(ctx, MentionFilter{})
		if err != nil || len(all) != len(c.Mentions) {
			t.Fatalf("%d mentions in the store, %v", len(all), err)
		}
		ids := map[int64]string{}
		for _, m := range all {
			ids[m.ID] = m.DocID + "/" + m.Brand
		}
		for _, m := range stored {
			if ids[m.ID] != m.DocID+"/"+m.Brand {
				t.Fatalf("mention %s/%s returned with ID %d, which is %q", m.DocID, m.Brand, m.ID, ids[m.ID])
			}
		}
	})
}
