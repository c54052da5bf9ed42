package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/redact"
)

// SourceState is what is remembered about a source between crawls.
type SourceState struct {
	Name          string
	Type          string
	URL           string
	FinalURL      string // after redirects
	ETag          string
	LastModified  string
	LastFetchAt   time.Time
	LastSuccessAt time.Time
	LastStatus    string // "200", "304", "error", …
	LastError     string
	Failures      int // consecutive
	ItemsSeen     int // documents ever seen
	NextRunAt     time.Time
	// Crawled is true once a crawl has succeeded: the first successful
	// crawl is the baseline (backfill) crawl.
	Crawled bool
	// Dropped is how many posts the last crawl left unread because a page
	// held more than one crawl reads (the oldest go first).
	Dropped int
	// Rate is the estimate of how often the source has new entries, kept
	// for adaptive schedules (watcher.Observe, watcher.NextAdaptive).
	Rate Rate
}

// Rate is what is kept of a source's rate of new entries: a count of new
// entries decayed exponentially with age, as of At, observed since Since.
type Rate struct {
	Count float64
	At    time.Time
	Since time.Time
}

const sourceCols = `name, type, url, final_url, etag, last_modified, last_fetch_at, last_success_at,
	last_status, last_error, failures, items_seen, next_run_at, crawled, last_dropped,
	rate_count, rate_at, rate_since`

func scanSource(sc interface{ Scan(...any) error }) (SourceState, error) {
	var s SourceState
	var fetch, success, next, rateAt, rateSince sql.NullInt64
	err := sc.Scan(&s.Name, &s.Type, &s.URL, &s.FinalURL, &s.ETag, &s.LastModified, &fetch, &success,
		&s.LastStatus, &s.LastError, &s.Failures, &s.ItemsSeen, &next, &s.Crawled, &s.Dropped,
		&s.Rate.Count, &rateAt, &rateSince)
	s.LastFetchAt, s.LastSuccessAt, s.NextRunAt = fromMillis(fetch), fromMillis(success), fromMillis(next)
	s.Rate.At, s.Rate.Since = fromMillis(rateAt), fromMillis(rateSince)
	return s, err
}

// stateCache holds source_state in memory once read: every crawl reads
// its source's state, and every change to it is written by this process
// through SaveSource or SaveCrawl. (A second process writing the same
// database, such as `run --once` beside a daemon, is not seen until the
// next start; the cost is a full fetch where a conditional one would do.)
type stateCache struct {
	mu     sync.Mutex
	loaded bool
	m      map[string]SourceState
}

// Source returns the state of the named source, or ErrNotFound.
func (s *Store) Source(ctx context.Context, name string) (SourceState, error) {
	c := &s.states
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := s.loadStates(ctx); err != nil {
		return SourceState{Name: name}, err
	}
	st, ok := c.m[name]
	if !ok {
		return SourceState{Name: name}, ErrNotFound
	}
	return st, nil
}

// remember records a state just committed.
func (c *stateCache) remember(st SourceState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.loaded {
		c.m[st.Name] = st
	}
}

// Sources returns the state of every source ever crawled, by name, for
// showing: a last error has the secrets of the URLs it quotes redacted,
// also one stored before they were redacted when stored.
func (s *Store) Sources(ctx context.Context) (map[string]SourceState, error) {
	c := &s.states
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := s.loadStates(ctx); err != nil {
		return nil, err
	}
	out := make(map[string]SourceState, len(c.m))
	for name, st := range c.m {
		st.LastError = redact.Text(st.LastError)
		out[name] = st
	}
	return out, nil
}

// loadStates reads source_state into the cache the first time; the caller
// holds s.states.mu.
func (s *Store) loadStates(ctx context.Context) error {
	c := &s.states
	if c.loaded {
		return nil
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT `+sourceCols+` FROM source_state`)
	if err != nil {
		return fmt.Errorf("store: sources: %w", err)
	}
	defer rows.Close()
	m := map[string]SourceState{}
	for rows.Next() {
		st, err := scanSource(rows)
		if err != nil {
			return fmt.Errorf("store: sources: %w", err)
		}
		m[st.Name] = st
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: sources: %w", err)
	}
	c.m, c.loaded = m, true
	return nil
}

// SaveSource writes a source's state.
func (s *Store) SaveSource(ctx context.Context, st SourceState) error {
	if err := saveSource(ctx, s.db, st); err != nil {
		return err
	}
	s.states.remember(st)
	return nil
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func saveSource(ctx context.Context, db execer, st SourceState) error {
	_, err := db.ExecContext(ctx, `INSERT INTO source_state (`+sourceCols+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(name) DO UPDATE SET type=excluded.type, url=excluded.url, final_url=excluded.final_url,
			etag=excluded.etag, last_modified=excluded.last_modified, last_fetch_at=excluded.last_fetch_at,
			last_success_at=excluded.last_success_at, last_status=excluded.last_status,
			last_error=excluded.last_error, failures=excluded.failures, items_seen=excluded.items_seen,
			next_run_at=excluded.next_run_at, crawled=excluded.crawled, last_dropped=excluded.last_dropped,
			rate_count=excluded.rate_count, rate_at=excluded.rate_at, rate_since=excluded.rate_since`,
		st.Name, st.Type, st.URL, st.FinalURL, st.ETag, st.LastModified, toMillis(st.LastFetchAt),
		toMillis(st.LastSuccessAt), st.LastStatus, st.LastError, st.Failures, st.ItemsSeen,
		toMillis(st.NextRunAt), st.Crawled, st.Dropped, st.Rate.Count, toMillis(st.Rate.At), toMillis(st.Rate.Since))
	if err != nil {
		return fmt.Errorf("store: save source %q: %w", st.Name, err)
	}
	return nil
}
