package app

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"
)

// TestChaosSlackRateLimitThenRecovers: Slack answers the daemon's alert
// to #pr-alerts with 429 and Retry-After: 120, then twice 500, then takes
// it. The alert is posted once, not before the 120 s have passed (on the
// fake clock); a critical alert to #crisis from the same crawl is posted
// at once, while #pr-alerts waits — with the clock not moved at all.
func TestChaosSlackRateLimitThenRecovers(t *testing.T) {
	start := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	slack := newSlackWire(t, "xoxb-429-test", "pr-alerts", "crisis")
	f := newFeedSetup(t, start, fmt.Sprintf(`scoring:
  rules:
    - {name: fraud, when: 'text matches "(?i)fraud"', severity: critical}
alerts:
  time_zone: UTC
  slack: {token: xoxb-429-test, api_url: %q}
  retry: {initial: 5s, max: 1m}
  routes:
    - {name: crisis, when: 'text matches "(?i)outage"', slack: "#crisis"}
    - {name: pr, slack: "#pr-alerts"}
`, slack.apiURL()))
	slack.now = f.clk.Now
	prID := slack.channels["pr-alerts"]

	var mu sync.Mutex
	var prCalls []time.Time // when #pr-alerts was asked, by the fake clock
	var asked []string      // the channels asked, in order
	answered429 := make(chan struct{})
	slack.setBefore(func(w http.ResponseWriter, method, channel string) bool {
		if method != "chat.postMessage" {
			return false
		}
		mu.Lock()
		asked = append(asked, channel)
		mu.Unlock()
		if channel != "#pr-alerts" && channel != prID {
			return false
		}
		mu.Lock()
		prCalls = append(prCalls, f.clk.Now())
		n := len(prCalls)
		mu.Unlock()
		switch n {
		case 1:
			w.Header().Set("Retry-After", "120")
			http.Error(w, "rate limited", http.StatusTooManyRequests)
			close(answered429)
			return true
		case 2, 3:
			http.Error(w, "internal error", http.StatusInternalServerError)
			return true
		}
		return false
	})
	f.site.setFeed(
		item("1", "Acme Bank fraud", "Acme Bank charged me twice: fraud.", start.Add(-10*time.Minute)),
		item("2", "Acme Bank outage and fraud", "Acme Bank app outage, and fraud alerts everywhere.", start.Add(-5*time.Minute)),
	)
	d := f.daemon()
	done := make(chan error, 1)
	go func() { done <- d.RunOnce(context.Background(), patience) }()

	// With the clock standing still: the 429, and the critical alert to
	// the other channel.
	select {
	case <-answered429:
	case <-time.After(patience):
		t.Fatalf("no request to #pr-alerts; calls %v", slack.Calls())
	}
	waitUntil(t, "the alert to #crisis", patience, func() bool {
		return slices.ContainsFunc(slack.Posts(), func(p wirePost) bool { return p.Channel == slack.channels["crisis"] })
	})
	if now := f.clk.Now(); !now.Equal(start) {
		t.Fatalf("the clock moved to %s", now)
	}

	// Now time passes: the fake clock jumps to each wait the daemon asks
	// for, until the run ends.
	for {
		if nt, ok := f.clk.Next(); ok {
			f.clk.Set(nt)
			continue
		}
		asked := f.clk.Asked()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("run --once: %v", err)
			}
		case <-asked:
			continue
		case <-time.After(patience):
			t.Fatalf("run --once did not end; calls %v", slack.Calls())
		}
		break
	}

	posts := slack.Posts()
	var toPR []wirePost
	for _, p := range posts {
		if p.Channel == prID {
			toPR = append(toPR, p)
		}
	}
	mu.Lock()
	calls := slices.Clone(prCalls)
	order := slices.Clone(asked)
	mu.Unlock()
	// The older alert went first and met the 429: the one to #crisis was
	// sent while #pr-alerts waited, not before it.
	if len(order) < 2 || (order[0] != "#pr-alerts" && order[0] != prID) {
		t.Errorf("channels asked in order %v: want #pr-alerts first", order)
	}
	if len(posts) != 2 || len(toPR) != 1 {
		t.Fatalf("posts %+v, want one to each channel", posts)
	}
	if len(calls) != 4 {
		t.Errorf("#pr-alerts asked %d times, want 4 (429, 500, 500, ok): %v", len(calls), calls)
	}
	if len(calls) > 1 && calls[1].Before(calls[0].Add(120*time.Second)) {
		t.Errorf("retried at %s, before Retry-After passed (429 at %s)", calls[1], calls[0])
	}
	if es, _ := d.Store().OutboxEntries(context.Background()); len(es) != 0 {
		t.Errorf("outbox: %+v", es)
	}
}
