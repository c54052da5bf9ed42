// Package scrape extracts documents from forum threads, topic lists and
// public profile pages with CSS selectors, and ships presets for the common
// forum engines and social sites.
//
// A source is described by a Spec (what rules.yaml says); Compile checks it
// and returns an Extractor. The crawler asks the Extractor which URL to
// fetch (URL), hands it every fetched page (Extract) and follows Page.Next
// up to the source's max_pages.
//
// Selectors are CSS selectors (cascadia, as goquery uses). "selector@attr"
// reads an attribute instead of the text; "@attr" alone, ":scope@attr" and
// a selector that matches the item itself when nothing inside it does
// ("div.post@data-id") read the item's own attribute; ":scope" starts a
// selector relative to the item (":scope > a@href"); an empty selector
// means the field is not extracted.
//
// Forum threads grow at their end, so thread presets start where the newest
// posts are: the source URL is rewritten to the engine's "last page" form
// where the engine has one (phpBB start=<huge>, XenForo /latest, vBulletin
// goto=lastpost, SMF .msg<huge>, Invision ?do=getLastComment, Discourse
// /last.json), and Page.Next then walks backwards (the previous page). When
// a thread page is its first page and links to a later last page, Next is
// that last page. Topic lists, channels and profiles list the newest first,
// so Next is simply the next (older) page.
//
// One document is made per post. A post is identified by its permalink
// (ident.ForPost); without one, by a hash of the source, the author, the
// thread (never the page) and the post's absolute date, and only without a
// date by its text, so that an edited post stays the same document (an
// "edited" note's date is never the post's). A permalink that is an
// anchor ("#p120"), alone or on a page of the thread ("?start=20#p120"),
// identifies the post as the thread with that anchor, while the
// document's URL opens the page the post was read from. Where an earlier
// version identified a post otherwise, Document.PrevIDs carries that
// identity, so that the store does not take the post for a new one. A post with neither text nor a
// title of its own (an image, a bare quote) is skipped; posts of a thread
// without a title of their own take the thread's.
//
// Thread tracking: posts of a thread page share the thread's canonical URL
// (the engine's thread URL without page or post parameters) as ThreadURL,
// and its reply count as Replies, taken in this order from a reply count
// the page prints (the replies selector), the posts count the page prints
// (phpBB "12 posts", Discourse posts_count) less one, the highest post
// number on the page less one (XenForo "#42", vBulletin "#12", SMF "Reply
// #16"), or, when the engine's pagination shows the thread fits on this
// one page, the posts on it less one; otherwise -1. Each row of a topic
// list is a thread of its own (ThreadURL is its link, Replies its reply
// column). A profile post with a reply count is a thread of its own too.
//
// Quoted posts stay in the text, on their own "> " line cut to 200
// characters, without the quotes they quote: a reply often makes sense
// only with its quote, but the quoted post is a document of its own and
// must not dominate. Comments nested inside their parent's element
// (Pikabu) belong to themselves only.
//
// A page that is an RSS or Atom feed (Bluesky's profile feed, a forum
// thread's feed) is read by the feed reader (watcher/feed), whose titles,
// texts and authors are those of feed sources; the scraper adds the
// thread, the profile's name for entries that name no author, dates read
// in the source's zone, and post identities.
package scrape

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
)

// Spec is what a forum or profile source says in rules.yaml.
type Spec struct {
	// Type is "forum" or "profile".
	Type string
	// Preset is "" or one of Presets().
	Preset string
	// Selectors are explicit selectors; each non-empty one overrides the
	// preset's.
	Selectors config.Selectors
	// MaxPages is how many pages one crawl may fetch (0 means 1).
	MaxPages int
	// Source is the source's name; it scopes the identity of posts that
	// have no permalink (a hash of source, author and date or text).
	Source string
	// Location is the time zone of dates the page shows without one
	// (forums print local times); nil means the zone of the now passed
	// to Extract.
	Location *time.Location
	// MaxItems is the most posts one page yields, the newest kept
	// (0 means DefaultMaxItems).
	MaxItems int
}

