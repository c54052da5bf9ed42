package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/redact"
)

// digestSchema records digest runs, so that a scheduled digest is sent
// once per period even across restarts and mail server outages. A run is
// keyed by the end of its period (the scheduled time); next_attempt_at
// doubles as a lease while a run is being sent.
const digestSchema = `
CREATE TABLE digest_runs (
	id              INTEGER PRIMARY KEY,
	period_start    INTEGER NOT NULL,
	period_end      INTEGER NOT NULL UNIQUE,
	status          TEXT NOT NULL DEFAULT 'pending',
	attempts        INTEGER NOT NULL DEFAULT 0,
	next_attempt_at INTEGER NOT NULL,
	last_error      TEXT NOT NULL DEFAULT '',
	created_at      INTEGER NOT NULL,
	sent_at         INTEGER
);
CREATE INDEX digest_runs_due ON digest_runs(status, next_attempt_at);
`

// Digest run statuses.
const (
	// DigestPending is a run still to be sent (or being retried).
	DigestPending = "pending"
	// DigestSent is a run whose e-mail the mail server accepted.
	DigestSent = "sent"
	// DigestFailed is a run the mail server refused for good (a 5xx
	// reply: a rejected sender or recipient, refused authentication):
	// it is not tried again.
	DigestFailed = "failed"
	// DigestSkipped records a period nothing is owed for: the first start
	// of the scheduler, so that it does not send a digest for the time
	// before it was installed.
	DigestSkipped = "skipped"
)

// DigestRun is one scheduled digest: the period [Start, End) and how its
// delivery went.
type DigestRun struct {
	ID            int64
	Start, End    time.Time
	Status        string
	Attempts      int
	NextAttemptAt time.Time
	LastError     string
	CreatedAt     time.Time
	SentAt        time.Time // zero until sent
}

const digestRunCols = `id, period_start, period_end, status, attempts, next_attempt_at, last_error, created_at, sent_at`

func scanDigestRun(sc interface{ Scan(...any) error }) (DigestRun, error) {
	var r DigestRun
	var start, end, next, created, sent sql.NullInt64
	if err := sc.Scan(&r.ID, &start, &end, &r.Status, &r.Attempts, &next, &r.LastError, &created, &sent); err != nil {
		return r, err
	}
	r.Start, r.End, r.NextAttemptAt = fromMillis(start), fromMillis(end), fromMillis(next)
	r.CreatedAt, r.SentAt = fromMillis(created), fromMillis(sent)
	return r, nil
}

