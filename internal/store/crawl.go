package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// Crawl is everything one crawl of a source changes, written at once.
type Crawl struct {
	State    SourceState
	Docs     []model.Document // new documents, to be remembered as seen
	Mentions []*model.Mention // mentions of those documents
	Threads  []ThreadObservation
}

// EnqueueFunc queues the deliveries of a newly stored mention, inside the
// transaction that stores it, so that a mention is never stored without its
// alerts nor alerted without being stored.
type EnqueueFunc func(ctx context.Context, tx *sql.Tx, m *model.Mention) error

// docByURLSQL finds a stored document by URL; url != '' lets SQLite use
// the partial index on url.
const docByURLSQL = `SELECT 1 FROM documents WHERE url = ? AND url != '' LIMIT 1`

// SaveCrawl writes a crawl in one transaction: the documents as seen, the
// mentions with their deliveries (through enqueue), thread reply counts and
// the source's state. A document already stored by a concurrent crawl (same
// ID or URL) is skipped with its mentions. It returns the mentions stored.
func (s *Store) SaveCrawl(ctx context.Context, c *Crawl, enqueue EnqueueFunc) ([]*model.Mention, error) {
	var stored []*model.Mention
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		stored = stored[:0]
		now := s.now()
		skip := map[string]bool{}
		var byURL, insDoc, insMention *sql.Stmt
		if len(c.Docs) > 0 {
			var err error
			if byURL, err = tx.PrepareContext(ctx, docByURLSQL); err != nil {
				return fmt.Errorf("store: prepare: %w", err)
			}
			defer byURL.Close()
			if insDoc, err = tx.PrepareContext(ctx, `INSERT OR IGNORE INTO documents (id, source, url, seen_at) VALUES (?, ?, ?, ?)`); err != nil {
				return fmt.Errorf("store: prepare: %w", err)
			}
			defer insDoc.Close()
		}
		if len(c.Mentions) > 0 {
			var err error
			if insMention, err = tx.PrepareContext(ctx, insertMentionSQL); err != nil {
				return fmt.Errorf("store: prepare: %w", err)
			}
			defer insMention.Close()
		}
		for _, d := range c.Docs {
			if d.URL != "" {
				var one int
				err := byURL.QueryRowContext(ctx, d.URL).Scan(&one)
				if err == nil {
					skip[d.ID] = true
					continue
				} else if err != sql.ErrNoRows {
					return fmt.Errorf("store: check document: %w", err)
				}
			}
			res, err := insDoc.ExecContext(ctx, d.ID, c.State.Name, d.URL, now.UnixMilli())
			if err != nil {
				return fmt.Errorf("store: insert document: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				skip[d.ID] = true
			}
		}
		for _, m := range c.Mentions {
			if skip[m.DocID] {
				continue
			}
			ok, err := insertMention(ctx, insMention, m)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			if enqueue != nil && !m.Backfill {
				if err := enqueue(ctx, tx, m); err != nil {
					return fmt.Errorf("store: enqueue mention %d: %w", m.ID, err)
				}
			}
			stored = append(stored, m)
		}
		if err := saveThreads(ctx, tx, c.State.Name, c.Threads, now); err != nil {
			return err
		}
		c.State.ItemsSeen += len(c.Docs) - len(skip)
		return saveSource(ctx, tx, c.State)
	})
	if err != nil {
		return nil, err
	}
	return stored, nil
}
