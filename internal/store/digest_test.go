package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

func openDigestStore(t *testing.T) *Store {
	t.Helper()
	st, err := Open(context.Background(), newLocation(t, "mw.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestDigestRunLifecycle(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		st := openDigestStore(t)
		t0 := time.Date(2026, 11, 23, 6, 0, 0, 0, time.UTC)

		if _, err := st.LastDigestRun(ctx); !errors.Is(err, ErrNotFound) {
			t.Fatalf("LastDigestRun on empty table: %v, want ErrNotFound", err)
		}
		if _, ok, err := st.NextDigestAttempt(ctx); err != nil || ok {
			t.Fatalf("NextDigestAttempt on empty table: ok=%v err=%v", ok, err)
		}

		run, created, err := st.AddDigestRun(ctx, DigestRun{Start: t0.Add(-168 * time.Hour), End: t0, NextAttemptAt: t0, CreatedAt: t0})
		if err != nil || !created {
			t.Fatalf("AddDigestRun: created=%v err=%v", created, err)
		}
		if run.Status != DigestPending || !run.End.Equal(t0) || run.Attempts != 0 {
			t.Fatalf("new run: %+v", run)
		}
		again, created, err := st.AddDigestRun(ctx, DigestRun{Start: t0.Add(-time.Hour), End: t0, Status: DigestSkipped})
		if err != nil || created || again.ID != run.ID || again.Status != DigestPending {
			t.Fatalf("second AddDigestRun for the same period: %+v created=%v err=%v", again, created, err)
		}

		due, err := st.DueDigestRuns(ctx, t0.Add(-time.Second))
		if err != nil || len(due) != 0 {
			t.Fatalf("due before next attempt: %v %v", due, err)
		}
		due, err = st.DueDigestRuns(ctx, t0)
		if err != nil || len(due) != 1 || due[0].ID != run.ID {
			t.Fatalf("due at next attempt: %v %v", due, err)
		}

		ok, err := st.ClaimDigestRun(ctx, run.ID, t0, t0.Add(5*time.Minute))
		if err != nil || !ok {
			t.Fatalf("claim: %v %v", ok, err)
		}
		if ok, _ := st.ClaimDigestRun(ctx, run.ID, t0.Add(time.Minute), t0.Add(6*time.Minute)); ok {
			t.Fatal("a claimed run was claimed again inside its lease")
		}
		if err := st.DigestRunFailed(ctx, run.ID, "451 try later", t0.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		next, ok, err := st.NextDigestAttempt(ctx)
		if err != nil || !ok || !next.Equal(t0.Add(time.Minute)) {
			t.Fatalf("next attempt: %v %v %v", next, ok, err)
		}
		if ok, _ := st.ClaimDigestRun(ctx, run.ID, t0.Add(time.Minute), t0.Add(6*time.Minute)); !ok {
			t.Fatal("retry not claimable when due")
		}
		sentAt := t0.Add(61 * time.Second)
		if err := st.DigestRunSent(ctx, run.ID, sentAt); err != nil {
			t.Fatal(err)
		}
		if ok, _ := st.ClaimDigestRun(ctx, run.ID, t0.Add(time.Hour), t0.Add(2*time.Hour)); ok {
			t.Fatal("a sent run was claimed")
		}
		if _, ok, _ := st.NextDigestAttempt(ctx); ok {
			t.Fatal("a sent run is still pending")
		}
		last, err := st.LastDigestRun(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if last.Status != DigestSent || last.Attempts != 2 || !last.SentAt.Equal(sentAt) || last.LastError != "" {
			t.Fatalf("sent run: %+v", last)
		}

		older := t0.Add(-168 * time.Hour)
		if _, _, err := st.AddDigestRun(ctx, DigestRun{Start: older.Add(-168 * time.Hour), End: older, Status: DigestSkipped}); err != nil {
			t.Fatal(err)
		}
		last, _ = st.LastDigestRun(ctx)
		if last.ID != run.ID {
			t.Fatalf("LastDigestRun returned %+v, want the latest period", last)
		}
		all, err := st.DigestRuns(ctx)
		if err != nil || len(all) != 2 || !all[0].End.Equal(older) {
			t.Fatalf("DigestRuns: %+v %v", all, err)
		}
	})
}

// TestMentionCountsAndUnhandled: counts leave out backfill and false
// positives, not handled mentions.
func TestMentionCountsAndUnhandled(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		st := openDigestStore(t)
		t0 := time.Date(2026, 11, 23, 6, 0, 0, 0, time.UTC)
		type row struct {
			brand, sentiment, severity, status string
			at                                 time.Duration // before t0
			backfill                           bool
		}
		rows := []row{
			{"Acme Bank", model.Negative, model.SeverityCritical, model.StatusNew, time.Hour, false},
			{"Acme Bank", model.Negative, model.SeverityWarning, model.StatusNew, 2 * time.Hour, false},
			{"Acme Bank", model.Neutral, model.SeverityInfo, model.StatusNew, 3 * time.Hour, false},
			{"Acme Bank", model.Negative, model.SeverityCritical, model.StatusNew, 4 * time.Hour, true}, // backfill
			{"acme bank", model.Positive, model.SeverityInfo, model.StatusNew, 5 * time.Hour, false},    // case differs
			{"Acme Bank", model.Negative, model.SeverityCritical, model.StatusHandled, 200 * time.Hour, false},
			{"Acme Bank", model.Negative, model.SeverityCritical, model.StatusNew, 300 * time.Hour, false},
			{"Beta Pay", model.Negative, model.SeverityCritical, model.StatusNew, time.Hour, false},
			{"Acme Bank", model.Negative, model.SeverityCritical, model.StatusFalsePositive, 150 * time.Minute, false},
			{"Acme Bank", model.Neutral, model.SeverityInfo, model.StatusFalsePositive, 250 * time.Hour, false},
		}
		c := &Crawl{State: SourceState{Name: "src", Type: model.SourceFeed}}
		for i, r := range rows {
			id := fmt.Sprintf("doc-%d", i)
			c.Docs = append(c.Docs, model.Document{ID: id})
			c.Mentions = append(c.Mentions, &model.Mention{DocID: id, Brand: r.brand, Source: "src",
				SourceType: model.SourceFeed, FoundAt: t0.Add(-r.at), Sentiment: r.sentiment,
				Severity: r.severity, Status: r.status, Backfill: r.backfill})
		}
		if _, err := st.SaveCrawl(ctx, c, nil); err != nil {
			t.Fatal(err)
		}
		week := 168 * time.Hour
		tests := []struct {
			name          string
			since, until  time.Time
			total, negCnt int
		}{
			{"this week", t0.Add(-week), t0, 4, 2},
			{"previous week", t0.Add(-2 * week), t0.Add(-week), 2, 2},
			{"empty", t0, t0.Add(week), 0, 0},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				total, neg, err := st.MentionCounts(ctx, "Acme Bank", tc.since, tc.until)
				if err != nil || total != tc.total || neg != tc.negCnt {
					t.Fatalf("MentionCounts = %d, %d, %v; want %d, %d", total, neg, err, tc.total, tc.negCnt)
				}
			})
		}
		// The digest lists the week's mentions without the false positives,
		// handled ones included.
		ms, err := st.Mentions(ctx, MentionFilter{Brand: "Acme Bank", Since: t0.Add(-2 * week), Until: t0,
			ExcludeStatus: model.StatusFalsePositive, ExcludeBackfill: true})
		if err != nil || len(ms) != 6 {
			t.Fatalf("Mentions without false positives = %d, %v; want 6", len(ms), err)
		}
		for _, m := range ms {
			if m.Status == model.StatusFalsePositive {
				t.Errorf("false positive %d listed", m.ID)
			}
		}
		n, err := st.UnhandledCount(ctx, "Acme Bank", model.SeverityCritical, t0.Add(-week))
		if err != nil || n != 1 {
			t.Fatalf("UnhandledCount before the week = %d, %v; want 1", n, err)
		}
		n, err = st.UnhandledCount(ctx, "Acme Bank", model.SeverityCritical, t0)
		if err != nil || n != 2 {
			t.Fatalf("UnhandledCount before t0 = %d, %v; want 2", n, err)
		}
	})
}
