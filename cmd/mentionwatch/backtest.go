package main

import (
	"encoding/json"

	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/mentionwatch/mentionwatch/app"
	"github.com/mentionwatch/mentionwatch/internal/config"
)

// backtestShown is how many changed documents of each kind the text
// output lists; --json lists them all.
const backtestShown = 10

func backtestCmd(e *env, args []string) error {
	fs, cfgPath := flags(e, "backtest")
	since := fs.String("since", "720h", "period to replay, ending now")
	asJSON := fs.Bool("json", false, "one JSON object per changed document, then a {\"summary\":…} line")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one NEW_CONFIG, the config to try against the stored documents")
	}
	period, err := config.ParseDuration(*since)
	if err != nil || period <= 0 {
		return usagef("--since: want a positive duration such as 720h or 30d")
	}
	cur, err := load(e, *cfgPath)
	if err != nil {
		return err
	}
	next, err := load(e, pos[0])
	if err != nil {
		return err
	}
	queryWarnings(e, next)
	st, err := openStoredReadOnly(e.ctx, cur.Cfg.Storage)
	if err != nil {
		return err
	}
	defer st.Close()

	changes := map[string][]app.BacktestChange{}
	opts := app.BacktestOptions{Since: period}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	if *asJSON {
		opts.OnChange = func(c app.BacktestChange) error { return enc.Encode(c) }
	} else {
		opts.OnChange = func(c app.BacktestChange) error {
			changes[c.Change] = append(changes[c.Change], c)
			return nil
		}
	}
	start := time.Now()
	rep, err := app.Backtest(e.ctx, st, cur, next, opts)
	if err != nil {
		return err
	}
	if *asJSON {
		return enc.Encode(map[string]any{"summary": rep})
	}
	printBacktest(e.stdout, rep, changes, *cfgPath, pos[0], time.Since(start))
	return nil
}

