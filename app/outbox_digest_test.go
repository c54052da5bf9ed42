package app

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
	"github.com/mentionwatch/mentionwatch/notify/email/emailtest"
)

// TestDigestRetryAfterRefusal: a digest the mail server refuses for good
// (a real SMTP server on loopback, on the synctest clock) is counted by
// mentionwatch_outbox_failed_items{kind="digest"} and not tried again,
// not even by a reload that leaves digest.email as it was; once the cause
// is fixed and the digest is put back in the queue — by `mentionwatch
// outbox retry` from another process, or by a reload with a changed
// digest.email — the running schedule sends it within a minute, and the
// gauge falls back to 0.
func TestDigestRetryAfterRefusal(t *testing.T) {
	for _, how := range []string{"outbox retry", "reload"} {
		t.Run(how, func(t *testing.T) { testDigestRetry(t, how) })
	}
}

func testDigestRetry(t *testing.T, how string) {
	var fixed atomic.Bool
	srv := emailtest.Start(t, emailtest.Options{Mode: emailtest.Plain, Refuse: func(int) error {
		if fixed.Load() {
			return nil
		}
		return emailtest.Rejected
	}})
	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	cfg := fmt.Sprintf(`storage: {path: %q}
server: {listen: ""}
brands:
  - {name: Acme Bank, query: '"Acme Bank"'}
alerts: {time_zone: UTC}
digest:
  schedule: "0 9 * * MON"
  email:
    from: mentionwatch@acme.example
    to: [pr@acme.example]
    smtp: {host: %s, port: %d, starttls: false}
`, filepath.Join(dir, "mw.db"), srv.Host, srv.Port)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	logs := &testenv.SyncBuffer{}
	synctest.Test(t, func(t *testing.T) {
		// The bubble starts on Saturday 2000-01-01, midnight UTC.
		monday := time.Date(2000, 1, 3, 9, 0, 0, 0, time.UTC)
		d, stop := runDigests(t, path, slog.New(slog.NewTextHandler(logs, nil)))
		defer stop()
		synctest.Wait()
		if got := failedGauge(t, d); got != [2]float64{0, 0} {
			t.Errorf("failed items before any digest: %v, want none", got)
		}

		time.Sleep(time.Until(monday))
		synctest.Wait()
		failed, err := d.Store().UndeliveredDigestRuns(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(failed) != 1 || failed[0].Status != store.DigestFailed || !strings.Contains(failed[0].LastError, "554") {
			t.Fatalf("after the refusal: %+v, want one failed digest", failed)
		}
		if got := failedGauge(t, d); got != [2]float64{0, 1} {
			t.Errorf("failed items after the refusal: %v, want one digest", got)
		}
		// Not retried on its own, nor by a reload of the same digest.email.
		if !d.Reload(context.Background()) {
			t.Fatal("reload failed")
		}
		time.Sleep(2 * time.Hour)
		synctest.Wait()
		if n := srv.Attempts(); n != 1 {
			t.Fatalf("%d attempts two hours after a refusal for good, want 1", n)
		}

		fixed.Store(true)
		switch how {
		case "outbox retry":
			if n, err := d.Store().RequeueFailedDigestRuns(context.Background(), time.Now(), []int64{failed[0].ID}); err != nil || n != 1 {
				t.Fatalf("requeue: %d, %v", n, err)
			}
		case "reload":
			if err := os.WriteFile(path, []byte(strings.Replace(cfg, "from: mentionwatch@acme.example",
				"from: alerts@acme.example", 1)), 0o600); err != nil {
				t.Fatal(err)
			}
			if !d.Reload(context.Background()) {
				t.Fatal("reload failed")
			}
		}
		time.Sleep(time.Minute)
		synctest.Wait()
		if n := len(srv.Messages()); n != 1 {
			t.Fatalf("%d messages a minute after the requeue, want 1\n%s", n, logs.String())
		}
		rs, err := d.Store().DigestRuns(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if last := rs[len(rs)-1]; last.ID != failed[0].ID || last.Status != store.DigestSent || last.LastError != "" {
			t.Errorf("after the retry: %+v, want the period sent", last)
		}
		if got := failedGauge(t, d); got != [2]float64{0, 0} {
			t.Errorf("failed items after the retry: %v, want none", got)
		}
	})
	out := logs.String()
	if strings.Count(out, "digest failed for good; not retried") != 1 || strings.Count(out, "digest sent") != 1 ||
		strings.Contains(out, "failed digests queued again") != (how == "reload") {
		t.Errorf("log:\n%s", out)
	}
}

// failedGauge returns mentionwatch_outbox_failed_items for the kinds
// delivery and digest, as d's /metrics serves them.
func failedGauge(t *testing.T, d *Daemon) [2]float64 {
	t.Helper()
	mfs, err := d.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var got [2]float64
	seen := 0
	for _, mf := range mfs {
		if mf.GetName() != "mentionwatch_outbox_failed_items" {
			continue
		}
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				switch {
				case l.GetName() != "kind":
				case l.GetValue() == failedKindDelivery:
					got[0] = m.GetGauge().GetValue()
					seen++
				case l.GetValue() == failedKindDigest:
					got[1] = m.GetGauge().GetValue()
					seen++
				}
			}
		}
	}
	if seen != 2 {
		t.Fatalf("mentionwatch_outbox_failed_items has %d of its 2 series", seen)
	}
	return got
}
