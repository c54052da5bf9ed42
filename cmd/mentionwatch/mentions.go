package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/app"
	"github.com/mentionwatch/mentionwatch/internal/model"
)

func mentionsCmd(e *env, args []string) error {
	fs, cfgPath := flags(e, "mentions")
	asJSON := fs.Bool("json", false, "one JSON object per line")
	since := fs.String("since", "", "only mentions found within this duration (e.g. 24h, 7d)")
	brand := fs.String("brand", "", "only this brand (any case)")
	sentiment := fs.String("sentiment", "", "only this sentiment: negative, neutral, positive")
	severity := fs.String("severity", "", "only this severity: info, warning, critical")
	status := fs.String("status", "", "only this status: new, handled, false_positive")
	source := fs.String("source", "", "only this source (any case)")
	limit := fs.Int("limit", 0, "at most N mentions (0: all)")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	v := app.FilterValues{Brand: *brand, Sentiment: *sentiment, Severity: *severity, Status: *status,
		Source: *source, Since: *since, Limit: strconv.Itoa(*limit)}
	c, err := load(e, *cfgPath)
	if err != nil {
		return err
	}
	st, done, err := openStored(e, c.Cfg.Storage)
	if err != nil {
		return err
	}
	defer done()
	f, err := app.MentionFilter(e.ctx, c, st, v, time.Now())
	if err != nil {
		return filterUsage(err)
	}
	ms, err := st.Mentions(e.ctx, f)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		for _, m := range ms {
			if err := enc.Encode(m.View()); err != nil {
				return err
			}
		}
		return nil
	}
	for _, m := range ms {
		marker := map[string]string{model.Negative: "-", model.Positive: "+"}[m.Sentiment]
		if marker == "" {
			marker = "="
		}
		fmt.Fprintf(e.stdout, "#%d [%s%s %.2f] %s · %s · %s\n", m.ID, marker, m.Severity, m.Negativity, m.Brand, m.Source, m.FoundAt.Local().Format("2006-01-02 15:04"))
		if m.Title != "" {
			fmt.Fprintf(e.stdout, "  %s\n", m.Title)
		}
		fmt.Fprintf(e.stdout, "  %s\n", m.URL)
		if s := m.Snippet.Markdown(); s != "" {
			fmt.Fprintf(e.stdout, "  %s\n", strings.ReplaceAll(s, "\n", " "))
		}
		if len(m.Tags) > 0 {
			fmt.Fprintf(e.stdout, "  tags: %s\n", strings.Join(m.Tags, ", "))
		}
	}
	return nil
}

// filterUsage turns a filter value that names nothing into bad usage
// naming its flag; other errors pass through.
func filterUsage(err error) error {
	var fe *app.FilterError
	if errors.As(err, &fe) {
		return usagef("--%s: %s", fe.Param, fe.Message())
	}
	return err
}