func printBacktest(w io.Writer, rep *app.BacktestReport, changes map[string][]app.BacktestChange, cur, next string, took time.Duration) {
	fmt.Fprintf(w, "backtest of %s against %s: %d documents stored %s – %s, replayed in %s\n",
		next, cur, rep.Documents, rep.Since.Local().Format("2006-01-02 15:04"), rep.Until.Local().Format("2006-01-02 15:04"),
		took.Round(time.Millisecond))
	if rep.Documents == 0 {
		fmt.Fprintln(w, "no document texts are kept for the period: set storage.keep_text (default 720h) and let the daemon crawl")
	}
	fmt.Fprintln(w)
	width := len("brand")
	for _, b := range rep.Brands {
		width = max(width, utf8.RuneCountInString(b.Brand))
	}
	fmt.Fprintf(w, "  %s  %6s %6s %8s %9s\n", pad("brand", width), "kept", "added", "dropped", "rescored")
	for _, b := range rep.Brands {
		fmt.Fprintf(w, "  %s  %6d %6d %8d %9d\n", pad(b.Brand, width), b.Kept, b.Added, b.Dropped, b.Rescored)
	}

	fmt.Fprintln(w, "\nalerts over the period (new config; running config in brackets):")
	before := map[string]app.RouteAlerts{}
	for _, r := range rep.RoutesBefore {
		before[r.Route] = r
	}
	if len(rep.Routes) == 0 {
		fmt.Fprintln(w, "  no routes")
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, r := range rep.Routes {
		was := "new route"
		if b, ok := before[r.Route]; ok {
			was = fmt.Sprintf("%d alerts in %d messages", b.Alerts, b.Messages)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%d alerts in %d messages\t(%s)\n", r.Route, r.Frequency, r.Alerts, r.Messages, was)
	}
	tw.Flush()

	co := rep.Corrections
	fmt.Fprintf(w, "\ncorrections in the inbox: %d reviewed mentions\n", co.Reviewed)
	fmt.Fprintf(w, "  false positives removed: %d of %d\n", co.FalsePositivesRemoved, co.FalsePositives)
	fmt.Fprintf(w, "  confirmed mentions lost: %d of %d\n", co.ConfirmedLost, co.Confirmed)
	if co.Labelled > 0 {
		fmt.Fprintf(w, "  sentiment agrees with the label on %d of %d kept labelled mentions (running config: %d)\n",
			co.LabelAgreesAfter, co.Labelled, co.LabelAgreesBefore)
	}
	fmt.Fprintf(w, "\nthread replies (found through their thread): %d replayed (%d stored)\n", rep.ThreadReplies.After, rep.ThreadReplies.Before)
	if n := rep.NotReplayed; n.Mentions > 0 || n.Documents > 0 {
		fmt.Fprintf(w, "not replayed: %d mentions of the period whose document text is not kept", n.Mentions)
		if n.Documents > 0 {
			fmt.Fprintf(w, "; %d documents of sources no longer configured (%s)", n.Documents, strings.Join(n.Sources, ", "))
		}
		fmt.Fprintln(w)
	}
	for _, kind := range []string{app.ChangeAdded, app.ChangeDropped, app.ChangeRescored} {
		cs := changes[kind]
		if len(cs) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s (%d):\n", kind, len(cs))
		for i, c := range cs {
			if i == backtestShown {
				fmt.Fprintf(w, "  … %d more (--json lists them all)\n", len(cs)-i)
				break
			}
			fmt.Fprintf(w, "  %s · %s · %s%s\n", c.Brand, oneLine(c.Title), c.URL, changeNote(c))
		}
	}
}

// changeNote says what moved, and what people said of the mention.
func changeNote(c app.BacktestChange) string {
	var parts []string
	if c.Before != nil && c.After != nil {
		if c.Before.Sentiment != c.After.Sentiment {
			parts = append(parts, c.Before.Sentiment+" → "+c.After.Sentiment)
		}
		if c.Before.Severity != c.After.Severity {
			parts = append(parts, c.Before.Severity+" → "+c.After.Severity)
		}
		if bt, at := strings.Join(c.Before.Tags, ","), strings.Join(c.After.Tags, ","); bt != at {
			parts = append(parts, "tags ["+bt+"] → ["+at+"]")
		}
	}
	switch {
	case c.Status == "false_positive":
		parts = append(parts, "marked false positive")
	case c.Status == "handled":
		parts = append(parts, "handled")
	}
	if c.Label != "" {
		parts = append(parts, "labelled "+c.Label)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, "; ") + ")"
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 80 {
		s = string(r[:79]) + "…"
	}
	return s
}

func evalCmd(e *env, args []string) error {
	fs, cfgPath := flags(e, "eval")
	since := fs.String("since", "", "only mentions found within this duration (default: all)")
	asJSON := fs.Bool("json", false, "print the report as one JSON object")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	var from time.Time
	if *since != "" {
		d, err := config.ParseDuration(*since)
		if err != nil || d <= 0 {
			return usagef("--since: want a positive duration such as 720h or 30d")
		}
		from = time.Now().Add(-d)
	}
	c, err := load(e, *cfgPath)
	if err != nil {
		return err
	}
	st, err := openStoredReadOnly(e.ctx, c.Cfg.Storage)
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := app.Eval(e.ctx, st, c, from)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(rep)
	}
	fmt.Fprintf(e.stdout, "%d mentions, %d reviewed in the inbox (handled, false positive or labelled), %d with a sentiment label\n\n",
		rep.Overall.Mentions, rep.Overall.Reviewed, rep.Overall.Labelled)
	rows := append(rep.Brands, withName(rep.Overall, "all"))
	width := len("brand")
	for _, r := range rows {
		width = max(width, utf8.RuneCountInString(r.Brand))
	}
	fmt.Fprintf(e.stdout, "  %s  %8s %8s %10s %9s %8s %6s %8s\n", pad("brand", width),
		"mentions", "reviewed", "false pos.", "precision", "labelled", "agree", "accuracy")
	for _, r := range rows {
		fmt.Fprintf(e.stdout, "  %s  %8d %8d %10d %9s %8d %6d %8s\n", pad(r.Brand, width), r.Mentions, r.Reviewed,
			r.FalsePositives, ratio(r.Precision), r.Labelled, r.Agrees, ratio(r.Accuracy))
	}
	fmt.Fprintln(e.stdout, "\nprecision: reviewed mentions not marked false positive / reviewed; accuracy: labelled mentions whose sentiment, as the config scores them now, is the label")
	return nil
}

// pad left-aligns s in width runes.
func pad(s string, width int) string {
	return s + strings.Repeat(" ", max(0, width-utf8.RuneCountInString(s)))
}

func withName(r app.EvalRow, name string) app.EvalRow { r.Brand = name; return r }

func ratio(p *float64) string {
	if p == nil {
		return "–"
	}
	return fmt.Sprintf("%.2f", *p)
}
