package fetch

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
)

// robotsServer serves robotsTxt (with status) at /robots.txt and "ok"
// elsewhere, counting robots.txt requests.
func robotsServer(t *testing.T, status int, robotsTxt string) (url string, robotsHits *atomic.Int32) {
	t.Helper()
	robotsHits = new(atomic.Int32)
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsHits.Add(1)
			w.WriteHeader(status)
			io.WriteString(w, robotsTxt)
			return
		}
		io.WriteString(w, "ok")
	})
	return s.URL, robotsHits
}

func TestRobots(t *testing.T) {
	const rules = "User-agent: *\nDisallow: /private\nDisallow: /*?session=\n\nUser-agent: otherbot\nDisallow: /\n"
	base, hits := robotsServer(t, 200, rules)
	fake := clock.NewFake(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	f := newFetcher(t, func(o *Options) { o.Robots = true; o.Now = fake.Now })

	fe := mustFail(t, f, base+"/private/feed.xml", KindRobots)
	if fe.Temporary {
		t.Errorf("a robots.txt refusal must not be temporary")
	}
	if !strings.Contains(fe.Error(), "disallowed by robots.txt") {
		t.Errorf("message = %q", fe.Error())
	}
	mustFail(t, f, base+"/list?session=1", KindRobots)
	if resp := mustFetch(t, f, Request{URL: base + "/public/feed.xml"}); string(resp.Body) != "ok" {
		t.Errorf("allowed URL: body %q", resp.Body)
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("robots.txt fetched %d times, want once (cached)", n)
	}
	fake.Advance(25 * time.Hour)
	mustFetch(t, f, Request{URL: base + "/public/feed.xml"})
	if n := hits.Load(); n != 2 {
		t.Errorf("robots.txt fetched %d times after a day, want it refreshed", n)
	}
}

func TestRobotsOwnAgentGroup(t *testing.T) {
	base, _ := robotsServer(t, 200, "User-agent: *\nAllow: /\n\nUser-agent: mentionwatch\nDisallow: /feeds/\n")
	f := newFetcher(t, func(o *Options) { o.Robots = true; o.UserAgent = "mentionwatch/1 (+https://example.org/bot)" })
	mustFail(t, f, base+"/feeds/all.xml", KindRobots)
	mustFetch(t, f, Request{URL: base + "/other"})
}

func TestRobotsUnavailable(t *testing.T) {
	tests := []struct {
		name      string
		status    int
		refetchAt time.Duration // robots.txt is asked again after this long
	}{
		{"404 allows all", 404, robotsTTL},
		{"403 allows all", 403, robotsTTL},
		{"410 allows all", 410, robotsTTL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, hits := robotsServer(t, tt.status, "User-agent: *\nDisallow: /\n")
			fake := clock.NewFake(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
			f := newFetcher(t, func(o *Options) { o.Robots = true; o.Now = fake.Now })
			mustFetch(t, f, Request{URL: base + "/feed"})
			fake.Advance(tt.refetchAt - time.Second)
			mustFetch(t, f, Request{URL: base + "/feed"})
			if n := hits.Load(); n != 1 {
				t.Fatalf("robots.txt fetched %d times before expiry", n)
			}
			fake.Advance(2 * time.Second)
			mustFetch(t, f, Request{URL: base + "/feed"})
			if n := hits.Load(); n != 2 {
				t.Errorf("robots.txt fetched %d times after expiry, want 2", n)
			}
		})
	}
}

func TestRobotsTimeoutAllows(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			select {
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		io.WriteString(w, "ok")
	})
	f := newFetcher(t, func(o *Options) { o.Robots = true; o.Timeout = 100 * time.Millisecond })
	mustFetch(t, f, Request{URL: s.URL + "/feed"})
}

func TestRobotsOnRedirect(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			io.WriteString(w, "User-agent: *\nDisallow: /hidden\n")
		case "/feed":
			http.Redirect(w, r, "/hidden/feed", http.StatusFound)
		default:
			io.WriteString(w, "secret")
		}
	})
	f := newFetcher(t, func(o *Options) { o.Robots = true })
	mustFail(t, f, s.URL+"/feed", KindRobots)
}

func TestCrawlDelay(t *testing.T) {
	checkSpacing(t, "User-agent: *\nCrawl-delay: 0.2\n", 200*time.Millisecond,
		func(o *Options) { o.Robots = true; o.PerHost = 4 })
}

// checkSpacing fetches three times from a server whose robots.txt is
// robots, with a fake clock, and checks that each request after the first
// waits exactly delay: it does not reach the server a moment before.
func checkSpacing(t *testing.T, robots string, delay time.Duration, mod func(*Options)) {
	t.Helper()
	clk := clock.NewFake(time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC))
	var mu sync.Mutex
	var starts []time.Time
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			io.WriteString(w, robots)
			return
		}
		mu.Lock()
		starts = append(starts, clk.Now())
		mu.Unlock()
	})
	served := func() int {
		mu.Lock()
		defer mu.Unlock()
		return len(starts)
	}
	f := newFetcher(t, func(o *Options) { mod(o); o.Clock = clk })
	done := make(chan error)
	go func() {
		for i := 0; i < 3; i++ {
			if _, err := f.Fetch(context.Background(), Request{URL: s.URL + "/feed"}); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	for i := 1; i < 3; i++ {
		// The next request waits on a timer of the host's delay and
		// has not reached the server.
		clk.WaitForTimers(1)
		if n := served(); n != i {
			t.Fatalf("%d requests served before the delay passed, want %d", n, i)
		}
		clk.Advance(delay - time.Millisecond)
		if n := served(); n != i {
			t.Fatalf("request %d went before its delay of %s", i+1, delay)
		}
		clk.Advance(time.Millisecond)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-1]); gap != delay {
			t.Errorf("request %d came %s after the previous one, want %s", i, gap, delay)
		}
	}
}

func TestCrawlDelayCapped(t *testing.T) {
	if got := (rules{group: nil}).crawlDelay(); got != 0 {
		t.Errorf("no robots: delay %s", got)
	}
	base, _ := robotsServer(t, 200, "User-agent: *\nCrawl-delay: 3600\n")
	f := newFetcher(t, func(o *Options) { o.Robots = true })
	u := mustParse(t, base+"/x")
	r, err := f.robots.get(t.Context(), u, true)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.crawlDelay(); got != maxCrawlDelay {
		t.Errorf("Crawl-delay 3600 gave %s, want the cap %s", got, maxCrawlDelay)
	}
}

// TestRobotsTxtRedirectedOnItsHost: a robots.txt that redirects within its
// own host (to another path, as a CMS may) is followed and obeyed, at
// once: the redirect of robots.txt itself is not checked against the
// robots.txt being fetched.
func TestRobotsTxtRedirectedOnItsHost(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.Redirect(w, r, "/static/robots.txt", http.StatusMovedPermanently)
		case "/static/robots.txt":
			io.WriteString(w, "User-agent: *\nDisallow: /private\n")
		default:
			io.WriteString(w, "ok")
		}
	})
	f := newFetcher(t, func(o *Options) { o.Robots = true; o.Timeout = 3 * time.Second })
	start := time.Now()
	mustFail(t, f, s.URL+"/private/feed.xml", KindRobots)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v: the redirect waited for its own robots.txt", d)
	}
	if resp := mustFetch(t, f, Request{URL: s.URL + "/public/feed.xml"}); string(resp.Body) != "ok" {
		t.Errorf("allowed URL: body %q", resp.Body)
	}
}
