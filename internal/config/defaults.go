package config

import (
	"fmt"
	"time"
)

// Defaults, applied to every field the file leaves out.
const (
	DefaultStoragePath   = "mentionwatch.db"
	DefaultKeepText      = 30 * 24 * time.Hour
	DefaultLease         = time.Minute
	DefaultUserAgent     = "mentionwatch/1 (+https://github.com/mentionwatch/mentionwatch)"
	DefaultTimeout       = 20 * time.Second
	DefaultConnect       = 10 * time.Second
	DefaultMaxBody       = 5 << 20
	DefaultPerHost       = 2
	DefaultMinDelay      = time.Second
	DefaultWorkers       = 16
	DefaultMaxRedirects  = 5
	DefaultSchedule      = "@every 15m"
	DefaultBackfill      = 72 * time.Hour
	DefaultMaxPages      = 1
	DefaultFrequency     = FrequencyAsItHappens
	DefaultDigestSince   = 7 * 24 * time.Hour
	DefaultDigestTop     = 10
	DefaultListen        = "127.0.0.1:8080"
	DefaultNegative      = 0.6
	DefaultPositive      = 0.3
	DefaultCritical      = 0.6
	DefaultWarning       = 0.7
	DefaultFetchRetry    = time.Minute
	DefaultFetchRetryMax = 6 * time.Hour
	DefaultAlertRetry    = 5 * time.Second
	DefaultAlertRetryMax = 5 * time.Minute
	DefaultWaveWindow    = time.Hour
	DefaultWaveBaseline  = 14 * 24 * time.Hour
	DefaultWaveK         = 3
	DefaultWaveMinCount  = 5
	DefaultHotMinGrowth  = 10
	DefaultHotMinNeg     = 0.5
	DefaultBurst         = 10
)

// Alert frequencies.
const (
	FrequencyAsItHappens = "as_it_happens"
	FrequencyHourly      = "hourly"
	FrequencyDaily       = "daily"
)

