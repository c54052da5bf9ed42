package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/notify/digest"
	"github.com/mentionwatch/mentionwatch/notify/email"
)

func digestCmd(e *env, args []string) error {
	fs, cfgPath := flags(e, "digest")
	since := fs.String("since", "", "period to cover, ending now (default digest.since, 168h)")
	dryRun := fs.Bool("dry-run", false, "write the e-mail (MIME) to stdout instead of sending it")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	var period time.Duration
	var err error
	if *since != "" {
		if period, err = config.ParseDuration(*since); err != nil || period <= 0 {
			return usagef("--since: want a positive duration such as 168h or 7d")
		}
	}
	c, err := load(e, *cfgPath)
	if err != nil {
		return err
	}
	cfg := c.Cfg.Digest
	if period == 0 {
		period = cfg.Since.D()
	}
	if cfg.Email == nil && !*dryRun {
		return usagef("digest.email is not configured in %s: use --dry-run to print the digest", *cfgPath)
	}
	open := openStored
	if !*dryRun {
		// An empty digest is printed without the database, never sent.
		open = openStoredToSend
	}
	st, done, err := open(e, c.Cfg.Storage)
	if err != nil {
		return err
	}
	defer done()
	now := time.Now()
	d, err := digest.Build(e.ctx, st, c.BrandNames(), cfg, now, period, c.Loc)
	if err != nil {
		return err
	}
	from, to := "mentionwatch@localhost", []string{"team@localhost"}
	if cfg.Email != nil {
		from, to = cfg.Email.From, cfg.Email.To
	}
	msg := d.Message(from, to, now)
	if *dryRun {
		_, err := msg.WriteTo(e.stdout)
		return err
	}
	log := newLogger(e.stderr, c.Cfg)
	if err := email.Send(e.ctx, cfg.Email.SMTP, msg, email.WithLogger(log)); err != nil {
		var ee *email.Error
		if errors.As(err, &ee) {
			return fmt.Errorf("sending digest: %w", err)
		}
		return err
	}
	total, neg := d.Totals()
	fmt.Fprintf(e.stdout, "digest sent to %d recipient(s): %d mentions, %d negative\n", len(to), total, neg)
	return nil
}
