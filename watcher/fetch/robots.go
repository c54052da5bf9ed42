package fetch

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"

	"github.com/mentionwatch/mentionwatch/internal/redact"
)

// robots.txt handling.
const (
	robotsTTL      = 24 * time.Hour   // a fetched (or 4xx) robots.txt is kept this long
	robotsRetryTTL = 10 * time.Minute // after a 5xx or network error: allow, ask again soon
	robotsMaxBody  = 512 << 10        // Google reads at most 500 KiB
	maxCrawlDelay  = 30 * time.Second // a Crawl-delay above this is capped
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
}

// rules is what robots.txt says for our user agent.
type rules struct {
	group *robotstxt.Group // nil: allow everything
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
		return rules{group: e.group}, nil
	}
	group, ttl, err := rc.fetch(ctx, key, useSlot)
	if err != nil {
		return rules{}, err
	}
	e.group, e.expires = group, now.Add(ttl)
	return rules{group: group}, nil
}

// fetch downloads and parses robots.txt. Only the caller's context ending
// is an error: a missing robots.txt allows everything, and a server error,
// timeout or unparsable file allows everything for a short while.
func (rc *robotsCache) fetch(ctx context.Context, base string, useSlot bool) (*robotstxt.Group, time.Duration, error) {
	f := rc.f
	if useSlot {
		if err := f.acquireWorker(ctx); err != nil {
			return nil, 0, err
		}
		defer f.releaseWorker()
	}
	rctx, cancel := context.WithTimeout(context.WithValue(ctx, robotsFetchKey{}, true), f.o.Timeout)
	defer cancel()
	log := f.o.Logger.With("robots", redact.URL(base+"/robots.txt"))
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, base+"/robots.txt", nil)
	if err != nil {
		return nil, robotsRetryTTL, nil
	}
	req.Header.Set("User-Agent", f.o.UserAgent)
	resp, err := f.client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, 0, ctx.Err()
		}
		log.Debug("robots.txt unavailable, allowing for now", "err", errors.Unwrap(err))
		return nil, robotsRetryTTL, nil
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, robotsMaxBody))
	if err != nil {
		log.Debug("robots.txt read failed, allowing for now", "err", err)
		return nil, robotsRetryTTL, nil
	}
	switch {
	case resp.StatusCode >= 500:
		log.Debug("robots.txt server error, allowing for now", "status", resp.StatusCode)
		return nil, robotsRetryTTL, nil
	case resp.StatusCode >= 400:
		return nil, robotsTTL, nil
	case resp.StatusCode >= 300:
		return nil, robotsRetryTTL, nil // redirects beyond the limit
	}
	data, err := robotstxt.FromBytes(body)
	if err != nil {
		log.Info("robots.txt unparsable, allowing", "err", err)
		return nil, robotsRetryTTL, nil
	}
	return data.FindGroup(f.o.UserAgent), robotsTTL, nil
}
