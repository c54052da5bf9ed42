package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/mentionwatch/mentionwatch/internal/backoff"
)

// dialect is the SQL engine behind a Store. The store's queries are
// written once, in SQL both engines speak, with "?" placeholders; what
// differs is kept in the few methods of dialect below, and in the
// rewrite a PostgreSQL connection applies to every query (see rebind).
type dialect int

const (
	sqliteDialect dialect = iota
	postgresDialect
)

func (d dialect) String() string {
	if d == postgresDialect {
		return "postgres"
	}
	return "sqlite"
}

// nocase is the condition "col equals the next argument, ignoring case".
// SQLite compares with COLLATE NOCASE (ASCII case, and its indexes on col
// still serve); PostgreSQL lowers both sides.
func (d dialect) nocase(col string) string {
	if d == postgresDialect {
		return "lower(" + col + ") = lower(?)"
	}
	return col + " = ? COLLATE NOCASE"
}

// hasTag is the condition "the JSON array of tags in col holds the next
// argument".
func (d dialect) hasTag(col string) string {
	if d == postgresDialect {
		return "EXISTS (SELECT 1 FROM json_array_elements_text(" + col + "::json) AS t(v) WHERE t.v = ?)"
	}
	return "EXISTS (SELECT 1 FROM json_each(" + col + ") WHERE json_each.value = ?)"
}

// allTags lists the distinct tags of every mention, sorted.
func (d dialect) allTags() string {
	if d == postgresDialect {
		return `SELECT DISTINCT t.v FROM mentions, json_array_elements_text(mentions.tags::json) AS t(v) ORDER BY 1`
	}
	return `SELECT DISTINCT json_each.value FROM mentions, json_each(mentions.tags) ORDER BY 1`
}

// textsOrder is the column that orders document texts stored at the same
// millisecond: SQLite's rowid, PostgreSQL's identity column.
func (d dialect) textsOrder() string {
	if d == postgresDialect {
		return "id"
	}
	return "rowid"
}

// wordsMatch is the condition "the mention has the words of the next
// argument" (a query made by wordQuery), plus for SQLite whether the
// mention id may drive the query (few): the FTS4 table answers by id,
// PostgreSQL's GIN index on the stored words (mentions.search) by row.
func (d dialect) wordsMatch(few bool) string {
	if d == postgresDialect {
		return "mentions.search @@ CAST(? AS tsquery)"
	}
	in := "+mentions.id IN"
	if few {
		in = "mentions.id IN"
	}
	return in + " (SELECT docid FROM mentions_fts WHERE mentions_fts MATCH ?)"
}

// wordsCount counts, up to the second argument, the mentions with the
// words of the first.
func (d dialect) wordsCount() string {
	if d == postgresDialect {
		return `SELECT COUNT(*) FROM (SELECT id FROM mentions WHERE search @@ CAST(? AS tsquery) LIMIT ?) AS w`
	}
	return `SELECT COUNT(*) FROM (SELECT docid FROM mentions_fts WHERE mentions_fts MATCH ? LIMIT ?) AS w`
}

// conn is a database handle speaking the store's SQL: for SQLite it passes
// every call through as it is; for PostgreSQL it rewrites the query (see
// rebind), passes booleans as the 0/1 integers the schema keeps, and
// retries a statement that failed on a serialization conflict.
type conn struct {
	db *sql.DB
	d  dialect
}

// Tx is a transaction of the store, with the methods of *sql.Tx that the
// store's SQL goes through.
type Tx struct {
	tx   *sql.Tx
	d    dialect
	conn *sql.Conn // SQLite: the writer's connection, held by beginSQLite
}

// Stmt is a prepared statement of a Tx.
type Stmt struct {
	st        *sql.Stmt
	d         dialect
	returning bool // an insert that returns its row's id (prepareInsert)
}

func (c *conn) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if c.d == sqliteDialect {
		return c.db.ExecContext(ctx, query, args...)
	}
	query, args = rebind(query), pgArgs(args)
	var res sql.Result
	err := retry(ctx, func() error {
		var err error
		res, err = c.db.ExecContext(ctx, query, args...)
		return err
	})
	return res, err
}

func (c *conn) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if c.d == sqliteDialect {
		return c.db.QueryContext(ctx, query, args...)
	}
	query, args = rebind(query), pgArgs(args)
	var rows *sql.Rows
	err := retry(ctx, func() error {
		var err error
		rows, err = c.db.QueryContext(ctx, query, args...)
		return err
	})
	return rows, err
}

func (c *conn) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if c.d == sqliteDialect {
		return c.db.QueryRowContext(ctx, query, args...)
	}
	query, args = rebind(query), pgArgs(args)
	var row *sql.Row
	// The query's own error (Row.Err) is known before the row is scanned.
	_ = retry(ctx, func() error {
		row = c.db.QueryRowContext(ctx, query, args...)
		return row.Err()
	})
	return row
}

