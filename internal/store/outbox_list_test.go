package store

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestRequeueFailedDeliveries: failed deliveries are listed with their
// message's attempts and error; requeueing all of a message's deliveries
// makes the message pending again, requeueing part of one takes those out
// to be grouped anew; an id that is no failed delivery changes nothing.
func TestRequeueFailedDeliveries(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		st := openOutbox(t)
		ctx := context.Background()
		end := outboxT0.Add(40 * time.Minute)
		storeMentions(t, st, 3, func(m *model.Mention) []NewDelivery {
			return []NewDelivery{delivery(m, "#now", FrequencyAsItHappens, outboxT0), delivery(m, "#hourly", "hourly", end)}
		})
		if n, err := st.BatchDeliveries(ctx, end); err != nil || n != 4 {
			t.Fatalf("batched %d sends, %v; want 3 single ones and a group", n, err)
		}
		ss, _ := st.Sends(ctx)
		var group Send
		var singles []Send
		for _, s := range ss {
			if s.Kind == SendGroup {
				group = s
			} else {
				singles = append(singles, s)
			}
		}
		for _, s := range []Send{group, singles[0], singles[1]} {
			st.MarkSendAttempt(ctx, s.ID, end)
			if _, err := st.MarkSendFailed(ctx, s.ID, "slack: chat.postMessage: invalid_auth", end); err != nil {
				t.Fatal(err)
			}
		}
		st.MarkSendSent(ctx, singles[2].ID, "C1", "1.1", end)
		sent, _ := st.SendDeliveries(ctx, singles[2].ID)
		inGroup, _ := st.SendDeliveries(ctx, group.ID)

		entries, err := st.OutboxEntries(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 5 {
			t.Fatalf("%d entries, want the 5 failed deliveries: %+v", len(entries), entries)
		}
		for _, e := range entries {
			if e.Status != OutboxFailed || e.Attempts != 1 || e.LastError != "slack: chat.postMessage: invalid_auth" ||
				!e.Next.IsZero() || e.MentionID == 0 || e.Channel != "slack" || e.SendID == 0 {
				t.Errorf("entry %+v", e)
			}
		}

		_, err = st.RequeueFailedDeliveries(ctx, end, []int64{999, sent[0].ID, inGroup[0].ID})
		var nf *NotFailedError
		if !errors.As(err, &nf) || !slices.Equal(nf.Unknown, []int64{999}) || !slices.Equal(nf.Sent, []int64{sent[0].ID}) {
			t.Fatalf("err %v", err)
		}
		if e, _ := st.OutboxEntries(ctx); e[0].Status != OutboxFailed {
			t.Fatalf("a refused requeue changed the outbox: %+v", e[0])
		}

		// One delivery of the group: out of it, grouped anew.
		next := end.Add(time.Hour)
		if n, err := st.RequeueFailedDeliveries(ctx, next, []int64{inGroup[0].ID}); err != nil || n != 1 {
			t.Fatalf("requeued %d, %v", n, err)
		}
		if g, _ := st.SendByID(ctx, group.ID); g.Status != OutboxFailed {
			t.Errorf("the group's send %+v", g)
		}
		if n, _ := st.UndeliveredCount(ctx, next); n != 1 {
			t.Errorf("undelivered %d, want the requeued one", n)
		}
		if n, _ := st.BatchDeliveries(ctx, next); n != 1 {
			t.Errorf("batched %d, want a new group", n)
		}
		ss, _ = st.Sends(ctx)
		regroup := ss[len(ss)-1]
		if ds, _ := st.SendDeliveries(ctx, regroup.ID); regroup.Kind != SendGroup || !regroup.PeriodEnd.Equal(end) ||
			len(ds) != 1 || ds[0].ID != inGroup[0].ID {
			t.Errorf("regrouped %+v with %+v", regroup, ds)
		}

		// The rest: every failed message is attempted again as it was.
		if n, err := st.RequeueAllFailedDeliveries(ctx, next); err != nil || n != 4 {
			t.Fatalf("requeued %d, %v; want 4", n, err)
		}
		for _, id := range []int64{group.ID, singles[0].ID, singles[1].ID} {
			if s, _ := st.SendByID(ctx, id); s.Status != OutboxPending || s.Attempts != 0 || !s.NextAttempt.Equal(next) {
				t.Errorf("send %+v", s)
			}
		}
		due, _ := st.DueSends(ctx, next, SendCursor{}, 10)
		if len(due) != 4 {
			t.Errorf("%d sends due, want 4", len(due))
		}
		entries, _ = st.OutboxEntries(ctx)
		for _, e := range entries {
			if e.Status != OutboxPending || !e.Next.Equal(next) {
				t.Errorf("after the requeue: %+v", e)
			}
		}
		if n, _ := st.RequeueAllFailedDeliveries(ctx, next); n != 0 {
			t.Errorf("requeued %d with nothing failed", n)
		}
	})
}
