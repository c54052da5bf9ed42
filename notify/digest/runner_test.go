package digest

import (
	"context"
	"errors"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/notify/email/emailtest"
)

// Inside a synctest bubble the clock starts on Saturday 1 January 2000,
// 00:00 UTC (03:00 in Moscow). The weekly digest is due on Mondays at
// 09:00 Moscow time.
var (
	monday1 = time.Date(2000, 1, 3, 9, 0, 0, 0, moscow)
	monday2 = monday1.AddDate(0, 0, 7)
	monday4 = monday1.AddDate(0, 0, 21)
)

func weeklyConfig() config.Digest {
	return config.Digest{Schedule: "0 9 * * MON", Since: config.Duration(fixtureWeek), TopN: 5}
}

// recorder is a SendFunc that keeps what it was given and when.
type recorder struct {
	mu    sync.Mutex
	sent  []*Digest
	times []time.Time
	fail  func(n int) error // nil: every send succeeds
	calls int
}

func (r *recorder) send(_ context.Context, d *Digest) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	if r.fail != nil {
		if err := r.fail(r.calls); err != nil {
			return err
		}
	}
	r.sent = append(r.sent, d)
	r.times = append(r.times, time.Now())
	return nil
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.sent)
}

// running starts r.Run and returns a function that stops it and checks
// it returned nil.
func running(t *testing.T, r *Runner) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	synctest.Wait()
	return func() {
		t.Helper()
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run returned %v", err)
		}
	}
}

// sleepUntil moves the bubble's clock to at and lets the runner do what
// is due.
func sleepUntil(at time.Time) {
	time.Sleep(time.Until(at))
	synctest.Wait()
}

func runs(t *testing.T, st *store.Store) []store.DigestRun {
	t.Helper()
	rs, err := st.DigestRuns(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestRunnerSendsOncePerPeriod(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st := openStore(t)
		fill(t, st, fixture, monday1)
		rec := &recorder{}
		r, err := NewRunner(st, weeklyConfig(), []string{"Acme Bank", "Beta Pay"}, rec.send, WithLocation(moscow))
		if err != nil {
			t.Fatal(err)
		}
		stop := running(t, r)
		defer stop()

		// First start: nothing is owed for the time before it.
		if rec.count() != 0 {
			t.Fatalf("sent %d digests at first start", rec.count())
		}
		if rs := runs(t, st); len(rs) != 1 || rs[0].Status != store.DigestSkipped {
			t.Fatalf("runs after first start: %+v", rs)
		}

		sleepUntil(monday1.Add(-time.Second))
		if rec.count() != 0 {
			t.Fatal("sent before the scheduled time")
		}
		sleepUntil(monday1)
		if rec.count() != 1 {
			t.Fatalf("sent %d digests at the scheduled time, want 1", rec.count())
		}
		d := rec.sent[0]
		if !d.End.Equal(monday1) || !d.Start.Equal(monday1.Add(-fixtureWeek)) || !rec.times[0].Equal(monday1) {
			t.Errorf("digest of %v – %v sent at %v", d.Start, d.End, rec.times[0])
		}
		if d.Brands[0].Total != 13 || d.Brands[1].Total != 2 || d.Location != moscow {
			t.Errorf("digest content: %d and %d mentions, location %v", d.Brands[0].Total, d.Brands[1].Total, d.Location)
		}

		sleepUntil(monday2.Add(-time.Minute))
		if rec.count() != 1 {
			t.Fatalf("sent %d digests in one week", rec.count())
		}
		sleepUntil(monday2)
		if rec.count() != 2 || !rec.sent[1].End.Equal(monday2) {
			t.Fatalf("second week: %d digests", rec.count())
		}
		rs := runs(t, st)
		if len(rs) != 3 || rs[1].Status != store.DigestSent || rs[2].Status != store.DigestSent || rs[2].Attempts != 1 {
			t.Errorf("runs %+v", rs)
		}
	})
}

