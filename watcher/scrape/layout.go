package scrape

import (
	"net/url"
	"strings"

	"github.com/andybalholm/cascadia"
	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
)

// pageKind says what the items of a page are.
type pageKind int

const (
	// kThread: the posts of one thread; they share its URL and reply count.
	kThread pageKind = iota
	// kList: a topic list; each item is a thread of its own.
	kList
	// kFeed: the posts of a profile or channel, newest first.
	kFeed
)

// layout is one page shape a preset understands (a thread page, a topic
// list): the item selector and how to read each field of an item.
type layout struct {
	name    string
	kind    pageKind
	item    cascadia.SelectorGroup
	itemSrc string

	title, text, author, date, link, replies, thread field
	// next is the page to crawl after this one (for threads, the previous
	// page: see the package comment).
	next field
	// last links to the thread's last page; a first page with one jumps
	// there.
	last field
	// pageTitle is the thread's title, for posts without one.
	pageTitle field
	// posts is the page's count of posts in the thread (replies + 1).
	posts field
	// ordinal is an item's number within the thread (#12).
	ordinal field
	// threadLink is a page-level link to the thread, tried with threadOf
	// when the page's own URL does not name the thread (a post permalink).
	threadLink field
	// threadOf returns the canonical thread URL a URL of this engine
	// names, or "" when it names none.
	threadOf func(*url.URL) string
	// drop selects elements inside a post's text that are not its text
	// (user panels, signatures, "click to expand").
	drop cascadia.SelectorGroup
	// quote selects quotes the engine marks without a quote class.
	quote cascadia.SelectorGroup
}

// overrides are the explicit selectors of a Spec, compiled.
type overrides struct {
	item    *sel
	fields  map[string]field
	hasNext bool
}

// compileOverrides compiles every non-empty selector, reporting each bad
// one under its field path.
func compileOverrides(s config.Selectors) (overrides, []error) {
	o := overrides{fields: map[string]field{}}
	var errs []error
	for _, f := range []struct{ name, src string }{
		{"item", s.Item}, {"title", s.Title}, {"text", s.Text}, {"author", s.Author},
		{"date", s.Date}, {"link", s.Link}, {"next", s.Next}, {"replies", s.Replies}, {"thread", s.Thread},
	} {
		if strings.TrimSpace(f.src) == "" {
			continue // not extracted
		}
		x, err := parseSel(f.src)
		if err != nil {
			errs = append(errs, &FieldError{Field: "selectors." + f.name, Msg: err.Error()})
			continue
		}
		if f.name == "item" {
			if x.attr != "" || x.m == nil {
				errs = append(errs, &FieldError{Field: "selectors.item", Msg: "the item selector selects elements; it cannot read an attribute (" + f.src + ")"})
				continue
			}
			o.item = &x
			continue
		}
		if f.name == "next" {
			x.page = true
			o.hasNext = true
		}
		o.fields[f.name] = field{x}
	}
	return o, errs
}

// with returns a copy of l with the explicit selectors in place of the
// preset's.
func (l *layout) with(o overrides) *layout {
	c := *l
	if o.item != nil {
		c.item = o.item.m
		c.itemSrc = o.item.src
	}
	for name, f := range o.fields {
		switch name {
		case "title":
			c.title = f
		case "text":
			c.text = f
		case "author":
			c.author = f
		case "date":
			c.date = f
		case "link":
			c.link = f
		case "next":
			c.next = f
		case "replies":
			c.replies = f
		case "thread":
			c.thread = f
			if c.kind == kThread {
				c.kind = kList
			}
		}
	}
	return &c
}

// customLayout is the layout of a source with explicit selectors only; the
// fields are filled in by with.
func customLayout(spec Spec) *layout {
	l := &layout{name: "custom", kind: kThread}
	if spec.Type == model.SourceProfile {
		l.kind = kFeed
	} else {
		l.pageTitle = mustField(`meta[property="og:title"]@content`, "title").onPage()
	}
	return l
}
