package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// BurstWindow is how long a single as-it-happens alert counts against its
// target's alerts.burst after it was queued: a storm that goes on over
// several crawls keeps folding until the target has been calm for this
// long. A fold that holds a single mention when it is sent goes as that
// mention's own alert (notify/deliver.go), so counting recent alerts
// folds a storm spread over crawls without ever posting "1 more mention".
const BurstWindow = 10 * time.Minute

// FoldMax is the most mentions one fold holds; a storm larger than this
// goes on in a new fold (each message lists its mentions' ids in its
// metadata, and that list should stay a modest size).
const FoldMax = 1000

// burstKey is where a storm happens: one channel and target (a Slack
// channel, a chat, a webhook), whose as-it-happens alerts count against
// alerts.burst whatever their brand.
type burstKey struct{ channel, target string }

// foldKey is what one fold holds: one brand's alerts beyond the burst of
// one channel and target.
type foldKey struct {
	burstKey
	brand string
}

// foldState is what a batch knows of one brand on one target: its open
// fold (0: none) with its size.
type foldState struct {
	fold int64
	size int
}

// folder decides, within one batch's transaction, which as-it-happens
// deliveries go one by one and which fold.
type folder struct {
	tx    *Tx
	burst int
	now   time.Time
	// singles counts, per target, the single alerts that count against
	// its burst.
	singles map[burstKey]*int
	keys    map[foldKey]*foldState
}

func newFolder(tx *Tx, burst int, now time.Time) *folder {
	return &folder{tx: tx, burst: burst, now: now, singles: map[burstKey]*int{}, keys: map[foldKey]*foldState{}}
}

// criticalFirst orders a batch's deliveries critical first, then by id,
// so that critical mentions take the single places of a storm. A
// follow-up keeps its place after the thread's first alert, which it
// replies to.
func criticalFirst(ds []Delivery) {
	first := func(d Delivery) bool { return d.Severity == model.SeverityCritical && !d.Followup }
	slices.SortStableFunc(ds, func(a, b Delivery) int {
		ca, cb := first(a), first(b)
		if ca != cb {
			if ca {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

// bind returns the fold send d joins (isNew when it was created for d), or
// 0 when d goes as a single alert (which it then counts).
func (f *folder) bind(ctx context.Context, d Delivery) (sendID int64, isNew bool, err error) {
	k := foldKey{burstKey{d.Channel, d.Target}, d.Brand}
	st, err := f.state(ctx, k)
	if err != nil {
		return 0, false, err
	}
	if st.fold != 0 && st.size < FoldMax {
		st.size++
		return st.fold, false, nil
	}
	singles, err := f.singlesOf(ctx, k.burstKey)
	if err != nil {
		return 0, false, err
	}
	if *singles < f.burst {
		*singles++
		return 0, false, nil
	}
	id, err := insertSend(ctx, f.tx, SendFold, d, f.now, deliveryUrgency(d))
	if err != nil {
		return 0, false, err
	}
	st.fold, st.size = id, 1
	return id, true, nil
}

// singlesOf loads how many single alerts of target k count against its
// burst: those still unsent or queued within BurstWindow, of any brand.
func (f *folder) singlesOf(ctx context.Context, k burstKey) (*int, error) {
	if n := f.singles[k]; n != nil {
		return n, nil
	}
	since := f.now.Add(-BurstWindow).UnixMilli()
	var recent, waiting int
	if err := f.tx.QueryRowContext(ctx, recentSinglesSQL, k.channel, k.target, since).Scan(&recent); err != nil {
		return nil, fmt.Errorf("store: storm: recent alerts: %w", err)
	}
	if err := f.tx.QueryRowContext(ctx, waitingSinglesSQL, k.channel, k.target, since).Scan(&waiting); err != nil {
		return nil, fmt.Errorf("store: storm: waiting alerts: %w", err)
	}
	n := recent + waiting
	f.singles[k] = &n
	return &n, nil
}

// state loads k's open fold — a fold send still pending (never attempted,
// or refused for certain), which new alerts of its brand may join.
func (f *folder) state(ctx context.Context, k foldKey) (*foldState, error) {
	if st := f.keys[k]; st != nil {
		return st, nil
	}
	st := &foldState{}
	err := f.tx.QueryRowContext(ctx, openFoldSQL, k.channel, k.target, k.brand).Scan(&st.fold, &st.size)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: storm: open fold: %w", err)
	}
	if st.fold != 0 {
		// A fold that a daemon has claimed is being sent from the
		// deliveries it read: joining it now would mark the newcomer sent
		// unsent. The write also locks the row against a claim until this
		// batch commits (outbox_claims.go).
		res, err := f.tx.ExecContext(ctx, `UPDATE sends SET claimed_by = claimed_by
			WHERE id = ? AND status = 'pending' AND (claim_until IS NULL OR claim_until <= ?)`, st.fold, f.now.UnixMilli())
		if err != nil {
			return nil, fmt.Errorf("store: storm: open fold: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			st.fold, st.size = 0, 0
		}
	}
	f.keys[k] = st
	return st, nil
}

// The storm lookups. Each is a search in an index: sends_recent for the
// target's sends of the last BurstWindow, sends_target for its unsent
// ones.
const (
	recentSinglesSQL = `SELECT COUNT(*) FROM sends INDEXED BY sends_recent
		WHERE channel = ? AND target = ? AND created_at >= ? AND kind = 'mention'`
	waitingSinglesSQL = `SELECT COUNT(*) FROM sends INDEXED BY sends_target
		WHERE channel = ? AND target = ? AND status IN ('pending', 'sending')
			AND created_at < ? AND kind = 'mention'`
	openFoldSQL = `SELECT s.id, (SELECT COUNT(*) FROM deliveries WHERE send_id = s.id)
		FROM sends s INDEXED BY sends_target
		WHERE s.channel = ? AND s.target = ? AND s.status = 'pending' AND s.brand = ? AND s.kind = 'fold'
		ORDER BY s.id DESC LIMIT 1`
)

// followupUrgency is the urgency of a single as-it-happens alert. A
// follow-up replies in the thread of the thread's first alert and waits
// for it, so it is never more urgent than that alert while it is unsent:
// sent earlier, it would only wait.
func followupUrgency(ctx context.Context, tx *Tx, d Delivery) (int, error) {
	u := deliveryUrgency(d)
	if !d.Followup || d.ThreadURL == "" || u == UrgencyNormal {
		return u, nil
	}
	var status string
	var rootUrgency int
	err := tx.QueryRowContext(ctx, `SELECT s.status, s.urgency
		FROM deliveries d JOIN sends s ON s.id = d.send_id
		WHERE d.brand = ? AND d.thread_url = ? AND d.thread_url != '' AND d.channel = ? AND d.target = ?
			AND d.kind = 'mention' AND d.frequency = 'as_it_happens' AND d.followup = 0 AND s.status != ?
		ORDER BY s.id LIMIT 1`, d.Brand, d.ThreadURL, d.Channel, d.Target, OutboxFailed).Scan(&status, &rootUrgency)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		// The first alert is not bound yet (it may be in this batch):
		// no more urgent than the rest.
		return UrgencyNormal, nil
	case err != nil:
		return 0, fmt.Errorf("store: follow-up urgency: %w", err)
	case status == OutboxSent:
		return u, nil
	}
	return max(u, rootUrgency), nil
}
