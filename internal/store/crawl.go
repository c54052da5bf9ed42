package store

import (
	"context"
	"fmt"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// Crawl is everything one crawl of a source changes, written at once.
type Crawl struct {
	State    SourceState
	Docs     []model.Document // new documents, to be remembered as seen
	Mentions []*model.Mention // mentions of those documents
	Threads  []ThreadObservation

	// KeepText keeps the text of every new document (document_texts) for
	// replays by `mentionwatch backtest`, with what the crawl knew of it:
	// Growth, by thread URL, is how many replies the thread gained at this
	// crawl, and Baseline says this is the source's first crawl.
	KeepText bool
	Growth   map[string]int
	Baseline bool

	// Lease, when set, is the source's lease (ClaimSource): the crawl is
	// saved only while this daemon still holds it, and releases it in the
	// same transaction, storing State.NextRunAt as the source's next run
	// for every daemon. A lost lease fails with ErrLeaseLost.
	Lease *Lease
	// KeepNextRun, with Lease, leaves the source's next run as stored for
	// every daemon when the lease is released (a pushed document, not a
	// scheduled crawl): the crawl still counts among the leased ones, so
	// that other daemons catch up with its documents.
	KeepNextRun bool
}

// EnqueueFunc queues the deliveries of a newly stored mention, inside the
// transaction that stores it, so that a mention is never stored without its
// alerts nor alerted without being stored. On PostgreSQL a transaction
// that loses to a concurrent one runs again: the function may then be
// called again for the same mention, in the new transaction.
type EnqueueFunc func(ctx context.Context, tx *Tx, m *model.Mention) error

// SaveCrawl writes a crawl in one transaction: the documents as seen, the
// mentions with their deliveries (through enqueue), thread reply counts and
// the source's state. A document already stored by a concurrent crawl (same
// ID or own link) is skipped with its mentions. It returns the mentions stored.
// On PostgreSQL the new documents, texts and mentions go in multi-row
// statements (crawl_pg.go), on SQLite one prepared row at a time.
func (s *Store) SaveCrawl(ctx context.Context, c *Crawl, enqueue EnqueueFunc) ([]*model.Mention, error) {
	return s.SaveCrawlBatch(ctx, c, enqueue.Batch())
}

// SaveCrawlBatch is SaveCrawl with the crawl's deliveries queued by one
// call of enqueue, with the stored mentions to alert (not Backfill), once
// they are all inserted.
func (s *Store) SaveCrawlBatch(ctx context.Context, c *Crawl, enqueue EnqueueBatchFunc) ([]*model.Mention, error) {
	if err := s.seenReady(ctx); err != nil {
		return nil, err
	}
	var packed map[string][]byte
	if c.KeepText && len(c.Docs) > 0 {
		var err error
		if packed, err = packTexts(c); err != nil {
			return nil, err
		}
	}
	s.seen.write.Lock()
	defer s.seen.write.Unlock()
	fresh, links, keys := s.seen.filter(c.Docs)
	skip := make(map[string]bool, len(c.Docs)-len(fresh))
	for _, d := range c.Docs {
		skip[d.ID] = true
	}
	for _, d := range fresh {
		delete(skip, d.ID)
	}
	var stored []*model.Mention
	itemsSeen := c.State.ItemsSeen + len(fresh)
	err := s.Tx(ctx, func(tx *Tx) error {
		stored = stored[:0]
		now := s.now()
		var seq int64 // the crawl's number among its source's leased crawls (0: unleased)
		if c.Lease != nil {
			var err error
			next := c.State.NextRunAt
			if c.KeepNextRun {
				next = time.Time{}
			}
			if seq, err = c.Lease.release(ctx, tx, next, true); err != nil {
				return err
			}
		}
		if len(fresh) > 0 && s.d == postgresDialect {
			if err := insertDocumentsPG(ctx, tx, c, fresh, links, packed, now, seq); err != nil {
				return err
			}
		} else if len(fresh) > 0 {
			ins, err := tx.PrepareContext(ctx, `INSERT INTO documents (id, source, url, link_key, seen_at, crawl) VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT DO NOTHING`)
			if err != nil {
				return fmt.Errorf("store: prepare: %w", err)
			}
			defer ins.Close()
			for i, d := range fresh {
				if _, err := ins.ExecContext(ctx, d.ID, c.State.Name, d.URL, links[i], now.UnixMilli(), seq); err != nil {
					return fmt.Errorf("store: insert document: %w", err)
				}
			}
			if c.KeepText {
				if err := insertTexts(ctx, tx, c.State.Name, fresh, packed, now); err != nil {
					return err
				}
			}
		}
		if len(c.Mentions) > 0 && s.d == postgresDialect {
			ms := make([]*model.Mention, 0, len(c.Mentions))
			for _, m := range c.Mentions {
				if !skip[m.DocID] {
					ms = append(ms, m)
				}
			}
			inserted, err := insertMentionsPG(ctx, tx, ms, s.search)
			if err != nil {
				return err
			}
			stored = append(stored, inserted...)
		} else if len(c.Mentions) > 0 {
			ins, err := tx.prepareInsert(ctx, insertMentionSQL)
			if err != nil {
				return fmt.Errorf("store: prepare: %w", err)
			}
			defer ins.Close()
			for _, m := range c.Mentions {
				if skip[m.DocID] {
					continue
				}
				ok, err := insertMention(ctx, ins, m)
				if err != nil {
					return err
				}
				if !ok {
					continue
				}
				stored = append(stored, m)
			}
		}
		if enqueue != nil && len(stored) > 0 {
			alert := make([]*model.Mention, 0, len(stored))
			for _, m := range stored {
				if !m.Backfill {
					alert = append(alert, m)
				}
			}
			if len(alert) > 0 {
				if err := enqueue(ctx, tx, alert); err != nil {
					return fmt.Errorf("store: enqueue: %w", err)
				}
			}
		}
		if err := saveThreads(ctx, tx, c.State.Name, c.Threads, now); err != nil {
			return err
		}
		c.State.ItemsSeen = itemsSeen // the same if the transaction runs again
		return saveSource(ctx, tx, c.State)
	})
	if err != nil {
		return nil, err
	}
	s.seen.publish(keys)
	s.states.remember(c.State)
	if c.Lease != nil {
		c.Lease.released()
	}
	return stored, nil
}
