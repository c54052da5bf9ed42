package main

import (
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/notify"
	"github.com/mentionwatch/mentionwatch/watcher/scrape"
)

func sourcesCmd(e *env, args []string) error {
	fs, cfgPath := flags(e, "sources")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	c, err := load(e, *cfgPath)
	if err != nil {
		return err
	}
	st, done, err := openStored(e, c.Cfg.Storage)
	if err != nil {
		return err
	}
	defer done()
	states, err := st.Sources(e.ctx)
	if err != nil {
		return err
	}
	now := time.Now()
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tTYPE\tLAST FETCH\tLAST STATUS\tITEMS SEEN\tFAILURES\tNEXT RUN\tLAST ERROR")
	var cut []string
	for _, s := range c.Cfg.Sources {
		x, ok := states[s.Name]
		last, status, next := "never", "-", "due now"
		if ok && !x.LastFetchAt.IsZero() {
			last = ago(now, x.LastFetchAt)
			status = x.LastStatus
		}
		if !s.IsEnabled() {
			next = "disabled"
		} else if ok && x.NextRunAt.After(now) {
			next = x.NextRunAt.Local().Format("2006-01-02 15:04:05")
		}
		errText := "-"
		if ok && x.LastError != "" {
			errText = trim(x.LastError, 80)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%s\t%s\n", s.Name, s.Type, last, status, x.ItemsSeen, x.Failures, next, errText)
		if ok && x.Dropped > 0 {
			cut = append(cut, fmt.Sprintf("%s: the last crawl left the %d oldest posts of a page unread (a page yields at most %d)",
				s.Name, x.Dropped, scrape.DefaultMaxItems))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, line := range cut {
		fmt.Fprintln(e.stdout, "cut:", line)
	}
	ob, err := notify.OutboxStatus(e.ctx, st, now)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\n%s\n", notify.FormatStatus(ob))
	runs, err := st.UndeliveredDigestRuns(e.ctx)
	if err != nil {
		return err
	}
	if line := digestStatus(runs); line != "" {
		fmt.Fprintln(e.stdout, line)
	}
	return nil
}

// digestStatus sums up the digests not sent, beside the alerts' line, as
// a failed digest also waits for a person: "digests: 1 failed for good,
// 1 being retried; last error: …; mentionwatch outbox lists them". It is
// empty when every digest went out.
func digestStatus(runs []store.DigestRun) string {
	if len(runs) == 0 {
		return ""
	}
	failed, retrying := 0, 0
	last := runs[0]
	for _, r := range runs {
		if r.Status == store.DigestFailed {
			failed++
		} else {
			retrying++
		}
		if r.LastError != "" && !r.End.Before(last.End) {
			last = r
		}
	}
	var parts []string
	if failed > 0 {
		parts = append(parts, fmt.Sprintf("%d failed for good", failed))
	}
	if retrying > 0 {
		parts = append(parts, fmt.Sprintf("%d being retried", retrying))
	}
	line := "digests: " + strings.Join(parts, ", ")
	if last.LastError != "" {
		line += "; last error: " + trim(strings.ReplaceAll(last.LastError, "\n", " "), 100)
	}
	return line + "; mentionwatch outbox lists them"
}

func ago(now, t time.Time) string {
	d := now.Sub(t).Round(time.Second)
	switch {
	case d < 0:
		return t.Local().Format("2006-01-02 15:04:05")
	case d < time.Minute:
		return fmt.Sprintf("%ds ago", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm ago", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh%02dm ago", int(d.Hours()), int(d.Minutes())%60)
	}
	return t.Local().Format("2006-01-02 15:04")
}

func trim(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
