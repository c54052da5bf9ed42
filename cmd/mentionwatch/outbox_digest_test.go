package main

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/store"
)

// TestOutboxDigests: the digests not sent are listed with a digest:ID
// (text) and as "kind":"digest" objects with the fields of a delivery
// where they apply (--json); `outbox retry` takes digest:ID or --all and
// puts a failed digest back in the queue; an ID that is not a failed
// digest — pending, unknown, malformed, or beside a bad delivery ID — is
// refused (exit 2) and nothing changes.
func TestOutboxDigests(t *testing.T) {
	path := writeConfig(t, "http://127.0.0.1:1/feed.xml", "")
	ctx := context.Background()
	st, err := store.Open(ctx, strings.TrimSuffix(path, "rules.yaml")+"mw.db")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	week := 168 * time.Hour
	end := time.Now().Add(-3 * week).Truncate(time.Hour)
	run := func(end time.Time, outcome func(r store.DigestRun)) store.DigestRun {
		t.Helper()
		r, _, err := st.AddDigestRun(ctx, store.DigestRun{Start: end.Add(-week), End: end, NextAttemptAt: end, CreatedAt: end})
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := st.ClaimDigestRun(ctx, r.ID, end, end.Add(time.Minute)); err != nil || !ok {
			t.Fatalf("claim: %v %v", ok, err)
		}
		outcome(r)
		return r
	}
	refused := func(r store.DigestRun) {
		if err := st.DigestRunGaveUp(ctx, r.ID, "554 5.7.1 message rejected"); err != nil {
			t.Fatal(err)
		}
	}
	sent := run(end, func(r store.DigestRun) { st.DigestRunSent(ctx, r.ID, end) })
	failed := run(end.Add(week), refused)
	retrying := run(end.Add(2*week), func(r store.DigestRun) {
		st.DigestRunFailed(ctx, r.ID, "451 4.3.0 try later", time.Now().Add(time.Hour))
	})

	code, out, errOut := cli(t, "", "outbox", "-c", path)
	if code != 0 {
		t.Fatalf("outbox: exit %d\n%s", code, errOut)
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(fmt.Sprintf(`(?m)^digest:%d\s+\S+ \S+\s+failed\s+1\s+-\s+554 5.7.1 message rejected$`, failed.ID)),
		regexp.MustCompile(fmt.Sprintf(`(?m)^digest:%d\s+\S+ \S+\s+pending\s+1\s+\S+ \S+\s+451 4.3.0 try later$`, retrying.ID)),
		regexp.MustCompile(`outbox retry --all \(or the IDs, digest:N\)`),
	} {
		if !want.MatchString(out) {
			t.Errorf("outbox lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, fmt.Sprintf("digest:%d ", sent.ID)) {
		t.Errorf("outbox lists the sent digest:\n%s", out)
	}

	code, list, errOut := cli(t, "", "sources", "-c", path)
	if want := "\ndigests: 1 failed for good, 1 being retried; last error: 451 4.3.0 try later; mentionwatch outbox lists them\n"; code != 0 || !strings.Contains(list, want) {
		t.Errorf("sources: exit %d, lacks %q:\n%s%s", code, want, list, errOut)
	}

	objects := func() []map[string]any {
		t.Helper()
		code, out, errOut := cli(t, "", "outbox", "--json", "-c", path)
		if code != 0 {
			t.Fatalf("outbox --json: exit %d\n%s", code, errOut)
		}
		var objs []map[string]any
		for line := range strings.SplitSeq(strings.TrimSpace(out), "\n") {
			var o map[string]any
			if err := json.Unmarshal([]byte(line), &o); err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			objs = append(objs, o)
		}
		return objs
	}
	objs := objects()
	if len(objs) != 2 {
		t.Fatalf("outbox --json: %v, want the two digests", objs)
	}
	// Every field a reader of deliveries expects is there.
	for _, o := range objs {
		for _, k := range []string{"id", "status", "mention_id", "brand", "route", "channel", "target", "frequency",
			"send_id", "attempts", "last_error", "next_at", "created_at"} {
			if _, ok := o[k]; !ok {
				t.Errorf("a digest object lacks %q: %v", k, o)
			}
		}
		if o["kind"] != "digest" || o["channel"] != "email" || o["mention_id"] != nil || o["send_id"] != nil ||
			o["attempts"] != 1.0 || o["period_start"] == nil || o["period_end"] == nil {
			t.Errorf("digest object %v", o)
		}
	}
	if o := objs[0]; o["id"] != fmt.Sprintf("digest:%d", failed.ID) || o["status"] != "failed" || o["next_at"] != nil ||
		o["last_error"] != "554 5.7.1 message rejected" || o["period_end"] != failed.End.UTC().Format(time.RFC3339) {
		t.Errorf("the failed digest: %v", o)
	}
	if o := objs[1]; o["id"] != fmt.Sprintf("digest:%d", retrying.ID) || o["status"] != "pending" || o["next_at"] == nil {
		t.Errorf("the retrying digest: %v", o)
	}

	// Bad IDs change nothing.
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{fmt.Sprintf("digest:%d", retrying.ID)}, fmt.Sprintf("digest %d is pending, not failed", retrying.ID)},
		{[]string{fmt.Sprintf("digest:%d", sent.ID)}, fmt.Sprintf("digest %d was sent", sent.ID)},
		{[]string{"digest:999"}, "no digest 999"},
		{[]string{"digest:x"}, "is not a digest ID"},
		{[]string{"digest:"}, "is not a digest ID"},
		{[]string{fmt.Sprintf("digest:%d", failed.ID), "999"}, "no delivery 999 in the outbox"},
		{[]string{"--all", fmt.Sprintf("digest:%d", failed.ID)}, "not both"},
	} {
		code, _, errOut := cli(t, "", slices.Concat([]string{"outbox", "retry"}, tc.args, []string{"-c", path})...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("retry %v: exit %d, want 2 and %q\n%s", tc.args, code, tc.want, errOut)
		}
	}
	if c, err := st.FailedCounts(ctx); err != nil || c.Digests != 1 {
		t.Fatalf("bad IDs changed the digests: %+v, %v", c, err)
	}

	code, out, errOut = cli(t, "", "outbox", "retry", fmt.Sprintf("digest:%d", failed.ID), "-c", path)
	if code != 0 || !strings.Contains(out, "1 failed digest queued again; the running daemon sends it within a minute") {
		t.Fatalf("retry: exit %d\n%s%s", code, out, errOut)
	}
	due, err := st.DueDigestRuns(ctx, time.Now())
	if err != nil || len(due) != 1 || due[0].ID != failed.ID || due[0].Attempts != 0 {
		t.Errorf("due after the retry: %+v, %v; want the requeued digest, with no attempts", due, err)
	}
	if o := objects()[0]; o["id"] != fmt.Sprintf("digest:%d", failed.ID) || o["status"] != "pending" || o["next_at"] == nil ||
		o["last_error"] != "554 5.7.1 message rejected" {
		t.Errorf("the requeued digest: %v", o)
	}
	code, out, _ = cli(t, "", "outbox", "retry", "--all", "-c", path)
	if code != 0 || !strings.Contains(out, "nothing to retry") {
		t.Errorf("retry --all with nothing failed: exit %d\n%s", code, out)
	}

	// --all takes failed digests too.
	again := run(end.Add(3*week), refused)
	code, out, _ = cli(t, "", "outbox", "retry", "--all", "-c", path)
	if code != 0 || !strings.Contains(out, "1 failed digest queued again") || strings.Contains(out, "deliver") {
		t.Errorf("retry --all: exit %d\n%s", code, out)
	}
	if rs, _ := st.UndeliveredDigestRuns(ctx); rs[len(rs)-1].ID != again.ID || rs[len(rs)-1].Status != store.DigestPending {
		t.Errorf("after retry --all: %+v", rs)
	}
}
