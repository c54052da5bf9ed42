package fetch

import (
	"context"
	"net/url"
	"testing"
	"testing/synctest"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
)

func mustParse(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestHostSlots(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		hs := newHosts(2, clock.Real{})
		h := hs.get("example.org")
		ctx := context.Background()
		for i := 0; i < 2; i++ {
			if err := hs.acquire(ctx, h, 0); err != nil {
				t.Fatal(err)
			}
		}
		got := make(chan struct{})
		go func() {
			if err := hs.acquire(ctx, h, 0); err == nil {
				close(got)
			}
		}()
		synctest.Wait()
		select {
		case <-got:
			t.Fatal("a third request got a slot while two were in flight")
		default:
		}
		if other := hs.get("other.example"); hs.acquire(ctx, other, 0) != nil {
			t.Fatal("another host was blocked")
		}
		hs.release(h)
		synctest.Wait()
		select {
		case <-got:
		default:
			t.Fatal("a freed slot was not handed on")
		}
	})
}

func TestHostMinDelay(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		hs := newHosts(4, clock.Real{})
		h := hs.get("example.org")
		start := time.Now()
		var at []time.Duration
		for i := 0; i < 3; i++ {
			if err := hs.acquire(context.Background(), h, 10*time.Second); err != nil {
				t.Fatal(err)
			}
			at = append(at, time.Since(start))
			hs.release(h)
		}
		want := []time.Duration{0, 10 * time.Second, 20 * time.Second}
		for i := range want {
			if at[i] != want[i] {
				t.Errorf("request %d started at %s, want %s", i, at[i], want[i])
			}
		}
		// After a long pause the next request goes at once.
		time.Sleep(time.Minute)
		t0 := time.Now()
		if err := hs.acquire(context.Background(), h, 10*time.Second); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(t0); d != 0 {
			t.Errorf("request after a pause waited %s", d)
		}
		hs.release(h)
	})
}

func TestHostWaitCanceled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		hs := newHosts(1, clock.Real{})
		h := hs.get("example.org")
		if err := hs.acquire(context.Background(), h, time.Hour); err != nil {
			t.Fatal(err)
		}
		hs.release(h)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := hs.acquire(ctx, h, time.Hour); err == nil {
			t.Fatal("acquire outlived its context")
		}
		// The canceled waiter gave its slot back.
		select {
		case h.slots <- struct{}{}:
		default:
			t.Fatal("slot leaked by a canceled wait")
		}
	})
}
