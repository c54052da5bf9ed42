//go:build unix

package store

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// ownerGone reports whether owner (NewOwnerID) names a process of this
// host that no longer runs. Daemons on one host must see one process
// table (containers sharing a database need host names of their own,
// which they have by default).
func ownerGone(owner string) bool {
	i := strings.LastIndexByte(owner, '-')
	if i < 0 {
		return false
	}
	j := strings.LastIndexByte(owner[:i], '-')
	if j < 0 {
		return false
	}
	pid, err := strconv.Atoi(owner[j+1 : i])
	if err != nil || pid <= 0 || pid == os.Getpid() {
		return false
	}
	if host, err := os.Hostname(); err != nil || host != owner[:j] {
		return false
	}
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}
