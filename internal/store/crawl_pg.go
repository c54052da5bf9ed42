package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// On PostgreSQL every statement is a round trip to the server, so
// SaveCrawl writes a crawl's new documents, texts and mentions in
// multi-row INSERT … VALUES (…),(…) statements (SQL CockroachDB and
// YugabyteDB speak too) instead of one row per statement; SQLite, in
// process, stays faster row by row with a prepared statement.
//
// pgx prepares and caches every distinct statement text on each
// connection (512 per connection, least recently used first out), and a
// statement of n rows is a text of its own: a crawl's rows go in chunks
// whose sizes are powers of two up to pgBatchMax (100 rows: 64, 32 and 4),
// so that each table has at most a handful of texts, not one per crawl
// size evicting the store's other statements.
const pgBatchMax = 512 // 24 columns of mentions: 12,288 parameters, far under PostgreSQL's 65,535

// pgChunks splits n rows into chunk sizes, each a power of two of at most
// pgBatchMax, largest first.
func pgChunks(n int) []int {
	var out []int
	for n > 0 {
		size := pgBatchMax
		for size > n {
			size >>= 1
		}
		out = append(out, size)
		n -= size
	}
	return out
}

// pgInsertRows inserts n rows with head ("INSERT INTO t (a, b)"), the
// VALUES of cols parameters each and tail ("ON CONFLICT DO NOTHING …"),
// chunk by chunk (pgChunks). args appends row i's arguments. When scan is
// set, the statement returns rows (tail has RETURNING), each passed to
// scan. The text is written with PostgreSQL's $n placeholders already, so
// it bypasses rebind and its cache.
func pgInsertRows(ctx context.Context, tx *Tx, head, tail string, cols, n int,
	args func(buf []any, i int) []any, scan func(*sql.Rows) error) error {
	var q strings.Builder
	var buf []any
	start := 0
	for _, size := range pgChunks(n) {
		q.Reset()
		q.WriteString(head)
		q.WriteString(" VALUES ")
		p := 0
		for r := range size {
			if r > 0 {
				q.WriteByte(',')
			}
			q.WriteByte('(')
			for c := range cols {
				if c > 0 {
					q.WriteByte(',')
				}
				p++
				q.WriteByte('$')
				q.WriteString(strconv.Itoa(p))
			}
			q.WriteByte(')')
		}
		q.WriteByte(' ')
		q.WriteString(tail)
		buf = buf[:0]
		for i := start; i < start+size; i++ {
			buf = args(buf, i)
		}
		if len(buf) != p {
			return fmt.Errorf("%d arguments for %d parameters", len(buf), p)
		}
		start += size
		if scan == nil {
			if _, err := tx.tx.ExecContext(ctx, q.String(), pgArgs(buf)...); err != nil {
				return err
			}
			continue
		}
		rows, err := tx.tx.QueryContext(ctx, q.String(), pgArgs(buf)...)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := scan(rows); err != nil {
				rows.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// insertDocumentsPG writes a crawl's new documents, and their texts when
// kept, on PostgreSQL: the rows of SaveCrawl's one-row statements, in
// multi-row ones.
func insertDocumentsPG(ctx context.Context, tx *Tx, c *Crawl, fresh []model.Document, links []string,
	packed map[string][]byte, now time.Time, seq int64) error {
	seen := now.UnixMilli()
	err := pgInsertRows(ctx, tx, `INSERT INTO documents (id, source, url, link_key, seen_at, crawl)`,
		`ON CONFLICT DO NOTHING`, 6, len(fresh), func(buf []any, i int) []any {
			d := fresh[i]
			return append(buf, d.ID, c.State.Name, d.URL, links[i], seen, seq)
		}, nil)
	if err != nil {
		return fmt.Errorf("store: insert documents: %w", err)
	}
	if !c.KeepText {
		return nil
	}
	err = pgInsertRows(ctx, tx, `INSERT INTO document_texts (doc_id, source, seen_at, body)`, ``, 4, len(fresh),
		func(buf []any, i int) []any {
			d := fresh[i]
			return append(buf, d.ID, c.State.Name, seen, packed[d.ID])
		}, nil)
	if err != nil {
		return fmt.Errorf("store: insert document texts: %w", err)
	}
	return nil
}

// insertMentionsPG inserts ms on PostgreSQL in multi-row statements, with
// their search words when search is set (a schema migrated to the end), and
// returns, in the order of ms, those inserted, with their IDs set. As with
// insertMention row by row, a mention whose (document, brand) is stored
// already — by another daemon, an earlier crawl, or earlier in ms — is
// not inserted and not returned, so not alerted.
func insertMentionsPG(ctx context.Context, tx *Tx, ms []*model.Mention, search bool) ([]*model.Mention, error) {
	// The first of ms with a (document, brand) is the one inserted, as
	// row by row; the key is the one PostgreSQL compares (pgArgs drops
	// NUL characters).
	key := func(docID, brand string) string {
		return strings.ReplaceAll(docID, "\x00", "") + "\x00" + strings.ReplaceAll(brand, "\x00", "")
	}
	rows := make([]*model.Mention, 0, len(ms))
	first := make(map[string]*model.Mention, len(ms))
	for _, m := range ms {
		k := key(m.DocID, m.Brand)
		if _, dup := first[k]; dup {
			continue
		}
		first[k] = m
		rows = append(rows, m)
	}
	ids := make(map[*model.Mention]int64, len(rows))
	// With the columns of SQLite's insert, the words the inbox searches
	// (pgSearchSchema) when the schema has them.
	head, cols := `INSERT INTO mentions (`+mentionInsertCols+`)`, mentionInsertArgs
	if search {
		head, cols = `INSERT INTO mentions (`+mentionInsertCols+`, search)`, mentionInsertArgs+1
	}
	err := pgInsertRows(ctx, tx, head, `ON CONFLICT (doc_id, brand) DO NOTHING RETURNING id, doc_id, brand`, cols, len(rows),
		func(buf []any, i int) []any {
			buf = append(buf, mentionArgs(rows[i])...)
			if search {
				buf = append(buf, searchVector(rows[i].Title, rows[i].Text))
			}
			return buf
		},
		func(r *sql.Rows) error {
			var id int64
			var docID, brand string
			if err := r.Scan(&id, &docID, &brand); err != nil {
				return err
			}
			m := first[key(docID, brand)]
			if m == nil {
				return fmt.Errorf("returned mention %d of document %q and brand %q, not of this crawl", id, docID, brand)
			}
			ids[m] = id
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("store: insert mentions: %w", err)
	}
	out := make([]*model.Mention, 0, len(ids))
	for _, m := range rows {
		if id, ok := ids[m]; ok {
			m.ID = id
			out = append(out, m)
		}
	}
	return out, nil
}
