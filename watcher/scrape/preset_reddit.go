package scrape

import (
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/ident"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/plaintext"
)

// Reddit: the source URL is rewritten to Reddit's .json (one request gives
// a thread's post and newest comments with exact counts and dates, or a
// listing's newest posts), and the 2019 "new Reddit" thread HTML is read
// too (div.Comment).
func init() {
	thread := &layout{
		name: "reddit-thread",
		kind: kThread,
		item: items(`div.Comment`),
		text: f(`div[data-testid="comment"]`),
		author: alt(f(`a[data-testid="comment_author_link"]`),
			f(`a[data-testid="comment_author_icon"]@href`).fixed(redditUser)),
		date:      f(`a[data-testid="comment_timestamp"]`),
		link:      f(`a[data-testid="comment_timestamp"]@href`),
		replies:   f(`a[data-test-id="comments-page-link-num-comments"]`),
		pageTitle: f(`div[data-test-id="post-content"] h1`, "h1", `meta[property="og:title"]@content`).onPage(),
		threadOf:  redditThread,
	}
	register(&preset{name: "reddit", layouts: []*layout{thread}, rewrite: redditJSON, json: redditRead})
}

var (
	redditThreadPath = regexp.MustCompile(`^/r/([^/]+)/comments/([^/]+)(?:/([^/]+))?`)
	redditUserPath   = regexp.MustCompile(`^/(?:user|u)/([^/]+)`)
	redditSubPath    = regexp.MustCompile(`^/r/[^/]+$`)
)

// redditUser turns "/user/NAME/" into "NAME".
func redditUser(href string) string {
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if m := redditUserPath.FindStringSubmatch(u.Path); m != nil {
		return m[1]
	}
	return ""
}

func isReddit(u *url.URL) bool {
	h := strings.ToLower(u.Hostname())
	return h == "reddit.com" || strings.HasSuffix(h, ".reddit.com")
}

// redditThread is https://www.reddit.com/r/SUB/comments/ID/SLUG/ for any
// URL of that thread (a comment's permalink included).
func redditThread(u *url.URL) string {
	if !isReddit(u) {
		return ""
	}
	m := redditThreadPath.FindStringSubmatch(u.Path)
	if m == nil {
		return ""
	}
	p := "/r/" + m[1] + "/comments/" + m[2] + "/"
	if m[3] != "" && m[3] != "comment" && m[3] != ".json" {
		p += strings.TrimSuffix(m[3], ".json") + "/"
	}
	return ident.CanonicalURL("https://www.reddit.com" + p)
}

// redditJSON rewrites a Reddit URL to its JSON form: a thread with its
// newest comments, a subreddit's newest posts, a user's newest activity.
func redditJSON(u *url.URL) *url.URL {
	if !isReddit(u) {
		return nil
	}
	c := *u
	c.Scheme, c.Host, c.Fragment, c.RawFragment = "https", "www.reddit.com", "", ""
	path := strings.TrimSuffix(c.Path, "/")
	if strings.HasSuffix(path, ".json") || strings.HasSuffix(path, ".rss") {
		return nil
	}
	q := ident.FilterQuery(c.RawQuery, func(k, _ string) bool { return ident.TrackingParam(k) })
	add := func(kv string) {
		if q != "" {
			q += "&"
		}
		q += kv
	}
	switch {
	case redditThreadPath.MatchString(path):
		if t := redditThread(&c); t != "" {
			tu, _ := url.Parse(t)
			path = strings.TrimSuffix(tu.Path, "/")
		}
		if !strings.Contains(q, "sort=") {
			add("sort=new")
		}
		add("limit=200")
	case redditSubPath.MatchString(path):
		path += "/new"
		add("limit=100")
	case strings.HasSuffix(path, "/search") || path == "/search":
		if !strings.Contains(q, "sort=") {
			add("sort=new")
		}
	}
	add("raw_json=1")
	c.Path, c.RawPath = path+"/.json", ""
	c.RawQuery = q
	return &c
}

// redditThing is a Reddit API object: a Listing, a post (t3), a comment
// (t1) or a "more" stub.
type redditThing struct {
	Kind string          `json:"kind"`
	Data json.RawMessage `json:"data"`
}

type redditListing struct {
	After    string        `json:"after"`
	Children []redditThing `json:"children"`
}

type redditItem struct {
	Author        string          `json:"author"`
	Title         string          `json:"title"`
	Selftext      string          `json:"selftext"`
	SelftextHTML  string          `json:"selftext_html"`
	Body          string          `json:"body"`
	BodyHTML      string          `json:"body_html"`
	Permalink     string          `json:"permalink"`
	LinkTitle     string          `json:"link_title"`
	LinkPermalink string          `json:"link_permalink"`
	CreatedUTC    float64         `json:"created_utc"`
	NumComments   *int            `json:"num_comments"`
	Replies       json.RawMessage `json:"replies"`
}

// redditRead reads Reddit JSON: a thread ([post listing, comment listing])
// or a listing (subreddit, search, user).
func redditRead(e *Extractor, body []byte, page *url.URL, now time.Time) (*Page, error) {
	r := &redditReader{e: e, page: page}
	var things []redditThing
	if err := json.Unmarshal(body, &things); err == nil {
		if len(things) == 0 {
			return &Page{}, nil
		}
		return r.thread(things)
	}
	var one redditThing
	if err := json.Unmarshal(body, &one); err != nil {
		return nil, fmt.Errorf("scrape: %s: reading Reddit JSON: %w", page, err)
	}
	return r.listing(one)
}

