package fetch

import (
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
)

// robotsSwitch serves /robots.txt with the status and body held in it
// (changeable between fetches) and "ok" elsewhere, counting requests.
type robotsSwitch struct {
	status atomic.Int32
	body   atomic.Value // string
	hits   atomic.Int32
	pages  atomic.Int32
}

func newRobotsSwitch(t *testing.T, status int, body string) (*robotsSwitch, string) {
	t.Helper()
	rs := &robotsSwitch{}
	rs.set(status, body)
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			rs.hits.Add(1)
			w.WriteHeader(int(rs.status.Load()))
			io.WriteString(w, rs.body.Load().(string))
			return
		}
		rs.pages.Add(1)
		io.WriteString(w, "ok")
	})
	return rs, s.URL
}

func (rs *robotsSwitch) set(status int, body string) {
	rs.status.Store(int32(status))
	rs.body.Store(body)
}

// TestRobotsServerErrorDisallows: RFC 9309 section 2.3.1.4. A robots.txt
// that answers 5xx (or 429) leaves the rules undefined: nothing on the
// host is fetched, with a temporary error carrying that status, and
// robots.txt is asked again after robotsErrorTTL; once it answers, its
// rules apply. After 30 days of errors the host is crawled as if it had
// no robots.txt.
func TestRobotsServerErrorDisallows(t *testing.T) {
	for _, status := range []int{500, 502, 503, 429} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			rs, base := newRobotsSwitch(t, status, "oops")
			fake := clock.NewFake(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
			f := newFetcher(t, func(o *Options) { o.Robots = true; o.Now = fake.Now })

			fe := mustFail(t, f, base+"/feed", KindRobots)
			if !fe.Temporary || !strings.Contains(fe.Error(), "robots.txt answers HTTP") {
				t.Errorf("error %q (temporary %v), want a temporary one naming the robots.txt status", fe.Error(), fe.Temporary)
			}
			// The status the host answers, as a page's 5xx would show it
			// (a source's last status).
			if fe.StatusCode != status {
				t.Errorf("StatusCode %d, want %d", fe.StatusCode, status)
			}
			if fe.RetryAfter <= 0 || fe.RetryAfter > robotsErrorTTL {
				t.Errorf("RetryAfter %v, want up to %v", fe.RetryAfter, robotsErrorTTL)
			}
			fake.Advance(robotsErrorTTL - time.Second)
			mustFail(t, f, base+"/feed", KindRobots)
			if n := rs.hits.Load(); n != 1 {
				t.Fatalf("robots.txt asked %d times before the retry time, want 1", n)
			}
			if n := rs.pages.Load(); n != 0 {
				t.Fatalf("%d pages fetched while robots.txt was unreachable", n)
			}
			// It answers again: its rules apply from then on.
			rs.set(200, "User-agent: *\nDisallow: /private\n")
			fake.Advance(2 * time.Second)
			mustFetch(t, f, Request{URL: base + "/feed"})
			mustFail(t, f, base+"/private/x", KindRobots)
			if n := rs.hits.Load(); n != 2 {
				t.Errorf("robots.txt asked %d times, want 2", n)
			}
		})
	}
}

// TestRobotsServerErrorKeepsTheCopyRead: a robots.txt read earlier keeps
// applying while a refresh answers 5xx, and is not replaced by "disallow
// everything" nor by "allow everything".
func TestRobotsServerErrorKeepsTheCopyRead(t *testing.T) {
	rs, base := newRobotsSwitch(t, 200, "User-agent: *\nDisallow: /private\n")
	fake := clock.NewFake(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	f := newFetcher(t, func(o *Options) { o.Robots = true; o.Now = fake.Now })
	mustFetch(t, f, Request{URL: base + "/feed"})
	rs.set(503, "down")
	fake.Advance(robotsTTL + time.Second)
	mustFetch(t, f, Request{URL: base + "/feed"})
	mustFail(t, f, base+"/private/x", KindRobots)
	if n := rs.hits.Load(); n != 2 {
		t.Fatalf("robots.txt asked %d times, want 2", n)
	}
	fake.Advance(robotsErrorTTL + time.Second) // asked again soon, not a day later
	mustFetch(t, f, Request{URL: base + "/feed"})
	if n := rs.hits.Load(); n != 3 {
		t.Errorf("robots.txt asked %d times, want 3", n)
	}
}

// TestRobotsServerErrorForAMonth: after 30 days of 5xx with no copy ever
// read, the host is crawled as if it had no robots.txt; robots.txt is
// still asked, and rules it serves later apply.
func TestRobotsServerErrorForAMonth(t *testing.T) {
	rs, base := newRobotsSwitch(t, 500, "oops")
	fake := clock.NewFake(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	f := newFetcher(t, func(o *Options) { o.Robots = true; o.Now = fake.Now })
	mustFail(t, f, base+"/feed", KindRobots)
	fake.Advance(29 * 24 * time.Hour)
	mustFail(t, f, base+"/feed", KindRobots)
	fake.Advance(24*time.Hour + time.Second)
	mustFetch(t, f, Request{URL: base + "/feed"})
	rs.set(200, "User-agent: *\nDisallow: /\n")
	fake.Advance(robotsErrorTTL + time.Second)
	mustFail(t, f, base+"/feed", KindRobots)
}
