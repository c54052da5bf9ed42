package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestDocTextsRoundTrip: a crawl that keeps texts stores each new
// document's text once, compressed, with what the crawl knew of it; a
// crawl that does not keep texts stores none.
func TestDocTextsRoundTrip(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s, _ := open(t)
		ctx := context.Background()
		text := strings.Repeat("Акме Банк заблокировал карту без объяснений, поддержка молчит. ", 20)
		docs := []model.Document{
			{ID: "guid:f:1", URL: "https://f.example/1", Title: "Акме Банк", Text: text, Author: "Анна",
				PublishedAt: t0.Add(-time.Hour), ThreadURL: "https://f.example/t/1", Replies: 12},
			{ID: "guid:f:2", URL: "https://f.example/2", Title: "Weather", Text: "Sunny.", Replies: -1},
		}
		c := &Crawl{State: SourceState{Name: "F"}, Docs: docs, KeepText: true, Baseline: true,
			Growth: map[string]int{"https://f.example/t/1": 4}}
		if _, err := s.SaveCrawl(ctx, c, nil); err != nil {
			t.Fatal(err)
		}
		// Seen again, with a new one, not keeping texts: nothing is added.
		c2 := &Crawl{State: SourceState{Name: "F"}, Docs: append(docs, model.Document{ID: "guid:f:3", Text: "x"})}
		if _, err := s.SaveCrawl(ctx, c2, nil); err != nil {
			t.Fatal(err)
		}
		var got []DocText
		if err := s.DocTexts(ctx, t0, func(d DocText) error { got = append(got, d); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 {
			t.Fatalf("%d texts, want 2", len(got))
		}
		g := got[0]
		if g.ID != "guid:f:1" || g.Source != "F" || !g.SeenAt.Equal(t0) || g.Text != text || g.Author != "Анна" ||
			!g.PublishedAt.Equal(t0.Add(-time.Hour)) || g.ThreadURL != "https://f.example/t/1" || g.Replies != 12 ||
			g.Growth != 4 || !g.Baseline {
			t.Errorf("read back %+v", g)
		}
		if got[1].Growth != 0 || got[1].Replies != -1 || !got[1].PublishedAt.IsZero() {
			t.Errorf("second text: %+v", got[1])
		}
		var stored int
		if err := s.db.QueryRowContext(context.Background(), `SELECT length(body) FROM document_texts WHERE doc_id = 'guid:f:1'`).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if stored*4 > len(text) {
			t.Errorf("a repetitive %d-byte text takes %d bytes compressed", len(text), stored)
		}
		if err := s.DocTexts(ctx, t0.Add(time.Millisecond), func(DocText) error { t.Error("a text before since"); return nil }); err != nil {
			t.Fatal(err)
		}
		if n, err := s.PruneTexts(ctx, t0.Add(time.Millisecond)); err != nil || n != 2 {
			t.Errorf("pruned %d, %v", n, err)
		}
	})
}

// TestOpenReadOnly: a read-only store reads, refuses every write, and
// neither creates a missing database nor upgrades an old one.
func TestOpenReadOnly(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s, path := open(t)
		ctx := context.Background()
		if _, err := s.SaveCrawl(ctx, &Crawl{State: SourceState{Name: "F"}, Docs: []model.Document{{ID: "a", Text: "t"}}, KeepText: true}, nil); err != nil {
			t.Fatal(err)
		}
		ro, err := OpenReadOnly(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer ro.Close()
		n := 0
		if err := ro.DocTexts(ctx, time.Time{}, func(DocText) error { n++; return nil }); err != nil || n != 1 {
			t.Errorf("read %d texts, %v", n, err)
		}
		if _, err := ro.PruneTexts(ctx, t0.Add(time.Hour)); err == nil {
			t.Error("a read-only store pruned")
		}
		if _, err := ro.SaveCrawl(ctx, &Crawl{State: SourceState{Name: "G"}, Docs: []model.Document{{ID: "b"}}}, nil); err == nil {
			t.Error("a read-only store saved a crawl")
		}

		missing := filepath.Join(t.TempDir(), "none.db")
		if _, err := OpenReadOnly(ctx, missing); err == nil {
			t.Error("opened a missing database")
		}
		if _, err := os.Stat(missing); !os.IsNotExist(err) {
			t.Errorf("a missing database was created: %v", err)
		}

		if _, err := s.db.ExecContext(context.Background(), `DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)`); err != nil {
			t.Fatal(err)
		}
		if _, err := OpenReadOnly(ctx, path); err == nil || !strings.Contains(err.Error(), "older than this build") {
			t.Errorf("old schema: %v", err)
		}
	})
}
