package store

import (
	"context"
	"fmt"
)

// SkipDeliveries takes the deliveries of mentions ids out of send sendID
// before it goes out (the mentions were marked false positives, or their
// source was muted): they are cancelled and no longer part of the send,
// which goes with its other mentions. It returns how many it took out.
func (s *Store) SkipDeliveries(ctx context.Context, sendID int64, ids []int64) (int, error) {
	var n int64
	err := s.Tx(ctx, func(tx *Tx) error {
		for start := 0; start < len(ids); start += chunk {
			part := ids[start:min(start+chunk, len(ids))]
			args := make([]any, 0, len(part)+2)
			args = append(args, OutboxCancelled, sendID)
			for _, id := range part {
				args = append(args, id)
			}
			res, err := tx.ExecContext(ctx, `UPDATE deliveries SET status = ?, send_id = NULL
				WHERE send_id = ? AND mention_id IN (`+placeholders(len(part))+`)`, args...)
			if err != nil {
				return fmt.Errorf("store: skip deliveries of send %d: %w", sendID, err)
			}
			k, _ := res.RowsAffected()
			n += k
		}
		return nil
	})
	return int(n), err
}
