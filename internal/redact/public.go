package redact

import (
	"net/url"
	"strings"
)

// WithoutCredentials returns the URL raw as it may be shown and passed on
// as a link (a mention's URL, its thread's): without its userinfo, and
// without the query and fragment parameters whose names say credential
// (Credential); every other part stays as written. raw is returned as it
// is when it is not an absolute URL or holds none of those.
func WithoutCredentials(raw string) string {
	if !strings.Contains(raw, "@") && !strings.Contains(raw, "=") {
		return raw // the common case, parsed for nothing
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return raw
	}
	changed := false
	if u.User != nil {
		u.User = nil
		changed = true
	}
	if q, ok := dropCredentialParams(u.RawQuery); ok {
		u.RawQuery, u.ForceQuery, changed = q, false, true
	}
	if f, ok := dropCredentialParams(u.EscapedFragment()); ok {
		u.Fragment, u.RawFragment, changed = "", "", true
		if f != "" {
			if uf, err := url.PathUnescape(f); err == nil {
				u.Fragment, u.RawFragment = uf, f
			}
		}
	}
	if !changed {
		return raw
	}
	return u.String()
}

// dropCredentialParams removes the credential parameters ("&"-separated
// key=value parts whose decoded key Credential names) from a raw query or
// fragment; ok is false when there were none. Other parts stay as
// written, in their order.
func dropCredentialParams(raw string) (string, bool) {
	if !strings.Contains(raw, "=") {
		return raw, false
	}
	parts := strings.Split(raw, "&")
	keep := parts[:0:0]
	for _, p := range parts {
		k, _, isPair := strings.Cut(p, "=")
		if uk, err := url.QueryUnescape(k); err == nil {
			k = uk
		}
		if isPair && Credential(k) {
			continue
		}
		keep = append(keep, p)
	}
	if len(keep) == len(parts) {
		return raw, false
	}
	return strings.Join(keep, "&"), true
}
