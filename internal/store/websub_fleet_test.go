package store

import (
	"context"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestWebSubCompareAndSet: two daemons on one database change a
// subscription only from the version they read: of two requests claimed
// from the same row one wins; of two new subscriptions for one source
// (each with its own callback id and secret) one is kept.
func TestWebSubCompareAndSet(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		a, b := twoDaemons(t)
		ctx := context.Background()
		w := WebSub{Source: "Blog", ID: "cbA", Secret: "sa", Hub: "https://hub.example/", Topic: "https://blog.example/feed",
			State: WebSubPending}
		wa, ok, err := a.CreateWebSub(ctx, w, 0)
		if err != nil || !ok || wa.Rev != 1 {
			t.Fatalf("create: %v %v rev %d", ok, err, wa.Rev)
		}
		// b, which had seen no row, does not replace a's.
		wb := w
		wb.ID, wb.Secret = "cbB", "sb"
		if _, ok, err := b.CreateWebSub(ctx, wb, 0); err != nil || ok {
			t.Fatalf("a second create from no row: %v %v", ok, err)
		}
		seen, err := b.WebSubBySource(ctx, "Blog")
		if err != nil || seen.ID != "cbA" || seen.Rev != 1 {
			t.Fatalf("b reads %+v %v", seen, err)
		}
		// Both claim the request from version 1: one wins.
		ra, rb := seen, seen
		ra.RequestedAt, rb.RequestedAt = t0, t0.Add(time.Second)
		ga, okA, err := a.UpdateWebSub(ctx, ra)
		if err != nil {
			t.Fatal(err)
		}
		_, okB, err := b.UpdateWebSub(ctx, rb)
		if err != nil {
			t.Fatal(err)
		}
		if !okA || okB || ga.Rev != 2 {
			t.Fatalf("claims: a %v b %v rev %d", okA, okB, ga.Rev)
		}
		// A push's count does not change the version.
		if err := a.WebSubPushed(ctx, "cbA", t0); err != nil {
			t.Fatal(err)
		}
		got, err := b.WebSubByID(ctx, "cbA")
		if err != nil || got.Rev != 2 || !got.RequestedAt.Equal(t0) || got.Pushes != 1 {
			t.Fatalf("after the claim: %+v %v", got, err)
		}
		// An update keeps the push count; one for a callback id that is
		// no longer the source's applies nowhere.
		got.State = WebSubVerified
		if got, ok, err = b.UpdateWebSub(ctx, got); err != nil || !ok || got.Rev != 3 {
			t.Fatalf("verify: %v %v", ok, err)
		}
		if again, _ := a.WebSubByID(ctx, "cbA"); again.Pushes != 1 || again.State != WebSubVerified {
			t.Fatalf("after the verification: %+v", again)
		}
		// Replacing (a new hub) from the version read.
		wb.Rev = 0
		if _, ok, err := b.CreateWebSub(ctx, wb, 2); err != nil || ok {
			t.Fatalf("a replacement from a stale version: %v %v", ok, err)
		}
		nb, ok, err := b.CreateWebSub(ctx, wb, 3)
		if err != nil || !ok || nb.Rev != 4 {
			t.Fatalf("a replacement: %v %v rev %d", ok, err, nb.Rev)
		}
		stale := got
		stale.Rev = 4 // the right version, the old callback id
		if _, ok, err := a.UpdateWebSub(ctx, stale); err != nil || ok {
			t.Fatalf("an update of the old callback id: %v %v", ok, err)
		}
		if _, err := a.WebSubByID(ctx, "cbA"); err == nil {
			t.Error("the old callback id is still stored")
		}
	})
}

// TestPushedCrawlKeepsNextRun: a leased crawl saved with KeepNextRun (a
// push) counts among the source's leased crawls, so that the other daemon
// catches up with its documents, and leaves the shared next run as it was.
func TestPushedCrawlKeepsNextRun(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		a, b := twoDaemons(t)
		ctx := context.Background()
		next := t0.Add(15 * time.Minute)
		l, _ := claim(t, a, "blog", t0)
		if _, err := a.SaveCrawl(ctx, leasedCrawl(l, next, fleetDoc("blog", 1)), nil); err != nil {
			t.Fatal(err)
		}
		// b pushes at t0+1m: claimed without the due check.
		l, _, err := b.ClaimSource(ctx, "blog", t0.Add(time.Minute), time.Minute, true)
		if err != nil || l == nil {
			t.Fatalf("forced claim: %v %v", l, err)
		}
		c := leasedCrawl(l, time.Time{}, fleetDoc("blog", 2))
		c.KeepNextRun = true
		if _, err := b.SaveCrawl(ctx, c, nil); err != nil {
			t.Fatal(err)
		}
		ls, err := a.SourceLeases(ctx)
		if err != nil || len(ls) != 1 || ls[0].Seq != 2 || !ls[0].NextRunAt.Equal(next) || ls[0].Held(t0.Add(time.Minute)) {
			t.Fatalf("leases after the push: %+v %v", ls, err)
		}
		// a, due again, knows the pushed document as seen.
		l, _ = claim(t, a, "blog", next)
		if l == nil {
			t.Fatal("a did not get the source when due")
		}
		defer l.Release(ctx, time.Time{})
		fresh, err := a.Unseen(ctx, []model.Document{fleetDoc("blog", 1), fleetDoc("blog", 2), fleetDoc("blog", 3)})
		if err != nil || len(fresh) != 1 || fresh[0].ID != fleetDoc("blog", 3).ID {
			t.Fatalf("unseen after catching up: %v %v", fresh, err)
		}
	})
}
