package app

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// FuzzForwardedClient: whatever X-Forwarded-For a client writes, the
// address read is valid, and it is the trusted peer or one of the
// addresses the header names: a header can pick among its own addresses,
// never make one up.
func FuzzForwardedClient(f *testing.F) {
	for _, s := range []string{"", "203.0.113.7", "198.51.100.1, 10.0.0.2", "unknown, 203.0.113.7",
		"[2001:db8::1]:443", " , ,", "127.0.0.1,127.0.0.2", "::ffff:192.0.2.1", "fe80::1%eth0"} {
		f.Add(s, "10.0.0.0/8")
	}
	f.Fuzz(func(t *testing.T, header, prefix string) {
		trusted := []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
		if p, err := netip.ParsePrefix(prefix); err == nil {
			trusted = append(trusted, p.Masked())
		}
		peer := netip.MustParseAddr("127.0.0.1")
		got := forwardedClient(strings.Split(header, "\n"), trusted, peer)
		if !got.IsValid() {
			t.Fatalf("%q: an invalid address", header)
		}
		if got == peer {
			return
		}
		named := false
		for hop := range strings.FieldsFuncSeq(header, func(r rune) bool { return r == ',' || r == '\n' }) {
			if a, ok := config.PeerAddr(strings.TrimSpace(hop)); ok && a == got {
				named = true
			}
		}
		if !named {
			t.Fatalf("%q: %v is neither the peer nor an address the header names", header, got)
		}
	})
}
