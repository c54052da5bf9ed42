package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"time"
)

// ErrSchemaOld is returned by OpenReadOnly when the database predates
// this build: a daemon of this build (or any command that opens it for
// writing) upgrades it first.
var ErrSchemaOld = errors.New("store: database schema is older than this build; run the daemon of this version once to upgrade it")

// OpenReadOnly opens an existing database for reading only: nothing is
// created or migrated, and every write fails. Its schema must be the one
// this build knows.
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	q := url.Values{}
	q.Set("mode", "ro")
	q.Set("_busy_timeout", "10000")
	q.Set("_query_only", "true")
	db, err := sql.Open("sqlite3", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	db.SetConnMaxIdleTime(time.Minute)
	var cur int
	if err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&cur); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s read-only: %w", path, err)
	}
	switch last := migrations[len(migrations)-1].version; {
	case cur < last:
		db.Close()
		return nil, fmt.Errorf("%w (%s: version %d, this build: %d)", ErrSchemaOld, path, cur, last)
	case cur > last:
		db.Close()
		return nil, fmt.Errorf("store: database schema version %d is newer than this build knows (%d)", cur, last)
	}
	// Both handles read: a write through either fails.
	return &Store{db: db, rdb: db, path: path, now: time.Now}, nil
}
