package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
)

// hangingServer accepts connections and never answers them.
func hangingServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return "http://" + ln.Addr().String()
}

// TestChaosBrokenSources: of four sources on a 10-minute schedule, one
// hangs (accepts the connection, never answers), one answers 500, one
// answers garbage, one is fine. On the fake clock, over two hours, the
// fine one is crawled every 10 minutes and a new mention in it is stored
// and alerted by the next crawl; each broken one is retried after waits
// that double (within retry.initial·2ⁿ⁻² and retry.initial·2ⁿ⁻¹, the
// equal jitter, capped at retry.max) and its error shows in
// `mentionwatch sources`.
func TestChaosBrokenSources(t *testing.T) {
	site := newSite(t)
	start := time.Now().Truncate(time.Hour)
	site.setFeed(item("1", "Acme Bank opens in Riga", "Acme Bank opened an office.", start.Add(-time.Hour)))
	garbage := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, "\x00\x01\x02<rss><channel><item><title>Acme Bank</ti")
	}))
	t.Cleanup(garbage.Close)
	hang := hangingServer(t)

	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	cfg := fmt.Sprintf(`storage: {path: %q}
server: {listen: ""}
http: {min_delay: 0s, timeout: 500ms, retry: {initial: 1m, max: 1h}}
brands:
  - {name: Acme Bank, query: '"Acme Bank"'}
sources:
  - {name: Fine, url: %q, schedule: "@every 10m"}
  - {name: Hang, url: %q, schedule: "@every 10m"}
  - {name: Down, url: %q, schedule: "@every 10m"}
  - {name: Garbage, url: %q, schedule: "@every 10m"}
alerts:
  routes: [{stdout: true}]
`, filepath.Join(dir, "mw.db"), site.srv.URL+"/feed.xml", hang+"/feed.xml", site.srv.URL+"/broken", garbage.URL+"/feed.xml")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	clk := clock.NewFake(start)
	log := slog.New(slog.DiscardHandler)
	c, err := Load(path, log)
	if err != nil {
		t.Fatal(err)
	}
	type crawl struct {
		source string
		at     time.Time
		err    error
	}
	events := make(chan crawl, 100)
	out := &testenv.SyncBuffer{}
	d, err := New(context.Background(), c, Options{ConfigPath: path, Stdout: out, Log: log, Clock: clk,
		AfterCrawl: func(s string, err error) { events <- crawl{s, clk.Now(), err} }})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
		d.Close()
	}()

	names := []string{"Fine", "Hang", "Down", "Garbage"}
	var crawls []crawl
	// settle waits for a crawl of each source in due, then for the
	// scheduler to take the next runs the crawls stored.
	settle := func(due map[string]bool) {
		t.Helper()
		deadline := time.After(patience)
		for len(due) > 0 {
			select {
			case e := <-events:
				crawls = append(crawls, e)
				delete(due, e.source)
			case <-deadline:
				t.Fatalf("no crawl of %v at %s", due, clk.Now().Format("15:04:05"))
			}
		}
		for _, n := range names {
			waitUntil(t, "the scheduler to take "+n+"'s next run", patience, func() bool {
				st, err := d.Store().Source(context.Background(), n)
				return err == nil && d.sched.Next()[n].Equal(st.NextRunAt)
			})
		}
	}
	all := map[string]bool{}
	for _, n := range names {
		all[n] = true
	}
	settle(all)
	end := start.Add(2 * time.Hour)
	added := false
	for {
		next := time.Time{}
		for _, at := range d.sched.Next() {
			if next.IsZero() || at.Before(next) {
				next = at
			}
		}
		if next.After(end) {
			break
		}
		if !added && next.Sub(start) >= time.Hour {
			// A new mention, an hour in: the next crawl of Fine finds it.
			site.setFeed(item("1", "Acme Bank opens in Riga", "Acme Bank opened an office.", start.Add(-time.Hour)),
				item("2", "Acme Bank app down", "The Acme Bank app is down again.", next.Add(-time.Minute)))
			added = true
		}
		clk.Set(next)
		due := map[string]bool{}
		for n, at := range d.sched.Next() {
			if !at.After(next) {
				due[n] = true
			}
		}
		settle(due)
	}

	// Fine: every 10 minutes, from the start, without a miss or an error.
	var fine []time.Time
	failures := map[string][]crawl{}
	for _, e := range crawls {
		switch {
		case e.source == "Fine":
			if e.err != nil {
				t.Errorf("Fine failed at %s: %v", e.at, e.err)
			}
			fine = append(fine, e.at)
		case e.err == nil:
			t.Errorf("%s crawled without an error at %s", e.source, e.at)
		default:
			failures[e.source] = append(failures[e.source], e)
		}
	}
	if len(fine) != 13 {
		t.Errorf("Fine crawled %d times in two hours, want 13: %v", len(fine), fine)
	}
	for i, at := range fine {
		if want := start.Add(time.Duration(i) * 10 * time.Minute); !at.Equal(want) {
			t.Errorf("Fine's crawl %d at %s, want %s", i+1, at.Format("15:04:05"), want.Format("15:04:05"))
		}
	}
	if !strings.Contains(out.String(), "Acme Bank app down") {
		t.Errorf("the new mention was not alerted; output:\n%s", out.String())
	}
	ms := mentionsOf(t, d)
	if len(ms) != 2 {
		t.Errorf("%d mentions, want 2", len(ms))
	}
	// The broken ones: waits within the jittered doubling, capped at max.
	for _, n := range []string{"Hang", "Down", "Garbage"} {
		fs := failures[n]
		if len(fs) < 6 {
			t.Errorf("%s failed %d times in two hours, want at least 6", n, len(fs))
		}
		for i := 1; i < len(fs); i++ {
			wait := fs[i].at.Sub(fs[i-1].at)
			step := min(time.Minute<<(i-1), time.Hour) // retry.initial doubled, up to retry.max
			if lo, hi := step/2, step; wait < lo || wait > hi {
				t.Errorf("%s: wait %d is %s, want within [%s, %s]", n, i, wait, lo, hi)
			}
		}
		st, err := d.Store().Source(context.Background(), n)
		if err != nil {
			t.Fatal(err)
		}
		if st.Failures != len(fs) || st.LastError == "" {
			t.Errorf("%s: state %+v after %d failures", n, st, len(fs))
		}
	}
	list := sourcesList(t, path)
	t.Logf("mentionwatch sources:\n%s", list)
	for _, want := range []string{"Hang", "Down", "Garbage", "500", "timeout"} {
		if !strings.Contains(list, want) {
			t.Errorf("sources does not show %q:\n%s", want, list)
		}
	}
}

// sourcesList runs `mentionwatch sources` on the config at path.
func sourcesList(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command(mentionwatchBinary(t), "sources", "-c", path).CombinedOutput()
	if err != nil {
		t.Fatalf("sources: %v\n%s", err, out)
	}
	return string(out)
}
