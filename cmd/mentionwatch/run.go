package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/mentionwatch/mentionwatch/app"
)

func runCmd(e *env, args []string) error {
	fs, cfgPath := flags(e, "run")
	once := fs.Bool("once", false, "one pass over every enabled source, deliver pending alerts, exit")
	deliver := fs.Duration("deliver-timeout", time.Minute, "with --once: how long to keep retrying deliveries")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	if *deliver < 0 {
		return usagef("--deliver-timeout: must not be negative (got %s)", *deliver)
	}
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == "deliver-timeout" })
	if set && !*once {
		return usagef("--deliver-timeout goes with --once (the daemon retries deliveries for as long as it runs)")
	}
	c, err := load(e, *cfgPath)
	if err != nil {
		return err
	}
	log := newLogger(e.stderr, c.Cfg)
	for _, w := range c.Warnings {
		log.Warn("config", "warning", w.String())
	}
	ctx, stop := app.SignalContext(e.ctx, log)
	defer stop()
	governMemory(ctx, os.Getenv) // memlimit.go says why
	d, err := app.New(ctx, c, app.Options{ConfigPath: *cfgPath, Stdout: e.stdout, Log: log})
	if err != nil {
		return err
	}
	defer d.Close()
	if *once {
		return sourcesWarned(e, d.RunOnce(ctx, *deliver))
	}
	return d.Run(ctx)
}

// sourcesWarned turns a RunOnce error that only says sources failed into a
// warning on stderr and success: a broken source is retried by the next
// run and never stops the others, so the pass did its work (exit 0). With
// alerts left undelivered as well, the error stands (exit 1) and names both.
func sourcesWarned(e *env, err error) error {
	var sf *app.SourcesFailedError
	if errors.As(err, &sf) && err == error(sf) {
		fmt.Fprintf(e.stderr, "mentionwatch run: warning: %s\n", sf.Error())
		return nil
	}
	return err
}
