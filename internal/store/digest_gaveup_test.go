package store

import (
	"context"
	"testing"
	"time"
)

// TestDigestRunGaveUp: a run refused for good is failed, no longer due
// or pending, and listed as undelivered with its error; a pending run is
// listed once it was tried, a sent or skipped one never.
func TestDigestRunGaveUp(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		st := openDigestStore(t)
		t0 := time.Date(2026, 11, 23, 6, 0, 0, 0, time.UTC)
		week := 168 * time.Hour
		add := func(end time.Time, status string) DigestRun { return addWeekRun(t, st, end, status) }
		add(t0.Add(-3*week), DigestSkipped) // never listed
		sent := add(t0.Add(-2*week), DigestPending)
		refused := add(t0.Add(-week), DigestPending)
		retrying := add(t0, DigestPending)
		add(t0.Add(week), DigestPending) // not tried yet: not listed

		for _, r := range []DigestRun{sent, refused, retrying} {
			if ok, err := st.ClaimDigestRun(ctx, r.ID, r.End, r.End.Add(time.Minute)); err != nil || !ok {
				t.Fatalf("claim %d: %v %v", r.ID, ok, err)
			}
		}
		if err := st.DigestRunSent(ctx, sent.ID, sent.End); err != nil {
			t.Fatal(err)
		}
		if err := st.DigestRunGaveUp(ctx, refused.ID, "554 5.7.1 rejected"); err != nil {
			t.Fatal(err)
		}
		if err := st.DigestRunFailed(ctx, retrying.ID, "451 try later", t0.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		// Giving up on a run that is not pending changes nothing.
		if err := st.DigestRunGaveUp(ctx, sent.ID, "late"); err != nil {
			t.Fatal(err)
		}

		due, err := st.DueDigestRuns(ctx, t0.Add(2*week))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range due {
			if r.ID == refused.ID {
				t.Errorf("a failed run is due: %+v", r)
			}
		}
		got, err := st.UndeliveredDigestRuns(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].ID != refused.ID || got[1].ID != retrying.ID {
			t.Fatalf("undelivered: %+v, want the refused and the retrying run", got)
		}
		if got[0].Status != DigestFailed || got[0].Attempts != 1 || got[0].LastError != "554 5.7.1 rejected" {
			t.Errorf("refused run: %+v", got[0])
		}
		if got[1].Status != DigestPending || got[1].LastError != "451 try later" {
			t.Errorf("retrying run: %+v", got[1])
		}
		all, err := st.DigestRuns(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range all {
			if r.ID == sent.ID && r.Status != DigestSent {
				t.Errorf("sent run changed: %+v", r)
			}
		}
	})
}

// addWeekRun adds a week's digest run ending at end, with status and due
// at end, for the tests of runs that failed, are retried or requeued.
func addWeekRun(t *testing.T, st *Store, end time.Time, status string) DigestRun {
	t.Helper()
	week := 168 * time.Hour
	r, _, err := st.AddDigestRun(context.Background(), DigestRun{Start: end.Add(-week), End: end, Status: status, NextAttemptAt: end, CreatedAt: end})
	if err != nil {
		t.Fatal(err)
	}
	return r
}
