package config

import (
	"fmt"
	"net"
	"net/netip"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/crypto/bcrypt"
)

// User is a person who signs in to the inbox.
type User struct {
	Name string `yaml:"name"`
	// PasswordHash is a bcrypt hash, as `mentionwatch user hash` prints it.
	PasswordHash string `yaml:"password_hash"`
}

// APIToken is a Bearer token for /api/. In rules.yaml it is either a plain
// string (named "token1", "token2", … by its place in the list) or a
// mapping {name, token}; the name is who the token's actions are recorded
// as.
type APIToken struct {
	Name  string `yaml:"name"`
	Token string `yaml:"token"`
}

// UnmarshalYAML reads a token written as a string or as {name, token}.
// Unknown keys are reported by Parse's walk, at their own path; a problem
// here is a type error, so that decoding goes on to report the rest.
func (t *APIToken) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		t.Token = n.Value
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return typeErr(n, "an API token is a string or a mapping {name, token}")
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "name":
			t.Name = v.Value
		case "token":
			t.Token = v.Value
		}
	}
	return nil
}

// MinTokenLen is the shortest API token accepted: a token is a secret
// that must not be guessed.
const MinTokenLen = 16

// AuthRequired reports whether the inbox asks who is there: users or API
// tokens are configured.
func (s Server) AuthRequired() bool { return len(s.Users) > 0 || len(s.APITokens) > 0 }

// DefaultTrustedProxies are the reverse proxies trusted when
// server.trusted_proxies is not set: this machine's loopback.
var DefaultTrustedProxies = []string{"127.0.0.0/8", "::1"}

// ParsePeer reads one server.trusted_proxies entry: an address
// (10.0.0.5, ::1) or a CIDR prefix (10.0.0.0/8, fd00::/8). An IPv4
// address written in IPv6 form (::ffff:10.0.0.5) is read as IPv4.
func ParsePeer(s string) (netip.Prefix, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, fmt.Errorf("not an address or CIDR prefix: %q", s)
		}
		if p.Addr().Is4In6() && p.Bits() >= 96 {
			p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
		}
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return netip.Prefix{}, fmt.Errorf("not an address or CIDR prefix: %q", s)
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), nil
}

// TrustedProxyPeers are the prefixes of TrustedProxies, or of
// DefaultTrustedProxies when it is not set (nil; an empty list is no
// one). Entries that do not parse are left out (check reports them).
func (s Server) TrustedProxyPeers() []netip.Prefix {
	from := s.TrustedProxies
	if from == nil {
		from = DefaultTrustedProxies
	}
	out := make([]netip.Prefix, 0, len(from))
	for _, f := range from {
		if p, err := ParsePeer(f); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// TrustedProxy reports whether the peer address addr (an http.Request's
// RemoteAddr: host:port, or a bare address) is a trusted proxy: its
// requests may carry AuthProxyHeader and X-Forwarded-For.
func (s Server) TrustedProxy(addr string) bool {
	a, ok := PeerAddr(addr)
	return ok && InPrefixes(s.TrustedProxyPeers(), a)
}

// InPrefixes reports whether a is in one of ps.
func InPrefixes(ps []netip.Prefix, a netip.Addr) bool {
	for _, p := range ps {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// PeerAddr reads the address of a RemoteAddr or of an X-Forwarded-For
// entry (host:port, [v6]:port or a bare address), without its port and
// zone, an IPv4-mapped IPv6 address as IPv4.
func PeerAddr(addr string) (netip.Addr, bool) {
	host := addr
	if h, _, err := net.SplitHostPort(addr); err == nil {
		host = h
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}, false
	}
	return a.WithZone("").Unmap(), true
}

// LoopbackListen reports whether addr (host:port) listens only on the
// loopback interface: 127.0.0.0/8, ::1 or localhost. An empty host (all
// interfaces) is not loopback.
func LoopbackListen(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// defaultTokenNames names the tokens written as plain strings.
func defaultTokenNames(s *Server) {
	for i := range s.APITokens {
		if strings.TrimSpace(s.APITokens[i].Name) == "" {
			s.APITokens[i].Name = fmt.Sprintf("token%d", i+1)
		}
	}
}

// checkServerAuth checks who may use the server: users with a name and a
// bcrypt hash, tokens long enough, no name twice, and a listen address
// beyond loopback only with users or tokens. Secrets never appear in the
// messages.
func checkServerAuth(p *collector, s Server) {
	names := map[string]string{}
	for i, u := range s.Users {
		path := fmt.Sprintf("server.users[%d]", i)
		name := strings.TrimSpace(u.Name)
		switch {
		case name == "":
			p.add(path+".name", "must not be empty")
		case names[strings.ToLower(name)] != "":
			p.add(path+".name", "duplicate name %q (also %s)", name, names[strings.ToLower(name)])
		default:
			names[strings.ToLower(name)] = path
		}
		if strings.TrimSpace(u.PasswordHash) == "" {
			p.add(path+".password_hash", "must not be empty (make one with `mentionwatch user hash`; is its environment variable set?)")
		} else if _, err := bcrypt.Cost([]byte(u.PasswordHash)); err != nil {
			p.add(path+".password_hash", "not a bcrypt hash (make one with `mentionwatch user hash`)")
		}
	}
	for i, t := range s.APITokens {
		path := fmt.Sprintf("server.api_tokens[%d]", i)
		name := strings.TrimSpace(t.Name)
		if prev := names[strings.ToLower(name)]; prev != "" {
			p.add(path, "duplicate name %q (also %s)", name, prev)
		} else if name != "" {
			names[strings.ToLower(name)] = path
		}
		switch tok := strings.TrimSpace(t.Token); {
		case tok == "":
			p.add(path, "the token must not be empty (is its environment variable set?)")
		case len(tok) < MinTokenLen:
			p.add(path, "the token is too short (at least %d characters; `openssl rand -hex 32` makes one)", MinTokenLen)
		}
	}
	// A token left empty by an unset variable is a null the decoder
	// drops; the file still has its line.
	for i := len(s.APITokens); p.c.Has(fmt.Sprintf("server.api_tokens[%d]", i)); i++ {
		p.add(fmt.Sprintf("server.api_tokens[%d]", i), "the token must not be empty (is its environment variable set?)")
	}
	if h := s.AuthProxyHeader; h != "" && strings.ContainsAny(h, " :\t") {
		p.add("server.auth_proxy_header", "not a header name: %q", h)
	}
	for i, from := range s.TrustedProxies {
		path := fmt.Sprintf("server.trusted_proxies[%d]", i)
		switch pfx, err := ParsePeer(from); {
		case err != nil:
			p.add(path, "%v", err)
		case pfx.Bits() == 0:
			// It works: the server is reached only through a proxy that
			// sets the headers. Anywhere else anyone names any client.
			w := p.c.Problem(path, "%s trusts every peer: anyone who reaches server.listen can name the client in X-Forwarded-For (and the user in auth_proxy_header); list the proxies' own addresses", pfx)
			w.Warning = true
			p.ps = append(p.ps, w)
		}
	}
	// An address that does not parse is reported by checkServer alone.
	if _, _, err := net.SplitHostPort(s.Listen); err == nil && !LoopbackListen(s.Listen) && !s.AuthRequired() {
		p.add("server.listen", "%q is reachable beyond this machine: set server.users or server.api_tokens, or listen on 127.0.0.1", s.Listen)
	}
}
