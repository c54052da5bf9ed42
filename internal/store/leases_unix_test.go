//go:build unix

package store

import (
	"os"
	"os/exec"
	"strconv"
	"testing"
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
