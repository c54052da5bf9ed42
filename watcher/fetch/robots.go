package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"

	"github.com/mentionwatch/mentionwatch/internal/redact"
)

// robots.txt handling. RFC 9309 section 2.3.1.4: a robots.txt that is
// unreachable because of a server error (5xx; and 429, which asks us to
// come back later) leaves the rules undefined, and the crawler must then
// assume complete disallow; after a long time (30 days) it may treat the
// file as unavailable (allow all) or keep using a cached copy. So: a host
// whose robots.txt answers 5xx is not crawled, and asked again every
// robotsErrorTTL (as soon as the crawl's own first retry, so a host that
// is back is crawled then, not minutes later); a copy read earlier keeps applying meanwhile; after
// robotsUnreachableMax of errors with no copy, the host is crawled as if
// it had no robots.txt. Network errors (timeouts, refused connections)
// keep allowing for a short while: the page's own fetch fails the same way
// when the host is down.
const (
	robotsTTL      = 24 * time.Hour   // a fetched (or 4xx) robots.txt is kept this long
	robotsRetryTTL = 10 * time.Minute // after a network error: ask again soon
	robotsErrorTTL = time.Minute      // after a 5xx or 429: ask again at the crawl's next try
	// robotsUnreachableMax is how long a robots.txt may answer 5xx before
	// the host is crawled as if it had none.
	robotsUnreachableMax = 30 * 24 * time.Hour
	robotsMaxBody        = 512 << 10        // Google reads at most 500 KiB
	maxCrawlDelay        = 30 * time.Second // a Crawl-delay above this is capped
)

// robotsFetchKey marks the context of a robots.txt request: its redirects
// are followed without asking robots.txt.
type robotsFetchKey struct{}

// robotsCache fetches and caches robots.txt per scheme and host.
type robotsCache struct {
	f *Fetcher

	mu sync.Mutex
	m  map[string]*robotsEntry
}

type robotsEntry struct {
	lock    chan struct{} // held while the entry is checked or refreshed
	group   *robotstxt.Group
	expires time.Time
	// read: group holds a robots.txt that was read (or a 4xx that said
	// there is none), which keeps applying while the file is unreachable.
	read bool
	// unreachable is the 5xx status robots.txt last answered, 0 when it
	// answered otherwise; unreachableSince is when that began.
	unreachable      int
	unreachableSince time.Time
}

// rules is what robots.txt says for our user agent.
type rules struct {
	group *robotstxt.Group // nil: allow everything
	// unreachable is the 5xx status of a robots.txt that could not be
	// read and had no earlier copy: everything is disallowed, for now.
	unreachable int
	retryIn     time.Duration // until robots.txt is asked again
}

// check returns the error of a fetch of u the rules refuse, nil when
// they allow it.
func (r rules) check(u *url.URL) *Error {
	if r.unreachable != 0 {
		// StatusCode: what the host answers, shown as a source's last
		// status as a page's 5xx would be.
		return &Error{Kind: KindRobots, URL: shown(u), StatusCode: r.unreachable, Temporary: true, RetryAfter: r.retryIn,
			msg: fmt.Sprintf("robots.txt answers HTTP %d, so nothing on the host may be crawled for now: %s", r.unreachable, shown(u))}
	}
	if !r.allowed(u) {
		return robotsError(u)
	}
	return nil
}

