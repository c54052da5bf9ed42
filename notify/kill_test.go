package notify

import (
	"bufio"
	"context"
	"encoding/json"
	"github.com/mentionwatch/mentionwatch/internal/clock"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/notify/internal/slackfake"
)

// helperAlerts is the alerts config the helper daemon runs with, from
// its environment.
func helperAlerts() config.Alerts {
	cfg := alertsConfig(config.Route{Name: "pr", Slack: "#pr-alerts", Webhook: os.Getenv("MW_WEBHOOK")})
	if cfg.Routes[0].Webhook != "" {
		cfg.Routes[0].Slack = ""
		cfg.Webhook.URL = os.Getenv("MW_WEBHOOK")
		cfg.Routes[0].Webhook = "true"
	} else {
		cfg.Slack = config.Slack{Token: botToken, APIURL: os.Getenv("MW_SLACK_API")}
	}
	return cfg
}

// TestHelperDaemon is not a test: it is the daemon the kill tests start
// and kill. It runs a Worker over the database MW_DB until SIGINT,
// logging JSON lines to stdout.
func TestHelperDaemon(t *testing.T) {
	if os.Getenv("MW_HELPER_DAEMON") != "1" {
		t.Skip("run by the kill tests")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	log := slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: slog.LevelDebug}))
	st, err := store.Open(ctx, os.Getenv("MW_DB"))
	if err != nil {
		log.Error("open", "error", err)
		os.Exit(1)
	}
	defer st.Close()
	cfg := helperAlerts()
	ns, err := NewNotifiers(cfg, os.Stdout, nil, log)
	if err != nil {
		log.Error("notifiers", "error", err)
		os.Exit(1)
	}
	w := NewWorker(st, ns, WorkerOptions{Logger: log, Backoff: cfg.Retry})
	log.Info("helper ready")
	_ = w.Run(ctx)
}

// daemon is a running helper process.
type daemon struct {
	cmd   *exec.Cmd
	lines chan map[string]any
	done  chan struct{}
}

func startDaemon(t *testing.T, db string) *daemon {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperDaemon$")
	cmd.Env = append(os.Environ(), "MW_HELPER_DAEMON=1", "MW_DB="+db)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	d := &daemon{cmd: cmd, lines: make(chan map[string]any, 100), done: make(chan struct{})}
	go func() {
		defer close(d.done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			var m map[string]any
			if json.Unmarshal(sc.Bytes(), &m) == nil {
				d.lines <- m
			}
		}
	}()
	t.Cleanup(func() { d.kill() })
	return d
}

// waitLog waits for a log line with this message; the deadline only
// guards against a hang.
func (d *daemon) waitLog(t *testing.T, msg string) map[string]any {
	t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		select {
		case m := <-d.lines:
			if m["msg"] == msg {
				return m
			}
			if m["level"] == "ERROR" {
				t.Logf("daemon: %v", m)
			}
		case <-d.done:
			t.Fatalf("daemon exited before logging %q", msg)
		case <-deadline:
			t.Fatalf("daemon did not log %q", msg)
		}
	}
}

// kill sends SIGKILL and reaps the process.
func (d *daemon) kill() {
	if d.cmd.ProcessState != nil {
		return
	}
	_ = d.cmd.Process.Kill()
	_ = d.cmd.Wait()
}

// stop sends SIGINT and waits for a clean exit.
func (d *daemon) stop(t *testing.T) {
	t.Helper()
	_ = d.cmd.Process.Signal(syscall.SIGINT)
	<-d.done
	if err := d.cmd.Wait(); err != nil {
		t.Errorf("daemon: %v", err)
	}
}

// seed writes one critical mention with its delivery into a new database.
func seed(t *testing.T, db string) {
	t.Helper()
	clk := clock.NewFake(time.Now())
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r := newRouter(t, helperAlerts(), clk, nil)
	m := newMention("Acme", "Акме Банк заблокировал карту")
	m.Severity = model.SeverityCritical
	save(t, st, r, clk, m)
}

func finalSends(t *testing.T, db string) []store.Send {
	t.Helper()
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	return sends(t, st)
}

