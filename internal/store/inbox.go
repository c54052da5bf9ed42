package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/russian"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// inboxSchema indexes what the inbox lists and searches: words in
// mentions' titles and texts (an FTS4 table kept by triggers, with its
// own copy of the words; unicode61 folds case in every script), the newest-first order within a status, a
// mention's author and deliveries, and the time mentions were handled.
var inboxSchema = `
CREATE VIRTUAL TABLE mentions_fts USING fts4(title, text, tokenize=unicode61 "remove_diacritics=1");
INSERT INTO mentions_fts(docid, title, text) SELECT id, ` + ftsYo("title") + `, ` + ftsYo("text") + ` FROM mentions;
CREATE TRIGGER mentions_fts_insert AFTER INSERT ON mentions BEGIN
	INSERT INTO mentions_fts(docid, title, text) VALUES (new.id, ` + ftsYo("new.title") + `, ` + ftsYo("new.text") + `);
END;
CREATE TRIGGER mentions_fts_delete AFTER DELETE ON mentions BEGIN
	DELETE FROM mentions_fts WHERE docid = old.id;
END;
CREATE TRIGGER mentions_fts_update AFTER UPDATE OF title, text ON mentions BEGIN
	UPDATE mentions_fts SET title = ` + ftsYo("new.title") + `, text = ` + ftsYo("new.text") + ` WHERE docid = new.id;
END;
CREATE INDEX mentions_status_found ON mentions(status, found_at);
CREATE INDEX mentions_author ON mentions(author, found_at) WHERE author != '';
CREATE INDEX mentions_handled ON mentions(handled_at) WHERE handled_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS deliveries_mention ON deliveries(mention_id);
`

// ftsYo is the SQL for col with ё written е, as searches are: the
// tokenizer folds case but keeps ё.
func ftsYo(col string) string { return "replace(replace(" + col + ", 'ё', 'е'), 'Ё', 'Е')" }

// Cursor is a place in the newest-first order of mentions: a mention's
// found time and id. Paging by it does not drift when new mentions arrive.
type Cursor struct {
	FoundAt time.Time
	ID      int64
}

// String formats the cursor as the inbox's URLs carry it: "<unix ms>,<id>".
func (c Cursor) String() string { return fmt.Sprintf("%d,%d", c.FoundAt.UnixMilli(), c.ID) }

// ParseCursor reads a cursor written by Cursor.String.
func ParseCursor(s string) (Cursor, error) {
	var ms, id int64
	if _, err := fmt.Sscanf(s, "%d,%d", &ms, &id); err != nil || fmt.Sprintf("%d,%d", ms, id) != s {
		return Cursor{}, fmt.Errorf("not a cursor <found_at ms>,<id>: %q", s)
	}
	return Cursor{FoundAt: time.UnixMilli(ms).UTC(), ID: id}, nil
}

// CursorOf returns m's place in the order.
func CursorOf(m model.Mention) Cursor { return Cursor{FoundAt: m.FoundAt, ID: m.ID} }

// InboxFilter selects the inbox's mentions: MentionFilter's fields plus
// tag, assignee, source type and words, and a cursor.
type InboxFilter struct {
	MentionFilter
	Tag        string
	SourceType string
	// Assignee is a user name; Unassigned selects mentions nobody took.
	Assignee   string
	Unassigned bool
	// Words are searched in title and text, every one of them, in any
	// case and (through their stems) any word form.
	Words []string
	// Before lists mentions older than the cursor (the next page); After
	// lists those newer (what arrived since the page was drawn).
	Before, After *Cursor
}