// applyDefaults fills every field the file leaves out. Presence is judged
// by the file itself, so an explicit 0 (weight: 0) is kept.
func (c *Config) applyDefaults() {
	if !c.Has("version") {
		c.Version = 1
	}
	if c.Storage.Path == "" && c.Storage.URL == "" {
		c.Storage.Path = DefaultStoragePath
	}
	setDur(&c.Storage.KeepText, DefaultKeepText, c.Has("storage.keep_text"))
	setDur(&c.Storage.Lease, DefaultLease, c.Has("storage.lease"))
	h := &c.HTTP
	if h.UserAgent == "" {
		h.UserAgent = DefaultUserAgent
	}
	setDur(&h.Timeout, DefaultTimeout, c.Has("http.timeout"))
	setDur(&h.ConnectTimeout, DefaultConnect, c.Has("http.connect_timeout"))
	if !c.Has("http.max_body") {
		h.MaxBody = DefaultMaxBody
	}
	if !c.Has("http.per_host") {
		h.PerHost = DefaultPerHost
	}
	setDur(&h.MinDelay, DefaultMinDelay, c.Has("http.min_delay"))
	if !c.Has("http.workers") {
		h.Workers = DefaultWorkers
	}
	if !c.Has("http.max_redirects") {
		h.MaxRedirects = DefaultMaxRedirects
	}
	setDur(&h.Retry.Initial, DefaultFetchRetry, c.Has("http.retry.initial"))
	setDur(&h.Retry.Max, DefaultFetchRetryMax, c.Has("http.retry.max"))
	if c.Log.Level == "" {
		c.Log.Level = "info"
	}
	if c.Log.Format == "" {
		c.Log.Format = "text"
	}
	for i := range c.Sources {
		s := &c.Sources[i]
		p := fmt.Sprintf("sources[%d]", i)
		if s.Type == "" {
			s.Type = "feed"
		}
		if s.Schedule == "" {
			s.Schedule = DefaultSchedule
		}
		if !c.Has(p + ".weight") {
			s.Weight = 1
		}
		if !c.Has(p + ".max_pages") {
			s.MaxPages = DefaultMaxPages
		}
	}
	sc := &c.Scoring
	if !c.Has("scoring.thresholds.negative") {
		sc.Thresholds.Negative = DefaultNegative
	}
	if !c.Has("scoring.thresholds.positive") {
		sc.Thresholds.Positive = DefaultPositive
	}
	if !c.Has("scoring.severity.critical") {
		sc.Severity.Critical = DefaultCritical
	}
	if !c.Has("scoring.severity.warning") {
		sc.Severity.Warning = DefaultWarning
	}
	for i := range sc.Rules {
		if sc.Rules[i].Name == "" {
			sc.Rules[i].Name = fmt.Sprintf("rule %d", i+1)
		}
	}
	a := &c.Alerts
	if !c.Has("alerts.routes") {
		a.Routes = []Route{DefaultRoute(*a)}
	}
	for i := range a.Routes {
		r := &a.Routes[i]
		if r.Frequency == "" {
			r.Frequency = DefaultFrequency
		}
		if r.When == "" && !c.Has(fmt.Sprintf("alerts.routes[%d].when", i)) {
			r.When = "true"
		}
		if r.Name == "" {
			r.Name = fmt.Sprintf("route %d", i+1)
		}
	}
	setDur(&a.Retry.Initial, DefaultAlertRetry, c.Has("alerts.retry.initial"))
	setDur(&a.Retry.Max, DefaultAlertRetryMax, c.Has("alerts.retry.max"))
	setDur(&a.Wave.Window, DefaultWaveWindow, c.Has("alerts.wave.window"))
	setDur(&a.Wave.Baseline, DefaultWaveBaseline, c.Has("alerts.wave.baseline"))
	if !c.Has("alerts.wave.k") {
		a.Wave.K = DefaultWaveK
	}
	if !c.Has("alerts.wave.min_count") {
		a.Wave.MinCount = DefaultWaveMinCount
	}
	if !c.Has("alerts.burst") {
		a.Burst = DefaultBurst
	}
	if !c.Has("alerts.hot_thread.min_growth") {
		a.Hot.MinGrowth = DefaultHotMinGrowth
	}
	if !c.Has("alerts.hot_thread.min_negativity") {
		a.Hot.MinNegativity = DefaultHotMinNeg
	}
	setDur(&c.Digest.Since, DefaultDigestSince, c.Has("digest.since"))
	if !c.Has("digest.top") {
		c.Digest.TopN = DefaultDigestTop
	}
	if e := c.Digest.Email; e != nil {
		if e.SMTP.Port == 0 {
			e.SMTP.Port = 587
			if e.SMTP.TLS {
				e.SMTP.Port = 465
			}
		}
	}
	if !c.Has("server.listen") {
		c.Server.Listen = DefaultListen
	}
	defaultTokenNames(&c.Server)
}

func setDur(d *Duration, def time.Duration, present bool) {
	if !present {
		*d = Duration(def)
	}
}

// StartTLS reports whether STARTTLS is used (default true unless implicit
// TLS is set).
func (s SMTP) UseStartTLS() bool {
	if s.StartTLS != nil {
		return *s.StartTLS
	}
	return !s.TLS
}

// DefaultRoute is the route used when alerts.routes is not given: every
// mention, as it happens, to every destination configured in a (Slack's
// default channel or webhook, the generic webhook, the Telegram chat), or
// to standard output when none is. (An explicit `routes: []` sends
// nothing.)
func DefaultRoute(a Alerts) Route {
	r := Route{Name: "default", When: "true", Frequency: DefaultFrequency}
	switch {
	case a.Slack.WebhookURL != "" || a.Slack.Channel != "":
		r.Slack = "default"
	case a.Slack.Token == "":
		r.Slack = "default" // printed to stdout while Slack is not configured
	}
	if a.Webhook.URL != "" {
		r.Webhook = "true"
	}
	if a.Telegram.Token != "" && a.Telegram.ChatID != "" {
		r.Telegram = "default"
	}
	if r.Slack == "" && r.Webhook == "" && r.Telegram == "" {
		r.Stdout = true
	}
	return r
}