func (c *conn) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	if c.d == sqliteDialect {
		return c.db.PrepareContext(ctx, query)
	}
	return c.db.PrepareContext(ctx, rebind(query))
}

// BeginTx starts a transaction: SQLite's immediate one (the connection's
// _txlock; see beginSQLite for its wait), PostgreSQL's serializable one.
func (c *conn) BeginTx(ctx context.Context) (*Tx, error) {
	if c.d == sqliteDialect {
		return c.beginSQLite(ctx)
	}
	tx, err := c.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return nil, err
	}
	return &Tx{tx: tx, d: c.d}, nil
}

// commit commits the transaction and gives its connection back.
func (t *Tx) commit() error {
	err := t.tx.Commit()
	t.release()
	return err
}

// rollback rolls the transaction back and gives its connection back.
func (t *Tx) rollback() error {
	err := t.tx.Rollback()
	t.release()
	return err
}

func (t *Tx) release() {
	if t.conn != nil {
		t.conn.Close()
	}
}

func (c *conn) PingContext(ctx context.Context) error { return c.db.PingContext(ctx) }
func (c *conn) Close() error                          { return c.db.Close() }

// ExecContext is (*sql.Tx).ExecContext in the store's SQL.
func (t *Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if t.d == sqliteDialect {
		return t.tx.ExecContext(ctx, query, args...)
	}
	return t.tx.ExecContext(ctx, rebind(query), pgArgs(args)...)
}

// QueryContext is (*sql.Tx).QueryContext in the store's SQL.
func (t *Tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if t.d == sqliteDialect {
		return t.tx.QueryContext(ctx, query, args...)
	}
	return t.tx.QueryContext(ctx, rebind(query), pgArgs(args)...)
}

// QueryRowContext is (*sql.Tx).QueryRowContext in the store's SQL.
func (t *Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if t.d == sqliteDialect {
		return t.tx.QueryRowContext(ctx, query, args...)
	}
	return t.tx.QueryRowContext(ctx, rebind(query), pgArgs(args)...)
}

// PrepareContext is (*sql.Tx).PrepareContext in the store's SQL.
func (t *Tx) PrepareContext(ctx context.Context, query string) (*Stmt, error) {
	if t.d == postgresDialect {
		query = rebind(query)
	}
	st, err := t.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	return &Stmt{st: st, d: t.d}, nil
}

// insertID runs an INSERT of one row into a table whose key is id — an
// insert that may do nothing (ON CONFLICT DO NOTHING) — and returns the new
// row's id, or false when no row was inserted. PostgreSQL answers with
// RETURNING id; SQLite with the last insert rowid, which costs less through
// database/sql than reading a returned row.
func (t *Tx) insertID(ctx context.Context, query string, args ...any) (int64, bool, error) {
	if t.d == postgresDialect {
		var id int64
		err := t.QueryRowContext(ctx, query+" RETURNING id", args...).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, false, nil
		}
		return id, err == nil, err
	}
	return resultID(t.tx.ExecContext(ctx, query, args...))
}

// prepareInsert prepares an insert for Stmt.insertID.
func (t *Tx) prepareInsert(ctx context.Context, query string) (*Stmt, error) {
	if t.d == postgresDialect {
		query += " RETURNING id"
	}
	st, err := t.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	st.returning = t.d == postgresDialect
	return st, nil
}

// insertID runs a statement of prepareInsert: see Tx.insertID.
func (s *Stmt) insertID(ctx context.Context, args ...any) (int64, bool, error) {
	if s.returning {
		var id int64
		err := s.QueryRowContext(ctx, args...).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, false, nil
		}
		return id, err == nil, err
	}
	return resultID(s.st.ExecContext(ctx, args...))
}

func resultID(res sql.Result, err error) (int64, bool, error) {
	if err != nil {
		return 0, false, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return 0, false, nil
	}
	id, err := res.LastInsertId()
	return id, err == nil, err
}

// ExecContext runs the statement with args.
func (s *Stmt) ExecContext(ctx context.Context, args ...any) (sql.Result, error) {
	if s.d == postgresDialect {
		args = pgArgs(args)
	}
	return s.st.ExecContext(ctx, args...)
}

// QueryRowContext runs the statement with args for one row.
func (s *Stmt) QueryRowContext(ctx context.Context, args ...any) *sql.Row {
	if s.d == postgresDialect {
		args = pgArgs(args)
	}
	return s.st.QueryRowContext(ctx, args...)
}

// Close closes the statement.
func (s *Stmt) Close() error { return s.st.Close() }

