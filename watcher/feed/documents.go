package feed

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"

	"github.com/mentionwatch/mentionwatch/internal/ident"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/plaintext"
)

// documents converts parsed items to documents.
func documents(f *gofeed.Feed, baseURL, source string) []model.Document {
	base := absURL(nil, baseURL)
	if base == nil { // no usable feed URL: the feed's own link is the next best base
		base = absURL(nil, f.FeedLink)
		if base == nil {
			base = absURL(nil, f.Link)
		}
	}
	type entry struct {
		item  *gofeed.Item
		guid  string
		link  string
		title string
		text  string
	}
	entries := make([]entry, 0, len(f.Items))
	guids := make(map[string]int, len(f.Items))
	links := make(map[string]int, len(f.Items))
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		e := entry{
			item:  it,
			guid:  strings.TrimSpace(it.GUID),
			link:  itemLink(it, base),
			title: EntryTitle(it),
			text:  EntryText(it),
		}
		if e.title == "" && e.text == "" && e.link == "" {
			continue
		}
		if e.guid != "" {
			guids[e.guid]++
		}
		if e.link != "" {
			links[e.link]++
		}
		entries = append(entries, e)
	}
	docs := make([]model.Document, 0, len(entries))
	for _, e := range entries {
		// A GUID or link shared by several entries of one feed identifies
		// none of them: fall back to the next identity.
		guid, idLink := e.guid, e.link
		if guids[guid] > 1 {
			guid = ""
		}
		if links[idLink] > 1 {
			idLink = ""
		}
		docs = append(docs, model.Document{
			ID:          ident.ForFeedEntry(source, guid, idLink, e.title, e.text),
			URL:         e.link,
			Title:       e.title,
			Text:        e.text,
			Author:      EntryAuthor(e.item),
			PublishedAt: itemDate(e.item),
			Replies:     itemReplies(e.item),
		})
	}
	return docs
}

// EntryTitle is an entry's title as plain text on one line.
func EntryTitle(it *gofeed.Item) string {
	return plaintext.LineFromHTML(it.Title)
}

// EntryText is an entry's fullest text as plain text: its content, else
// its description or summary, else a Media RSS description (YouTube).
func EntryText(it *gofeed.Item) string {
	return plaintext.FromHTML(itemText(it))
}

// itemText is the entry's fullest text as the feed has it (HTML).
func itemText(it *gofeed.Item) string {
	if strings.TrimSpace(it.Content) != "" {
		return it.Content
	}
	if strings.TrimSpace(it.Description) != "" {
		return it.Description
	}
	if g := firstExt(it.Extensions, "media", "group"); g != nil {
		if d := g.Children["description"]; len(d) > 0 {
			return d[0].Value
		}
	}
	if d := firstExt(it.Extensions, "media", "description"); d != nil {
		return d.Value
	}
	return ""
}

// itemLink is the entry's canonical absolute link: FeedBurner's original
// link when there is one, else the link, else a GUID that is a URL.
func itemLink(it *gofeed.Item, base *url.URL) string {
	candidates := [4]string{}
	if o := firstExt(it.Extensions, "feedburner", "origLink"); o != nil {
		candidates[0] = o.Value
	}
	candidates[1] = it.Link
	if len(it.Links) > 0 {
		candidates[2] = it.Links[0]
	}
	candidates[3] = it.GUID
	for i, c := range candidates {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if i == 3 && !strings.HasPrefix(c, "http://") && !strings.HasPrefix(c, "https://") {
			continue // a GUID that is not a URL is not a link
		}
		if u := absURL(base, c); u != nil {
			return ident.CanonicalURL(u.String())
		}
	}
	return ""
}

// absURL resolves ref against base (which may be nil) and returns it if
// the result is an absolute http(s) URL.
func absURL(base *url.URL, ref string) *url.URL {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return nil
	}
	u, err := url.Parse(ref)
	if err != nil {
		return nil
	}
	if !u.IsAbs() {
		if base == nil {
			return nil
		}
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	return u
}

// EntryAuthor is the name of an entry's first author that has one, else
// the first author's e-mail address; "" when the entry names nobody.
func EntryAuthor(it *gofeed.Item) string {
	var email string
	people := it.Authors
	if it.Author != nil {
		people = append([]*gofeed.Person{it.Author}, people...)
	}
	for _, p := range people {
		if p == nil {
			continue
		}
		if n := plaintext.LineFromHTML(p.Name); n != "" {
			return n
		}
		if email == "" {
			email = strings.TrimSpace(p.Email)
		}
	}
	return email
}

// itemDate is when the entry was published, else last updated; zero when
// the feed gives no date it can read.
func itemDate(it *gofeed.Item) time.Time {
	if it.PublishedParsed != nil {
		return it.PublishedParsed.UTC()
	}
	if it.UpdatedParsed != nil {
		return it.UpdatedParsed.UTC()
	}
	for _, s := range [2]string{it.Published, it.Updated} {
		if t, ok := parseDate(s); ok {
			return t.UTC()
		}
	}
	if dc := it.DublinCoreExt; dc != nil {
		for _, s := range dc.Date {
			if t, ok := parseDate(s); ok {
				return t.UTC()
			}
		}
	}
	return time.Time{}
}

// itemReplies reads a comment count (slash:comments, thr:total), or -1.
func itemReplies(it *gofeed.Item) int {
	for _, k := range [2][2]string{{"slash", "comments"}, {"thr", "total"}} {
		if e := firstExt(it.Extensions, k[0], k[1]); e != nil {
			if n, err := strconv.Atoi(strings.TrimSpace(e.Value)); err == nil && n >= 0 {
				return n
			}
		}
	}
	return -1
}

func firstExt(x ext.Extensions, prefix, name string) *ext.Extension {
	if x == nil {
		return nil
	}
	if es := x[prefix][name]; len(es) > 0 {
		return &es[0]
	}
	return nil
}
