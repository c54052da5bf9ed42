//go:build unix

package store

import (
	"context"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestOwnerGone: a claim is taken over early only from a process of this
// host that no longer runs.
func TestOwnerGone(t *testing.T) {
	host, err := os.Hostname()
	if err != nil {
		t.Skip(err)
	}
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip(err)
	}
	dead := cmd.Process.Pid // reaped: no such process any more
	for _, c := range []struct {
		owner string
		gone  bool
	}{
		{host + "-" + strconv.Itoa(dead) + "-abcdef", true},
		{host + "-" + strconv.Itoa(os.Getpid()) + "-abcdef", false},
		{host + "-" + strconv.Itoa(os.Getppid()) + "-abcdef", false},
		{"other-host.example-" + strconv.Itoa(dead) + "-abcdef", false},
		{"a", false},
		{"", false},
	} {
		if got := ownerGone(c.owner); got != c.gone {
			t.Errorf("ownerGone(%q) = %v, want %v", c.owner, got, c.gone)
		}
	}
	if o := NewOwnerID(); ownerGone(o) {
		t.Errorf("this process's own id %q reads as gone", o)
	}
}

// TestTakeoverFromGoneProcess: a daemon restarted on the same host takes
// its dead predecessor's source lease and send claim at once, not at
// their expiry.
func TestTakeoverFromGoneProcess(t *testing.T) {
	host, err := os.Hostname()
	if err != nil {
		t.Skip(err)
	}
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip(err)
	}
	dir := t.TempDir()
	ctx := context.Background()
	dead, err := Open(ctx, dir+"/mw.db", WithOwner(host+"-"+strconv.Itoa(cmd.Process.Pid)+"-dead00"))
	if err != nil {
		t.Fatal(err)
	}
	defer dead.Close()
	live, err := Open(ctx, dir+"/mw.db")
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if l, _, err := dead.ClaimSource(ctx, "feed1", t0, time.Minute, false); l == nil || err != nil {
		t.Fatalf("claim: %v", err)
	}
	if l, _, err := live.ClaimSource(ctx, "feed1", t0.Add(time.Second), time.Minute, false); l == nil || err != nil {
		t.Fatalf("the lease of a gone process was not taken over: %v", err)
	}
	storeMentions(t, dead, 1, func(m *model.Mention) []NewDelivery {
		return []NewDelivery{delivery(m, "#a", FrequencyAsItHappens, t0)}
	})
	if _, err := dead.BatchDeliveries(ctx, t0); err != nil {
		t.Fatal(err)
	}
	ss, _ := dead.Sends(ctx)
	if _, ok, err := dead.ClaimSend(ctx, ss[0].ID, t0, time.Minute); !ok || err != nil {
		t.Fatalf("claim send: %v %v", ok, err)
	}
	if _, ok, err := live.ClaimSend(ctx, ss[0].ID, t0.Add(time.Second), time.Minute); !ok || err != nil {
		t.Fatalf("the claim of a gone process was not taken over: %v %v", ok, err)
	}
}
