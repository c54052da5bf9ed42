package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Once across the fleet: what keeps each piece of the outbox from
// happening twice when several daemons share the database.
//
//   - Sends: a daemon sends a message only after ClaimSend, a conditional
//     update that succeeds for one daemon while the send is due, unsent and
//     not claimed by a live claim of another daemon. Every recorded outcome
//     (sent, retry, failed, deferred, cancelled) clears the claim; a daemon
//     that dies mid-send leaves it to expire, and the next daemon to claim
//     finds the send "sending" and asks the service whether it arrived
//     before sending again (notify/deliver.go).
//   - Folds: a storm's further alerts join its open fold only while no
//     daemon has claimed it (outbox_fold.go), so a fold being sent is never
//     marked sent with an alert it did not carry.
//   - Deliveries: each has a unique dedup_key (mention, route, target; wave;
//     reminder), and a mention is enqueued only in the transaction that
//     first stores it (mentions are UNIQUE (doc_id, brand)), so no alert,
//     follow-up included, is queued twice.
//   - Hourly and daily groups: BatchDeliveries binds a delivery to a send
//     only while it is unbound (send_id IS NULL, checked by rows
//     affected); a daemon that loses that race rolls its whole batch back,
//     so a group's deliveries end in one send, which is then sent once as
//     above.
//   - Waves: a brand has at most one open wave (the unique partial index
//     waves_open); the daemon whose insert wins enqueues the wave alert in
//     the same transaction, the others insert nothing.
//   - SLA reminders: a reminder's key (ReminderKey) is unique among
//     deliveries.
//   - The weekly digest: digest_runs is UNIQUE (period_end), and a run is
//     sent only after ClaimDigestRun, a conditional update that moves its
//     next attempt past the claim for the daemon that wins; the runner cuts
//     its sending off at the claim's end (notify/digest), so no claim runs
//     out under a live sender.

// errBatchRaced rolls back a batch that met a delivery another daemon
// bound first.
var errBatchRaced = errors.New("store: delivery bound by another daemon")

// ClaimSend takes send id for this daemon (Owner) for d from now: it
// succeeds while the send is pending or was left sending, is due, and is
// not claimed by another daemon's live claim. It returns the send as it
// is now (its status says whether an earlier attempt may have arrived),
// and false when another daemon has it or it is no longer due.
func (s *Store) ClaimSend(ctx context.Context, id int64, now time.Time, d time.Duration) (Send, bool, error) {
	owner := s.Owner()
	sd, err := scanSend(s.db.QueryRowContext(ctx, `UPDATE sends SET claimed_by = ?, claim_until = ?
		WHERE id = ? AND status IN (?, ?) AND next_attempt_at <= ?
			AND (claim_until IS NULL OR claim_until <= ? OR claimed_by = ?)
		RETURNING `+sendCols,
		owner, now.Add(d).UnixMilli(), id, OutboxPending, OutboxSending, now.UnixMilli(), now.UnixMilli(), owner))
	if errors.Is(err, sql.ErrNoRows) {
		// Claimed by a process of this host that is gone (this daemon
		// before a crash and restart)? Take it over now, not at expiry.
		var holder string
		var until sql.NullInt64
		serr := s.db.QueryRowContext(ctx, `SELECT claimed_by, claim_until FROM sends WHERE id = ?`, id).Scan(&holder, &until)
		if serr != nil || !until.Valid || until.Int64 <= now.UnixMilli() || !ownerGone(holder) {
			return sd, false, nil
		}
		sd, err = scanSend(s.db.QueryRowContext(ctx, `UPDATE sends SET claimed_by = ?, claim_until = ?
			WHERE id = ? AND status IN (?, ?) AND next_attempt_at <= ? AND claimed_by = ? AND claim_until = ?
			RETURNING `+sendCols,
			owner, now.Add(d).UnixMilli(), id, OutboxPending, OutboxSending, now.UnixMilli(), holder, until.Int64))
	}
	if errors.Is(err, sql.ErrNoRows) {
		return sd, false, nil
	}
	if err != nil {
		return sd, false, fmt.Errorf("store: claim send %d: %w", id, err)
	}
	return sd, true, nil
}

// ReleaseSend clears this daemon's claim of a send without recording an
// outcome (an attempt abandoned at shutdown), so that another daemon, or
// this one after a restart, may take it at once.
func (s *Store) ReleaseSend(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE sends SET claim_until = NULL WHERE id = ? AND claimed_by = ?`, id, s.Owner())
	if err != nil {
		return fmt.Errorf("store: release send %d: %w", id, err)
	}
	return nil
}

// SendClaim is who claimed a send and until when (for tests and status).
type SendClaim struct {
	Owner string
	Until time.Time
}

// SendClaimOf returns the claim of send id.
func (s *Store) SendClaimOf(ctx context.Context, id int64) (SendClaim, error) {
	var c SendClaim
	var until sql.NullInt64
	if err := s.rdb.QueryRowContext(ctx, `SELECT claimed_by, claim_until FROM sends WHERE id = ?`, id).Scan(&c.Owner, &until); err != nil {
		return c, fmt.Errorf("store: claim of send %d: %w", id, err)
	}
	c.Until = fromMillis(until)
	return c, nil
}
