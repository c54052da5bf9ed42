package slack

import (
	"context"
	"errors"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"github.com/mentionwatch/mentionwatch/internal/backoff"
)

// Socket Mode reconnection bounds, when slack-go's client gives up (a
// revoked app token, Slack unreachable for long).
const (
	socketRetryMin = 5 * time.Second
	socketRetryMax = 5 * time.Minute
)

// RunSocketMode receives button clicks over Socket Mode until ctx ends:
// it opens a connection with the app token (apps.connections.open, then
// a websocket; no public URL is needed), acknowledges every envelope by
// its envelope_id at once, and works on each click afterwards, through
// Act, in a goroutine bounded by ctx. slack-go's client reconnects when
// Slack sends "disconnect"; when it gives up, RunSocketMode starts it
// again with backoff. It returns nil when ctx ends, or at once without
// an app token.
func (in *Interactor) RunSocketMode(ctx context.Context) error {
	if in.cfg.AppToken == "" {
		return nil
	}
	api := newAPI(in.cfg.Token, in.cfg.APIURL, in.http, slack.OptionAppLevelToken(in.cfg.AppToken))
	failures := 0
	for {
		connected, err := in.runSocket(ctx, socketmode.New(api))
		if ctx.Err() != nil {
			return nil
		}
		if connected {
			failures = 0
		}
		failures++
		wait := backoff.Step(failures, socketRetryMin, socketRetryMax)
		in.log.Error("slack: socket mode stopped; starting it again", "err", in.redact(err), "in", wait.String())
		ch, stop := in.clock.After(wait)
		select {
		case <-ctx.Done():
			stop()
			return nil
		case <-ch:
		}
	}
}

// runSocket runs one Socket Mode client until it gives up or ctx ends,
// and reports whether it ever connected.
func (in *Interactor) runSocket(ctx context.Context, smc *socketmode.Client) (bool, error) {
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- smc.RunContext(rctx) }()
	connected := false
	for {
		select {
		case err := <-errc:
			if err == nil {
				err = errors.New("socket mode client returned")
			}
			return connected, err
		case evt := <-smc.Events:
			if evt.Type == socketmode.EventTypeConnected {
				connected = true
			}
			in.socketEvent(ctx, smc, evt)
		}
	}
}

// socketEvent handles one event of the Socket Mode client.
func (in *Interactor) socketEvent(ctx context.Context, smc *socketmode.Client, evt socketmode.Event) {
	switch evt.Type {
	case socketmode.EventTypeConnecting:
		in.log.Debug("slack: socket mode connecting")
	case socketmode.EventTypeConnected:
		in.log.Info("slack: socket mode connected")
	case socketmode.EventTypeConnectionError:
		if e, ok := evt.Data.(*slack.ConnectionErrorEvent); ok {
			in.log.Warn("slack: socket mode cannot connect; trying again", "err", in.redact(e.ErrorObj), "in", e.Backoff.String())
		}
	case socketmode.EventTypeInvalidAuth:
		in.log.Error("slack: socket mode: the app token was refused (alerts.slack.app_token)")
	case socketmode.EventTypeInteractive:
		if evt.Request == nil {
			return
		}
		cb, ok := evt.Data.(slack.InteractionCallback)
		// An envelope Slack sends again (not acknowledged in time) is
		// acknowledged again but acted on once.
		fresh := in.remember("env:"+evt.Request.EnvelopeID, in.clock.Now().Add(SignatureWindow))
		if ok && fresh {
			in.start(ctx, func(ctx context.Context) { in.act(ctx, &cb, "socket mode") })
		}
		in.ack(ctx, smc, evt.Request)
	default:
		// Events and commands are not ours, but Slack wants them
		// acknowledged all the same.
		if evt.Request != nil && evt.Request.EnvelopeID != "" {
			in.ack(ctx, smc, evt.Request)
		}
	}
}

func (in *Interactor) ack(ctx context.Context, smc *socketmode.Client, req *socketmode.Request) {
	if err := smc.AckCtx(ctx, req.EnvelopeID, nil); err != nil && ctx.Err() == nil {
		in.log.Warn("slack: socket mode ack failed", "envelope_id", req.EnvelopeID, "err", in.redact(err))
	}
}
