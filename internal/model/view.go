package model

import (
	"math"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/redact"
)

// MentionView is a mention as JSON: what `mentions --json`, /api/mentions
// and the webhook print. It holds the fields of the product contract,
// plus the rules that fired and the thread details.
type MentionView struct {
	ID          int64       `json:"id"`
	Brand       string      `json:"brand"`
	Source      string      `json:"source"`
	SourceType  string      `json:"source_type"`
	URL         string      `json:"url"`
	Title       string      `json:"title"`
	Snippet     string      `json:"snippet"`
	Author      string      `json:"author"`
	PublishedAt *time.Time  `json:"published_at"`
	FoundAt     time.Time   `json:"found_at"`
	Lang        string      `json:"lang"`
	Matched     []string    `json:"matched"`
	Sentiment   string      `json:"sentiment"`
	Negativity  float64     `json:"negativity"`
	Importance  float64     `json:"importance"`
	Severity    string      `json:"severity"`
	Tags        []string    `json:"tags"`
	Status      string      `json:"status"`
	Rules       []FiredRule `json:"rules"`
	ThreadURL   string      `json:"thread_url,omitempty"`
	Replies     *int        `json:"replies,omitempty"`
	Assignee    string      `json:"assignee,omitempty"`
	HandledBy   string      `json:"handled_by,omitempty"`
	HandledAt   *time.Time  `json:"handled_at,omitempty"`
	// Label is the sentiment a person corrected the mention to.
	Label string `json:"label,omitempty"`
}

// Public returns m with its URL and thread URL as they may be shown and
// sent, without credentials (redact.WithoutCredentials): a mention stored
// before links lost them may hold its page's ?key=….
func (m Mention) Public() Mention {
	m.URL, m.ThreadURL = redact.WithoutCredentials(m.URL), redact.WithoutCredentials(m.ThreadURL)
	return m
}

// View returns the JSON view of m, with its links as Public shows them.
func (m Mention) View() MentionView {
	m = m.Public()
	v := MentionView{
		ID: m.ID, Brand: m.Brand, Source: m.Source, SourceType: m.SourceType, URL: m.URL, Title: m.Title,
		Snippet: m.Snippet.Markdown(), Author: m.Author, FoundAt: m.FoundAt.UTC(), Lang: m.Lang,
		Matched: nonNil(m.Matched), Sentiment: m.Sentiment, Negativity: Round3(m.Negativity),
		Importance: Round3(m.Importance), Severity: m.Severity, Tags: nonNil(m.Tags), Status: m.Status,
		Rules: m.Rules, ThreadURL: m.ThreadURL, Assignee: m.Assignee, HandledBy: m.HandledBy, Label: m.Label,
	}
	if !m.HandledAt.IsZero() {
		h := m.HandledAt.UTC()
		v.HandledAt = &h
	}
	if v.Rules == nil {
		v.Rules = []FiredRule{}
	}
	if !m.PublishedAt.IsZero() {
		p := m.PublishedAt.UTC()
		v.PublishedAt = &p
	}
	if m.Replies >= 0 {
		r := m.Replies
		v.Replies = &r
	}
	return v
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Round3 rounds a score to three decimals for display.
func Round3(x float64) float64 { return math.Round(x*1000) / 1000 }
