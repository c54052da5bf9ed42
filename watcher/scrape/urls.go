package scrape

import (
	"errors"
	"net/url"
	"regexp"
	"strings"

	"github.com/mentionwatch/mentionwatch/internal/ident"
)

func parseAbs(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, err
	}
	if u.Scheme == "" || u.Host == "" {
		return nil, errors.New("not an absolute URL")
	}
	return u, nil
}

// resolve makes ref absolute against base; "" for empty, script and
// unparsable links.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || base == nil {
		return ""
	}
	low := strings.ToLower(ref)
	if strings.HasPrefix(low, "javascript:") || strings.HasPrefix(low, "mailto:") || strings.HasPrefix(low, "data:") || ref == "#" {
		return ""
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	abs := base.ResolveReference(r)
	if abs.Scheme != "http" && abs.Scheme != "https" {
		return ""
	}
	return stripSession(abs).String()
}

var hexSession = regexp.MustCompile(`^[0-9a-fA-F]{32}$`)

// stripSession drops session identifiers forums append to links for
// visitors without cookies (phpBB sid, vBulletin s, PHPSESSID), so that
// the same post links the same way on every crawl.
func stripSession(u *url.URL) *url.URL {
	if u.RawQuery == "" {
		return u
	}
	q := filterQuery(u.RawQuery, func(k, v string) bool {
		k = strings.ToLower(k)
		return k == "phpsessid" || k == "sessionid" || (k == "sid" || k == "s") && hexSession.MatchString(v)
	})
	if q == u.RawQuery {
		return u
	}
	c := *u
	c.RawQuery = q
	return &c
}

// filterQuery removes the parameters of a raw query for which drop is
// true, leaving the others exactly as written (order, encoding, and pairs
// such as XenForo's "?threads/slug.12/" or SMF's "topic=1.0;all").
func filterQuery(raw string, drop func(key, val string) bool) string {
	var parts []string
	for _, kv := range strings.Split(raw, "&") {
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		dk, err := url.QueryUnescape(k)
		if err != nil {
			dk = k
		}
		dv, err := url.QueryUnescape(v)
		if err != nil {
			dv = v
		}
		if !drop(dk, dv) {
			parts = append(parts, kv)
		}
	}
	return strings.Join(parts, "&")
}

// pageParams are query parameters that select a page of a thread or a
// post on it rather than the thread.
var pageParams = map[string]bool{
	"page": true, "start": true, "pagenumber": true, "perpage": true, "pp": true,
	"hilit": true, "highlight": true, "goto": true, "view": true, "postcount": true,
	"sid": true, "s": true, "phpsessid": true, "context": true, "sort": true, "order": true,
	"daysprune": true, "sortorder": true, "sortfield": true, "utm_source": true, "utm_medium": true,
	"utm_campaign": true, "cid": true, "comment": true, "do": true, "before": true, "after": true,
}

var pagePath = regexp.MustCompile(`(?i)/(page-?\d+|page/\d+|latest|unread|last(\.json)?)/?$|/page-?\d+/|/post-\d+/?$`)

// genericThread is a page URL without its page and post parts: query
// parameters that select a page, "/page-2", "/page/2/", "/latest", and the
// fragment.
func genericThread(u *url.URL) string {
	c := *u
	c.Fragment = ""
	c.RawFragment = ""
	c.RawQuery = filterQuery(c.RawQuery, func(k, _ string) bool { return pageParams[strings.ToLower(k)] })
	for {
		p := pagePath.ReplaceAllString(c.Path, "/")
		if p == c.Path {
			break
		}
		c.Path = p
		c.RawPath = ""
	}
	return canon(c.String())
}

// keepParams returns u with only the named query parameters, or "" when
// none of them is present.
func keepParams(u *url.URL, names ...string) string {
	q := u.Query()
	kept := url.Values{}
	for _, n := range names {
		if v := q.Get(n); v != "" {
			kept.Set(n, v)
		}
	}
	if len(kept) == 0 {
		return ""
	}
	c := *u
	c.Fragment = ""
	c.RawFragment = ""
	c.RawQuery = kept.Encode()
	return canon(c.String())
}

// trackingParams never change what a URL points at.
var trackingParams = map[string]bool{
	"utm_source": true, "utm_medium": true, "utm_campaign": true, "utm_term": true,
	"utm_content": true, "fbclid": true, "gclid": true, "yclid": true,
}

// canon normalises a URL for display and thread identity. Where the query
// survives decoding it is ident.CanonicalURL; forum queries that do not
// ("?threads/slug.12/", "?/topic/5-x/", "topic=1.0;all") keep their query
// as written, since re-encoding them would break the link.
func canon(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Scheme == "" || u.Host == "" {
		return raw
	}
	if queryRoundTrips(u.RawQuery) {
		return ident.CanonicalURL(raw)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	if (u.Scheme == "http" && strings.HasSuffix(u.Host, ":80")) || (u.Scheme == "https" && strings.HasSuffix(u.Host, ":443")) {
		u.Host = u.Host[:strings.LastIndexByte(u.Host, ':')]
	}
	if u.Path == "" {
		u.Path = "/"
	}
	u.RawQuery = filterQuery(u.RawQuery, func(k, _ string) bool { return trackingParams[strings.ToLower(k)] })
	return u.String()
}

// queryRoundTrips reports whether url.Values can decode and re-encode q
// without losing or mangling a parameter.
func queryRoundTrips(q string) bool {
	if q == "" {
		return true
	}
	if strings.Contains(q, ";") {
		return false
	}
	for _, kv := range strings.Split(q, "&") {
		if kv != "" && !strings.Contains(kv, "=") {
			return false
		}
	}
	return true
}

// forIdentity prepares a permalink for ident.ForPost, which canonicalises
// with url.Values: SMF-style ";" separators become "&" so that no pair is
// dropped.
func forIdentity(link string) string {
	u, err := url.Parse(link)
	if err != nil || !strings.Contains(u.RawQuery, ";") {
		return link
	}
	u.RawQuery = strings.ReplaceAll(u.RawQuery, ";", "&")
	return u.String()
}
