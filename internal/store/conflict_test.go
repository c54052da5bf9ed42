package store

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// TestIsConflict: a serialization failure or a deadlock, however wrapped
// and after however many retries, is a conflict; other errors of the
// server, other errors and no error are not.
func TestIsConflict(t *testing.T) {
	serial := &pgconn.PgError{Code: "40001"}
	for _, c := range []struct {
		name string
		err  error
		want bool
	}{
		{"serialization failure", serial, true},
		{"deadlock", &pgconn.PgError{Code: "40P01"}, true},
		{"wrapped", fmt.Errorf("store: insert mentions: %w", serial), true},
		{"after retries", fmt.Errorf("%w (after %d attempts)", serial, retryAttempts), true},
		{"unique violation", &pgconn.PgError{Code: "23505"}, false},
		{"transaction aborted", &pgconn.PgError{Code: "25P02"}, false},
		{"other error", errors.New("connection refused"), false},
		{"cancelled", context.Canceled, false},
		{"nil", nil, false},
	} {
		if got := IsConflict(c.err); got != c.want {
			t.Errorf("%s: IsConflict(%v) = %v, want %v", c.name, c.err, got, c.want)
		}
	}
}

// TestRetryConflicts: retry runs a function that loses again at once, up
// to retryAttempts times in all, and no more; it does not run again one
// that fails otherwise.
func TestRetryConflicts(t *testing.T) {
	for _, c := range []struct {
		name      string
		losses    int   // conflicts before success
		other     error // returned instead of a conflict
		wantRuns  int
		wantError bool
	}{
		{"no conflict", 0, nil, 1, false},
		{"a few conflicts", 3, nil, 4, false},
		{"conflicts to the last attempt", retryAttempts - 1, nil, retryAttempts, false},
		{"more conflicts than attempts", retryAttempts + 5, nil, retryAttempts, true},
		{"other error", 1, errors.New("disk full"), 1, true},
	} {
		runs := 0
		err := retry(context.Background(), func() error {
			runs++
			if runs <= c.losses {
				if c.other != nil {
					return c.other
				}
				return &pgconn.PgError{Code: "40001"}
			}
			return nil
		})
		if runs != c.wantRuns || (err != nil) != c.wantError {
			t.Errorf("%s: %d runs, err %v; want %d runs, error %v", c.name, runs, err, c.wantRuns, c.wantError)
		}
		if c.wantError && c.other == nil && !IsConflict(err) {
			t.Errorf("%s: %v is no conflict", c.name, err)
		}
	}
}
