package app

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

func textRows(t *testing.T, d *Daemon) (texts, docs int) {
	t.Helper()
	db := d.Store().DB()
	if err := db.QueryRow(`SELECT COUNT(*) FROM document_texts`).Scan(&texts); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT COUNT(*) FROM documents`).Scan(&docs); err != nil {
		t.Fatal(err)
	}
	return texts, docs
}

// TestKeepText: every new document's text is kept — mentions or not —
// until storage.keep_text has passed on the daemon's clock; 0s keeps none.
func TestKeepText(t *testing.T) {
	h := newHarness(t)
	now := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	clk := clock.NewFake(now)
	h.clock = clk
	h.site.setFeed(
		item("1", "Акме Банк заблокировал карту", "Без объяснений.", now.Add(-time.Hour)),
		item("2", "Weather", "Sunny all week.", now.Add(-time.Hour)),
	)
	h.site.addPost(post{"101", "Светлана", now.Add(-time.Hour).Format(time.RFC3339), "Акме Банк списал деньги дважды!"})
	cfg, err := os.ReadFile(h.path)
	if err != nil {
		t.Fatal(err)
	}
	keep := strings.Replace(string(cfg), "storage: {path:", "storage: {keep_text: 48h, path:", 1)
	if err := os.WriteFile(h.path, []byte(keep), 0o600); err != nil {
		t.Fatal(err)
	}
	d := h.daemon(t)
	ctx := context.Background()
	wantFailed(t, d, ctx, "Broken")
	if texts, docs := textRows(t, d); texts != 3 || docs != 3 {
		t.Fatalf("after the first crawl: %d texts of %d documents, want 3 of 3", texts, docs)
	}
	// A later crawl adds only the new document's text.
	clk.Advance(24 * time.Hour)
	h.site.addPost(post{"102", "Пётр", clk.Now().Format(time.RFC3339), "У меня то же самое."})
	wantFailed(t, d, ctx, "Broken")
	if texts, _ := textRows(t, d); texts != 4 {
		t.Fatalf("after the second crawl: %d texts, want 4", texts)
	}
	var weather string
	var n int
	err = d.Store().DocTexts(ctx, time.Time{}, func(dt store.DocText) error {
		n++
		if dt.Title == "Weather" {
			weather = dt.Text
		}
		return nil
	})
	if err != nil || weather != "Sunny all week." || n != 4 {
		t.Errorf("read back %d texts, weather %q, %v", n, weather, err)
	}

	d.pruneTexts(ctx) // nothing is 48h old yet
	if texts, _ := textRows(t, d); texts != 4 {
		t.Fatalf("pruned too early: %d texts left", texts)
	}
	clk.Advance(24*time.Hour + time.Minute)
	d.pruneTexts(ctx)
	if texts, docs := textRows(t, d); texts != 1 || docs != 4 {
		t.Errorf("48h after the first crawl: %d texts (want the second crawl's 1), %d documents (all 4 stay known)", texts, docs)
	}
	clk.Advance(24 * time.Hour)
	d.pruneTexts(ctx)
	if texts, _ := textRows(t, d); texts != 0 {
		t.Errorf("%d texts left", texts)
	}
}

// TestKeepTextZero: keep_text: 0s keeps no text at all.
func TestKeepTextZero(t *testing.T) {
	h := newHarness(t)
	h.clock = clock.NewFake(time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC))
	h.site.setFeed(item("1", "Acme Bank", "Acme Bank opens.", time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)))
	cfg, err := os.ReadFile(h.path)
	if err != nil {
		t.Fatal(err)
	}
	zero := strings.Replace(string(cfg), "storage: {path:", "storage: {keep_text: 0s, path:", 1)
	if err := os.WriteFile(h.path, []byte(zero), 0o600); err != nil {
		t.Fatal(err)
	}
	d := h.daemon(t)
	wantFailed(t, d, context.Background(), "Broken")
	if texts, docs := textRows(t, d); texts != 0 || docs == 0 {
		t.Errorf("keep_text 0s: %d texts of %d documents", texts, docs)
	}
}