// TestKilledMidSendSlack: the daemon is killed with SIGKILL while Slack
// holds its chat.postMessage — once after the message was posted (the
// answer is lost), once before (the request is lost). After a restart the
// message is in the channel exactly once.
func TestKilledMidSendSlack(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	for _, tc := range []struct {
		name       string
		postedHeld bool // the message is in the channel when the daemon dies
	}{
		{"answer lost", true},
		{"request lost", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := slackfake.New(botToken, "general", "pr-alerts")
			defer srv.Close()
			held := make(chan struct{}, 1)
			release := make(chan struct{})
			var once sync.Once
			hold := func() bool {
				first := false
				once.Do(func() { first = true })
				if first {
					held <- struct{}{}
					<-release
				}
				return first
			}
			if tc.postedHeld {
				srv.SetAfterPost(func(slackfake.Post) { hold() })
			} else {
				srv.SetBefore(func(w http.ResponseWriter, r *http.Request, method string) bool {
					return method == "chat.postMessage" && hold()
				})
			}
			t.Setenv("MW_SLACK_API", srv.APIURL)
			db := filepath.Join(t.TempDir(), "mw.db")
			seed(t, db)

			d1 := startDaemon(t, db)
			<-held // the request is at Slack
			d1.kill()
			close(release)
			if ss := finalSends(t, db); len(ss) != 1 || ss[0].Status != store.OutboxSending {
				t.Fatalf("after the kill: %+v", ss)
			}

			d2 := startDaemon(t, db)
			sent := d2.waitLog(t, "alert sent")
			d2.stop(t)

			posts := srv.Posts()
			if len(posts) != 1 {
				t.Fatalf("%d messages in the channel, want 1", len(posts))
			}
			ss := finalSends(t, db)
			if ss[0].Status != store.OutboxSent || ss[0].ExtID != posts[0].TS {
				t.Errorf("send %+v, post ts %s", ss[0], posts[0].TS)
			}
			if tc.postedHeld != (sent["confirmed"] == true) {
				t.Errorf("confirmed = %v", sent["confirmed"])
			}
			calls := strings.Join(srv.Calls(), " ")
			if !strings.Contains(calls, "conversations.history") {
				t.Errorf("the restarted daemon did not look before sending: %s", calls)
			}
		})
	}
}

// TestKilledMidSendWebhook: a generic webhook cannot be asked, so after a
// kill the request is sent again (at least once) — with the same
// Idempotency-Key, so the receiver can drop the repeat.
func TestKilledMidSendWebhook(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	var mu sync.Mutex
	var got []string
	held := make(chan struct{}, 1)
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		mu.Lock()
		got = append(got, r.Header.Get("Idempotency-Key"))
		first := len(got) == 1
		mu.Unlock()
		if first {
			held <- struct{}{}
			<-release
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	defer close(release)
	t.Setenv("MW_WEBHOOK", srv.URL+"/hook")
	db := filepath.Join(t.TempDir(), "mw.db")
	seed(t, db)
	d1 := startDaemon(t, db)
	<-held
	d1.kill()
	d2 := startDaemon(t, db)
	d2.waitLog(t, "alert sent")
	d2.stop(t)
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 2 || got[0] == "" || got[0] != got[1] {
		t.Errorf("idempotency keys %q: want the same key twice", got)
	}
}

// TestShutdownAbandonsInFlight: cancelling Run mid-send leaves the
// message in the outbox; the next worker finds it posted and does not
// post it again.
func TestShutdownAbandonsInFlight(t *testing.T) {
	e := newEnv(t, alertsConfig(config.Route{Slack: "#pr-alerts"}), false)
	held := make(chan struct{})
	var once sync.Once
	block := make(chan struct{})
	defer close(block)
	// Hold the first answer until the worker's context ends.
	e.srv.SetAfterPost(func(slackfake.Post) {
		once.Do(func() {
			close(held)
			<-block
		})
	})
	save(t, e.st, e.router, e.clk, newMention("Acme", "a"))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.worker.Run(ctx) }()
	<-held
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if ss := sends(t, e.st); ss[0].Status != store.OutboxSending {
		t.Fatalf("after shutdown: %+v", ss[0])
	}
	ns, _ := NewNotifiers(config.Alerts{Slack: config.Slack{Token: botToken, APIURL: e.srv.APIURL}}, io.Discard, e.srv.Client(), nil)
	w2 := NewWorker(e.st, ns, WorkerOptions{Clock: e.clk})
	if left := driveFlush(t, w2, e.clk); left != 0 {
		t.Errorf("%d left", left)
	}
	if n := len(e.srv.Posts()); n != 1 {
		t.Errorf("%d posts, want 1", n)
	}
	if ss := sends(t, e.st); ss[0].Status != store.OutboxSent {
		t.Errorf("send %+v", ss[0])
	}
}
