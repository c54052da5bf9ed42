// Package ident gives documents a stable identity, so that a document is
// stored and alerted once however often it is fetched: a feed's GUID, else
// the canonical link, else a hash of the content.
package ident

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"sort"
	"strings"
)

// trackingParams are query parameters that never change what a URL points
// at; they are dropped from canonical URLs.
var trackingParams = map[string]bool{
	"utm_source": true, "utm_medium": true, "utm_campaign": true, "utm_term": true,
	"utm_content": true, "utm_name": true, "utm_referrer": true, "fbclid": true, "gclid": true,
	"yclid": true, "mc_cid": true, "mc_eid": true, "_openstat": true,
	"wt_mc": true, "wt.mc_id": true, "ocid": true, "cmpid": true, "igshid": true,
	"dclid": true, "msclkid": true, "twclid": true, "ttclid": true, "_hsenc": true, "_hsmi": true,
	"mkt_tok": true, "oly_anon_id": true, "oly_enc_id": true, "vero_id": true, "rb_clickid": true,
	"frommail": true, "from_block": true,
}

// redirectors unwrap links that point through a redirect (Google Alerts
// wraps every link in https://www.google.com/url?...&url=REAL).
var redirectors = map[string]string{
	"www.google.com/url":   "url",
	"google.com/url":       "url",
	"news.google.com/url":  "url",
	"l.facebook.com/l.php": "u",
	"vk.com/away.php":      "to",
	"away.vk.com/away.php": "to",
}

// TrackingParam reports whether a query parameter (its decoded key) is
// one that never changes what a URL points at: utm_*, click identifiers
// and the like.
func TrackingParam(key string) bool {
	return trackingParams[strings.ToLower(key)]
}

// SessionParam reports whether a query parameter (its decoded key and
// value) is a session identifier that forums append to links for visitors
// without cookies: PHPSESSID, sessionid, and phpBB's sid or vBulletin's s
// when they hold a 32-digit hex token.
func SessionParam(key, value string) bool {
	switch strings.ToLower(key) {
	case "phpsessid", "sessionid":
		return true
	case "sid", "s":
		return isHexToken(value)
	}
	return false
}

func isHexToken(v string) bool {
	if len(v) != 32 {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') && (c < 'A' || c > 'F') {
			return false
		}
	}
	return true
}

// FilterQuery removes the parts of a raw query for which drop, given the
// decoded key and value, reports true, and leaves the others exactly as
// written (order, encoding, and parts that are not key=value pairs, such
// as XenForo's "threads/slug.12/" or SMF's "topic=1.0;all").
func FilterQuery(raw string, drop func(key, value string) bool) string {
	if raw == "" {
		return ""
	}
	parts := strings.Split(raw, "&")
	keep := parts[:0]
	for _, p := range parts {
		if p != "" && !drop(queryPair(p)) {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, "&")
}

// queryPair decodes one key=value part of a query; a part that does not
// decode is taken as written.
func queryPair(p string) (key, value string) {
	k, v, _ := strings.Cut(p, "=")
	if uk, err := url.QueryUnescape(k); err == nil {
		k = uk
	}
	if uv, err := url.QueryUnescape(v); err == nil {
		v = uv
	}
	return k, v
}

// CanonicalURL normalises a link, for identities and for display: redirect
// wrappers unwrapped, scheme and host lower-cased, default ports dropped,
// an empty path made "/", tracking parameters (TrackingParam) and session
// identifiers (SessionParam) dropped, and the query sorted — except that a
// first part without "=" stays first, since it is a route (XenForo's
// "?threads/slug.903/", Invision's "?/topic/5-x/", vBulletin's
// "?777-slug") that the server reads by its place. Every part is kept as
// written, pairs that url.Values could not read again included (SMF's
// "topic=45.msg1;topicseen"), so that the link still works. The fragment
// is kept (forum permalinks live there). It returns raw, trimmed, when it
// is not an absolute URL.
func CanonicalURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return raw
	}
	for i := 0; i < 3; i++ { // a few nested wrappers at most
		param, ok := redirectors[strings.ToLower(u.Host)+u.Path]
		if !ok {
			break
		}
		inner := u.Query().Get(param)
		iu, err := url.Parse(inner)
		if err != nil || iu.Scheme == "" || iu.Host == "" {
			break
		}
		u = iu
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	if (u.Scheme == "http" && strings.HasSuffix(u.Host, ":80")) || (u.Scheme == "https" && strings.HasSuffix(u.Host, ":443")) {
		u.Host = u.Host[:strings.LastIndexByte(u.Host, ':')]
	}
	if u.Path == "" {
		u.Path = "/"
	}
	if u.RawQuery != "" {
		u.RawQuery = canonicalQuery(u.RawQuery)
	}
	u.ForceQuery = false
	return u.String()
}

// canonicalQuery drops tracking parameters and session identifiers and
// sorts the rest, a leading route first.
func canonicalQuery(raw string) string {
	parts := strings.Split(FilterQuery(raw, func(k, v string) bool { return TrackingParam(k) || SessionParam(k, v) }), "&")
	for i, p := range parts {
		parts[i] = strings.ReplaceAll(p, " ", "%20")
	}
	if len(parts) > 0 && !strings.Contains(parts[0], "=") {
		sort.Strings(parts[1:])
	} else {
		sort.Strings(parts)
	}
	return strings.Join(parts, "&")
}

// Hash returns a short hex digest of parts, for identities built from
// content. Parts are separated so ("ab","c") and ("a","bc") differ.
func Hash(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// ForFeedEntry returns a feed entry's identity: its GUID (scoped to the
// source, since GUIDs are only unique within one feed), else its canonical
// link, else a hash of its title and text.
func ForFeedEntry(source, guid, link, title, text string) string {
	if g := strings.TrimSpace(guid); g != "" {
		return "guid:" + Hash(source, g)
	}
	if link != "" {
		return "url:" + CanonicalURL(link)
	}
	return "hash:" + Hash(source, strings.TrimSpace(title), strings.TrimSpace(text))
}

// ForPost returns a forum or profile post's identity: its permalink, else
// a hash of the source, author and a stable key (the post's date when it
// has one, else its text), so that editing a dated post is not a new post.
func ForPost(source, permalink, author, stableKey string) string {
	if permalink != "" {
		return "url:" + CanonicalURL(permalink)
	}
	return "hash:" + Hash(source, strings.TrimSpace(author), strings.TrimSpace(stableKey))
}
