package config

import (
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ParseSchedule parses a cron expression (five fields, descriptors such as
// @hourly, or "@every 2m").
func ParseSchedule(s string) (cron.Schedule, error) {
	sch, err := cronParser.Parse(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("bad cron expression %q: %v", s, err)
	}
	if strings.HasPrefix(strings.TrimSpace(s), "@every") {
		if d, ok := sch.(cron.ConstantDelaySchedule); ok && d.Delay < time.Second {
			return nil, fmt.Errorf("bad cron expression %q: interval must be at least 1s", s)
		}
	}
	return sch, nil
}

// SourceTypes are the source types the watcher understands.
var SourceTypes = []string{"feed", "forum", "profile"}

// Langs are the language codes a brand may filter on.
var Langs = []string{"ru", "en", "other"}

// Severities are the severity levels.
var Severities = []string{"info", "warning", "critical"}

// Frequencies are the alert frequencies.
var Frequencies = []string{FrequencyAsItHappens, FrequencyHourly, FrequencyDaily}

func oneOf(v string, set []string) bool {
	for _, s := range set {
		if v == s {
			return true
		}
	}
	return false
}

// validate checks everything that can be checked without compiling
// queries, expressions or selectors (the app does those, using Problem for
// the positions).
func (c *Config) validate() Problems {
	var ps Problems
	add := func(path, format string, args ...any) {
		ps = append(ps, c.Problem(path, format, args...))
	}
	if c.Version != 1 {
		add("version", "unsupported version %d (this build reads version 1)", c.Version)
	}
	h := c.HTTP
	if h.Timeout <= 0 {
		add("http.timeout", "must be greater than 0 (got %s)", h.Timeout)
	}
	if h.ConnectTimeout <= 0 {
		add("http.connect_timeout", "must be greater than 0 (got %s)", h.ConnectTimeout)
	}
	if h.MaxBody <= 0 {
		add("http.max_body", "must be greater than 0 (got %d)", h.MaxBody)
	}
	if h.PerHost < 1 {
		add("http.per_host", "must be at least 1 (got %d)", h.PerHost)
	}
	if h.Workers < 1 {
		add("http.workers", "must be at least 1 (got %d)", h.Workers)
	}
	if h.MaxRedirects < 0 {
		add("http.max_redirects", "must not be negative (got %d)", h.MaxRedirects)
	}
	checkBackoff(c, "http.retry", h.Retry, add)
	if !oneOf(c.Log.Level, []string{"debug", "info", "warn", "error"}) {
		add("log.level", "must be one of debug, info, warn, error (got %q)", c.Log.Level)
	}
	if !oneOf(c.Log.Format, []string{"text", "json"}) {
		add("log.format", "must be text or json (got %q)", c.Log.Format)
	}

	brandNames := map[string]int{}
	for i, b := range c.Brands {
		p := fmt.Sprintf("brands[%d]", i)
		if strings.TrimSpace(b.Name) == "" {
			add(p+".name", "must not be empty")
		} else if j, dup := brandNames[strings.ToLower(b.Name)]; dup {
			add(p+".name", "duplicate brand name %q (also brands[%d])", b.Name, j)
		} else {
			brandNames[strings.ToLower(b.Name)] = i
		}
		if strings.TrimSpace(b.Query) == "" {
			add(p+".query", "must not be empty")
		}
		for j, l := range b.Lang {
			if !oneOf(l, Langs) {
				add(fmt.Sprintf("%s.lang[%d]", p, j), "unknown language %q (use ru, en, other)", l)
			}
		}
		for j, s := range b.ExcludeSites {
			if !validHost(s) {
				add(fmt.Sprintf("%s.exclude_sites[%d]", p, j), "not a domain name: %q", s)
			}
		}
	}

	sourceNames := map[string]int{}
	for i, s := range c.Sources {
		p := fmt.Sprintf("sources[%d]", i)
		if strings.TrimSpace(s.Name) == "" {
			add(p+".name", "must not be empty")
		} else if j, dup := sourceNames[s.Name]; dup {
			add(p+".name", "duplicate source name %q (also sources[%d])", s.Name, j)
		} else {
			sourceNames[s.Name] = i
		}
		if !oneOf(s.Type, SourceTypes) {
			add(p+".type", "unknown source type %q (use feed, forum, profile)", s.Type)
		}
		if err := checkHTTPURL(s.URL); err != nil {
			add(p+".url", "%v", err)
		}
		if _, err := ParseSchedule(s.Schedule); err != nil {
			add(p+".schedule", "%v", err)
		}
		if s.Weight < 0 {
			add(p+".weight", "must not be negative (got %g)", s.Weight)
		}
		if s.MaxPages < 1 {
			add(p+".max_pages", "must be at least 1 (got %d)", s.MaxPages)
		}
		if s.Type == "feed" {
			if s.Preset != "" {
				add(p+".preset", "presets apply to forum and profile sources, not feeds")
			}
			if s.Selectors != (Selectors{}) {
				add(p+".selectors", "selectors apply to forum and profile sources, not feeds")
			}
		}
		if (s.Type == "forum" || s.Type == "profile") && s.Preset == "" && s.Selectors.Item == "" {
			add(p+".selectors.item", "a %s source needs a preset or selectors.item", s.Type)
		}
		for j, bn := range s.Brands {
			if _, ok := brandNames[strings.ToLower(bn)]; !ok {
				add(fmt.Sprintf("%s.brands[%d]", p, j), "unknown brand %q", bn)
			}
		}
	}

	sc := c.Scoring
	if sc.Thresholds.Negative < 0 || sc.Thresholds.Negative > 1 {
		add("scoring.thresholds.negative", "must be in [0,1] (got %g)", sc.Thresholds.Negative)
	}
	if sc.Thresholds.Positive < 0 || sc.Thresholds.Positive > 1 {
		add("scoring.thresholds.positive", "must be in [0,1] (got %g)", sc.Thresholds.Positive)
	}
	if sc.Thresholds.Positive >= sc.Thresholds.Negative {
		add("scoring.thresholds", "positive (%g) must be below negative (%g)", sc.Thresholds.Positive, sc.Thresholds.Negative)
	}
	for _, f := range []struct {
		path string
		v    float64
	}{{"scoring.severity.critical", sc.Severity.Critical}, {"scoring.severity.warning", sc.Severity.Warning}} {
		if f.v < 0 || f.v > 1 {
			add(f.path, "must be in [0,1] (got %g)", f.v)
		}
	}
	ruleNames := map[string]int{}
	for i, r := range sc.Rules {
		p := fmt.Sprintf("scoring.rules[%d]", i)
		if j, dup := ruleNames[r.Name]; dup {
			add(p+".name", "duplicate rule name %q (also scoring.rules[%d])", r.Name, j)
		} else {
			ruleNames[r.Name] = i
		}
		if strings.TrimSpace(r.When) == "" {
			add(p+".when", "must not be empty")
		}
		if r.Severity != "" && !oneOf(r.Severity, Severities) {
			add(p+".severity", "unknown severity %q (use info, warning, critical)", r.Severity)
		}
		if r.Negativity == nil && r.Importance == nil && len(r.Tags) == 0 && r.Severity == "" && !r.Stop {
			add(p, "rule has no effect (set negativity, importance, tags or severity)")
		}
	}

	a := c.Alerts
	if a.Slack.WebhookURL != "" {
		if err := checkSecretURL(a.Slack.WebhookURL); err != nil {
			add("alerts.slack.webhook_url", "%v", err)
		}
	}
	if a.Slack.APIURL != "" {
		if err := checkHTTPURL(a.Slack.APIURL); err != nil {
			add("alerts.slack.api_url", "%v", err)
		}
	}
	if a.Slack.WebhookURL != "" && a.Slack.Token != "" {
		add("alerts.slack", "set webhook_url or token, not both")
	}
	if a.Webhook.URL != "" {
		if err := checkSecretURL(a.Webhook.URL); err != nil {
			add("alerts.webhook.url", "%v", err)
		}
	}
	if a.Telegram.APIURL != "" {
		if err := checkHTTPURL(a.Telegram.APIURL); err != nil {
			add("alerts.telegram.api_url", "%v", err)
		}
	}
	if a.TimeZone != "" {
		if _, err := time.LoadLocation(a.TimeZone); err != nil {
			add("alerts.time_zone", "unknown time zone %q", a.TimeZone)
		}
	}
	checkBackoff(c, "alerts.retry", a.Retry, add)
	if a.Wave.Window <= 0 {
		add("alerts.wave.window", "must be greater than 0")
	}
	if a.Wave.Baseline <= a.Wave.Window {
		add("alerts.wave.baseline", "must be longer than the window (%s)", a.Wave.Window)
	}
	if a.Wave.MinCount < 1 {
		add("alerts.wave.min_count", "must be at least 1 (got %d)", a.Wave.MinCount)
	}
	routeNames := map[string]int{}
	for i, r := range a.Routes {
		p := fmt.Sprintf("alerts.routes[%d]", i)
		if j, dup := routeNames[r.Name]; dup {
			add(p+".name", "duplicate route name %q (also alerts.routes[%d])", r.Name, j)
		} else {
			routeNames[r.Name] = i
		}
		if strings.TrimSpace(r.When) == "" {
			add(p+".when", "must not be empty (use 'true' to match everything)")
		}
		if !oneOf(r.Frequency, Frequencies) {
			add(p+".frequency", "unknown frequency %q (use as_it_happens, hourly, daily)", r.Frequency)
		}
		if r.Slack == "" && r.SlackWebhook == "" && r.Webhook == "" && r.Telegram == "" && !r.Stdout {
			add(p, "route has no target (set slack, slack_webhook, webhook, telegram or stdout)")
		}
		if r.SlackWebhook != "" {
			if err := checkSecretURL(r.SlackWebhook); err != nil {
				add(p+".slack_webhook", "%v", err)
			}
		}
		if r.Webhook != "" && r.Webhook != "true" && r.Webhook != "default" {
			if err := checkSecretURL(r.Webhook); err != nil {
				add(p+".webhook", "%v", err)
			}
		} else if r.Webhook != "" && a.Webhook.URL == "" {
			add(p+".webhook", "alerts.webhook.url is not set")
		}
		if r.Telegram != "" {
			if a.Telegram.Token == "" {
				add(p+".telegram", "alerts.telegram.token is not set")
			}
			if r.Telegram == "default" && a.Telegram.ChatID == "" {
				add(p+".telegram", "alerts.telegram.chat_id is not set")
			}
		}
		q := r.QuietHours
		if q != (QuietHours{}) {
			if _, err := ParseClock(q.Start); err != nil {
				add(p+".quiet_hours.start", "%v", err)
			}
			if _, err := ParseClock(q.End); err != nil {
				add(p+".quiet_hours.end", "%v", err)
			}
			if q.TimeZone != "" {
				if _, err := time.LoadLocation(q.TimeZone); err != nil {
					add(p+".quiet_hours.time_zone", "unknown time zone %q", q.TimeZone)
				}
			}
		}
	}

	d := c.Digest
	if d.Schedule != "" {
		if _, err := ParseSchedule(d.Schedule); err != nil {
			add("digest.schedule", "%v", err)
		}
	}
	if d.Since <= 0 {
		add("digest.since", "must be greater than 0")
	}
	if d.TopN < 1 {
		add("digest.top", "must be at least 1 (got %d)", d.TopN)
	}
	for j, bn := range d.Brands {
		if _, ok := brandNames[strings.ToLower(bn)]; !ok {
			add(fmt.Sprintf("digest.brands[%d]", j), "unknown brand %q", bn)
		}
	}
	if e := d.Email; e != nil {
		if _, err := mail.ParseAddress(e.From); err != nil {
			add("digest.email.from", "not an e-mail address: %q", e.From)
		}
		if len(e.To) == 0 {
			add("digest.email.to", "at least one recipient is needed")
		}
		for j, to := range e.To {
			if _, err := mail.ParseAddress(to); err != nil {
				add(fmt.Sprintf("digest.email.to[%d]", j), "not an e-mail address: %q", to)
			}
		}
		if e.SMTP.Host == "" {
			add("digest.email.smtp.host", "must not be empty")
		}
		if e.SMTP.Port < 1 || e.SMTP.Port > 65535 {
			add("digest.email.smtp.port", "must be a port number (got %d)", e.SMTP.Port)
		}
		if e.SMTP.TLS && e.SMTP.StartTLS != nil && *e.SMTP.StartTLS {
			add("digest.email.smtp", "set tls or starttls, not both")
		}
	}
	if c.Server.Listen != "" {
		if _, port, err := net.SplitHostPort(c.Server.Listen); err != nil {
			add("server.listen", "not a host:port address: %q", c.Server.Listen)
		} else if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
			add("server.listen", "bad port in %q", c.Server.Listen)
		}
	}
	return ps
}

func checkBackoff(c *Config, path string, b Backoff, add func(string, string, ...any)) {
	if b.Initial <= 0 {
		add(path+".initial", "must be greater than 0")
	}
	if b.Max < b.Initial {
		add(path+".max", "must not be shorter than initial (%s)", b.Initial)
	}
}

// checkHTTPURL accepts absolute http and https URLs with a host.
func checkHTTPURL(s string) error { return checkURL(s, false) }

// checkSecretURL is checkHTTPURL for URLs that carry a secret (webhooks):
// the value never appears in the message.
func checkSecretURL(s string) error { return checkURL(s, true) }

func checkURL(s string, secret bool) error {
	if strings.TrimSpace(s) == "" {
		return fmt.Errorf("must not be empty")
	}
	shown := fmt.Sprintf(" %q", s)
	if secret {
		shown = ""
	}
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("bad URL%s", shown)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("bad URL%s: scheme must be http or https", shown)
	}
	if u.Host == "" {
		return fmt.Errorf("bad URL%s: no host", shown)
	}
	return nil
}

func validHost(s string) bool {
	if s == "" || len(s) > 253 || strings.ContainsAny(s, "/ :@") {
		return false
	}
	return !strings.HasPrefix(s, ".") && !strings.HasSuffix(s, ".")
}

// ParseClock parses a time of day "HH:MM" into minutes after midnight.
func ParseClock(s string) (int, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("not a time of day HH:MM: %q", s)
	}
	return t.Hour()*60 + t.Minute(), nil
}
