package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

const mentionCols = `id, doc_id, brand, source, source_type, url, title, snippet, author, published_at,
	found_at, lang, matched, sentiment, negativity, importance, severity, tags, rules, status,
	thread_url, replies, backfill, text, assignee, handled_by, handled_at, label`

func scanMention(sc interface{ Scan(...any) error }) (model.Mention, error) {
	var m model.Mention
	var snippet, matched, tags, rules string
	var published, found, handled sql.NullInt64
	err := sc.Scan(&m.ID, &m.DocID, &m.Brand, &m.Source, &m.SourceType, &m.URL, &m.Title, &snippet,
		&m.Author, &published, &found, &m.Lang, &matched, &m.Sentiment, &m.Negativity, &m.Importance,
		&m.Severity, &tags, &rules, &m.Status, &m.ThreadURL, &m.Replies, &m.Backfill, &m.Text,
		&m.Assignee, &m.HandledBy, &handled, &m.Label)
	if err != nil {
		return m, err
	}
	m.PublishedAt, m.FoundAt, m.HandledAt = fromMillis(published), fromMillis(found), fromMillis(handled)
	for _, f := range []struct {
		src string
		dst any
	}{{snippet, &m.Snippet}, {matched, &m.Matched}, {tags, &m.Tags}, {rules, &m.Rules}} {
		if f.src == "" {
			continue
		}
		if err := json.Unmarshal([]byte(f.src), f.dst); err != nil {
			return m, fmt.Errorf("mention %d: %w", m.ID, err)
		}
	}
	if m.Matched == nil {
		m.Matched = []string{}
	}
	if m.Tags == nil {
		m.Tags = []string{}
	}
	return m, nil
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "null"
	}
	return string(b)
}

// insertMentionSQL inserts a mention (prepared by Tx.prepareInsert);
// insertMention gives its arguments. A conflict on (doc_id, brand) means
// another daemon (or an earlier crawl) stored that mention: nothing is
// inserted, and nothing alerted.
const insertMentionSQL = `INSERT INTO mentions (` + mentionInsertCols + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (doc_id, brand) DO NOTHING`

// mentionInsertCols are the columns a new mention is inserted with, and
// mentionInsertArgs their number: mentionArgs gives their values.
const (
	mentionInsertCols = `doc_id, brand, source, source_type, url,
	title, snippet, author, published_at, found_at, lang, matched, sentiment, negativity, importance,
	severity, tags, rules, status, thread_url, replies, backfill, text`
	mentionInsertArgs = 23
)

// insertMention inserts m and sets its ID. It reports false when the
// document already has a mention of that brand.
func insertMention(ctx context.Context, stmt *Stmt, m *model.Mention) (bool, error) {
	id, ok, err := stmt.insertID(ctx, mentionArgs(m)...)
	if err != nil {
		return false, fmt.Errorf("store: insert mention: %w", err)
	}
	if ok {
		m.ID = id
	}
	return ok, nil
}

// mentionArgs fills in m's defaults (no matches and tags: empty lists;
// status new) and returns the values of mentionInsertCols.
func mentionArgs(m *model.Mention) []any {
	if m.Matched == nil {
		m.Matched = []string{}
	}
	if m.Tags == nil {
		m.Tags = []string{}
	}
	if m.Status == "" {
		m.Status = model.StatusNew
	}
	return []any{m.DocID, m.Brand, m.Source, m.SourceType, m.URL, m.Title, jsonText(m.Snippet), m.Author,
		toMillis(m.PublishedAt), m.FoundAt.UnixMilli(), m.Lang, jsonText(m.Matched), m.Sentiment,
		m.Negativity, m.Importance, m.Severity, jsonText(m.Tags), jsonText(m.Rules), m.Status,
		m.ThreadURL, m.Replies, m.Backfill, m.Text}
}

// MentionFilter selects mentions to list.
type MentionFilter struct {
	Since     time.Time // found at or after
	Until     time.Time // found before (zero: no bound)
	Brand     string
	Sentiment string
	Severity  string
	Source    string
	ThreadURL string
	Status    string
	// ExcludeStatus leaves out mentions with this status (e.g. false
	// positives).
	ExcludeStatus string
	// Backfill includes mentions stored by a source's first crawl that
	// were never alerted (default: included).
	ExcludeBackfill bool
	Limit           int // 0: all
}

// Mentions lists mentions matching f, newest first.
func (s *Store) Mentions(ctx context.Context, f MentionFilter) ([]model.Mention, error) {
	var where []string
	var args []any
	if !f.Since.IsZero() {
		where, args = append(where, "found_at >= ?"), append(args, f.Since.UnixMilli())
	}
	if !f.Until.IsZero() {
		where, args = append(where, "found_at < ?"), append(args, f.Until.UnixMilli())
	}
	for _, c := range []struct{ col, v string }{
		{"brand", f.Brand}, {"sentiment", f.Sentiment}, {"severity", f.Severity},
		{"source", f.Source}, {"thread_url", f.ThreadURL}, {"status", f.Status},
	} {
		if c.v != "" {
			where, args = append(where, s.d.nocase(c.col)), append(args, c.v)
		}
	}
	if f.ExcludeStatus != "" {
		where, args = append(where, "status != ?"), append(args, f.ExcludeStatus)
	}
	if f.ExcludeBackfill {
		where = append(where, "backfill = 0")
	}
	q := `SELECT ` + mentionCols + ` FROM mentions`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	q += ` ORDER BY found_at DESC, id DESC`
	if f.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	rows, err := s.rdb.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: mentions: %w", err)
	}
	defer rows.Close()
	var out []model.Mention
	for rows.Next() {
		m, err := scanMention(rows)
		if err != nil {
			return nil, fmt.Errorf("store: mentions: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Mention returns one mention by ID, or ErrNotFound.
func (s *Store) Mention(ctx context.Context, id int64) (model.Mention, error) {
	m, err := scanMention(s.rdb.QueryRowContext(ctx, `SELECT `+mentionCols+` FROM mentions WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return m, ErrNotFound
	}
	if err != nil {
		return m, fmt.Errorf("store: mention %d: %w", id, err)
	}
	return m, nil
}