// where returns the filter's SQL condition, leaving out the column skip
// (for counting that column's values under the other filters).
//
// With few set, a word search drives the query (the mentions with the
// words are looked up by id); without, the search is only checked on
// the mentions the rest of the query walks, newest first.
func (f InboxFilter) where(d dialect, skip string, few bool) (string, []any) {
	var where []string
	var args []any
	add := func(cond string, a ...any) { where, args = append(where, cond), append(args, a...) }
	if !f.Since.IsZero() {
		add("mentions.found_at >= ?", f.Since.UnixMilli())
	}
	if !f.Until.IsZero() {
		add("mentions.found_at < ?", f.Until.UnixMilli())
	}
	for _, c := range []struct{ col, v string }{
		{"brand", f.Brand}, {"sentiment", f.Sentiment}, {"severity", f.Severity},
		{"source", f.Source}, {"thread_url", f.ThreadURL}, {"status", f.Status},
		{"source_type", f.SourceType}, {"assignee", f.Assignee},
	} {
		if c.v != "" && c.col != skip {
			add("mentions."+c.col+" = ?", c.v)
		}
	}
	if f.Unassigned && skip != "assignee" {
		add("mentions.assignee = ''")
	}
	if f.Tag != "" && skip != "tag" {
		add(d.hasTag("mentions.tags"), f.Tag)
	}
	if f.ExcludeBackfill {
		add("mentions.backfill = 0")
	}
	if q := d.wordQuery(f.Words); q != "" {
		add(d.wordsMatch(few), q)
	}
	if c := f.Before; c != nil {
		add("(mentions.found_at < ? OR (mentions.found_at = ? AND mentions.id < ?))", c.FoundAt.UnixMilli(), c.FoundAt.UnixMilli(), c.ID)
	}
	if c := f.After; c != nil {
		add("(mentions.found_at > ? OR (mentions.found_at = ? AND mentions.id > ?))", c.FoundAt.UnixMilli(), c.FoundAt.UnixMilli(), c.ID)
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// wordQuery turns words into a query of the dialect's word search: for
// SQLite's FTS4 "карт* refund*", for PostgreSQL a tsquery of the stored
// words (mentions.search) "'карт':* & 'refund':*".
func (d dialect) wordQuery(words []string) string {
	terms := wordTerms(words)
	if d == postgresDialect {
		for i, t := range terms {
			terms[i] = pgLexeme(t) + ":*"
		}
		return strings.Join(terms, " & ")
	}
	for i, t := range terms {
		terms[i] = t + "*"
	}
	return strings.Join(terms, " ")
}

// wordTerms turns words into the prefixes a search looks for: each word,
// split and folded as the searched texts are (searchWords), reduced to
// its stem when the stem begins it (карта finds карты, картой; refund
// finds refunds, refunded). Everything but letters and digits parts
// words, so no word is query syntax.
func wordTerms(words []string) []string {
	var terms []string
	for _, w := range words {
		for _, part := range searchWords(w) {
			terms = append(terms, stemPrefix(part))
		}
	}
	return terms
}

// stemPrefix returns w's stem when it begins w and keeps three letters or
// more, else w.
func stemPrefix(w string) string {
	var s string
	if strings.IndexFunc(w, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) >= 0 {
		s = russian.Stem(w, true)
	} else {
		s = english.Stem(w, true)
	}
	if s != "" && strings.HasPrefix(w, s) && utf8.RuneCountInString(s) >= 3 {
		return s
	}
	return w
}

// fewMatches is how many mentions with the searched words are few enough
// to sort rather than find by walking the newest first.
const fewMatches = 5000

// fewMatches reports whether words are searched and found in few enough
// mentions (fewMatches) to look them all up.
func (s *Store) fewMatches(ctx context.Context, words []string) (bool, error) {
	q := s.d.wordQuery(words)
	if q == "" {
		return false, nil
	}
	var n int
	if err := s.rdb.QueryRowContext(ctx, s.d.wordsCount(), q, fewMatches+1).Scan(&n); err != nil {
		return false, fmt.Errorf("store: word search: %w", err)
	}
	return n <= fewMatches, nil
}

// InboxMentions lists the mentions f selects, newest first (oldest first
// when f.After is set, so that a page of new ones does not skip any),
// at most f.Limit of them (0: all).
func (s *Store) InboxMentions(ctx context.Context, f InboxFilter) ([]model.Mention, error) {
	few, err := s.fewMatches(ctx, f.Words)
	if err != nil {
		return nil, err
	}
	where, args := f.where(s.d, "", few)
	order := " ORDER BY found_at DESC, id DESC"
	switch {
	case f.After != nil:
		order = " ORDER BY found_at ASC, id ASC"
	case few:
		// Few mentions with the words: look them up and sort them, rather
		// than walk every mention newest first to find them ("+" keeps
		// the found_at index out of the order).
		order = " ORDER BY +found_at DESC, id DESC"
	}
	q := `SELECT ` + mentionCols + ` FROM mentions` + where + order
	if f.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	return s.queryMentions(ctx, "inbox mentions", q, args...)
}

func (s *Store) queryMentions(ctx context.Context, what, q string, args ...any) ([]model.Mention, error) {
	rows, err := s.rdb.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	var out []model.Mention
	for rows.Next() {
		m, err := scanMention(rows)
		if err != nil {
			return nil, fmt.Errorf("store: %s: %w", what, err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	return out, nil
}

// Facets are the counts of mentions by each value of the inbox's
// filters: facet → value → count.
type Facets map[string]map[string]int

// FacetNames are the filters InboxFacets counts.
var FacetNames = []string{"brand", "sentiment", "severity", "status", "tag", "source", "source_type", "assignee"}

// FacetWindow bounds the counting: values are counted among the newest
// FacetWindow mentions of the period and the words searched, so a page
// costs the same over a year of mentions as over a week.
const FacetWindow = 10000

// InboxFacets counts, for each of FacetNames, the mentions f selects
// under every filter but that one, by value — what choosing a value would
// show — among the newest FacetWindow mentions of f's period and words.
// It reads those once and counts them all in one pass.
func (s *Store) InboxFacets(ctx context.Context, f InboxFilter) (Facets, error) {
	base := InboxFilter{MentionFilter: MentionFilter{Since: f.Since, Until: f.Until, ThreadURL: f.ThreadURL,
		ExcludeBackfill: f.ExcludeBackfill}, Words: f.Words}
	few, err := s.fewMatches(ctx, f.Words)
	if err != nil {
		return nil, err
	}
	where, args := base.where(s.d, "", few)
	order := " ORDER BY mentions.found_at DESC"
	if few {
		order = " ORDER BY +mentions.found_at DESC"
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT brand, sentiment, severity, status, source, source_type, assignee, tags
		FROM mentions`+where+order+fmt.Sprintf(" LIMIT %d", FacetWindow), args...)
	if err != nil {
		return nil, fmt.Errorf("store: count mentions: %w", err)
	}
	defer rows.Close()
	want := map[string]string{"brand": f.Brand, "sentiment": f.Sentiment, "severity": f.Severity, "status": f.Status,
		"source": f.Source, "source_type": f.SourceType, "assignee": f.Assignee, "tag": f.Tag}
	out := Facets{}
	for _, n := range FacetNames {
		out[n] = map[string]int{}
	}
	var tagsJSON string
	var v [7]string
	var tags []string
	for rows.Next() {
		if err := rows.Scan(&v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &tagsJSON); err != nil {
			return nil, fmt.Errorf("store: count mentions: %w", err)
		}
		tags = tags[:0]
		if err := json.Unmarshal([]byte(tagsJSON), &tags); err != nil {
			return nil, fmt.Errorf("store: count mentions: tags: %w", err)
		}
		row := map[string]string{"brand": v[0], "sentiment": v[1], "severity": v[2], "status": v[3],
			"source": v[4], "source_type": v[5], "assignee": v[6]}
		// fails is the one filter the mention fails, "" for none, "*"
		// for more than one (then it counts nowhere).
		fails := ""
		for _, n := range FacetNames {
			ok := true
			switch {
			case n == "tag":
				ok = want[n] == "" || slices.Contains(tags, want[n])
			case n == "assignee" && f.Unassigned:
				ok = v[6] == ""
			default:
				ok = want[n] == "" || row[n] == want[n]
			}
			if !ok {
				if fails != "" {
					fails = "*"
					break
				}
				fails = n
			}
		}
		if fails == "*" {
			continue
		}
		for _, n := range FacetNames {
			if fails != "" && fails != n {
				continue
			}
			if n == "tag" {
				for _, t := range tags {
					out[n][t]++
				}
				continue
			}
			out[n][row[n]]++
		}
	}
	return out, rows.Err()
}

// AuthorMentions returns the newest mentions by author, other than the
// mention except, at most limit.
func (s *Store) AuthorMentions(ctx context.Context, author string, except int64, limit int) ([]model.Mention, error) {
	if strings.TrimSpace(author) == "" {
		return nil, nil
	}
	return s.queryMentions(ctx, "author mentions", `SELECT `+mentionCols+` FROM mentions
		WHERE author = ? AND author != '' AND id != ? ORDER BY found_at DESC, id DESC LIMIT ?`, author, except, limit)
}

// MentionDelivery is one alert of a mention: where it went and how it
// fared.
type MentionDelivery struct {
	Route, Channel, Target, Frequency, Status string
	CreatedAt, SentAt                         time.Time
	Attempts                                  int
	LastError                                 string
}

// MentionDeliveries lists the alerts queued for a mention, oldest first.
func (s *Store) MentionDeliveries(ctx context.Context, id int64) ([]MentionDelivery, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT d.route, d.channel, d.target, d.frequency, d.status,
			d.created_at, COALESCE(d.sent_at, s.sent_at), COALESCE(s.attempts, 0), COALESCE(s.last_error, '')
		FROM deliveries d LEFT JOIN sends s ON s.id = d.send_id WHERE d.mention_id = ? ORDER BY d.id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: mention deliveries: %w", err)
	}
	defer rows.Close()
	var out []MentionDelivery
	for rows.Next() {
		var d MentionDelivery
		var created int64
		var sent sql.NullInt64
		if err := rows.Scan(&d.Route, &d.Channel, &d.Target, &d.Frequency, &d.Status, &created, &sent,
			&d.Attempts, &d.LastError); err != nil {
			return nil, fmt.Errorf("store: mention deliveries: %w", err)
		}
		d.CreatedAt, d.SentAt = time.UnixMilli(created).UTC(), fromMillis(sent)
		out = append(out, d)
	}
	return out, rows.Err()
}