func (r rules) allowed(u *url.URL) bool {
	if r.group == nil {
		return true
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return r.group.Test(p)
}

// crawlDelay is the group's Crawl-delay, capped at maxCrawlDelay. The
// parser turns seconds into a Duration without checking for overflow, so a
// huge value ("Crawl-delay: 1e10") arrives negative: it asked for a long
// wait and gets the cap. (The parser refuses negative values itself.)
func (r rules) crawlDelay() time.Duration {
	if r.group == nil {
		return 0
	}
	if r.group.CrawlDelay < 0 {
		return maxCrawlDelay
	}
	return min(r.group.CrawlDelay, maxCrawlDelay)
}

func (rc *robotsCache) entry(key string) *robotsEntry {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	e := rc.m[key]
	if e == nil {
		e = &robotsEntry{lock: make(chan struct{}, 1)}
		rc.m[key] = e
	}
	return e
}

// get returns the rules for u's host, fetching robots.txt when the cached
// copy is missing or stale. Concurrent callers for one host share a
// single fetch. useSlot says whether the fetch takes a global worker slot
// (not when called while one is already held, on a redirect).
func (rc *robotsCache) get(ctx context.Context, u *url.URL, useSlot bool) (rules, error) {
	key := u.Scheme + "://" + u.Host
	e := rc.entry(key)
	select {
	case e.lock <- struct{}{}:
	case <-ctx.Done():
		return rules{}, ctx.Err()
	}
	defer func() { <-e.lock }()
	now := rc.f.now()
	if now.Before(e.expires) {
		return e.rules(now), nil
	}
	got, err := rc.fetch(ctx, key, useSlot)
	if err != nil {
		return rules{}, err
	}
	if got.status != 0 {
		if e.unreachable == 0 {
			e.unreachableSince = now
		}
		e.unreachable, e.expires = got.status, now.Add(robotsErrorTTL)
		if !e.read && now.Sub(e.unreachableSince) >= robotsUnreachableMax {
			rc.f.o.Logger.Debug("robots.txt unreachable for 30 days, crawling as if it had none",
				"robots", redact.URL(key+"/robots.txt"), "status", got.status)
		}
		return e.rules(now), nil
	}
	e.unreachable, e.unreachableSince = 0, time.Time{}
	e.group, e.expires = got.group, now.Add(got.ttl)
	e.read = e.read || got.read
	return e.rules(now), nil
}

// rules are the entry's rules at now: the copy read last, or, while
// robots.txt answers 5xx and none was read, complete disallow (until it
// has answered so for robotsUnreachableMax).
func (e *robotsEntry) rules(now time.Time) rules {
	if e.unreachable != 0 && !e.read && now.Sub(e.unreachableSince) < robotsUnreachableMax {
		return rules{unreachable: e.unreachable, retryIn: e.expires.Sub(now)}
	}
	return rules{group: e.group}
}

// robotsFetched is what one robots.txt request gave.
type robotsFetched struct {
	group  *robotstxt.Group // nil: allow everything
	ttl    time.Duration
	read   bool // a robots.txt was read, or a 4xx said there is none
	status int  // a 5xx or 429: the rules are undefined
}

// fetch downloads and parses robots.txt. Only the caller's context ending
// is an error: a missing robots.txt allows everything, a server error
// (5xx, 429) is reported in status, and a timeout or unparsable file
// allows everything for a short while.
func (rc *robotsCache) fetch(ctx context.Context, base string, useSlot bool) (robotsFetched, error) {
	f := rc.f
	if useSlot {
		if err := f.acquireWorker(ctx); err != nil {
			return robotsFetched{}, err
		}
		defer f.releaseWorker()
	}
	retry := robotsFetched{ttl: robotsRetryTTL}
	rctx, cancel := context.WithTimeout(context.WithValue(ctx, robotsFetchKey{}, true), f.o.Timeout)
	defer cancel()
	log := f.o.Logger.With("robots", redact.URL(base+"/robots.txt"))
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, base+"/robots.txt", nil)
	if err != nil {
		return retry, nil
	}
	req.Header.Set("User-Agent", f.o.UserAgent)
	resp, err := f.client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return robotsFetched{}, ctx.Err()
		}
		log.Debug("robots.txt unavailable, allowing for now", "err", errors.Unwrap(err))
		return retry, nil
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, robotsMaxBody))
	if err != nil {
		log.Debug("robots.txt read failed, allowing for now", "err", err)
		return retry, nil
	}
	switch {
	case resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests:
		log.Debug("robots.txt server error, disallowing for now", "status", resp.StatusCode)
		return robotsFetched{status: resp.StatusCode}, nil
	case resp.StatusCode >= 400:
		return robotsFetched{ttl: robotsTTL, read: true}, nil
	case resp.StatusCode >= 300:
		return retry, nil // redirects beyond the limit
	}
	data, err := robotstxt.FromBytes(body)
	if err != nil {
		log.Info("robots.txt unparsable, allowing", "err", err)
		return retry, nil
	}
	return robotsFetched{group: data.FindGroup(f.o.UserAgent), ttl: robotsTTL, read: true}, nil
}