// Page is what one fetched page yields.
type Page struct {
	// Docs holds one document per post, in page order.
	Docs []model.Document
	// Next is the absolute URL of the next page to crawl, "" if none.
	Next string
	// Dropped counts the oldest posts left out because the page held more
	// than the Spec's MaxItems.
	Dropped int
}

// FieldError is a problem with one field of a Spec. Field is the field's
// path as rules.yaml spells it below the source ("preset",
// "selectors.date", "max_pages").
type FieldError struct {
	Field string
	Msg   string
}

// Error implements error.
func (e *FieldError) Error() string { return e.Field + ": " + e.Msg }

// FieldPath returns the field's path below the source.
func (e *FieldError) FieldPath() string { return e.Field }

// Extractor extracts documents from the pages of one source. It is
// immutable and safe for concurrent use.
type Extractor struct {
	spec    Spec
	preset  *preset
	layouts []*layout
}

// Presets lists the preset names, sorted.
func Presets() []string {
	names := make([]string, 0, len(presets))
	for name := range presets {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Compile checks and compiles the spec. Every problem is reported, each as
// a *FieldError, joined with errors.Join.
func Compile(spec Spec) (*Extractor, error) {
	var errs []error
	add := func(field, format string, args ...any) {
		errs = append(errs, &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	switch spec.Type {
	case model.SourceForum, model.SourceProfile:
	default:
		add("type", "scraping needs type forum or profile (got %q)", spec.Type)
	}
	if spec.MaxPages < 0 {
		add("max_pages", "must not be negative (got %d)", spec.MaxPages)
	}
	var p *preset
	if spec.Preset != "" {
		p = presets[strings.ToLower(strings.TrimSpace(spec.Preset))]
		if p == nil {
			add("preset", "unknown preset %q (known: %s)", spec.Preset, strings.Join(Presets(), ", "))
		}
	} else if strings.TrimSpace(spec.Selectors.Item) == "" {
		add("selectors.item", "a %s source needs a preset or selectors.item", typeName(spec.Type))
	}
	over, ferrs := compileOverrides(spec.Selectors)
	errs = append(errs, ferrs...)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	e := &Extractor{spec: spec, preset: p}
	var base []*layout
	if p != nil {
		base = p.layouts
	} else {
		base = []*layout{customLayout(spec)}
	}
	for _, l := range base {
		e.layouts = append(e.layouts, l.with(over))
	}
	if p == nil && spec.Selectors.Text == "" && spec.Selectors.Title == "" {
		// Only an item: its whole text is the post.
		e.layouts[0].text = field{sel{src: "(the item)"}}
	}
	return e, nil
}

func typeName(t string) string {
	if t == "" {
		return "forum or profile"
	}
	return t
}

// URL returns the URL to fetch for a source URL: the preset may rewrite it
// (a thread to its last page, a Discourse topic to its JSON, a Telegram
// channel to its t.me/s/ preview, a Reddit page to its .json). Explicit
// selectors turn the rewrite off when they change the item, since the
// rewritten page may not be what they were written for.
func (e *Extractor) URL(sourceURL string) string {
	if e.preset == nil || e.preset.rewrite == nil || e.spec.Selectors.Item != "" {
		return sourceURL
	}
	u, err := parseAbs(sourceURL)
	if err != nil {
		return sourceURL
	}
	if r := e.preset.rewrite(u); r != nil {
		return r.String()
	}
	return sourceURL
}

// MaxPages is the number of pages one crawl may fetch (at least 1).
func (e *Extractor) MaxPages() int { return max(1, e.spec.MaxPages) }

// Preset is the preset's name, "" for explicit selectors only.
func (e *Extractor) Preset() string {
	if e.preset == nil {
		return ""
	}
	return e.preset.name
}
