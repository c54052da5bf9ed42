package store

import (
	"context"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestSeenIndexLoadRetried: a failed first load of the seen index (here
// the documents table is briefly out of reach; in a fleet, a serialization
// failure while other daemons write) fails that call only: the next call
// loads the index and answers, instead of repeating the first error for
// the life of the process.
func TestSeenIndexLoadRetried(t *testing.T) {
	s, _ := open(t)
	ctx := context.Background()
	if _, err := s.db.ExecContext(ctx, `ALTER TABLE documents RENAME TO documents_away`); err != nil {
		t.Fatal(err)
	}
	docs := []model.Document{{ID: "a1", URL: "https://e.example/1", Title: "Acme"}}
	if _, err := s.Unseen(ctx, docs); err == nil {
		t.Fatal("Unseen with no documents table: want an error")
	}
	if _, err := s.db.ExecContext(ctx, `ALTER TABLE documents_away RENAME TO documents`); err != nil {
		t.Fatal(err)
	}
	got, err := s.Unseen(ctx, docs)
	if err != nil {
		t.Fatalf("Unseen after the table is back: %v", err)
	}
	if len(got) != 1 || got[0].ID != "a1" {
		t.Errorf("Unseen = %v, want the one new document", got)
	}
}
