package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/app"
	"github.com/mentionwatch/mentionwatch/internal/model"
)

// previewDoc is one document in `preview --json` output: the contract's
// fields (url, title, text, author, published_at, id), then the detected
// language and the brands it would be a mention of, scored.
type previewDoc struct {
	URL         string         `json:"url"`
	Title       string         `json:"title"`
	Text        string         `json:"text"`
	Author      string         `json:"author"`
	PublishedAt *time.Time     `json:"published_at"`
	ID          string         `json:"id"`
	ThreadURL   string         `json:"thread_url,omitempty"`
	Replies     *int           `json:"replies,omitempty"`
	Lang        string         `json:"lang"`
	Brands      []previewBrand `json:"brands"`
}

// previewBrand is one brand a previewed document would be a mention of:
// the matched words and the scores, as the mention would be stored.
type previewBrand struct {
	Brand      string            `json:"brand"`
	Matched    []string          `json:"matched"`
	Snippet    string            `json:"snippet"`
	Sentiment  string            `json:"sentiment"`
	Negativity float64           `json:"negativity"`
	Importance float64           `json:"importance"`
	Severity   string            `json:"severity"`
	Tags       []string          `json:"tags"`
	Rules      []model.FiredRule `json:"rules"`
}

func previewBrands(ms []*model.Mention) []previewBrand {
	out := make([]previewBrand, 0, len(ms))
	for _, m := range ms {
		v := m.View() // rounded as mentions --json prints them
		out = append(out, previewBrand{Brand: v.Brand, Matched: v.Matched, Snippet: v.Snippet, Sentiment: v.Sentiment,
			Negativity: v.Negativity, Importance: v.Importance, Severity: v.Severity, Tags: v.Tags, Rules: v.Rules})
	}
	return out
}

func previewCmd(e *env, args []string) error {
	fs, cfgPath := flags(e, "preview")
	asJSON := fs.Bool("json", false, "one JSON object per document")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give exactly one source NAME")
	}
	c, err := load(e, *cfgPath)
	if err != nil {
		return err
	}
	names := make([]string, len(c.Cfg.Sources))
	for i, s := range c.Cfg.Sources {
		names[i] = s.Name
	}
	name, err := app.ResolveName("source", pos[0], names)
	if err != nil {
		return usagef("%v", err)
	}
	docs, err := app.Preview(e.ctx, c, name, newLogger(e.stderr, c.Cfg))
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	matching := 0
	for i, d := range docs {
		if *asJSON {
			v := previewDoc{URL: d.URL, Title: d.Title, Text: d.Text, Author: d.Author, ID: d.ID, ThreadURL: d.ThreadURL,
				Lang: d.Lang, Brands: previewBrands(d.Mentions)}
			if !d.PublishedAt.IsZero() {
				t := d.PublishedAt.UTC().Truncate(time.Millisecond) // as stored and as mentions --json prints it
				v.PublishedAt = &t
			}
			if d.Replies >= 0 {
				r := d.Replies
				v.Replies = &r
			}
			if err := enc.Encode(v); err != nil {
				return err
			}
			continue
		}
		fmt.Fprintf(e.stdout, "%d. %s\n", i+1, orDash(d.Title))
		fmt.Fprintf(e.stdout, "   url:       %s\n", orDash(d.URL))
		fmt.Fprintf(e.stdout, "   author:    %s\n", orDash(d.Author))
		pub := "-"
		if !d.PublishedAt.IsZero() {
			pub = d.PublishedAt.Local().Format(time.RFC3339)
		}
		fmt.Fprintf(e.stdout, "   published: %s\n", pub)
		fmt.Fprintf(e.stdout, "   id:        %s\n", d.ID)
		if d.ThreadURL != "" {
			fmt.Fprintf(e.stdout, "   thread:    %s (replies %d)\n", d.ThreadURL, d.Replies)
		}
		fmt.Fprintf(e.stdout, "   text:      %s\n", trim(strings.Join(strings.Fields(d.Text), " "), 240))
		fmt.Fprintf(e.stdout, "   lang:      %s\n", orDash(d.Lang))
		if len(d.Mentions) == 0 {
			fmt.Fprintf(e.stdout, "   brands:    none\n")
		} else {
			matching++
		}
		for _, b := range previewBrands(d.Mentions) {
			fmt.Fprintf(e.stdout, "   brand:     %s (matched: %s)\n", b.Brand, strings.Join(b.Matched, ", "))
			fmt.Fprintf(e.stdout, "              %s, negativity %.2f, importance %.2f, severity %s", b.Sentiment, b.Negativity, b.Importance, b.Severity)
			if len(b.Tags) > 0 {
				fmt.Fprintf(e.stdout, ", tags: %s", strings.Join(b.Tags, ", "))
			}
			fmt.Fprintln(e.stdout)
		}
		fmt.Fprintln(e.stdout)
	}
	if !*asJSON {
		fmt.Fprintf(e.stdout, "%d document(s), %d mentioning a brand\n", len(docs), matching)
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
