package app

import (
	"net"
	"net/http"
	"net/netip"
	"strings"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// clientAddr is the address of the client that made r, which the
// sign-in limit counts failures by and the logs show.
//
// A peer that is not in server.trusted_proxies is the client itself:
// its X-Forwarded-For is ignored (anyone can write one). Behind a trusted
// proxy the client is read from X-Forwarded-For, right to left (each
// proxy appends the address it was reached from): the right-most address
// that is not itself a trusted proxy. An entry that is no address stops
// the walk at the last address a trusted proxy vouched for. Without
// X-Forwarded-For the trusted peer is the client. X-Real-IP and
// Forwarded are not read: a proxy that sets only them passes on the
// client's own X-Forwarded-For, and one header read is one header to
// set up.
func clientAddr(r *http.Request, s config.Server) string {
	peer, ok := config.PeerAddr(r.RemoteAddr)
	if !ok {
		if h, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
			return h
		}
		return r.RemoteAddr
	}
	trusted := s.TrustedProxyPeers()
	if !config.InPrefixes(trusted, peer) {
		return peer.String()
	}
	return forwardedClient(r.Header.Values("X-Forwarded-For"), trusted, peer).String()
}

// forwardedClient walks the X-Forwarded-For lines (in the order they
// came; each a comma-separated list) from the right, starting from the
// trusted peer, and returns the first address not in trusted, or the
// last one reached.
func forwardedClient(lines []string, trusted []netip.Prefix, peer netip.Addr) netip.Addr {
	client := peer
	for i := len(lines) - 1; i >= 0; i-- {
		rest := lines[i]
		for rest != "" {
			var hop string
			if j := strings.LastIndexByte(rest, ','); j >= 0 {
				rest, hop = rest[:j], rest[j+1:]
			} else {
				rest, hop = "", rest
			}
			hop = strings.TrimSpace(hop)
			if hop == "" {
				continue
			}
			a, ok := config.PeerAddr(hop)
			if !ok {
				return client
			}
			client = a
			if !config.InPrefixes(trusted, a) {
				return client
			}
		}
	}
	return client
}