// AddDigestRun records a run for the period [r.Start, r.End) with status
// r.Status (default pending) and first attempt at r.NextAttemptAt. When a
// run for that period end already exists it is returned unchanged with
// false.
func (s *Store) AddDigestRun(ctx context.Context, r DigestRun) (DigestRun, bool, error) {
	if r.Status == "" {
		r.Status = DigestPending
	}
	if r.CreatedAt.IsZero() {
		r.CreatedAt = s.now()
	}
	if r.NextAttemptAt.IsZero() {
		r.NextAttemptAt = r.CreatedAt
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO digest_runs
		(period_start, period_end, status, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`,
		r.Start.UnixMilli(), r.End.UnixMilli(), r.Status, r.NextAttemptAt.UnixMilli(), r.CreatedAt.UnixMilli())
	if err != nil {
		return r, false, fmt.Errorf("store: add digest run: %w", err)
	}
	n, _ := res.RowsAffected()
	got, err := scanDigestRun(s.rdb.QueryRowContext(ctx,
		`SELECT `+digestRunCols+` FROM digest_runs WHERE period_end = ?`, r.End.UnixMilli()))
	if err != nil {
		return r, false, fmt.Errorf("store: add digest run: %w", err)
	}
	return got, n > 0, nil
}

// LastDigestRun returns the run with the latest period end, or
// ErrNotFound when there is none.
func (s *Store) LastDigestRun(ctx context.Context) (DigestRun, error) {
	r, err := scanDigestRun(s.rdb.QueryRowContext(ctx,
		`SELECT `+digestRunCols+` FROM digest_runs ORDER BY period_end DESC LIMIT 1`))
	if err == sql.ErrNoRows {
		return r, ErrNotFound
	}
	if err != nil {
		return r, fmt.Errorf("store: last digest run: %w", err)
	}
	return r, nil
}

// DigestRuns lists every run, oldest period first.
func (s *Store) DigestRuns(ctx context.Context) ([]DigestRun, error) {
	return s.queryDigestRuns(ctx, `SELECT `+digestRunCols+` FROM digest_runs ORDER BY period_end`)
}

// DueDigestRuns lists the pending runs whose next attempt is at or before
// now, oldest period first.
func (s *Store) DueDigestRuns(ctx context.Context, now time.Time) ([]DigestRun, error) {
	return s.queryDigestRuns(ctx, `SELECT `+digestRunCols+` FROM digest_runs
		WHERE status = ? AND next_attempt_at <= ? ORDER BY period_end`, DigestPending, now.UnixMilli())
}

func (s *Store) queryDigestRuns(ctx context.Context, q string, args ...any) ([]DigestRun, error) {
	rows, err := s.rdb.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: digest runs: %w", err)
	}
	defer rows.Close()
	var out []DigestRun
	for rows.Next() {
		r, err := scanDigestRun(rows)
		if err != nil {
			return nil, fmt.Errorf("store: digest runs: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// NextDigestAttempt returns the earliest next attempt of a pending run;
// ok is false when no run is pending.
func (s *Store) NextDigestAttempt(ctx context.Context) (at time.Time, ok bool, err error) {
	var ms sql.NullInt64
	err = s.rdb.QueryRowContext(ctx, `SELECT MIN(next_attempt_at) FROM digest_runs WHERE status = ?`,
		DigestPending).Scan(&ms)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("store: next digest attempt: %w", err)
	}
	return fromMillis(ms), ms.Valid, nil
}

// ClaimDigestRun takes a due pending run for one attempt: it counts the
// attempt and moves the next attempt to leaseUntil, so that a crash while
// sending leads to a retry after the lease and no other process sends the
// run meanwhile. It reports false when the run is not pending or not due
// at now (already claimed, sent, or retried later).
func (s *Store) ClaimDigestRun(ctx context.Context, id int64, now, leaseUntil time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE digest_runs SET attempts = attempts + 1, next_attempt_at = ?
		WHERE id = ? AND status = ? AND next_attempt_at <= ?`,
		leaseUntil.UnixMilli(), id, DigestPending, now.UnixMilli())
	if err != nil {
		return false, fmt.Errorf("store: claim digest run: %w", err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// DigestRunFailed records a failed attempt of a pending run and when to
// try again. errText must not hold secrets.
func (s *Store) DigestRunFailed(ctx context.Context, id int64, errText string, next time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE digest_runs SET last_error = ?, next_attempt_at = ?
		WHERE id = ? AND status = ?`, redact.Text(errText), next.UnixMilli(), id, DigestPending)
	if err != nil {
		return fmt.Errorf("store: digest run failed: %w", err)
	}
	return nil
}

// DigestRunSent marks a run sent at at.
func (s *Store) DigestRunSent(ctx context.Context, id int64, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE digest_runs SET status = ?, sent_at = ?, last_error = ''
		WHERE id = ?`, DigestSent, at.UnixMilli(), id)
	if err != nil {
		return fmt.Errorf("store: digest run sent: %w", err)
	}
	return nil
}

// DigestRunGaveUp records that a run's mail server refused it for good:
// the run is failed and not tried again. errText must not hold secrets.
func (s *Store) DigestRunGaveUp(ctx context.Context, id int64, errText string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE digest_runs SET status = ?, last_error = ?
		WHERE id = ? AND status = ?`, DigestFailed, redact.Text(errText), id, DigestPending)
	if err != nil {
		return fmt.Errorf("store: digest run gave up: %w", err)
	}
	return nil
}

// UndeliveredDigestRuns lists the runs that are not sent: failed ones and
// pending ones that were tried at least once (or failed and were
// requeued), oldest period first.
func (s *Store) UndeliveredDigestRuns(ctx context.Context) ([]DigestRun, error) {
	return s.queryDigestRuns(ctx, `SELECT `+digestRunCols+` FROM digest_runs
		WHERE status = ? OR (status = ? AND (attempts > 0 OR last_error != '')) ORDER BY period_end`,
		DigestFailed, DigestPending)
}
