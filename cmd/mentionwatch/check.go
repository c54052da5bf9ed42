package main

import (
	"errors"
	"fmt"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

func checkCmd(e *env, args []string) error {
	fs, cfgPath := flags(e, "check")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	c, err := load(e, *cfgPath)
	var probs config.Problems
	if errors.As(err, &probs) {
		// The problems are check's output: print them to stdout, then
		// exit 2 without repeating them.
		fmt.Fprintln(e.stdout, probs.Error())
		return silentUsage{}
	}
	if err != nil {
		return err
	}
	// Warnings are check's output too, but the config is good.
	for _, w := range c.Warnings {
		fmt.Fprintln(e.stdout, w.String())
	}
	fmt.Fprintf(e.stdout, "%s: ok (%s, %s, %s, %s)\n", *cfgPath, count(len(c.Cfg.Brands), "brand"),
		count(len(c.Cfg.Sources), "source"), count(len(c.Cfg.Scoring.Rules), "rule"), count(len(c.Cfg.Alerts.Routes), "route"))
	// Valid, but `run` would do nothing useful: say so, without failing
	// (match and score need no sources; score needs no brands).
	if len(c.Cfg.Brands) == 0 {
		fmt.Fprintf(e.stderr, "%s: warning: no brands: nothing will match\n", *cfgPath)
	}
	if len(c.Cfg.Sources) == 0 {
		fmt.Fprintf(e.stderr, "%s: warning: no sources: nothing will be crawled\n", *cfgPath)
	}
	return nil
}

// count writes n things in English: "1 brand", "2 brands", "0 rules".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
