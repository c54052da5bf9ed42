package scrape

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/ident"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/plaintext"
)

// Discourse is read through its JSON API rather than its HTML (an
// application shell for browsers) or its topic RSS: /t/slug/ID/last.json
// returns the topic's newest posts (the post stream around its last post)
// with each post's number, author, ISO date and cooked HTML, and the
// topic's posts_count, so the reply count is exact; earlier posts are one
// /t/slug/ID/N.json away. Topic lists (/latest.json, /c/….json) give each
// topic's title and counts.
func init() {
	register(&preset{name: "discourse", rewrite: discourseJSON, json: discourseRead})
}

var (
	discourseTopic     = regexp.MustCompile(`^(.*?)/t/([^/]+)/(\d+)(?:/(?:\d+|last))?/?$`)
	discourseTopicNoSl = regexp.MustCompile(`^(.*?)/t/(\d+)(?:/(?:\d+|last))?/?$`)
	discourseList      = regexp.MustCompile(`^(.*?)(/latest|/new|/top|/c/[^?]+|/tag/[^?]+)?/?$`)
)

// discourseJSON rewrites a topic URL to its last.json and a topic list to
// its .json.
func discourseJSON(u *url.URL) *url.URL {
	p := u.Path
	if strings.HasSuffix(p, ".json") || strings.HasSuffix(p, ".rss") {
		return nil
	}
	c := *u
	c.Fragment, c.RawFragment, c.RawPath = "", "", ""
	switch {
	case discourseTopicNoSl.MatchString(p):
		m := discourseTopicNoSl.FindStringSubmatch(p)
		c.Path = m[1] + "/t/" + m[2] + "/last.json"
	case discourseTopic.MatchString(p):
		m := discourseTopic.FindStringSubmatch(p)
		c.Path = m[1] + "/t/" + m[2] + "/" + m[3] + "/last.json"
	default:
		m := discourseList.FindStringSubmatch(p)
		switch {
		case p == "" || p == "/":
			c.Path = "/latest.json"
		case m != nil && m[2] != "":
			c.Path = strings.TrimSuffix(p, "/") + ".json"
		default:
			return nil
		}
	}
	return &c
}

type discourseTopicJSON struct {
	ID         int    `json:"id"`
	Title      string `json:"title"`
	Slug       string `json:"slug"`
	PostsCount int    `json:"posts_count"`
	PostStream *struct {
		Posts []discoursePost `json:"posts"`
	} `json:"post_stream"`
	TopicList *struct {
		MoreTopicsURL string `json:"more_topics_url"`
		Topics        []struct {
			ID         int    `json:"id"`
			Title      string `json:"title"`
			Slug       string `json:"slug"`
			PostsCount int    `json:"posts_count"`
			CreatedAt  string `json:"created_at"`
			Excerpt    string `json:"excerpt"`
			Posters    []struct {
				UserID      int    `json:"user_id"`
				Description string `json:"description"`
			} `json:"posters"`
		} `json:"topics"`
	} `json:"topic_list"`
	Users []struct {
		ID       int    `json:"id"`
		Username string `json:"username"`
	} `json:"users"`
}

type discoursePost struct {
	ID         int    `json:"id"`
	Username   string `json:"username"`
	CreatedAt  string `json:"created_at"`
	Cooked     string `json:"cooked"`
	PostNumber int    `json:"post_number"`
	PostType   int    `json:"post_type"`
	TopicID    int    `json:"topic_id"`
	TopicSlug  string `json:"topic_slug"`
}

// discourseRoot is the forum's base path (Discourse may live in a
// subfolder): the page path before /t/ or a list path.
func discourseRoot(page *url.URL) *url.URL {
	p := page.Path
	if i := strings.Index(p, "/t/"); i >= 0 {
		p = p[:i]
	} else if m := discourseList.FindStringSubmatch(strings.TrimSuffix(p, ".json")); m != nil {
		p = m[1]
	}
	return &url.URL{Scheme: page.Scheme, Host: page.Host, Path: strings.TrimSuffix(p, "/") + "/"}
}

func discourseRead(e *Extractor, body []byte, page *url.URL, now time.Time) (*Page, error) {
	var t discourseTopicJSON
	if err := json.Unmarshal(body, &t); err != nil {
		return nil, fmt.Errorf("scrape: %s: reading Discourse JSON: %w", page, err)
	}
	root := discourseRoot(page)
	out := &Page{}
	if t.TopicList != nil {
		users := map[int]string{}
		for _, u := range t.Users {
			users[u.ID] = u.Username
		}
		for _, tp := range t.TopicList.Topics {
			link := resolve(root, "t/"+url.PathEscape(tp.Slug)+"/"+strconv.Itoa(tp.ID))
			d := model.Document{Title: plaintext.TidyLine(tp.Title), Text: postText(tp.Excerpt), URL: ident.CanonicalURL(link), ThreadURL: ident.CanonicalURL(link), Replies: max(tp.PostsCount-1, -1)}
			if d.Title == "" || link == "" {
				continue
			}
			for _, p := range tp.Posters {
				if strings.Contains(p.Description, "Original Poster") {
					d.Author = users[p.UserID]
				}
			}
			if ts, ok := ParseDate(tp.CreatedAt, now, e.spec.Location); ok {
				d.PublishedAt = ts
			}
			d.ID = ident.ForPost(e.spec.Source, link, d.Author, "")
			out.Docs = append(out.Docs, d)
		}
		if more := strings.TrimSpace(t.TopicList.MoreTopicsURL); more != "" {
			if u, err := url.Parse(more); err == nil {
				if !strings.HasSuffix(u.Path, ".json") {
					u.Path += ".json"
				}
				out.Next = resolve(root, strings.TrimPrefix(u.String(), "/"))
			}
		}
		return out, nil
	}
	if t.PostStream == nil {
		return out, nil
	}
	thread := resolve(root, "t/"+url.PathEscape(t.Slug)+"/"+strconv.Itoa(t.ID))
	replies := -1
	if t.PostsCount > 0 {
		replies = t.PostsCount - 1
	}
	lowest := 0
	for _, p := range t.PostStream.Posts {
		if p.PostNumber > 0 && (lowest == 0 || p.PostNumber < lowest) {
			lowest = p.PostNumber
		}
		if p.PostType == 3 { // small action ("closed the topic")
			continue
		}
		text := postText(p.Cooked)
		if text == "" {
			continue
		}
		link := resolve(root, "t/"+url.PathEscape(t.Slug)+"/"+strconv.Itoa(t.ID)+"/"+strconv.Itoa(p.PostNumber))
		d := model.Document{Title: plaintext.TidyLine(t.Title), Text: text, Author: plaintext.TidyLine(p.Username), URL: ident.CanonicalURL(link), ThreadURL: ident.CanonicalURL(thread), Replies: replies}
		if ts, ok := ParseDate(p.CreatedAt, now, e.spec.Location); ok {
			d.PublishedAt = ts
		}
		d.ID = ident.ForPost(e.spec.Source, link, d.Author, "")
		out.Docs = append(out.Docs, d)
	}
	if lowest > 1 && t.Slug != "" {
		// TopicView shows the posts near post N: a quarter of a chunk
		// before it, the rest after; N = lowest-15 ends the chunk just
		// before the posts already read (overlap is harmless).
		out.Next = resolve(root, "t/"+url.PathEscape(t.Slug)+"/"+strconv.Itoa(t.ID)+"/"+strconv.Itoa(max(1, lowest-15))+".json")
	}
	return out, nil
}
