package app

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// TestMuteSourceLaterCrawls: once its source is muted from a mention, a
// source's new documents are stored and listed but alerted nowhere, also
// by a daemon started afterwards; once unmuted, its next documents are
// alerted again.
func TestMuteSourceLaterCrawls(t *testing.T) {
	start := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	f := newFeedSetup(t, start, `    backfill: 1000h
alerts:
  routes:
    - {when: 'true', stdout: true}
`)
	ctx := context.Background()
	var items []string
	post := func(n int, at time.Time) {
		items = append(items, item(fmt.Sprint(n), fmt.Sprintf("Acme Bank post %d", n), "About Acme Bank.", at))
		f.site.setFeed(items...)
	}
	alerted := func(n int) bool { return strings.Contains(f.out.String(), fmt.Sprintf("Acme Bank post %d", n)) }

	d := f.daemon()
	post(1, start.Add(-time.Minute))
	f.pass(d, start)
	ms := mentionsOf(t, d)
	if len(ms) != 1 || !alerted(1) {
		t.Fatalf("first pass: %d mentions, output:\n%s", len(ms), f.out.String())
	}
	if _, err := d.Store().Act(ctx, ms[0].ID, store.Action{Name: model.ActionMuteSource, User: "anna", Via: "inbox"}); err != nil {
		t.Fatal(err)
	}
	post(2, start.Add(9*time.Minute))
	f.pass(d, start.Add(10*time.Minute))
	// A daemon started later still knows the source is muted.
	d.Close()
	d = f.daemon()
	post(3, start.Add(19*time.Minute))
	f.pass(d, start.Add(20*time.Minute))
	if n := len(mentionsOf(t, d)); n != 3 {
		t.Fatalf("%d mentions stored, want 3", n)
	}
	if alerted(2) || alerted(3) {
		t.Fatalf("a muted source's mentions were alerted:\n%s", f.out.String())
	}
	if entries, err := d.Store().OutboxEntries(ctx); err != nil || len(entries) != 0 {
		t.Errorf("outbox: %+v %v", entries, err)
	}
	if _, err := d.Store().Act(ctx, ms[0].ID, store.Action{Name: model.ActionUnmuteSource, User: "anna", Via: "inbox"}); err != nil {
		t.Fatal(err)
	}
	post(4, start.Add(29*time.Minute))
	f.pass(d, start.Add(30*time.Minute))
	if !alerted(4) || alerted(2) || alerted(3) {
		t.Errorf("after the unmute, output:\n%s", f.out.String())
	}
}
