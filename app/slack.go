package app

import (
	"context"
	"net/http"
	"sync"

	"github.com/mentionwatch/mentionwatch/notify/slack"
)

// startSlack starts what Slack's buttons need under ctx when
// alerts.slack.signing_secret or app_token is set: the Socket Mode runner
// (tracked by wg) and the handler of POST /slack/interactions. It returns
// the handler (nil without a signing secret) and a func that waits for
// the clicks in flight once ctx has ended.
func (d *Daemon) startSlack(ctx context.Context, c *Compiled, wg *sync.WaitGroup) (http.Handler, func(), error) {
	s := c.Cfg.Alerts.Slack
	if s.SigningSecret == "" && s.AppToken == "" {
		return nil, func() {}, nil
	}
	in, err := slack.NewInteractor(slack.InteractConfig{Token: s.Token, APIURL: s.APIURL,
		SigningSecret: s.SigningSecret, AppToken: s.AppToken, Actor: d.store, Clock: d.opts.Clock, Logger: d.log})
	if err != nil {
		return nil, nil, err
	}
	if s.AppToken != "" {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = in.RunSocketMode(ctx)
		}()
	}
	var h http.Handler
	if s.SigningSecret != "" {
		h = in.Handler(ctx)
	}
	return h, in.Close, nil
}

// slackInteractions serves Slack's HTTP interactivity with the handler of
// the running config; 404 when alerts.slack.signing_secret is not set.
// Slack's request signature authenticates it: it needs no session.
func (d *Daemon) slackInteractions(w http.ResponseWriter, r *http.Request) {
	d.mu.Lock()
	h := d.slackHTTP
	d.mu.Unlock()
	if h == nil {
		http.Error(w, "slack interactivity is not configured (alerts.slack.signing_secret)", http.StatusNotFound)
		return
	}
	h.ServeHTTP(w, r)
}
