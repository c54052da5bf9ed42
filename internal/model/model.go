// Package model holds the data types that flow through mentionwatch:
// documents produced by the watcher, and mentions produced by matching and
// scoring them. It has no behaviour beyond small helpers, so every other
// package can depend on it without dependency cycles.
package model

import (
	"strings"
	"time"
)

// Source types understood by the watcher.
const (
	SourceFeed    = "feed"
	SourceForum   = "forum"
	SourceProfile = "profile"
)

// Sentiment labels.
const (
	Negative = "negative"
	Neutral  = "neutral"
	Positive = "positive"
)

// Severity levels, from least to most urgent.
const (
	SeverityInfo     = "info"
	SeverityWarning  = "warning"
	SeverityCritical = "critical"
)

// SeverityRank orders severities: info < warning < critical. Unknown values
// rank below info.
func SeverityRank(s string) int {
	switch s {
	case SeverityInfo:
		return 1
	case SeverityWarning:
		return 2
	case SeverityCritical:
		return 3
	}
	return 0
}

// Document is one unit of content a source yields: a feed entry, a forum
// post, or a profile post. Extractors fill it; the pipeline matches it.
type Document struct {
	// ID is the document's stable identity within mentionwatch, such as
	// "guid:<source>:<guid>", "url:<canonical url>" or "hash:<hex>". A
	// document with an ID already seen is never matched or alerted again.
	ID string `json:"id"`
	// URL is the canonical absolute link to the document, if it has one.
	URL string `json:"url"`
	// Title is plain text (no markup).
	Title string `json:"title"`
	// Text is the body as plain text: markup stripped, entities decoded.
	Text string `json:"text"`
	// Author is the display name or handle of the author, if known.
	Author string `json:"author"`
	// PublishedAt is when the document was published; zero if unknown.
	PublishedAt time.Time `json:"published_at"`

	// ThreadURL identifies the forum thread the document belongs to (or
	// is), when the extractor knows it.
	ThreadURL string `json:"thread_url,omitempty"`
	// Replies is the thread's reply count as the page shows it, or -1
	// when unknown.
	Replies int `json:"replies"`

	// PrevIDs are identities earlier versions of mentionwatch gave the
	// same document, where the way its ID is made has changed since ("" for
	// none): a document stored under one of them is not new. An array
	// keeps Document comparable.
	PrevIDs [2]string `json:"-"`
}

// OwnURL reports whether d.URL is the document's own link (a permalink or
// an article's address), which identifies it as well as its ID does. A
// document identified by a hash ("hash:…") has no link of its own: its URL
// is the page or thread it stood on, shared by every post there.
func (d Document) OwnURL() bool {
	return d.URL != "" && !strings.HasPrefix(d.ID, "hash:")
}

// Source describes where a document came from, as rules see it.
type Source struct {
	Name   string   `json:"name" expr:"name"`
	Type   string   `json:"type" expr:"type"`
	Weight float64  `json:"weight" expr:"weight"`
	Tags   []string `json:"tags,omitempty" expr:"tags"`
}

// Snippet is a short excerpt of a document with the matched words marked.
// Marks are byte ranges [start, end) into Text, sorted and not overlapping.
type Snippet struct {
	Text  string   `json:"text"`
	Marks [][2]int `json:"marks,omitempty"`
}

// FiredRule records one scoring rule that fired and what it changed.
type FiredRule struct {
	Name   string `json:"name"`
	Effect string `json:"effect"`
}

