package store

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// documentTextsSchema keeps the text of every fetched document, not only
// of mentions, so that a changed config can be replayed over what the
// sources said (`mentionwatch backtest`). Like documents, the table is
// append-only: a document's ID is unique because SaveCrawl writes only
// documents never seen before, so there is no unique index on it to update
// at a random page per insert; the index on seen_at grows at its end, and
// serves both the replay of a period and the daily prune.
const documentTextsSchema = `
CREATE TABLE document_texts (
	doc_id  TEXT NOT NULL,
	source  TEXT NOT NULL,
	seen_at INTEGER NOT NULL,
	body    BLOB NOT NULL
);
CREATE INDEX document_texts_seen ON document_texts(seen_at);
`

// DocText is a document's text as a crawl saw it, with what the crawl
// knew of it, kept for replays.
type DocText struct {
	model.Document
	// Source is the name of the source that yielded it.
	Source string
	// SeenAt is when the crawl stored it.
	SeenAt time.Time
	// Growth is how many replies its thread gained at that crawl.
	Growth int
	// Baseline says it came from the source's first crawl (whose old
	// entries are stored without alerting).
	Baseline bool
}

// docBody is the compressed JSON of a DocText (ID, source and time are
// columns).
type docBody struct {
	Title       string    `json:"title,omitempty"`
	Text        string    `json:"text,omitempty"`
	Author      string    `json:"author,omitempty"`
	URL         string    `json:"url,omitempty"`
	PublishedAt time.Time `json:"published_at,omitzero"`
	ThreadURL   string    `json:"thread_url,omitempty"`
	Replies     int       `json:"replies"`
	Growth      int       `json:"growth,omitempty"`
	Baseline    bool      `json:"baseline,omitempty"`
}

// Texts are kept as their JSON behind a one-byte format mark: short ones
// (most posts and headlines) as they are, longer ones compressed with
// DEFLATE (compress/flate, RFC 1951) from the standard library at its
// fastest level — no dependency, well under the size of the JSON, and
// cheap enough that keeping texts adds little to a crawl. Below
// compressFrom bytes a DEFLATE block's own tables cost more time than the
// bytes it saves. A writer holds about 600 KiB of state, so writers are
// pooled.
const (
	textRaw      byte = 0
	textDeflate  byte = 1
	compressFrom      = 1024
)

var deflaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(io.Discard, flate.BestSpeed)
	return w
}}

