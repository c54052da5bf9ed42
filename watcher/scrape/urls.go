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

// stripSession drops the session identifiers forums append to links for
// visitors without cookies (ident.SessionParam), so that the same post
// links the same way on every crawl.
func stripSession(u *url.URL) *url.URL {
	if u.RawQuery == "" {
		return u
	}
	q := ident.FilterQuery(u.RawQuery, ident.SessionParam)
	if q == u.RawQuery {
		return u
	}
	c := *u
	c.RawQuery = q
	return &c
}

// pageParams are query parameters that select a page of a thread or a
// post on it rather than the thread (tracking parameters and session
// identifiers go in ident.CanonicalURL), with laterPageParams.
var pageParams = map[string]bool{
	"page": true, "start": true, "pagenumber": true, "perpage": true, "pp": true,
	"hilit": true, "highlight": true, "goto": true, "view": true, "postcount": true,
	"sid": true, "s": true, "context": true, "sort": true, "order": true,
	"daysprune": true, "sortorder": true, "sortfield": true,
	"cid": true, "comment": true, "do": true, "before": true, "after": true,
}

// pageParam reports whether a query parameter selects a page: one of
// pageParams or laterPageParams, or Bitrix's PAGEN_1, PAGEN_2….
func pageParam(key string) bool {
	k := strings.ToLower(key)
	if pageParams[k] || laterPageParams[k] {
		return true
	}
	n, ok := strings.CutPrefix(k, "pagen_")
	return ok && n != "" && strings.Trim(n, "0123456789") == ""
}

var (
	pagePath = regexp.MustCompile(`(?i)/(page-?\d+|page/\d+|latest|unread|last(\.json)?)/?$|/page-?\d+/|/post-\d+/?$`)
	// pageFile is a page number in a file name: "5-acme-page2.html",
	// vBulletin's archive "t-777-p-2.html", phpBB SEO's "acme-t5-20.html"
	// (its "t5" a word of its own, not the end of "budget2024-25.html").
	pageFile = regexp.MustCompile(`(?i)(?:-page-?\d+|-p-\d+|([-/]t\d+)-\d+)(\.html?)$`)
)

// genericThread is a page URL without its page and post parts: query
// parameters that select a page (pageParam), "/page-2", "/page/2/",
// "-page2.html", "/latest", and the fragment.
func genericThread(u *url.URL) string {
	return withoutPageParts(u, pageParam, true)
}

// laterPageParams are page parameters genericThread learnt after posts
// had been identified with them in their thread's URL (threadBefore
// leaves them in); pageParams are the rest.
var laterPageParams = map[string]bool{"st": true, "pg": true, "pn": true, "offset": true, "curpage": true}

// threadBefore is genericThread as it was before it knew laterPageParams,
// Bitrix's PAGEN_N and page numbers in file names (pageFile): the thread
// URL posts without a permalink were identified with until then
// (pageCtx.prevIDs).
func threadBefore(u *url.URL) string {
	return withoutPageParts(u, func(k string) bool { return pageParams[strings.ToLower(k)] }, false)
}

// withoutPageParts is u, canonical, without its fragment, the query
// parameters isPage names, and the page parts of its path (pagePath, and
// with files also pageFile).
func withoutPageParts(u *url.URL, isPage func(key string) bool, files bool) string {
	c := *u
	c.Fragment = ""
	c.RawFragment = ""
	c.RawQuery = ident.FilterQuery(c.RawQuery, func(k, _ string) bool { return isPage(k) })
	for {
		p := pagePath.ReplaceAllString(c.Path, "/")
		if files {
			p = pageFile.ReplaceAllString(p, "$1$2")
		}
		if p == c.Path {
			break
		}
		c.Path = p
		c.RawPath = ""
	}
	return ident.CanonicalURL(c.String())
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
	return ident.CanonicalURL(c.String())
}

// forIdentity prepares a permalink for ident.ForPost: SMF-style ";"
// separators become "&". ident keeps them as written now, but SMF posts
// have been identified this way, and another identity would make every
// one of them new again.
func forIdentity(link string) string {
	u, err := url.Parse(link)
	if err != nil || !strings.Contains(u.RawQuery, ";") {
		return link
	}
	u.RawQuery = strings.ReplaceAll(u.RawQuery, ";", "&")
	return u.String()
}
