package app

import (
	"context"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// EvalRow is the quality of one brand's mentions (or of all of them), as
// people judged them in the inbox.
type EvalRow struct {
	Brand    string `json:"brand,omitempty"`
	Mentions int    `json:"mentions"`
	// Reviewed mentions were handled, marked false positive or given a
	// sentiment label; Precision is the share of them not marked false
	// positive (nil when none was reviewed).
	Reviewed       int      `json:"reviewed"`
	FalsePositives int      `json:"false_positives"`
	Precision      *float64 `json:"precision"`
	// Labelled mentions (not false positives) carry a sentiment a person
	// gave; Accuracy is the share of them where the config's sentiment
	// agrees (nil when none is labelled). Confusion counts them by label,
	// then by the config's sentiment.
	Labelled  int                       `json:"labelled"`
	Agrees    int                       `json:"sentiment_agrees"`
	Accuracy  *float64                  `json:"sentiment_accuracy"`
	Confusion map[string]map[string]int `json:"confusion,omitempty"`
}

// EvalReport is the quality report of the mentions found since Since.
type EvalReport struct {
	Since   time.Time `json:"since"`
	Brands  []EvalRow `json:"brands"`
	Overall EvalRow   `json:"overall"`
}

// Eval measures matching precision and sentiment accuracy on the stored
// mentions found since since that people reviewed. A sentiment label
// replaces the stored sentiment, so the sentiment compared with it is the
// one c's scoring gives the stored text, judged as of when the mention was
// found: the accuracy of the config as it is now.
func Eval(ctx context.Context, st *store.Store, c *Compiled, since time.Time) (*EvalReport, error) {
	ms, err := st.Mentions(ctx, store.MentionFilter{Since: since})
	if err != nil {
		return nil, err
	}
	rep := &EvalReport{Since: since}
	rows := map[string]*EvalRow{}
	var order []string
	row := func(name string) *EvalRow {
		k := strings.ToLower(name)
		if r := rows[k]; r != nil {
			return r
		}
		r := &EvalRow{Brand: name}
		rows[k] = r
		order = append(order, k)
		return r
	}
	for _, b := range c.Cfg.Brands {
		row(b.Name)
	}
	j := newJudge(c)
	// Oldest first, as they were found.
	for i := len(ms) - 1; i >= 0; i-- {
		m := &ms[i]
		var sentiment string
		if m.Label != "" && m.Status != model.StatusFalsePositive {
			sentiment = j.sentiment(m)
		}
		for _, r := range []*EvalRow{row(m.Brand), &rep.Overall} {
			r.Mentions++
			fp := m.Status == model.StatusFalsePositive
			if fp || m.Status == model.StatusHandled || m.Label != "" {
				r.Reviewed++
			}
			if fp {
				r.FalsePositives++
			}
			if sentiment == "" {
				continue
			}
			r.Labelled++
			if sentiment == m.Label {
				r.Agrees++
			}
			if r.Confusion == nil {
				r.Confusion = map[string]map[string]int{}
			}
			if r.Confusion[m.Label] == nil {
				r.Confusion[m.Label] = map[string]int{}
			}
			r.Confusion[m.Label][sentiment]++
		}
	}
	for _, k := range order {
		rep.Brands = append(rep.Brands, *rows[k])
	}
	for i := range rep.Brands {
		rep.Brands[i].ratios()
	}
	rep.Overall.ratios()
	return rep, nil
}

func (r *EvalRow) ratios() {
	if r.Reviewed > 0 {
		p := float64(r.Reviewed-r.FalsePositives) / float64(r.Reviewed)
		r.Precision = &p
	}
	if r.Labelled > 0 {
		a := float64(r.Agrees) / float64(r.Labelled)
		r.Accuracy = &a
	}
}

// sentiment is the sentiment the judge's config gives a stored mention's
// document, as of when it was found.
func (j *judge) sentiment(m *model.Mention) string {
	src, ok := j.c.Source(m.Source)
	if !ok {
		src = config.Source{Name: m.Source, Type: m.SourceType}
	}
	j.now = m.FoundAt
	d := model.Document{URL: m.URL, Title: m.Title, Text: m.Text, Author: m.Author, PublishedAt: m.PublishedAt,
		ThreadURL: m.ThreadURL, Replies: m.Replies}
	var extra []string
	if model.HasTag(m.Tags, "thread_reply") {
		extra = []string{"thread_reply"}
	}
	return j.p.mention(&j.c, src, d, m.Lang, m.Brand, m.Matched, m.Snippet, 0, extra, m.FoundAt).Sentiment
}
