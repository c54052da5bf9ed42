package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// NotFailedDigestError is returned by RequeueFailedDigestRuns when an id
// is not a failed digest; nothing was requeued.
type NotFailedDigestError struct {
	Unknown []int64 // no such digest
	Pending []int64 // not sent yet, and not failed
	Done    []int64 // sent, or skipped (nothing was owed)
}

func (e *NotFailedDigestError) Error() string {
	return sayIDs(
		idList{e.Unknown, "no digest %d", "no digests %s"},
		idList{e.Pending, "digest %d is pending, not failed", "digests %s are pending, not failed"},
		idList{e.Done, "digest %d was sent or owed nothing", "digests %s were sent or owed nothing"})
}

// RequeueFailedDigestRuns puts the failed digest runs with the given ids
// back in the queue, due at now, after the cause of the failure (a wrong
// SMTP password, a rejected address) was fixed: the digest of that period
// is built and sent again, with the retries of a new run. The last error
// stays until it is sent. When an id is not a failed run it returns a
// *NotFailedDigestError and changes nothing. It returns how many runs it
// requeued.
func (s *Store) RequeueFailedDigestRuns(ctx context.Context, now time.Time, ids []int64) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	n := 0
	err := s.Tx(ctx, func(tx *Tx) error {
		n = 0
		if err := checkFailedDigests(ctx, tx, ids); err != nil {
			return err
		}
		for _, id := range ids {
			k, err := requeueDigests(ctx, tx, now, `id = ? AND status = ?`, id, DigestFailed)
			if err != nil {
				return err
			}
			n += k
		}
		return nil
	})
	return n, err
}

// CheckFailedDigestRuns returns a *NotFailedDigestError when one of ids
// is not a failed digest run, and nil when all are: what
// RequeueFailedDigestRuns would refuse, checked before a command that
// requeues deliveries too changes anything.
func (s *Store) CheckFailedDigestRuns(ctx context.Context, ids []int64) error {
	return checkFailedDigests(ctx, s.rdb, ids)
}

func checkFailedDigests(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, ids []int64) error {
	nf := &NotFailedDigestError{}
	for _, id := range ids {
		var status string
		err := q.QueryRowContext(ctx, `SELECT status FROM digest_runs WHERE id = ?`, id).Scan(&status)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			nf.Unknown = append(nf.Unknown, id)
		case err != nil:
			return fmt.Errorf("store: digest %d: %w", id, err)
		case status == DigestPending:
			nf.Pending = append(nf.Pending, id)
		case status != DigestFailed:
			nf.Done = append(nf.Done, id)
		}
	}
	if len(nf.Unknown)+len(nf.Pending)+len(nf.Done) > 0 {
		return nf
	}
	return nil
}

// RequeueAllFailedDigestRuns puts every failed digest run back in the
// queue, as RequeueFailedDigestRuns does. It returns how many.
func (s *Store) RequeueAllFailedDigestRuns(ctx context.Context, now time.Time) (int, error) {
	n := 0
	err := s.Tx(ctx, func(tx *Tx) error {
		var err error
		n, err = requeueDigests(ctx, tx, now, `status = ?`, DigestFailed)
		return err
	})
	return n, err
}

func requeueDigests(ctx context.Context, tx *Tx, now time.Time, where string, args ...any) (int, error) {
	res, err := tx.ExecContext(ctx, `UPDATE digest_runs SET status = ?, attempts = 0, next_attempt_at = ?
		WHERE `+where, append([]any{DigestPending, now.UnixMilli()}, args...)...)
	if err != nil {
		return 0, fmt.Errorf("store: requeue digests: %w", err)
	}
	k, _ := res.RowsAffected()
	return int(k), nil
}

// FailedCounts counts what failed for good and waits for a person.
type FailedCounts struct {
	// Sends counts alert messages that failed for good.
	Sends int
	// Deliveries counts the alert deliveries in them: one per mention
	// (or wave) and target, the IDs `mentionwatch outbox` lists.
	Deliveries int
	// Digests counts digests the mail server refused for good.
	Digests int
}

// FailedCounts returns how many sends, deliveries and digests failed for
// good.
func (s *Store) FailedCounts(ctx context.Context) (FailedCounts, error) {
	var c FailedCounts
	err := s.rdb.QueryRowContext(ctx, `SELECT
			(SELECT COUNT(*) FROM sends WHERE status = ?),
			(SELECT COUNT(*) FROM deliveries WHERE send_id IN (SELECT id FROM sends WHERE status = ?) AND status = ?),
			(SELECT COUNT(*) FROM digest_runs WHERE status = ?)`,
		OutboxFailed, OutboxFailed, OutboxFailed, DigestFailed).Scan(&c.Sends, &c.Deliveries, &c.Digests)
	if err != nil {
		return c, fmt.Errorf("store: failed counts: %w", err)
	}
	return c, nil
}