// TestRunnerRetriesThroughSMTPOutage: the mail server refuses the first
// three attempts; the runner backs off 1m, 2m, 4m on the fake clock and
// the digest arrives once.
func TestRunnerRetriesThroughSMTPOutage(t *testing.T) {
	const password = "pw-Outage-Секрет-7"
	srv := emailtest.Start(t, emailtest.Options{Mode: emailtest.Plain, Username: "mw", Password: password,
		Refuse: func(n int) error {
			if n <= 3 {
				return emailtest.Unavailable
			}
			return nil
		}})
	synctest.Test(t, func(t *testing.T) {
		st := openStore(t)
		fill(t, st, fixture, monday1)
		cfg := weeklyConfig()
		f := false
		cfg.Email = &config.Email{From: "mentionwatch@acme.example", To: []string{"pr@acme.example"},
			SMTP: config.SMTP{Host: srv.Host, Port: srv.Port, Username: "mw", Password: password, StartTLS: &f}}
		var attempts []time.Time
		var mu sync.Mutex
		mail := EmailSender(*cfg.Email)
		send := func(ctx context.Context, d *Digest) error {
			mu.Lock()
			attempts = append(attempts, time.Now())
			mu.Unlock()
			return mail(ctx, d)
		}
		logs := &testenv.SyncBuffer{}
		r, err := NewRunner(st, cfg, []string{"Acme Bank"}, send, WithLocation(moscow),
			WithBackoff(time.Minute, time.Hour), WithLogger(slog.New(slog.NewTextHandler(logs, nil))))
		if err != nil {
			t.Fatal(err)
		}
		stop := running(t, r)
		defer stop()

		sleepUntil(monday1)
		if len(srv.Messages()) != 0 || srv.Attempts() != 1 {
			t.Fatalf("first attempt: %d messages, %d attempts", len(srv.Messages()), srv.Attempts())
		}
		rs := runs(t, st)
		if last := rs[len(rs)-1]; last.Status != store.DigestPending || !strings.Contains(last.LastError, "421") ||
			!last.NextAttemptAt.Equal(monday1.Add(time.Minute)) {
			t.Fatalf("after a refused attempt: %+v", last)
		}
		sleepUntil(monday1.Add(time.Hour))
		if n := len(srv.Messages()); n != 1 {
			t.Fatalf("server received %d messages, want 1", n)
		}
		want := []time.Time{monday1, monday1.Add(time.Minute), monday1.Add(3 * time.Minute), monday1.Add(7 * time.Minute)}
		mu.Lock()
		got := append([]time.Time(nil), attempts...)
		mu.Unlock()
		if len(got) != len(want) {
			t.Fatalf("%d attempts, want %d: %v", len(got), len(want), got)
		}
		for i := range want {
			if !got[i].Equal(want[i]) {
				t.Errorf("attempt %d at %v, want %v", i+1, got[i], want[i])
			}
		}
		rs = runs(t, st)
		last := rs[len(rs)-1]
		if last.Status != store.DigestSent || last.Attempts != 4 || last.LastError != "" || !last.SentAt.Equal(want[3]) {
			t.Errorf("run %+v", last)
		}
		p, err := emailtest.Parse(srv.Messages()[0].Data)
		if err != nil {
			t.Fatal(err)
		}
		if want := "mentionwatch: Acme Bank — 13 mentions, 4 negative (week 52)"; p.Subject != want {
			t.Errorf("subject %q, want %q", p.Subject, want)
		}
		out := logs.String()
		if strings.Count(out, "digest not sent; will retry") != 3 || strings.Count(out, "digest sent") != 1 {
			t.Errorf("logs:\n%s", out)
		}
		if strings.Contains(out, password) || strings.Contains(last.LastError, password) {
			t.Error("the SMTP password was logged or stored")
		}

		sleepUntil(monday2.Add(-time.Minute))
		if n := len(srv.Messages()); n != 1 {
			t.Errorf("server received %d messages by the end of the week, want 1", n)
		}
	})
}

