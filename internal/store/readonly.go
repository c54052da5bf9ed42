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
// this build knows. A postgres:// URL opens that database with read-only
// transactions.
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	if IsURL(path) {
		s, err := openPG(ctx, path, true)
		if err != nil {
			return nil, err
		}
		if err := s.checkVersion(ctx); err != nil {
			s.Close()
			return nil, err
		}
		return s, nil
	}
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
	// Both handles read: a write through either fails.
	c := &conn{db: db}
	s := &Store{db: c, rdb: c, path: path, now: time.Now}
	if err := s.checkVersion(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}