type redditReader struct {
	e    *Extractor
	page *url.URL
	out  Page
}

func (r *redditReader) thread(things []redditThing) (*Page, error) {
	posts, err := listingOf(things[0])
	if err != nil {
		return nil, fmt.Errorf("scrape: %s: %w", r.page, err)
	}
	var op redditItem
	for _, c := range posts.Children {
		if c.Kind == "t3" {
			if err := json.Unmarshal(c.Data, &op); err != nil {
				return nil, fmt.Errorf("scrape: %s: reading Reddit post: %w", r.page, err)
			}
			break
		}
	}
	thread := ""
	if u, err := url.Parse(r.abs(op.Permalink)); err == nil && op.Permalink != "" {
		thread = redditThread(u)
	}
	replies := -1
	if op.NumComments != nil {
		replies = *op.NumComments
	}
	title := plaintext.TidyLine(op.Title)
	if op.Permalink != "" {
		r.add(op, title, redditText(op.SelftextHTML, op.Selftext), thread, replies, false)
	}
	if len(things) > 1 {
		r.comments(things[1], title, thread, replies, 0)
	}
	return &r.out, nil
}

// comments walks a comment listing and the replies nested in it.
func (r *redditReader) comments(t redditThing, title, thread string, replies, depth int) {
	if depth > 64 {
		return
	}
	l, err := listingOf(t)
	if err != nil {
		return
	}
	for _, c := range l.Children {
		if c.Kind != "t1" {
			continue // "more": comments not loaded
		}
		var it redditItem
		if json.Unmarshal(c.Data, &it) != nil {
			continue
		}
		r.add(it, title, redditText(it.BodyHTML, it.Body), thread, replies, true)
		if len(it.Replies) > 0 && it.Replies[0] == '{' {
			var sub redditThing
			if json.Unmarshal(it.Replies, &sub) == nil {
				r.comments(sub, title, thread, replies, depth+1)
			}
		}
	}
}

func (r *redditReader) listing(t redditThing) (*Page, error) {
	l, err := listingOf(t)
	if err != nil {
		return nil, fmt.Errorf("scrape: %s: %w", r.page, err)
	}
	for _, c := range l.Children {
		var it redditItem
		if json.Unmarshal(c.Data, &it) != nil {
			continue
		}
		switch c.Kind {
		case "t3":
			thread := ""
			if u, err := url.Parse(r.abs(it.Permalink)); err == nil {
				thread = redditThread(u)
			}
			replies := -1
			if it.NumComments != nil {
				replies = *it.NumComments
			}
			r.add(it, plaintext.TidyLine(it.Title), redditText(it.SelftextHTML, it.Selftext), thread, replies, false)
		case "t1":
			thread := ""
			if u, err := url.Parse(r.abs(it.LinkPermalink)); err == nil {
				thread = redditThread(u)
			}
			r.add(it, plaintext.TidyLine(it.LinkTitle), redditText(it.BodyHTML, it.Body), thread, -1, true)
		}
	}
	if l.After != "" {
		r.out.Next = withQuery(r.page, "after", l.After).String()
	}
	return &r.out, nil
}

// add appends a post or, with comment set, a comment (which needs text of
// its own: the title is the thread's).
func (r *redditReader) add(it redditItem, title, text, thread string, replies int, comment bool) {
	if text == "[deleted]" || text == "[removed]" {
		text = ""
	}
	if text == "" && (comment || title == "") {
		return
	}
	link := r.abs(it.Permalink)
	d := model.Document{
		Title:     title,
		Text:      text,
		Author:    plaintext.TidyLine(it.Author),
		ThreadURL: thread,
		Replies:   replies,
	}
	if thread == "" {
		d.Replies = -1
	}
	if it.CreatedUTC > 0 {
		d.PublishedAt = time.Unix(int64(it.CreatedUTC), 0).UTC()
	}
	if link != "" {
		d.URL = ident.CanonicalURL(link)
	}
	d.ID = ident.ForPost(r.e.spec.Source, link, d.Author, d.PublishedAt.Format(time.RFC3339)+"\n"+text)
	r.out.Docs = append(r.out.Docs, d)
}

func (r *redditReader) abs(p string) string {
	if p == "" {
		return ""
	}
	return resolve(&url.URL{Scheme: "https", Host: "www.reddit.com", Path: "/"}, p)
}

func listingOf(t redditThing) (redditListing, error) {
	var l redditListing
	if t.Kind != "Listing" {
		return l, fmt.Errorf("reading Reddit JSON: expected a Listing, got %q", t.Kind)
	}
	if err := json.Unmarshal(t.Data, &l); err != nil {
		return l, fmt.Errorf("reading Reddit listing: %w", err)
	}
	return l, nil
}

// redditText renders a post's or comment's HTML body (entity-escaped
// unless raw_json=1 was asked for), else its Markdown source.
func redditText(htmlBody, plain string) string {
	if htmlBody != "" {
		if strings.HasPrefix(htmlBody, "&lt;") {
			htmlBody = html.UnescapeString(htmlBody)
		}
		return postText(htmlBody)
	}
	return plaintext.Tidy(plain)
}
