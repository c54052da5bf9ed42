package config

import (
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

func TestServerAuthConfig(t *testing.T) {
	hash, err := bcrypt.GenerateFromPassword([]byte("secret"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("MW_HASH", string(hash))
	t.Setenv("MW_TOKEN", "0123456789abcdef0123")
	cfg, probs := Parse("rules.yaml", []byte(`version: 1
server:
  listen: 0.0.0.0:8080
  users:
    - {name: anna, password_hash: ${MW_HASH}}
  api_tokens:
    - ${MW_TOKEN}
    - {name: ci, token: abcdefabcdefabcdefabcdef}
  auth_proxy_header: X-Forwarded-User
`))
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	s := cfg.Server
	if len(s.Users) != 1 || s.Users[0].Name != "anna" || s.Users[0].PasswordHash != string(hash) {
		t.Errorf("users: %+v", s.Users)
	}
	if len(s.APITokens) != 2 || s.APITokens[0] != (APIToken{"token1", "0123456789abcdef0123"}) ||
		s.APITokens[1] != (APIToken{"ci", "abcdefabcdefabcdefabcdef"}) {
		t.Errorf("tokens: %+v", s.APITokens)
	}
	if !s.AuthRequired() || s.AuthProxyHeader != "X-Forwarded-User" {
		t.Errorf("auth: %+v", s)
	}
}

func TestServerAuthProblems(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"server: {listen: 0.0.0.0:8080}", `rules.yaml:1: server.listen: "0.0.0.0:8080" is reachable beyond this machine: set server.users or server.api_tokens`},
		{"server: {listen: ':8080'}", `server.listen: ":8080" is reachable beyond this machine`},
		{"server:\n  users: [{name: anna, password_hash: plain}]", `rules.yaml:2: server.users[0].password_hash: not a bcrypt hash`},
		{"server:\n  users: [{name: '', password_hash: ''}]", `server.users[0].name: must not be empty`},
		{"server:\n  api_tokens: [short]", `rules.yaml:2: server.api_tokens[0]: the token is too short`},
		{"server:\n  api_tokens: [${MW_UNSET_TOKEN}]", `server.api_tokens[0]: the token must not be empty`},
		{"server:\n  api_tokens: [{name: ci, tokn: x}]", `rules.yaml:2: server.api_tokens[0].tokn: unknown field (did you mean "token"?)`},
		{"server:\n  api_tokens: [[x]]", `rules.yaml:2: server.api_tokens[0]: an API token is a string or a mapping {name, token}`},
		{"server:\n  api_tokens:\n    - {name: ci, token: abcdefabcdefabcdefabcdef}\n    - {name: CI, token: bcdefabcdefabcdefabcdefa}", `server.api_tokens[1]: duplicate name "CI"`},
	} {
		_, probs := Parse("rules.yaml", []byte("version: 1\n"+c.yaml+"\n"))
		// Lines count from the version line.
		got := probs.Error()
		want := strings.Replace(c.want, "rules.yaml:1:", "rules.yaml:2:", 1)
		want = strings.Replace(want, "rules.yaml:2: server.users", "rules.yaml:3: server.users", 1)
		want = strings.Replace(want, "rules.yaml:2: server.api", "rules.yaml:3: server.api", 1)
		if !strings.Contains(got, want) {
			t.Errorf("%s:\n got %s\nwant %s", c.yaml, got, want)
		}
		if strings.Contains(got, "abcdef") {
			t.Errorf("a token in a message: %s", got)
		}
	}
	// Loopback with neither stays open, as on a laptop.
	for _, l := range []string{"127.0.0.1:8080", "[::1]:8080", "localhost:8080"} {
		if _, probs := Parse("rules.yaml", []byte("version: 1\nserver: {listen: '"+l+"'}\n")); len(probs) > 0 {
			t.Errorf("%s: %v", l, probs)
		}
	}
}

// TestAPITokenOfTheWrongKindOnce: a list where a token belongs is one
// problem.
func TestAPITokenOfTheWrongKindOnce(t *testing.T) {
	_, probs := Parse("rules.yaml", []byte("version: 1\nserver:\n  api_tokens: [[x]]\n"))
	if len(probs) != 1 || probs[0].Path != "server.api_tokens[0]" || !strings.Contains(probs[0].Msg, "a string or a mapping {name, token}") {
		t.Errorf("%v", probs)
	}
}

// TestListenNotAnAddressOnce: a listen value that is no host:port is one
// problem, not also "reachable beyond this machine".
func TestListenNotAnAddressOnce(t *testing.T) {
	for _, l := range []string{"8080", "localhost", "127.0.0.1:8080:9"} {
		_, probs := Parse("rules.yaml", []byte("version: 1\nserver: {listen: '"+l+"'}\n"))
		if len(probs) != 1 || !strings.Contains(probs[0].Msg, "not a host:port address") {
			t.Errorf("%s: %v", l, probs)
		}
	}
}

// TestTrustedProxies: server.trusted_proxies takes addresses and CIDR
// prefixes, v4 and v6; unset, it is loopback; an empty list trusts no
// one; a bad entry is a problem at its own line and index.
func TestTrustedProxies(t *testing.T) {
	for _, c := range []struct {
		from    string // the YAML list, "" for unset
		peer    string
		trusted bool
	}{
		{"", "127.0.0.1:80", true},
		{"", "127.255.0.1:80", true},
		{"", "[::1]:80", true},
		{"", "[::ffff:127.0.0.1]:80", true},
		{"", "10.0.0.1:80", false},
		{"", "[::2]:80", false},
		{"", "not an address", false},
		{"", "", false},
		{"[10.0.0.0/8]", "10.200.0.1:80", true},
		{"[10.0.0.0/8]", "11.0.0.1:80", false},
		{"[10.0.0.0/8]", "127.0.0.1:80", false},
		{"['10.0.0.5']", "10.0.0.5:80", true},
		{"['10.0.0.5']", "10.0.0.5", true},
		{"['10.0.0.5']", "10.0.0.6:80", false},
		{"['::ffff:10.0.0.5']", "10.0.0.5:80", true},
		{"['::ffff:10.0.0.0/104']", "10.9.9.9:80", true},
		{"['fd00::/8', 127.0.0.1]", "[fd12::1]:80", true},
		{"['fd00::/8', 127.0.0.1]", "[fe80::1%eth0]:80", false},
		{"['fe80::/10']", "[fe80::1%eth0]:80", true},
		{"[]", "127.0.0.1:80", false},
		{"[]", "[::1]:80", false},
	} {
		yaml := "version: 1\nserver:\n  auth_proxy_header: X-Forwarded-User\n"
		if c.from != "" {
			yaml += "  trusted_proxies: " + c.from + "\n"
		}
		cfg, probs := Parse("rules.yaml", []byte(yaml))
		if len(probs) > 0 {
			t.Fatalf("%s: %v", c.from, probs)
		}
		if got := cfg.Server.TrustedProxy(c.peer); got != c.trusted {
			t.Errorf("from %s, peer %q: trusted %v, want %v", c.from, c.peer, got, c.trusted)
		}
	}
	for _, c := range []struct{ from, want string }{
		{"[10.0.0.0/33]", `rules.yaml:4: server.trusted_proxies[0]: not an address or CIDR prefix: "10.0.0.0/33"`},
		{"[127.0.0.1, proxy.internal]", `rules.yaml:4: server.trusted_proxies[1]: not an address or CIDR prefix: "proxy.internal"`},
		{"['10.0.0.1:80']", `server.trusted_proxies[0]: not an address or CIDR prefix`},
		{"['fe80::1%eth0']", `server.trusted_proxies[0]: not an address or CIDR prefix`},
		{"['']", `server.trusted_proxies[0]: not an address or CIDR prefix`},
	} {
		_, probs := Parse("rules.yaml", []byte("version: 1\nserver:\n  auth_proxy_header: X-Forwarded-User\n  trusted_proxies: "+c.from+"\n"))
		if !strings.Contains(probs.Error(), c.want) {
			t.Errorf("%s:\n got %v\nwant %s", c.from, probs, c.want)
		}
	}
	// Every address: it loads, with a warning at the entry.
	for all, peer := range map[string]string{"0.0.0.0/0": "198.51.100.9:80", "::/0": "[2001:db8::9]:80", "::ffff:0.0.0.0/96": "198.51.100.9:80"} {
		cfg, probs := Parse("rules.yaml", []byte("version: 1\nserver:\n  trusted_proxies: [10.0.0.5, '"+all+"']\n"))
		if len(probs.Errors()) > 0 || len(probs) != 1 || !probs[0].Warning ||
			!strings.Contains(probs[0].String(), "rules.yaml:3: server.trusted_proxies[1]: warning: ") {
			t.Errorf("%s: %v, want one warning", all, probs)
		} else if !cfg.Server.TrustedProxy(peer) {
			t.Errorf("%s: not trusted", all)
		}
	}
	if _, probs := Parse("rules.yaml", []byte("version: 1\nserver:\n  trusted_proxies: [10.0.0.0/8, 'fd00::/8']\n")); len(probs) > 0 {
		t.Errorf("private networks: %v, want no problem", probs)
	}
	// The key it replaced, never released, is unknown.
	_, probs := Parse("rules.yaml", []byte("version: 1\nserver:\n  auth_proxy_from: [10.0.0.0/8]\n"))
	if want := `rules.yaml:3: server.auth_proxy_from: unknown`; !strings.Contains(probs.Error(), want) {
		t.Errorf("got %v\nwant %s", probs, want)
	}
	// A list on several lines: each entry at its own line.
	_, probs = Parse("rules.yaml", []byte("version: 1\nserver:\n  trusted_proxies:\n    - 10.0.0.0/8\n    - 300.1.1.1\n"))
	if want := `rules.yaml:5: server.trusted_proxies[1]: not an address or CIDR prefix: "300.1.1.1"`; !strings.Contains(probs.Error(), want) {
		t.Errorf("got %v\nwant %s", probs, want)
	}
}