// TestRunnerPasswordNeverLogged: a wrong password fails the attempt for good;
// neither the logs nor the stored error show it.
func TestRunnerPasswordNeverLogged(t *testing.T) {
	const password = "correct-horse-Батарея"
	srv := emailtest.Start(t, emailtest.Options{Mode: emailtest.Plain, Username: "mw", Password: "other"})
	synctest.Test(t, func(t *testing.T) {
		st := openStore(t)
		f := false
		e := config.Email{From: "mentionwatch@acme.example", To: []string{"pr@acme.example"},
			SMTP: config.SMTP{Host: srv.Host, Port: srv.Port, Username: "mw", Password: password, StartTLS: &f}}
		logs := &testenv.SyncBuffer{}
		r, err := NewRunner(st, weeklyConfig(), []string{"Acme Bank"}, EmailSender(e), WithLocation(moscow),
			WithLogger(slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
		if err != nil {
			t.Fatal(err)
		}
		stop := running(t, r)
		defer stop()
		sleepUntil(monday1.Add(10 * time.Minute))
		// Refused authentication (535) is permanent: one attempt, then
		// the run is failed rather than retried with the same password.
		if srv.AuthFailures() != 1 {
			t.Fatalf("%d authentication attempts, want 1", srv.AuthFailures())
		}
		rs := runs(t, st)
		last := rs[len(rs)-1]
		if last.Status != store.DigestFailed {
			t.Errorf("run %+v, want failed", last)
		}
		if !strings.Contains(last.LastError, "535") || !strings.Contains(logs.String(), "535") {
			t.Errorf("the failure is not reported: %q", last.LastError)
		}
		if strings.Contains(logs.String(), password) || strings.Contains(last.LastError, password) {
			t.Error("the SMTP password was logged or stored")
		}
	})
}

func TestRunnerCatchUp(t *testing.T) {
	tests := []struct {
		name     string
		downFrom time.Time // the daemon stops here (after a first start at the bubble's epoch)
		upAt     time.Time // and starts again here
		wantEnd  time.Time // the period sent at start; zero: nothing
		wantWarn bool      // older missed periods are reported
	}{
		{"missed one period", monday1.Add(-time.Hour), monday1.Add(27 * time.Hour), monday1, false},
		{"missed three periods", monday1.Add(-time.Hour), monday4.Add(2 * time.Hour), monday4, true},
		{"down and up before the schedule", monday1.Add(-2 * time.Hour), monday1.Add(-time.Hour), time.Time{}, false},
		{"down after the period was sent", monday1.Add(time.Hour), monday1.Add(50 * time.Hour), time.Time{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				st := openStore(t)
				rec := &recorder{}
				logs := &testenv.SyncBuffer{}
				newRunner := func() *Runner {
					r, err := NewRunner(st, weeklyConfig(), []string{"Acme Bank"}, rec.send, WithLocation(moscow),
						WithLogger(slog.New(slog.NewTextHandler(logs, nil))))
					if err != nil {
						t.Fatal(err)
					}
					return r
				}
				stop := running(t, newRunner())
				sleepUntil(tc.downFrom)
				stop()
				before := rec.count()
				sleepUntil(tc.upAt)
				stop = running(t, newRunner())
				defer stop()
				got := rec.count() - before
				if tc.wantEnd.IsZero() {
					if got != 0 {
						t.Fatalf("sent %d digests at restart, want none", got)
					}
				} else {
					if got != 1 {
						t.Fatalf("sent %d digests at restart, want 1", got)
					}
					if d := rec.sent[len(rec.sent)-1]; !d.End.Equal(tc.wantEnd) || !rec.times[len(rec.times)-1].Equal(tc.upAt) {
						t.Errorf("sent the period ending %v at %v, want %v at %v", d.End, rec.times[len(rec.times)-1], tc.wantEnd, tc.upAt)
					}
				}
				if warned := strings.Contains(logs.String(), "digests were missed"); warned != tc.wantWarn {
					t.Errorf("warning about missed digests: %v, want %v\n%s", warned, tc.wantWarn, logs.String())
				}
				// The schedule goes on: the next Monday is sent, once.
				next := monday1
				for !next.After(tc.upAt) {
					next = next.AddDate(0, 0, 7)
				}
				n := rec.count()
				sleepUntil(next)
				if rec.count() != n+1 || !rec.sent[n].End.Equal(next) {
					t.Errorf("after restart: %d digests at %v, want 1", rec.count()-n, next)
				}
			})
		})
	}
}

// TestRunnerRestartWhileRetrying: the daemon stops while a digest is
// failing; at the next start it is sent, once.
func TestRunnerRestartWhileRetrying(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st := openStore(t)
		failing := true
		var mu sync.Mutex
		rec := &recorder{fail: func(int) error {
			mu.Lock()
			defer mu.Unlock()
			if failing {
				return errors.New("email: send via smtp.example:587: dial failed: connection refused")
			}
			return nil
		}}
		newRunner := func() *Runner {
			r, err := NewRunner(st, weeklyConfig(), []string{"Acme Bank"}, rec.send, WithLocation(moscow), WithBackoff(time.Minute, 10*time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		stop := running(t, newRunner())
		sleepUntil(monday1.Add(5 * time.Minute)) // attempts at +0, +1m, +3m
		stop()
		if rec.count() != 0 || rec.calls != 3 {
			t.Fatalf("%d sent, %d calls", rec.count(), rec.calls)
		}
		mu.Lock()
		failing = false
		mu.Unlock()
		sleepUntil(monday1.Add(2 * time.Hour))
		stop = running(t, newRunner())
		defer stop()
		if rec.count() != 1 || !rec.times[0].Equal(monday1.Add(2*time.Hour)) || !rec.sent[0].End.Equal(monday1) {
			t.Fatalf("after restart: %d sent", rec.count())
		}
		sleepUntil(monday2.Add(-time.Minute))
		if rec.count() != 1 {
			t.Fatalf("%d sent by the end of the week", rec.count())
		}
	})
}

// TestRunnerLease: a run claimed by a process that died while sending is
// sent again once its lease is over, not before.
func TestRunnerLease(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st := openStore(t)
		ctx := context.Background()
		now := time.Now()
		run, _, err := st.AddDigestRun(ctx, store.DigestRun{Start: monday1.Add(-fixtureWeek - 48*time.Hour),
			End: now.Add(-time.Minute), NextAttemptAt: now.Add(-time.Minute)})
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := st.ClaimDigestRun(ctx, run.ID, now, now.Add(DefaultLease)); !ok || err != nil {
			t.Fatal("claim", ok, err)
		}
		rec := &recorder{}
		r, err := NewRunner(st, weeklyConfig(), []string{"Acme Bank"}, rec.send, WithLocation(moscow))
		if err != nil {
			t.Fatal(err)
		}
		stop := running(t, r)
		defer stop()
		if rec.count() != 0 {
			t.Fatal("a run was sent inside another process's lease")
		}
		sleepUntil(now.Add(DefaultLease))
		if rec.count() != 1 {
			t.Fatalf("%d sent after the lease", rec.count())
		}
		rs := runs(t, st)
		if rs[0].Status != store.DigestSent || rs[0].Attempts != 2 {
			t.Errorf("run %+v", rs[0])
		}
	})
}

