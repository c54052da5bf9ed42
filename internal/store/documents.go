package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// chunk is how many values go into one IN (…) list.
const chunk = 400

// Unseen returns, in order, the documents of docs that were never seen
// before: neither their ID nor their URL is stored, and neither repeats an
// earlier document of docs.
func (s *Store) Unseen(ctx context.Context, docs []model.Document) ([]model.Document, error) {
	if len(docs) == 0 {
		return nil, nil
	}
	seen := map[string]bool{}
	for start := 0; start < len(docs); start += chunk {
		part := docs[start:min(start+chunk, len(docs))]
		ids := make([]any, 0, len(part))
		urls := make([]any, 0, len(part))
		for _, d := range part {
			ids = append(ids, d.ID)
			if d.URL != "" {
				urls = append(urls, d.URL)
			}
		}
		q, args := unseenSQL(len(ids), len(urls)), ids
		args = append(args, urls...)
		rows, err := s.rdb.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("store: unseen documents: %w", err)
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: unseen documents: %w", err)
			}
			seen[k] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: unseen documents: %w", err)
		}
	}
	var out []model.Document
	for _, d := range docs {
		if seen[d.ID] || (d.URL != "" && seen[d.URL]) {
			continue
		}
		seen[d.ID] = true
		if d.URL != "" {
			seen[d.URL] = true
		}
		out = append(out, d)
	}
	return out, nil
}

// unseenSQL selects which of ids IDs and urls URLs are stored; url != ''
// lets SQLite use the partial index on url.
func unseenSQL(ids, urls int) string {
	q := `SELECT id FROM documents WHERE id IN (` + placeholders(ids) + `)`
	if urls > 0 {
		q += ` UNION ALL SELECT url FROM documents WHERE url != '' AND url IN (` + placeholders(urls) + `)`
	}
	return q
}

func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?,", n-1) + "?"
}
