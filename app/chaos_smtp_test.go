package app

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
	"github.com/mentionwatch/mentionwatch/notify/email/emailtest"
)

// busyMailbox is a temporary refusal (451): try again later.
var busyMailbox = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0},
	Message: "Requested action aborted: local error in processing"}

// TestChaosDigestSMTPOutage: the daemon's digest schedule, as it runs in
// the daemon, sends through a real SMTP server on loopback, on the
// synctest clock. Temporary refusals (421, then 451) are retried with
// backoff and the digest arrives once; a permanent one (554) is logged
// once, recorded as failed, listed by `mentionwatch outbox`, and not
// tried again for that period.
func TestChaosDigestSMTPOutage(t *testing.T) {
	for _, tc := range []struct {
		name      string
		refuse    func(n int) error
		attempts  int // by the end of the week
		delivered bool
	}{
		{"temporary", func(n int) error {
			switch n {
			case 1:
				return emailtest.Unavailable
			case 2:
				return busyMailbox
			}
			return nil
		}, 3, true},
		{"permanent", func(int) error { return emailtest.Rejected }, 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := emailtest.Start(t, emailtest.Options{Mode: emailtest.Plain, Refuse: tc.refuse})
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
			var rs []store.DigestRun
			synctest.Test(t, func(t *testing.T) {
				// The bubble starts on Saturday 2000-01-01, midnight UTC.
				monday := time.Date(2000, 1, 3, 9, 0, 0, 0, time.UTC)
				d, stop := runDigests(t, path, slog.New(slog.NewTextHandler(logs, nil)))
				defer stop()
				synctest.Wait()

				time.Sleep(time.Until(monday))
				synctest.Wait()
				if srv.Attempts() != 1 || len(srv.Messages()) != 0 {
					t.Fatalf("at the scheduled time: %d attempts, %d messages", srv.Attempts(), len(srv.Messages()))
				}
				// The rest of the week.
				time.Sleep(6 * 24 * time.Hour)
				synctest.Wait()
				var err error
				if rs, err = d.Store().DigestRuns(context.Background()); err != nil {
					t.Fatal(err)
				}
			})
			out := logs.String()
			if n := srv.Attempts(); n != tc.attempts {
				t.Errorf("%d attempts, want %d\n%s", n, tc.attempts, out)
			}
			if n, want := len(srv.Messages()), map[bool]int{true: 1}[tc.delivered]; n != want {
				t.Errorf("%d messages, want %d", n, want)
			}
			last := rs[len(rs)-1]
			list := outboxList(t, path)
			t.Logf("mentionwatch outbox:\n%s", list)
			if tc.delivered {
				if last.Status != store.DigestSent || strings.Count(out, "digest not sent; will retry") != 2 {
					t.Errorf("run %+v, log:\n%s", last, out)
				}
				if strings.Contains(list, "digest") {
					t.Errorf("outbox lists a sent digest:\n%s", list)
				}
				return
			}
			if last.Status != store.DigestFailed || last.Attempts != 1 || !strings.Contains(last.LastError, "554") {
				t.Errorf("run %+v", last)
			}
			if strings.Count(out, "digest failed for good; not retried") != 1 || strings.Contains(out, "will retry") {
				t.Errorf("log:\n%s", out)
			}
			if !strings.Contains(list, "digest") || !strings.Contains(list, "554") {
				t.Errorf("outbox does not show the failed digest:\n%s", list)
			}
		})
	}
}

// outboxList runs `mentionwatch outbox` on the config at path.
func outboxList(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command(mentionwatchBinary(t), "outbox", "-c", path).CombinedOutput()
	if err != nil {
		t.Fatalf("outbox: %v\n%s", err, out)
	}
	return string(out)
}

// runDigests loads the config at path and runs its digest schedule in the
// background, as the daemon does; stop ends the schedule, checks that it
// ended cleanly and closes the daemon. Call it inside a synctest bubble,
// whose clock the schedule then follows.
func runDigests(t *testing.T, path string, log *slog.Logger) (*Daemon, func()) {
	t.Helper()
	c, err := Load(path, log)
	if err != nil {
		t.Fatal(err)
	}
	d, err := New(context.Background(), c, Options{ConfigPath: path, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	r, err := d.newDigestRunner(c)
	if err != nil || r == nil {
		d.Close()
		t.Fatalf("digest runner: %v, %v", r, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	return d, sync.OnceFunc(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
		d.Close()
	})
}
