package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestWebSubSubscriptions(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s, _ := open(t)
		ctx := context.Background()
		now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
		w := WebSub{Source: "Blog", ID: "cb1", Hub: "https://hub.example/", Topic: "https://blog.example/feed",
			Secret: "s", State: WebSubPending, RequestedAt: now}
		if err := s.SaveWebSub(ctx, w); err != nil {
			t.Fatal(err)
		}
		w.State, w.Lease, w.VerifiedAt, w.ExpiresAt = WebSubVerified, 24*time.Hour, now, now.Add(24*time.Hour)
		if err := s.SaveWebSub(ctx, w); err != nil {
			t.Fatal(err)
		}
		if err := s.WebSubPushed(ctx, "cb1", now.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		got, err := s.WebSubByID(ctx, "cb1")
		if err != nil {
			t.Fatal(err)
		}
		w.LastPushAt, w.Pushes, w.Rev = now.Add(time.Minute), 1, 2 // saved twice
		if got != w {
			t.Errorf("got %+v\nwant %+v", got, w)
		}
		if b, err := s.WebSubBySource(ctx, "Blog"); err != nil || b.ID != "cb1" {
			t.Errorf("by source: %+v %v", b, err)
		}
		all, err := s.WebSubs(ctx)
		if err != nil || len(all) != 1 {
			t.Fatalf("all: %+v %v", all, err)
		}
		if err := s.DeleteWebSub(ctx, "cb1"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.WebSubByID(ctx, "cb1"); !errors.Is(err, ErrNotFound) {
			t.Errorf("after delete: %v", err)
		}
	})
}
