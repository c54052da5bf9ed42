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
	"github.com/mentionwatch/mentionwatch/watcher/feed"
)

type format int

const (
	formatHTML format = iota
	formatJSON
	formatFeed
)

// sniff tells JSON, RSS/Atom and HTML bodies apart: JSON by the
// Content-Type or an opening brace or bracket, feeds as the feed reader
// tells them (feed.Sniff), and a body that is neither by a Content-Type
// that says RSS or Atom.
func sniff(body []byte, contentType string) format {
	ct := strings.ToLower(contentType)
	head := bytes.TrimLeft(body, " \t\r\n\ufeff")
	if strings.Contains(ct, "json") || len(head) > 0 && (head[0] == '{' || head[0] == '[') {
		return formatJSON
	}
	switch feed.Sniff(body) {
	case feed.RSS, feed.Atom:
		return formatFeed
	case feed.Unknown:
		if strings.Contains(ct, "rss") || strings.Contains(ct, "atom") {
			return formatFeed // the feed reader says what is wrong with it
		}
	}
	return formatHTML
}

// extractFeed reads an RSS or Atom body (Bluesky's profile RSS, a
// Discourse topic's .rss, any source that turns out to serve a feed): one
// document per entry. The feed is read as feed sources are (feed.Read:
// charset, repairs, titles, texts and authors); the scraper adds the
// thread, the profile's own name for entries without an author, dates
// read in the source's zone, and post identities.
func (e *Extractor) extractFeed(body []byte, contentType string, page *url.URL, now time.Time) (*Page, error) {
	f, err := feed.Read(body, contentType)
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
		feedAuthor = plaintext.LineFromHTML(f.Authors[0].Name)
	} else if e.spec.Type == model.SourceProfile {
		feedAuthor = plaintext.LineFromHTML(f.Title)
		if strings.HasPrefix(feedAuthor, "@") {
			feedAuthor, _, _ = strings.Cut(strings.TrimPrefix(feedAuthor, "@"), " - ")
		}
	}
	out := &Page{}
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		d := model.Document{Replies: -1, ThreadURL: thread, Title: feed.EntryTitle(it), Text: feed.EntryText(it)}
		if d.Title == "" && d.Text == "" {
			continue
		}
		if d.Author = feed.EntryAuthor(it); d.Author == "" {
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
