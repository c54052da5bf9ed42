package redact

import (
	"net/url"
	"strings"
)

// maskUserinfo shows the secrets of the userinfo of the URL s as Mask:
// its password, whatever it is, and its name when CredentialName says
// the name is a credential. The userinfo runs from "//" to the last "@"
// before the path, query or fragment, and its name up to the first ":",
// as net/url reads them.
func maskUserinfo(s string) string {
	i := strings.Index(s, "://")
	if i <= 0 || !isScheme(s[:i]) {
		return s
	}
	start := i + len("://")
	end := len(s)
	if j := strings.IndexAny(s[start:], "/?#"); j >= 0 {
		end = start + j
	}
	at := strings.LastIndexByte(s[start:end], '@')
	if at < 0 {
		return s
	}
	at += start
	name, pass, hasPass := strings.Cut(s[start:at], ":")
	shown := name
	if CredentialName(name, pass, hasPass) {
		shown = Mask
	}
	if hasPass {
		shown += ":" + Mask
	}
	return s[:start] + shown + s[at:]
}

// isScheme reports whether s is a URL scheme: a letter, then letters,
// digits, "+", "-" or ".".
func isScheme(s string) bool {
	for i, c := range s {
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return s != ""
}

// tokenPrefixes begin the tokens of well-known services (GitHub, GitLab,
// Slack, Stripe), which are credentials whatever their length.
var tokenPrefixes = []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-",
	"xoxb-", "xoxp-", "xoxa-", "xoxe-", "xapp-", "sk_live_", "sk_test_", "rk_live_", "rk_test_"}

// tokenPasswords are passwords that say the name is the token
// (https://TOKEN:x-oauth-basic@github.com/…).
var tokenPasswords = []string{"x-oauth-basic"}

// minTokenName is the length from which a name shaped like a random
// token is taken for one.
const minTokenName = 16

// CredentialName reports whether the name of a URL's userinfo (with its
// password pass, when hasPass) is a credential rather than a user's
// name. It is when the password says so (x-oauth-basic), when it begins
// as a well-known service's token does (ghp_, glpat-, xoxb-, sk_live_, …),
// or when it is shaped like a random token: at least 16 characters, all
// of them letters, digits or - _ . ~ + / =, letters and digits both, and
// lower case, upper case and digits alternating at least once every five
// characters (hex, base64 and UUIDs do; reader, anna.ivanova2024,
// feedreader2024account and svc_mentionwatch_prod01 do not). A name
// already shown as a ${NAME} reference is not a credential.
func CredentialName(name, pass string, hasPass bool) bool {
	if name == "" || refRe.MatchString(name) {
		return false
	}
	if un, err := url.PathUnescape(name); err == nil {
		name = un
	}
	if hasPass {
		for _, p := range tokenPasswords {
			if strings.EqualFold(pass, p) {
				return true
			}
		}
	}
	for _, p := range tokenPrefixes {
		if strings.HasPrefix(name, p) && len(name) > len(p) {
			return true
		}
	}
	return tokenShaped(name)
}

// tokenShaped reports whether s looks like a random token, by
// CredentialName's rule.
func tokenShaped(s string) bool {
	if len(s) < minTokenName {
		return false
	}
	const (
		other = iota
		lower
		upper
		digit
	)
	var last, changes int
	letters, digits := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		class := other
		switch {
		case 'a' <= c && c <= 'z':
			class, letters = lower, true
		case 'A' <= c && c <= 'Z':
			class, letters = upper, true
		case '0' <= c && c <= '9':
			class, digits = digit, true
		case strings.IndexByte("-_.~+/=", c) >= 0:
			continue // separators: neither a class nor a change
		default:
			return false
		}
		if last != other && class != last {
			changes++
		}
		last = class
	}
	return letters && digits && changes*5 >= len(s)
}
