package store

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
)

// pgSearchSchema stores, on PostgreSQL, each mention's words as the inbox
// searches them: mentions.search holds the words of title and text split
// and folded in Go (searchWords, the fold SQLite's word search does), so
// both engines find the same mentions whatever the database's locale, and
// a GIN index serves the search. The old index folded in SQL (no accents,
// dotted host names kept whole, case by the locale); it goes. Rows stored
// before this migration get their words from fillSearch, in batches,
// found through a partial index that empties as they are filled.
const pgSearchSchema = `
ALTER TABLE mentions ADD COLUMN search TSVECTOR;
DROP INDEX IF EXISTS mentions_words;
CREATE INDEX mentions_search ON mentions USING GIN (search);
CREATE INDEX mentions_search_unset ON mentions(id) WHERE search IS NULL;
`

// Limits of a PostgreSQL tsvector: a word is shorter than 2 KiB, all of
// them together (with their bookkeeping) under 1 MiB.
const (
	pgMaxLexeme = 2046
	pgMaxVector = 512 << 10
)

// searchVector is the text of mentions.search for a mention's title and
// text: their words (searchWords), each once, quoted as tsvector input so
// that PostgreSQL takes them as they are (no parser, no dictionary, no
// locale). Words too long for PostgreSQL are left out, and so are the
// words of a text so long that its vector would pass PostgreSQL's limit.
func searchVector(title, text string) string {
	var b strings.Builder
	seen := map[string]bool{}
	for _, s := range [2]string{title, text} {
		for _, w := range searchWords(s) {
			if seen[w] || len(w) > pgMaxLexeme {
				continue
			}
			if b.Len()+len(w)+3 > pgMaxVector {
				return b.String()
			}
			seen[w] = true
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(pgLexeme(w))
		}
	}
	return b.String()
}

// pgLexeme quotes w as a word of tsvector or tsquery input.
func pgLexeme(w string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(w) + "'"
}

// fillSearchBatch is how many mentions fillSearch fills in one statement
// (and transaction).
const fillSearchBatch = 1000

// fillSearch gives the mentions stored without words (before migration
// 18) their words, a batch at a time, each batch its own transaction so
// that a large table is not locked for long. migrate calls it on every
// open of a PostgreSQL database; with nothing to fill it costs one look
// at an empty partial index. Daemons opening the database at once may
// fill the same rows; each writes the same words.
func (s *Store) fillSearch(ctx context.Context) error {
	total := 0
	for {
		n, err := s.fillSearchOnce(ctx)
		if err != nil {
			return fmt.Errorf("store: fill search words: %w", err)
		}
		total += n
		if n < fillSearchBatch {
			break
		}
	}
	if total == 0 {
		return nil
	}
	slog.Info("store: stored the search words of existing mentions", "mentions", total)
	// The planner learns of the new words now rather than at autovacuum's
	// next turn.
	if _, err := s.db.ExecContext(ctx, `ANALYZE mentions`); err != nil {
		return fmt.Errorf("store: analyze mentions: %w", err)
	}
	return nil
}

// fillSearchOnce fills at most fillSearchBatch mentions and returns how
// many it read.
func (s *Store) fillSearchOnce(ctx context.Context) (int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, title, text FROM mentions WHERE search IS NULL ORDER BY id LIMIT ?`,
		fillSearchBatch)
	if err != nil {
		return 0, err
	}
	var args []any
	for rows.Next() {
		var id int64
		var title, text string
		if err := rows.Scan(&id, &title, &text); err != nil {
			rows.Close()
			return 0, err
		}
		args = append(args, id, searchVector(title, text))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	n := len(args) / 2
	if n == 0 {
		return 0, nil
	}
	values := strings.TrimSuffix(strings.Repeat("(CAST(? AS BIGINT), CAST(? AS TEXT)),", n), ",")
	_, err = s.db.ExecContext(ctx, `UPDATE mentions AS m SET search = CAST(v.words AS tsvector)
		FROM (VALUES `+values+`) AS v(id, words) WHERE m.id = v.id AND m.search IS NULL`, args...)
	return n, err
}