// Mention is a document that matched a brand, with its scores. It is what
// gets stored, listed and alerted.
type Mention struct {
	ID          int64       `json:"id"`
	DocID       string      `json:"-"`
	Brand       string      `json:"brand"`
	Source      string      `json:"source"`
	SourceType  string      `json:"source_type"`
	URL         string      `json:"url"`
	Title       string      `json:"title"`
	Snippet     Snippet     `json:"-"`
	Author      string      `json:"author"`
	PublishedAt time.Time   `json:"published_at"`
	FoundAt     time.Time   `json:"found_at"`
	Lang        string      `json:"lang"`
	Matched     []string    `json:"matched"`
	Sentiment   string      `json:"sentiment"`
	Negativity  float64     `json:"negativity"`
	Importance  float64     `json:"importance"`
	Severity    string      `json:"severity"`
	Tags        []string    `json:"tags"`
	Rules       []FiredRule `json:"rules,omitempty"`
	Status      string      `json:"status"`
	ThreadURL   string      `json:"thread_url,omitempty"`
	Replies     int         `json:"replies"`
	// Backfill marks a mention found on a source's first crawl that is
	// older than the source's backfill window: stored, never alerted.
	Backfill bool `json:"backfill,omitempty"`

	// Text is the document's full text, which rules and routes read.
	Text string `json:"-"`
	// SourceWeight and SourceTags describe the source, as the config
	// says now, while the mention is being processed; they are not stored.
	SourceWeight float64  `json:"-"`
	SourceTags   []string `json:"-"`
	// Growth is how many replies the mention's thread gained since the
	// previous crawl, while the mention is being processed.
	Growth int `json:"-"`

	// Assignee is who took the mention ("" when nobody).
	Assignee string `json:"assignee,omitempty"`
	// HandledBy and HandledAt say who closed the mention (handled or
	// false positive) and when.
	HandledBy string    `json:"handled_by,omitempty"`
	HandledAt time.Time `json:"handled_at,omitzero"`
	// Label is the sentiment a person gave the mention, "" when nobody
	// corrected it: ground truth for the backtest and the quality report.
	Label string `json:"label,omitempty"`
}

// Mention statuses.
const (
	StatusNew           = "new"
	StatusHandled       = "handled"
	StatusFalsePositive = "false_positive"
)

// HasTag reports whether tag is among tags.
func HasTag(tags []string, tag string) bool {
	for _, t := range tags {
		if t == tag {
			return true
		}
	}
	return false
}

// Render returns the snippet text with every mark wrapped in open and
// close. esc, when not nil, escapes the plain text between marks (for HTML
// or Slack mrkdwn).
func (s Snippet) Render(open, close string, esc func(string) string) string {
	if esc == nil {
		esc = func(x string) string { return x }
	}
	var b []byte
	pos := 0
	for _, m := range s.Marks {
		if m[0] < pos || m[1] > len(s.Text) || m[0] >= m[1] {
			continue
		}
		b = append(b, esc(s.Text[pos:m[0]])...)
		b = append(b, open...)
		b = append(b, esc(s.Text[m[0]:m[1]])...)
		b = append(b, close...)
		pos = m[1]
	}
	b = append(b, esc(s.Text[pos:])...)
	return string(b)
}

// Markdown renders the snippet with **bold** marks, as the JSON output
// shows it.
func (s Snippet) Markdown() string { return s.Render("**", "**", nil) }

// Actions a person takes on a mention, in the inbox, its API or Slack.
const (
	ActionHandled       = "handled"        // answered: status handled
	ActionReopen        = "reopen"         // back to new
	ActionFalsePositive = "false_positive" // not about the brand
	ActionAssign        = "assign"         // value: a user name ("" unassigns)
	ActionSentiment     = "sentiment"      // value: the right sentiment label
	ActionNote          = "note"           // value: a text
	ActionMuteSource    = "mute_source"    // the mention's source alerts no more
	ActionUnmuteSource  = "unmute_source"  // undoes mute_source
)

// ActionRecord is one action in a mention's history.
type ActionRecord struct {
	At     time.Time `json:"at"`
	User   string    `json:"user"`
	Action string    `json:"action"`
	Value  string    `json:"value"` // "" when the action takes none
	// Via is where it was done: "inbox", "api", "slack".
	Via string `json:"via,omitempty"`
}
