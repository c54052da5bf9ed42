package scrape

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/ident"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/plaintext"
	"github.com/mentionwatch/mentionwatch/watcher/charset"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

type format int

const (
	formatHTML format = iota
	formatJSON
	formatFeed
)

// sniff tells JSON and RSS/Atom bodies from HTML by the Content-Type and
// the first bytes.
func sniff(body []byte, contentType string) format {
	ct := strings.ToLower(contentType)
	head := bytes.TrimLeft(body, " \t\r\n\ufeff")
	switch {
	case strings.Contains(ct, "json"), len(head) > 0 && (head[0] == '{' || head[0] == '['):
		return formatJSON
	case strings.Contains(ct, "rss"), strings.Contains(ct, "atom"):
		return formatFeed
	}
	if len(head) > 512 {
		head = head[:512]
	}
	low := bytes.ToLower(head)
	if bytes.HasPrefix(low, []byte("<?xml")) || bytes.HasPrefix(low, []byte("<rss")) || bytes.HasPrefix(low, []byte("<feed")) || bytes.HasPrefix(low, []byte("<rdf:rdf")) {
		if bytes.Contains(low, []byte("<rss")) || bytes.Contains(low, []byte("<feed")) || bytes.Contains(low, []byte("<rdf:rdf")) {
			return formatFeed
		}
	}
	return formatHTML
}

// extractFeed reads an RSS or Atom body (Bluesky's profile RSS, a
// Discourse topic's .rss, any source that turns out to serve a feed): one
// document per entry.
func (e *Extractor) extractFeed(body []byte, contentType string, page *url.URL, now time.Time) (*Page, error) {
	utf8Body, _, err := charset.DecodeXML(body, contentType)
	if err != nil {
		return nil, fmt.Errorf("scrape: %s: %w", page, err)
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(utf8Body))
	if err != nil {
		return nil, fmt.Errorf("scrape: %s: reading feed: %w", page, err)
	}
	thread := ""
	if e.spec.Type == model.SourceForum {
		if l := resolve(page, f.Link); l != "" {
			thread = ident.CanonicalURL(l)
		}
	}
	// A profile's feed is one person's: entries without an author are
	// theirs ("@handle - Name" is how Bluesky titles it).
	feedAuthor := ""
	if len(f.Authors) > 0 && f.Authors[0] != nil {
		feedAuthor = plaintext.TidyLine(f.Authors[0].Name)
	} else if e.spec.Type == model.SourceProfile {
		feedAuthor = plaintext.TidyLine(f.Title)
		if strings.HasPrefix(feedAuthor, "@") {
			feedAuthor, _, _ = strings.Cut(strings.TrimPrefix(feedAuthor, "@"), " - ")
		}
	}
	out := &Page{}
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		d := model.Document{Replies: -1, ThreadURL: thread}
		d.Title = plaintext.TidyLine(htmlToText(it.Title))
		body := it.Content
		if body == "" {
			body = it.Description
		}
		d.Text = htmlToText(body)
		if d.Title == "" && d.Text == "" {
			continue
		}
		switch {
		case len(it.Authors) > 0 && it.Authors[0] != nil:
			d.Author = plaintext.TidyLine(it.Authors[0].Name)
		case it.DublinCoreExt != nil && len(it.DublinCoreExt.Creator) > 0:
			d.Author = plaintext.TidyLine(it.DublinCoreExt.Creator[0])
		default:
			d.Author = feedAuthor
		}
		switch {
		case it.PublishedParsed != nil:
			d.PublishedAt = *it.PublishedParsed
		case it.UpdatedParsed != nil:
			d.PublishedAt = *it.UpdatedParsed
		default:
			if t, ok := ParseDate(it.Published, now, e.spec.Location); ok {
				d.PublishedAt = t
			}
		}
		link := resolve(page, it.Link)
		if link != "" {
			d.URL = ident.CanonicalURL(link)
			d.ID = ident.ForPost(e.spec.Source, forIdentity(link), d.Author, "")
		} else {
			key := strings.TrimSpace(it.GUID)
			if key == "" {
				key = d.Title + "\n" + d.Text
			}
			d.ID = ident.ForPost(e.spec.Source, "", d.Author, key)
			d.URL = ident.CanonicalURL(page.String())
		}
		out.Docs = append(out.Docs, d)
	}
	return out, nil
}

// htmlToText renders an HTML fragment (a feed entry's or a JSON post's
// body) as plain text with the same rules as page text.
func htmlToText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return plaintext.Tidy(s)
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return plaintext.TidyLine(s)
	}
	root := &html.Node{Type: html.ElementNode, Data: "div"}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return blockText(root, nil)
}