func TestNewRunner(t *testing.T) {
	st := openStore(t)
	rec := &recorder{}
	tests := []struct {
		name     string
		schedule string
		send     SendFunc
		want     string
	}{
		{"no schedule", "", rec.send, ErrNoSchedule.Error()},
		{"bad schedule", "every monday", rec.send, "digest: schedule"},
		{"no send function", "@weekly", nil, "send function"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := weeklyConfig()
			cfg.Schedule = tc.schedule
			_, err := NewRunner(st, cfg, nil, tc.send)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
	if _, err := NewRunner(st, config.Digest{}, nil, rec.send); !errors.Is(err, ErrNoSchedule) {
		t.Errorf("err = %v, want ErrNoSchedule", err)
	}
}

func TestLatestFire(t *testing.T) {
	st := openStore(t)
	base := time.Date(2026, 11, 23, 12, 0, 0, 0, moscow) // Monday
	tests := []struct {
		name       string
		schedule   string
		after, now time.Time
		want       time.Time
	}{
		{"weekly, due", "0 9 * * MON", base.AddDate(0, 0, -7), base, time.Date(2026, 11, 23, 9, 0, 0, 0, moscow)},
		{"weekly, already recorded", "0 9 * * MON", time.Date(2026, 11, 23, 9, 0, 0, 0, moscow), base, time.Time{}},
		{"weekly, a year down", "0 9 * * MON", base.AddDate(-1, 0, 0), base, time.Date(2026, 11, 23, 9, 0, 0, 0, moscow)},
		{"every minute from 9 to 10", "* 9 * * *", base.AddDate(0, 0, -3), base.Add(20 * time.Hour), time.Date(2026, 11, 23, 9, 59, 0, 0, moscow)},
		{"never fires", "0 0 30 2 *", base.AddDate(-1, 0, 0), base, time.Time{}},
		{"now before after", "@hourly", base, base.Add(-time.Hour), time.Time{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := weeklyConfig()
			cfg.Schedule = tc.schedule
			r, err := NewRunner(st, cfg, nil, (&recorder{}).send, WithLocation(moscow))
			if err != nil {
				t.Fatal(err)
			}
			got := r.latestFire(tc.after, tc.now)
			if !got.Equal(tc.want) {
				t.Errorf("latestFire = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestLatestFireEvery: "@every" schedules count from the time they are
// asked about, so any time in the last interval is right, and a year of
// downtime must not take a year's worth of steps.
func TestLatestFireEvery(t *testing.T) {
	cfg := weeklyConfig()
	cfg.Schedule = "@every 2m"
	r, err := NewRunner(openStore(t), cfg, nil, (&recorder{}).send)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	got := r.latestFire(now.AddDate(-1, 0, 0), now)
	if got.After(now) || !got.After(now.Add(-2*time.Minute)) {
		t.Errorf("latestFire = %v, want within the last 2 minutes before %v", got, now)
	}
}

func TestBackoff(t *testing.T) {
	r := &Runner{retry: time.Minute, retryMax: 10 * time.Minute}
	want := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute, 10 * time.Minute, 10 * time.Minute}
	for i, w := range want {
		if got := r.backoff(i + 1); got != w {
			t.Errorf("backoff(%d) = %v, want %v", i+1, got, w)
		}
	}
	if got := r.backoff(1000); got != 10*time.Minute {
		t.Errorf("backoff(1000) = %v", got)
	}
}
