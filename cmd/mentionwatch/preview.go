package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/app"
)

// previewDoc is one document in `preview --json` output.
type previewDoc struct {
	URL         string     `json:"url"`
	Title       string     `json:"title"`
	Text        string     `json:"text"`
	Author      string     `json:"author"`
	PublishedAt *time.Time `json:"published_at"`
	ID          string     `json:"id"`
	ThreadURL   string     `json:"thread_url,omitempty"`
	Replies     *int       `json:"replies,omitempty"`
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
	found := false
	for _, s := range c.Cfg.Sources {
		found = found || s.Name == pos[0]
	}
	if !found {
		return usagef("no source named %q in %s", pos[0], *cfgPath)
	}
	docs, err := app.Preview(e.ctx, c, pos[0], newLogger(e.stderr, c.Cfg))
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	for i, d := range docs {
		if *asJSON {
			v := previewDoc{URL: d.URL, Title: d.Title, Text: d.Text, Author: d.Author, ID: d.ID, ThreadURL: d.ThreadURL}
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
		fmt.Fprintf(e.stdout, "   text:      %s\n\n", trim(strings.Join(strings.Fields(d.Text), " "), 240))
	}
	if !*asJSON {
		fmt.Fprintf(e.stdout, "%d document(s)\n", len(docs))
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
