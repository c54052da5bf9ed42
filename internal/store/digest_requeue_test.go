package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestRequeueFailedDigestRuns: a failed digest is put back due now with
// fresh attempts and still listed (with its error) until it is sent; an
// id that is not a failed digest (unknown, pending, sent, skipped)
// changes nothing; --all takes every failed one. FailedCounts counts
// failed digests, failed sends and the deliveries in them.
func TestRequeueFailedDigestRuns(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		st := openOutbox(t)
		t0 := time.Date(2026, 11, 23, 6, 0, 0, 0, time.UTC)
		week := 168 * time.Hour
		add := func(end time.Time, status string) DigestRun { return addWeekRun(t, st, end, status) }
		claim := func(r DigestRun) {
			t.Helper()
			if ok, err := st.ClaimDigestRun(ctx, r.ID, r.End, r.End.Add(time.Minute)); err != nil || !ok {
				t.Fatalf("claim %d: %v %v", r.ID, ok, err)
			}
		}
		skipped := add(t0.Add(-4*week), DigestSkipped)
		sent := add(t0.Add(-3*week), DigestPending)
		refused1 := add(t0.Add(-2*week), DigestPending)
		refused2 := add(t0.Add(-week), DigestPending)
		pending := add(t0, DigestPending)
		for _, r := range []DigestRun{sent, refused1, refused2, pending} {
			claim(r)
		}
		if err := st.DigestRunSent(ctx, sent.ID, sent.End); err != nil {
			t.Fatal(err)
		}
		for _, r := range []DigestRun{refused1, refused2} {
			if err := st.DigestRunGaveUp(ctx, r.ID, "535 5.7.8 authentication failed"); err != nil {
				t.Fatal(err)
			}
		}

		// Two alert messages failed for good: one single, one of two
		// deliveries to another target.
		storeMentions(t, st, 1, func(m *model.Mention) []NewDelivery {
			return []NewDelivery{delivery(m, "#a", FrequencyAsItHappens, outboxT0), delivery(m, "#b", FrequencyAsItHappens, outboxT0)}
		})
		if _, err := st.BatchDeliveries(ctx, outboxT0); err != nil {
			t.Fatal(err)
		}
		ss, _ := st.Sends(ctx)
		for _, s := range ss {
			st.MarkSendAttempt(ctx, s.ID, outboxT0)
			if _, err := st.MarkSendFailed(ctx, s.ID, "slack: invalid_auth", outboxT0); err != nil {
				t.Fatal(err)
			}
		}
		c, err := st.FailedCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if c.Digests != 2 || c.Sends != len(ss) || c.Deliveries != 2 {
			t.Errorf("failed counts %+v, want 2 digests, %d sends, 2 deliveries", c, len(ss))
		}

		now := t0.Add(time.Hour)
		for _, tc := range []struct {
			name string
			ids  []int64
			want NotFailedDigestError
		}{
			{"unknown", []int64{refused1.ID, 999}, NotFailedDigestError{Unknown: []int64{999}}},
			{"pending", []int64{pending.ID}, NotFailedDigestError{Pending: []int64{pending.ID}}},
			{"sent and skipped", []int64{sent.ID, skipped.ID, refused2.ID}, NotFailedDigestError{Done: []int64{sent.ID, skipped.ID}}},
		} {
			n, err := st.RequeueFailedDigestRuns(ctx, now, tc.ids)
			nf, ok := errors.AsType[*NotFailedDigestError](err)
			if !ok || n != 0 || nf.Error() != tc.want.Error() {
				t.Errorf("%s: requeued %d, %v; want %q", tc.name, n, err, tc.want.Error())
			}
		}
		if c, _ := st.FailedCounts(ctx); c.Digests != 2 {
			t.Fatalf("a refused requeue changed something: %+v", c)
		}

		if n, err := st.RequeueFailedDigestRuns(ctx, now, []int64{refused1.ID}); err != nil || n != 1 {
			t.Fatalf("requeued %d, %v; want 1", n, err)
		}
		due, err := st.DueDigestRuns(ctx, now)
		if err != nil {
			t.Fatal(err)
		}
		var requeued []DigestRun
		for _, r := range due {
			if r.ID != pending.ID { // due again after its lease
				requeued = append(requeued, r)
			}
		}
		if len(requeued) != 1 || requeued[0].ID != refused1.ID || requeued[0].Status != DigestPending ||
			requeued[0].Attempts != 0 || !requeued[0].NextAttemptAt.Equal(now) {
			t.Errorf("due after the requeue: %+v, want the requeued run, due now with no attempts", requeued)
		}
		undelivered, _ := st.UndeliveredDigestRuns(ctx)
		if len(undelivered) != 3 || undelivered[0].ID != refused1.ID || undelivered[0].LastError == "" {
			t.Errorf("undelivered after the requeue: %+v, want the requeued run listed with its error", undelivered)
		}
		if n, err := st.RequeueAllFailedDigestRuns(ctx, now); err != nil || n != 1 {
			t.Errorf("requeued all: %d, %v; want the other refused run", n, err)
		}
		if n, err := st.RequeueAllFailedDigestRuns(ctx, now); err != nil || n != 0 {
			t.Errorf("requeued all again: %d, %v; want none", n, err)
		}
		if c, _ := st.FailedCounts(ctx); c.Digests != 0 || c.Deliveries != 2 {
			t.Errorf("after the requeue: %+v", c)
		}
		if err := st.DigestRunSent(ctx, refused1.ID, now); err != nil {
			t.Fatal(err)
		}
		if got, _ := st.UndeliveredDigestRuns(ctx); len(got) != 2 || got[0].ID != refused2.ID {
			t.Errorf("a sent run is still listed: %+v", got)
		}
	})
}
