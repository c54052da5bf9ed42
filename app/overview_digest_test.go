package app

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/store"
)

// TestOverviewListsDigestsNotSent: the overview lists a digest the mail
// server refused, with its ID for outbox retry and its error, and no
// digest section while every digest went out.
func TestOverviewListsDigestsNotSent(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	c := e.signedIn(t, "anna", annaPassword)
	if page := e.do(t, c, "GET", "/overview", nil, nil).body; strings.Contains(page, "Digests not sent") {
		t.Errorf("overview lists digests with none undelivered:\n%s", page)
	}
	ctx := context.Background()
	end := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	r, _, err := e.d.Store().AddDigestRun(ctx, store.DigestRun{Start: end.Add(-168 * time.Hour), End: end, NextAttemptAt: end, CreatedAt: end})
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := e.d.Store().ClaimDigestRun(ctx, r.ID, end, end.Add(time.Minute)); err != nil || !ok {
		t.Fatalf("claim: %v %v", ok, err)
	}
	if err := e.d.Store().DigestRunGaveUp(ctx, r.ID, "535 5.7.8 authentication failed"); err != nil {
		t.Fatal(err)
	}
	page := e.do(t, c, "GET", "/overview", nil, nil).body
	for _, want := range []string{"Digests not sent", fmt.Sprintf("<td>digest:%d</td>", r.ID), "535 5.7.8 authentication failed",
		"outbox retry digest:N"} {
		if !strings.Contains(page, want) {
			t.Errorf("overview lacks %q:\n%s", want, page)
		}
	}
}