// MentionsByID returns the mentions with these IDs, keyed by ID.
func (s *Store) MentionsByID(ctx context.Context, ids []int64) (map[int64]model.Mention, error) {
	out := make(map[int64]model.Mention, len(ids))
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		rows, err := s.rdb.QueryContext(ctx, `SELECT `+mentionCols+` FROM mentions WHERE id IN (`+placeholders(len(args))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: mentions by id: %w", err)
		}
		for rows.Next() {
			m, err := scanMention(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: mentions by id: %w", err)
			}
			out[m.ID] = m
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ThreadBrands returns, for each of these thread URLs, the brands that
// already have a mention in the thread.
func (s *Store) ThreadBrands(ctx context.Context, urls []string) (map[string][]string, error) {
	out := map[string][]string{}
	urls = nonEmpty(urls)
	for start := 0; start < len(urls); start += chunk {
		part := urls[start:min(start+chunk, len(urls))]
		args := make([]any, len(part))
		for i, u := range part {
			args[i] = u
		}
		rows, err := s.rdb.QueryContext(ctx, `SELECT DISTINCT thread_url, brand FROM mentions
			WHERE thread_url != '' AND thread_url IN (`+placeholders(len(args))+`) ORDER BY thread_url, brand`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: thread brands: %w", err)
		}
		for rows.Next() {
			var u, b string
			if err := rows.Scan(&u, &b); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: thread brands: %w", err)
			}
			out[u] = append(out[u], b)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func nonEmpty(ss []string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// UpdateScores rewrites a stored mention's scores, tags and rules (after an
// escalation, e.g. its thread heating up) and queues, in the same
// transaction, the deliveries of routes it now matches.
func (s *Store) UpdateScores(ctx context.Context, m *model.Mention, enqueue EnqueueFunc) error {
	return s.Tx(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE mentions SET sentiment = ?, negativity = ?, importance = ?,
			severity = ?, tags = ?, rules = ?, replies = ?, backfill = ? WHERE id = ?`,
			m.Sentiment, m.Negativity, m.Importance, m.Severity, jsonText(m.Tags), jsonText(m.Rules),
			m.Replies, m.Backfill, m.ID)
		if err != nil {
			return fmt.Errorf("store: update mention %d: %w", m.ID, err)
		}
		if enqueue != nil && !m.Backfill {
			if err := enqueue(ctx, tx, m); err != nil {
				return fmt.Errorf("store: enqueue mention %d: %w", m.ID, err)
			}
		}
		return nil
	})
}