func compressText(b []byte) ([]byte, error) {
	if len(b) < compressFrom {
		return append([]byte{textRaw}, b...), nil
	}
	var buf bytes.Buffer
	buf.Grow(len(b)/3 + 64)
	buf.WriteByte(textDeflate)
	w := deflaters.Get().(*flate.Writer)
	defer deflaters.Put(w)
	w.Reset(&buf)
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// inflaters pools readers, which hold a 32 KiB window each.
var inflaters sync.Pool

func decompressText(b []byte) ([]byte, error) {
	if len(b) == 0 {
		return nil, errors.New("empty text record")
	}
	switch b[0] {
	case textRaw:
		return b[1:], nil
	case textDeflate:
	default:
		return nil, fmt.Errorf("unknown text format %d", b[0])
	}
	b = b[1:]
	r, _ := inflaters.Get().(io.ReadCloser)
	if r == nil {
		r = flate.NewReader(bytes.NewReader(b))
	} else if err := r.(flate.Resetter).Reset(bytes.NewReader(b), nil); err != nil {
		return nil, err
	}
	defer inflaters.Put(r)
	return io.ReadAll(r)
}

// packTexts compresses the texts of a crawl's documents, by document ID,
// before SaveCrawl takes the store's write lock: the compression runs in
// the crawl's own goroutine, in parallel with other crawls, and only the
// insert is serialized.
func packTexts(c *Crawl) (map[string][]byte, error) {
	out := make(map[string][]byte, len(c.Docs))
	for _, d := range c.Docs {
		body := docBody{Title: d.Title, Text: d.Text, Author: d.Author, URL: d.URL, PublishedAt: d.PublishedAt,
			ThreadURL: d.ThreadURL, Replies: d.Replies, Baseline: c.Baseline}
		if d.ThreadURL != "" {
			body.Growth = c.Growth[d.ThreadURL]
		}
		js, err := json.Marshal(body)
		if err != nil {
			return nil, fmt.Errorf("store: document text %s: %w", d.ID, err)
		}
		z, err := compressText(js)
		if err != nil {
			return nil, fmt.Errorf("store: compress document text %s: %w", d.ID, err)
		}
		out[d.ID] = z
	}
	return out, nil
}

// insertTexts writes the packed texts of a crawl's new documents inside
// its transaction.
func insertTexts(ctx context.Context, tx *Tx, source string, fresh []model.Document, packed map[string][]byte, now time.Time) error {
	ins, err := tx.PrepareContext(ctx, `INSERT INTO document_texts (doc_id, source, seen_at, body) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("store: prepare: %w", err)
	}
	defer ins.Close()
	for _, d := range fresh {
		if _, err := ins.ExecContext(ctx, d.ID, source, now.UnixMilli(), packed[d.ID]); err != nil {
			return fmt.Errorf("store: insert document text: %w", err)
		}
	}
	return nil
}

// DocTexts calls fn with every kept document text seen at or after since,
// in the order they were stored. An error from fn stops the walk and is
// returned.
func (s *Store) DocTexts(ctx context.Context, since time.Time, fn func(DocText) error) error {
	rows, err := s.rdb.QueryContext(ctx, `SELECT doc_id, source, seen_at, body FROM document_texts
		WHERE seen_at >= ? ORDER BY seen_at, `+s.d.textsOrder(), since.UnixMilli())
	if err != nil {
		return fmt.Errorf("store: document texts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var dt DocText
		var seen int64
		var z []byte
		if err := rows.Scan(&dt.ID, &dt.Source, &seen, &z); err != nil {
			return fmt.Errorf("store: document texts: %w", err)
		}
		js, err := decompressText(z)
		if err != nil {
			return fmt.Errorf("store: document text %s: %w", dt.ID, err)
		}
		var b docBody
		if err := json.Unmarshal(js, &b); err != nil {
			return fmt.Errorf("store: document text %s: %w", dt.ID, err)
		}
		dt.SeenAt = time.UnixMilli(seen).UTC()
		dt.Title, dt.Text, dt.Author, dt.URL, dt.PublishedAt = b.Title, b.Text, b.Author, b.URL, b.PublishedAt
		dt.ThreadURL, dt.Replies, dt.Growth, dt.Baseline = b.ThreadURL, b.Replies, b.Growth, b.Baseline
		if err := fn(dt); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: document texts: %w", err)
	}
	return nil
}

// PruneTexts deletes the texts of documents seen before before and
// returns how many it deleted.
func (s *Store) PruneTexts(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM document_texts WHERE seen_at < ?`, before.UnixMilli())
	if err != nil {
		return 0, fmt.Errorf("store: prune document texts: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// MentionsOfDocs returns the stored mentions of these documents, by
// document ID.
func (s *Store) MentionsOfDocs(ctx context.Context, ids []string) (map[string][]model.Mention, error) {
	out := map[string][]model.Mention{}
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		rows, err := s.rdb.QueryContext(ctx, `SELECT `+mentionCols+` FROM mentions WHERE doc_id IN (`+placeholders(len(args))+`) ORDER BY id`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: mentions of documents: %w", err)
		}
		for rows.Next() {
			m, err := scanMention(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: mentions of documents: %w", err)
			}
			out[m.DocID] = append(out[m.DocID], m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: mentions of documents: %w", err)
		}
	}
	return out, nil
}

// CountMentions returns how many mentions were found at or after since.
func (s *Store) CountMentions(ctx context.Context, since time.Time) (int, error) {
	var n int
	if err := s.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM mentions WHERE found_at >= ?`, since.UnixMilli()).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count mentions: %w", err)
	}
	return n, nil
}