// pgArgs passes booleans as 0 and 1: the schema keeps flags in integer
// columns (as SQLite does), which PostgreSQL will not fill from a boolean.
// It also drops NUL characters from strings, which a crawled page may hold
// and PostgreSQL's text cannot.
func pgArgs(args []any) []any {
	var out []any
	for i, a := range args {
		var v any
		switch a := a.(type) {
		case bool:
			v = 0
			if a {
				v = 1
			}
		case string:
			if strings.IndexByte(a, 0) < 0 {
				continue
			}
			v = strings.ReplaceAll(a, "\x00", "")
		default:
			continue
		}
		if out == nil {
			out = append([]any(nil), args...)
		}
		out[i] = v
	}
	if out == nil {
		return args
	}
	return out
}

// rebinds caches rebind's rewrites by query text: the store's queries are
// a few hundred fixed strings, with IN lists and limits of varying length;
// past rebindsMax entries new ones are rewritten each time.
var (
	rebinds     sync.Map
	rebindsSize atomic.Int64
)

const rebindsMax = 4096

// rebind rewrites a query in the store's SQL for PostgreSQL: each "?"
// becomes $1, $2, …, and SQLite's planner hints (INDEXED BY name, NOT
// INDEXED), which only steer SQLite's choice of index, are dropped.
// Quoted literals, quoted identifiers and comments are left as they are.
func rebind(q string) string {
	if v, ok := rebinds.Load(q); ok {
		return v.(string)
	}
	out := rewrite(q)
	if rebindsSize.Load() < rebindsMax {
		if _, loaded := rebinds.LoadOrStore(q, out); !loaded {
			rebindsSize.Add(1)
		}
	}
	return out
}

func rewrite(q string) string {
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case c == '\'' || c == '"':
			j := i + 1
			for j < len(q) {
				if q[j] == c {
					if j+1 < len(q) && q[j+1] == c { // doubled quote
						j += 2
						continue
					}
					break
				}
				j++
			}
			j = min(j+1, len(q))
			b.WriteString(q[i:j])
			i = j
		case c == '-' && i+1 < len(q) && q[i+1] == '-':
			j := strings.IndexByte(q[i:], '\n')
			if j < 0 {
				j = len(q) - i
			}
			b.WriteString(q[i : i+j])
			i += j
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			i++
		case isWordStart(q, i) && hasWordAt(q, i, "INDEXED"):
			// "INDEXED BY name": skip the three words.
			j := skipSpace(q, i+len("INDEXED"))
			if hasWordAt(q, j, "BY") {
				j = skipSpace(q, j+2)
				for j < len(q) && isIdent(q[j]) {
					j++
				}
				i = j
				continue
			}
			b.WriteString(q[i : i+len("INDEXED")])
			i += len("INDEXED")
		case isWordStart(q, i) && hasWordAt(q, i, "NOT"):
			if j := skipSpace(q, i+3); j > i+3 && hasWordAt(q, j, "INDEXED") {
				i = j + len("INDEXED")
				continue
			}
			b.WriteString("NOT")
			i += 3
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

func isIdent(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isWordStart(q string, i int) bool { return i == 0 || !isIdent(q[i-1]) }

// hasWordAt reports whether q holds the word w (in any case) at i.
func hasWordAt(q string, i int, w string) bool {
	return len(q)-i >= len(w) && strings.EqualFold(q[i:i+len(w)], w) && (i+len(w) == len(q) || !isIdent(q[i+len(w)]))
}

func skipSpace(q string, i int) int {
	for i < len(q) && (q[i] == ' ' || q[i] == '\t' || q[i] == '\n' || q[i] == '\r') {
		i++
	}
	return i
}

// Serialization conflicts are retried this many times in all, the waits
// between them growing from retryWait to retryCap.
const (
	retryAttempts = 10
	retryWait     = 5 * time.Millisecond
	retryCap      = 250 * time.Millisecond
)

// retryable reports whether err is a serialization failure (SQLSTATE
// 40001) or a deadlock (40P01): the transaction lost to another and may
// simply run again.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

// IsConflict reports whether err comes from a transaction that lost to a
// concurrent one (a serialization failure or a deadlock) more times than
// the store retries it. Nothing of it was written, and nothing is wrong
// with what it wrote: running the same work again shortly is likely to
// succeed. A caller should do so promptly rather than treat it as a
// failure of what it was working on (a source, a message).
func IsConflict(err error) bool { return retryable(err) }

// retry runs fn until it succeeds, fails otherwise than on a
// serialization conflict, or has run retryAttempts times.
func retry(ctx context.Context, fn func() error) error {
	for n := 1; ; n++ {
		err := fn()
		if err == nil || !retryable(err) || n == retryAttempts {
			if err != nil && retryable(err) {
				return fmt.Errorf("%w (after %d attempts)", err, n)
			}
			return err
		}
		t := time.NewTimer(backoff.Jittered(n, retryWait, retryCap, 0, nil))
		select {
		case <-ctx.Done():
			t.Stop()
			return errors.Join(err, ctx.Err())
		case <-t.C:
		}
	}
}
