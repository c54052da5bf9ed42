package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// PoolSize is how many connections a PostgreSQL store opens at most: its
// writers and readers share them.
const PoolSize = 8

// IsURL reports whether location is a PostgreSQL URL (postgres:// or
// postgresql://) rather than a SQLite file path.
func IsURL(location string) bool {
	l := strings.ToLower(location)
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// RedactURL returns a database URL with its password masked, for logs and
// errors; a string that does not parse as a URL is masked whole.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "postgres://(unparsable URL)"
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}

// OpenURL opens the PostgreSQL database at rawURL
// (postgres://user:password@host:port/db?sslmode=…) and brings its schema
// up to date. Several processes may open one database at once, also for
// the first time: each migration is applied once.
func OpenURL(ctx context.Context, rawURL string, opts ...Option) (*Store, error) {
	s, err := openPG(ctx, rawURL, false)
	if err != nil {
		return nil, err
	}
	for _, o := range opts {
		o(s)
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// openPG opens the pool; readOnly makes every transaction of its
// connections read-only.
func openPG(ctx context.Context, rawURL string, readOnly bool) (*Store, error) {
	red := RedactURL(rawURL)
	if !IsURL(rawURL) {
		return nil, fmt.Errorf("store: %s: not a postgres:// or postgresql:// URL", red)
	}
	dsn := rawURL
	if readOnly {
		u, err := url.Parse(rawURL)
		if err != nil {
			return nil, fmt.Errorf("store: %s: not a valid URL", red)
		}
		q := u.Query()
		q.Set("default_transaction_read_only", "on")
		u.RawQuery = q.Encode()
		dsn = u.String()
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", red, scrub(err, rawURL))
	}
	db.SetMaxOpenConns(PoolSize)
	db.SetMaxIdleConns(PoolSize)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", red, scrub(err, rawURL))
	}
	c := &conn{db: db, d: postgresDialect}
	return &Store{db: c, rdb: c, d: postgresDialect, path: red, now: time.Now}, nil
}

// scrub keeps a URL's password out of an error's text, should a driver
// ever quote it.
func scrub(err error, rawURL string) error {
	u, perr := url.Parse(rawURL)
	if perr != nil || u.User == nil {
		return err
	}
	pw, ok := u.User.Password()
	if !ok || pw == "" || !strings.Contains(err.Error(), pw) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), pw, "xxxxx"))
}

// checkVersion returns nil when the database's schema is the one this
// build knows, ErrSchemaOld when it is older.
func (s *Store) checkVersion(ctx context.Context) error {
	var cur int
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&cur); err != nil {
		return fmt.Errorf("store: open %s read-only: %w", s.path, err)
	}
	switch last := migrations[len(migrations)-1].version; {
	case cur < last:
		return fmt.Errorf("%w (%s: version %d, this build: %d)", ErrSchemaOld, s.path, cur, last)
	case cur > last:
		return fmt.Errorf("store: database schema version %d is newer than this build knows (%d)", cur, last)
	}
	return nil
}
