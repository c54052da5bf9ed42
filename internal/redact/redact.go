// Package redact takes secrets out of URLs and of texts that quote them,
// before a URL is logged, put in an error, stored as an error text, shown
// on a page or in a command's output. One rule holds everywhere:
//
//   - a value the config took from the environment (${NAME}) is shown as
//     ${NAME} (see Register);
//   - the password of a URL's userinfo is shown as *** (user:***@host),
//     and so is its name when the name is a credential itself
//     (https://TOKEN@host, https://TOKEN:x-oauth-basic@host): see
//     CredentialName;
//   - the value of a query parameter whose name says credential (token,
//     access_token, api_key, key, secret, sig, password, auth, …) is
//     shown as ***;
//   - a Telegram-style /bot<digits>:<token> path segment keeps its digits
//     and shows its token as ***.
//
// The real URL is kept for fetching; only what is shown is redacted.
package redact

import (
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// Mask is what a secret is shown as.
const Mask = "***"

// MinSecret is the length below which a value from the environment is not
// replaced (here by Register, in config problems by the config package):
// no secret is that short, and replacing a port or "true" everywhere would
// garble texts' own words.
const MinSecret = 6

var (
	// mu serializes Register.
	mu sync.Mutex
	// known are the registered values with what to show instead, longest
	// value first, so that a value containing another is replaced whole.
	// Register replaces the slice whole, so that every log line reads it
	// without a lock.
	known atomic.Pointer[[]secret]
)

type secret struct{ value, shown string }

// Register records that value came from the environment variable name:
// from now on URL and Text show it as ${NAME}, also in its URL-escaped
// forms. Values shorter than six bytes are ignored.
func Register(name, value string) {
	if len(value) < MinSecret {
		return
	}
	shown := "${" + name + "}"
	mu.Lock()
	defer mu.Unlock()
	var ks []secret
	if p := known.Load(); p != nil {
		ks = slices.Clone(*p)
	}
	for _, form := range []string{value, url.QueryEscape(value), url.PathEscape(value)} {
		dup := false
		for _, k := range ks {
			if k.value == form {
				dup = true
				break
			}
		}
		if !dup {
			ks = append(ks, secret{form, shown})
		}
	}
	sort.SliceStable(ks, func(i, j int) bool { return len(ks[i].value) > len(ks[j].value) })
	known.Store(&ks)
}

// credentialNames are query parameter names (lower case, "-" read as "_")
// whose values are credentials.
var credentialNames = map[string]bool{
	"token": true, "access_token": true, "bearer": true, "api_key": true, "apikey": true, "key": true,
	"secret": true, "client_secret": true, "sig": true, "signature": true, "password": true, "passwd": true,
	"pwd": true, "pass": true, "auth": true, "authorization": true, "credential": true, "credentials": true,
	"session": true, "sessionid": true, "session_id": true, "sid": true, "x_amz_credential": true,
}

// credentialSuffixes end other credential names (auth_token, private_key,
// consumer_secret, oauth_signature, db_password).
var credentialSuffixes = []string{"token", "secret", "_key", "apikey", "password", "passwd", "signature"}

// Credential reports whether a query parameter named name carries a
// credential, by the usual names, case-insensitive.
func Credential(name string) bool {
	n := strings.ReplaceAll(strings.ToLower(name), "-", "_")
	if credentialNames[n] {
		return true
	}
	for _, suf := range credentialSuffixes {
		if strings.HasSuffix(n, suf) {
			return true
		}
	}
	return false
}

var (
	// urlRe finds a URL in a text: a scheme, "://" and what follows up to
	// a space, a quote or an angle bracket.
	urlRe = regexp.MustCompile(`(?i)\b[a-z][a-z0-9+.-]*://[^\s"'<>` + "`" + `]+`)
	// paramRe is one query (or fragment) parameter: its separator, name
	// and value.
	paramRe = regexp.MustCompile(`([?&;#])([^=&;#?]+)=([^&;#]*)`)
	// botRe is a Telegram bot token in a path.
	botRe = regexp.MustCompile(`(?i)(/bot\d+):[A-Za-z0-9_-]+`)
	// refRe is a value already shown as a ${NAME} reference.
	refRe = regexp.MustCompile(`^\$\{[A-Za-z_][A-Za-z0-9_]*\}$`)
)

// URL returns raw with its secrets redacted by the package's rule. raw
// need not parse: the rule works on its text.
func URL(raw string) string { return urlRules(registered(raw)) }

// urlRules redacts the secrets of the URL s by the rule's URL parts: the
// userinfo's password, a bot token, credential parameters. Each part runs
// only on a text that holds what it looks for: a regular expression costs
// far more than the look.
func urlRules(s string) string {
	if strings.Contains(s, "@") {
		s = maskUserinfo(s)
	}
	if hasBotSegment(s) {
		s = botRe.ReplaceAllString(s, "$1:"+Mask)
	}
	if strings.ContainsAny(s, "?#") && strings.Contains(s, "=") {
		s = maskParams(s)
	}
	return s
}

// maskParams shows the value of every credential parameter of s as Mask,
// unless it is empty or already a ${NAME} reference.
func maskParams(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range paramRe.FindAllStringSubmatchIndex(s, -1) {
		name, value := s[m[4]:m[5]], s[m[6]:m[7]]
		if un, err := url.QueryUnescape(name); err == nil {
			name = un
		}
		if !Credential(name) || value == "" || refRe.MatchString(value) {
			continue
		}
		b.WriteString(s[last:m[6]])
		b.WriteString(Mask)
		last = m[7]
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// hasBotSegment reports whether s holds "/bot" in any case, which botRe
// needs.
func hasBotSegment(s string) bool {
	for i := strings.IndexByte(s, '/'); i >= 0; {
		if len(s)-i >= 4 && strings.EqualFold(s[i:i+4], "/bot") {
			return true
		}
		j := strings.IndexByte(s[i+1:], '/')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// Text returns s with every registered value shown as its ${NAME} and
// every URL in it redacted as URL does: for error texts and log values
// that may quote a URL.
func Text(s string) string {
	s = registered(s)
	if !strings.Contains(s, "://") {
		return s
	}
	return urlRe.ReplaceAllStringFunc(s, func(m string) string {
		// Punctuation after a URL ("…?key=x: EOF") is the text's own.
		core := strings.TrimRight(m, ".,:;!?)]}")
		return urlRules(core) + m[len(core):] // registered values are replaced already
	})
}

// registered replaces every registered value in s by its ${NAME}.
func registered(s string) string {
	p := known.Load()
	if p == nil {
		return s
	}
	for _, k := range *p {
		if strings.Contains(s, k.value) {
			s = strings.ReplaceAll(s, k.value, k.shown)
		}
	}
	return s
}

// Error returns err with its text redacted by Text; errors.Is and
// errors.As still see err. A nil err stays nil.
func Error(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if red := Text(msg); red != msg {
		return &redacted{msg: red, err: err}
	}
	return err
}

type redacted struct {
	msg string
	err error
}

func (e *redacted) Error() string { return e.msg }
func (e *redacted) Unwrap() error { return e.err }
