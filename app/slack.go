package app

import (
	"context"
	"net/http"
	"sync"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/notify/slack"
)

// newInteractor builds what Slack's buttons need when
// alerts.slack.signing_secret or app_token is set; nil otherwise.
func newInteractor(d *Daemon, c *Compiled) (*slack.Interactor, error) {
	s := c.Cfg.Alerts.Slack
	if s.SigningSecret == "" && s.AppToken == "" {
		return nil, nil
	}
	return slack.NewInteractor(slack.InteractConfig{Token: s.Token, APIURL: s.APIURL,
		SigningSecret: s.SigningSecret, AppToken: s.AppToken, Actor: observedActor{d}, Clock: d.opts.Clock, Logger: d.log})
}

// startSlack starts in (nil: nothing to start) under ctx: the Socket Mode
// runner when s has an app token (tracked by wg) and the handler of POST
// /slack/interactions when it has a signing secret. It returns the
// handler (nil without a signing secret) and a func that waits for the
// clicks in flight once ctx has ended.
func startSlack(ctx context.Context, in *slack.Interactor, s config.Slack, wg *sync.WaitGroup) (http.Handler, func()) {
	if in == nil {
		return nil, func() {}
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
	return h, in.Close
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

// observedActor is the store as Slack's buttons act on it, with the
// response time of every mention they close observed, as the inbox's
// actions are.
type observedActor struct{ d *Daemon }

func (o observedActor) Mention(ctx context.Context, id int64) (model.Mention, error) {
	return o.d.store.Mention(ctx, id)
}

func (o observedActor) Act(ctx context.Context, id int64, a store.Action) (store.Acted, error) {
	acted, err := o.d.store.Act(ctx, id, a)
	if err == nil {
		o.d.observeHandled(acted)
	}
	return acted, err
}
