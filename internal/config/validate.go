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

	"github.com/mentionwatch/mentionwatch/internal/redact"
)

var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ParseSchedule parses a cron expression (five fields, descriptors such as
// @hourly, or "@every 2m").
func ParseSchedule(s string) (cron.Schedule, error) {
	sch, err := cronParser.Parse(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("bad cron expression %q: %v", s, err)
	}
	if err := checkSteps(s); err != nil {
		return nil, fmt.Errorf("bad cron expression %q: %w", s, err)
	}
	// The cron package turns an interval under a second — zero or
	// negative included — into one second: a typo would crawl every second.
	if every, ok := strings.CutPrefix(strings.TrimSpace(s), "@every "); ok {
		if d, err := time.ParseDuration(strings.TrimSpace(every)); err == nil && d < time.Second {
			return nil, fmt.Errorf("bad cron expression %q: interval must be at least 1s", s)
		}
	}
	return sch, nil
}

// SourceTypes are the source types the watcher understands.
var SourceTypes = []string{"feed", "forum", "profile"}

// Langs are the language codes a brand may filter on: those language
// detection returns (matchers.Langs); "other" is every language but ru
// and en.
var Langs = []string{"ru", "uk", "be", "kk", "bg", "sr", "mk", "en", "de", "fr", "es", "it", "pt", "pl", "tr", "nl", "other"}

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
// the positions). It checks section by section, all into one collector.
func (c *Config) validate() Problems {
	p := &collector{c: c}
	if c.Version != 1 {
		p.add("version", "unsupported version %d (this build reads version 1)", c.Version)
	}
	if c.Storage.KeepText < 0 {
		p.add("storage.keep_text", "must not be negative (got %s)", c.Storage.KeepText)
	}
	checkStorageURL(p, c.Storage)
	if c.Storage.Lease < Duration(time.Second) {
		p.add("storage.lease", "must be at least 1s (got %s)", c.Storage.Lease)
	}
	checkHTTP(p, c.HTTP)
	checkLog(p, c.Log)
	brands := checkBrands(p, c.Brands)
	checkSources(p, c.Sources, brands)
	checkScoring(p, c.Scoring)
	checkAlerts(p, c.Alerts)
	checkDigest(p, c.Digest, brands)
	checkServer(p, c.Server)
	checkServerAuth(p, c.Server)
	return p.ps
}

// collector gathers the problems validate finds, each placed at its line
// of the config file.
type collector struct {
	c  *Config
	ps Problems
}

// add records a problem at path.
func (p *collector) add(path, format string, args ...any) {
	p.ps = append(p.ps, p.c.Problem(path, format, args...))
}

// brandIndex maps the lower-cased name of each brand to its index in
// brands, for the sections that name brands.
type brandIndex map[string]int

// checkHTTP checks the http section: timeouts, body size, concurrency,
// redirects and retries.
func checkHTTP(p *collector, h HTTP) {
	if h.Timeout <= 0 {
		p.add("http.timeout", "must be greater than 0 (got %s)", h.Timeout)
	}
	if h.ConnectTimeout <= 0 {
		p.add("http.connect_timeout", "must be greater than 0 (got %s)", h.ConnectTimeout)
	}
	if h.MaxBody <= 0 {
		p.add("http.max_body", "must be greater than 0 (got %d)", h.MaxBody)
	}
	if h.PerHost < 1 {
		p.add("http.per_host", "must be at least 1 (got %d)", h.PerHost)
	}
	if h.Workers < 1 {
		p.add("http.workers", "must be at least 1 (got %d)", h.Workers)
	}
	if h.MaxRedirects < 0 {
		p.add("http.max_redirects", "must not be negative (got %d)", h.MaxRedirects)
	}
	checkBackoff(p, "http.retry", h.Retry)
}

// checkLog checks the log section: a known level and format.
func checkLog(p *collector, l Log) {
	if !oneOf(l.Level, []string{"debug", "info", "warn", "error"}) {
		p.add("log.level", "must be one of debug, info, warn, error (got %q)", l.Level)
	}
	if !oneOf(l.Format, []string{"text", "json"}) {
		p.add("log.format", "must be text or json (got %q)", l.Format)
	}
}

// checkBrands checks every brand: a name, unique regardless of case, a
// query, known languages and excluded sites that are domain names. It
// returns the index of the brands' names.
func checkBrands(p *collector, brands []Brand) brandIndex {
	names := brandIndex{}
	for i, b := range brands {
		path := fmt.Sprintf("brands[%d]", i)
		if strings.TrimSpace(b.Name) == "" {
			p.add(path+".name", "must not be empty")
		} else if j, dup := names[strings.ToLower(b.Name)]; dup {
			p.add(path+".name", "duplicate brand name %q (also brands[%d])", b.Name, j)
		} else {
			names[strings.ToLower(b.Name)] = i
		}
		if strings.TrimSpace(b.Query) == "" {
			p.add(path+".query", "must not be empty")
		}
		for j, l := range b.Lang {
			if !oneOf(l, Langs) {
				p.add(fmt.Sprintf("%s.lang[%d]", path, j), "unknown language %q (use %s)", l, strings.Join(Langs, ", "))
			}
		}
		for j, s := range b.ExcludeSites {
			if !validHost(s) {
				p.add(fmt.Sprintf("%s.exclude_sites[%d]", path, j), "not a domain name: %q", s)
			}
		}
	}
	return names
}

// checkSources checks every source (see checkSource) and that source names
// are unique.
func checkSources(p *collector, sources []Source, brands brandIndex) {
	names := map[string]int{}
	for i, s := range sources {
		path := fmt.Sprintf("sources[%d]", i)
		if strings.TrimSpace(s.Name) == "" {
			p.add(path+".name", "must not be empty")
		} else if j, dup := names[s.Name]; dup {
			p.add(path+".name", "duplicate source name %q (also sources[%d])", s.Name, j)
		} else {
			names[s.Name] = i
		}
		checkSource(p, path, s, brands)
	}
}

// checkSource checks the source at path: its type, URL, schedule, weight,
// tags and page limit; presets and selectors where its type takes them and
// only there; the brands it is limited to.
func checkSource(p *collector, path string, s Source, brands brandIndex) {
	if !oneOf(s.Type, SourceTypes) {
		p.add(path+".type", "unknown source type %q (use feed, forum, profile)", s.Type)
	}
	if err := checkHTTPURL(s.URL); err != nil {
		p.add(path+".url", "%v", err)
	}
	checkSchedule(p, path, s)
	if s.Weight < 0 {
		p.add(path+".weight", "must not be negative (got %g)", s.Weight)
	}
	for i, t := range s.Tags {
		// as scoring rules' tags: a tag is one word, so that routes
		// ('"advocate" in tags') and the inbox's tag filter can name it
		if t = strings.TrimSpace(t); t == "" || strings.ContainsAny(t, " \t,") {
			p.add(fmt.Sprintf("%s.tags[%d]", path, i), "bad tag %q (one word, no spaces or commas)", s.Tags[i])
		}
	}
	if s.MaxPages < 1 {
		p.add(path+".max_pages", "must be at least 1 (got %d)", s.MaxPages)
	}
	if s.Type == "feed" {
		if s.Preset != "" {
			p.add(path+".preset", "presets apply to forum and profile sources, not feeds")
		}
		if s.Selectors != (Selectors{}) {
			p.add(path+".selectors", "selectors apply to forum and profile sources, not feeds")
		}
		if s.TimeZone != "" {
			p.add(path+".time_zone", "time_zone applies to forum and profile sources, not feeds (feed dates carry their zone)")
		}
	}
	if s.TimeZone != "" && s.Type != "feed" {
		if _, err := time.LoadLocation(s.TimeZone); err != nil {
			p.add(path+".time_zone", "unknown time zone %q (use an IANA name such as Europe/Moscow)", s.TimeZone)
		}
	}
	if (s.Type == "forum" || s.Type == "profile") && s.Preset == "" && s.Selectors.Item == "" {
		p.add(path+".selectors.item", "a %s source needs a preset or selectors.item", s.Type)
	}
	if s.Push != "" && s.Push != PushAuto && s.Push != PushOff {
		p.add(path+".push", "unknown value %q (use auto or false)", s.Push)
	}
	for j, bn := range s.Brands {
		if _, ok := brands[strings.ToLower(bn)]; !ok {
			p.add(fmt.Sprintf("%s.brands[%d]", path, j), "unknown brand %q", bn)
		}
	}
}

// checkScoring checks the scoring section: the sentiment thresholds, in
// [0,1] and in order; the severity thresholds, in [0,1]; the rules.
func checkScoring(p *collector, sc Scoring) {
	if sc.Thresholds.Negative < 0 || sc.Thresholds.Negative > 1 {
		p.add("scoring.thresholds.negative", "must be in [0,1] (got %g)", sc.Thresholds.Negative)
	}
	if sc.Thresholds.Positive < 0 || sc.Thresholds.Positive > 1 {
		p.add("scoring.thresholds.positive", "must be in [0,1] (got %g)", sc.Thresholds.Positive)
	}
	if sc.Thresholds.Positive >= sc.Thresholds.Negative {
		p.add("scoring.thresholds", "positive (%g) must be below negative (%g)", sc.Thresholds.Positive, sc.Thresholds.Negative)
	}
	for _, f := range []struct {
		path string
		v    float64
	}{{"scoring.severity.critical", sc.Severity.Critical}, {"scoring.severity.warning", sc.Severity.Warning}} {
		if f.v < 0 || f.v > 1 {
			p.add(f.path, "must be in [0,1] (got %g)", f.v)
		}
	}
	checkRules(p, sc.Rules)
}

// checkRules checks every scoring rule: a unique name, a condition, a
// known severity, and some effect.
func checkRules(p *collector, rules []Rule) {
	names := map[string]int{}
	for i, r := range rules {
		path := fmt.Sprintf("scoring.rules[%d]", i)
		if j, dup := names[r.Name]; dup {
			p.add(path+".name", "duplicate rule name %q (also scoring.rules[%d])", r.Name, j)
		} else {
			names[r.Name] = i
		}
		if strings.TrimSpace(r.When) == "" {
			p.add(path+".when", "must not be empty")
		}
		if r.Severity != "" && !oneOf(r.Severity, Severities) {
			p.add(path+".severity", "unknown severity %q (use info, warning, critical)", r.Severity)
		}
		if r.Negativity == nil && r.Importance == nil && len(r.Tags) == 0 && r.Severity == "" && !r.Stop {
			p.add(path, "rule has no effect (set negativity, importance, tags or severity)")
		}
	}
}

// checkAlerts checks the alerts section: the notifiers' URLs (Slack
// either by webhook or by token), the time zone, retries, wave detection
// and the routes.
func checkAlerts(p *collector, a Alerts) {
	if a.Slack.WebhookURL != "" {
		if err := checkSecretURL(a.Slack.WebhookURL); err != nil {
			p.add("alerts.slack.webhook_url", "%v", err)
		}
	}
	if a.Slack.APIURL != "" {
		if err := checkHTTPURL(a.Slack.APIURL); err != nil {
			p.add("alerts.slack.api_url", "%v", err)
		}
	}
	if a.Slack.WebhookURL != "" && a.Slack.Token != "" {
		p.add("alerts.slack", "set webhook_url or token, not both")
	}
	checkSlackButtons(p, a.Slack)
	if a.Webhook.URL != "" {
		if err := checkSecretURL(a.Webhook.URL); err != nil {
			p.add("alerts.webhook.url", "%v", err)
		}
	}
	if a.Telegram.APIURL != "" {
		if err := checkHTTPURL(a.Telegram.APIURL); err != nil {
			p.add("alerts.telegram.api_url", "%v", err)
		}
	}
	if a.TimeZone != "" {
		if _, err := time.LoadLocation(a.TimeZone); err != nil {
			p.add("alerts.time_zone", "unknown time zone %q", a.TimeZone)
		}
	}
	checkBackoff(p, "alerts.retry", a.Retry)
	checkWave(p, a.Wave)
	if a.Burst < 0 {
		p.add("alerts.burst", "must be 0 (never fold) or more (got %d)", a.Burst)
	}
	checkRoutes(p, a)
	checkSLA(p, a)
}

// checkWave checks wave detection: a window, a longer baseline, a
// minimum count.
func checkWave(p *collector, w Wave) {
	if w.Window <= 0 {
		p.add("alerts.wave.window", "must be greater than 0")
	}
	if w.Baseline <= w.Window {
		p.add("alerts.wave.baseline", "must be longer than the window (%s)", w.Window)
	}
	if w.MinCount < 1 {
		p.add("alerts.wave.min_count", "must be at least 1 (got %d)", w.MinCount)
	}
}

// checkRoutes checks every route of a (see checkRoute) and that route
// names are unique.
func checkRoutes(p *collector, a Alerts) {
	names := map[string]int{}
	for i, r := range a.Routes {
		path := fmt.Sprintf("alerts.routes[%d]", i)
		if j, dup := names[r.Name]; dup {
			p.add(path+".name", "duplicate route name %q (also alerts.routes[%d])", r.Name, j)
		} else {
			names[r.Name] = i
		}
		checkRoute(p, path, r, a)
	}
}

// checkRoute checks the route at path: a condition, a known frequency, at
// least one target, each target's URL or the notifier settings it relies
// on in a, and its quiet hours.
func checkRoute(p *collector, path string, r Route, a Alerts) {
	if strings.TrimSpace(r.When) == "" {
		p.add(path+".when", "must not be empty (use 'true' to match everything)")
	}
	if !oneOf(r.Frequency, Frequencies) {
		p.add(path+".frequency", "unknown frequency %q (use as_it_happens, hourly, daily)", r.Frequency)
	}
	if r.Slack == "" && r.SlackWebhook == "" && r.Webhook == "" && r.Telegram == "" && !r.Stdout {
		p.add(path, "route has no target (set slack, slack_webhook, webhook, telegram or stdout)")
	}
	checkTargets(p, path, r, a)
	checkQuietHours(p, path+".quiet_hours", r.QuietHours)
}

// checkTargets checks the targets of a route (or of alerts.escalate_to)
// at path: each URL, and the notifier settings each target relies on.
func checkTargets(p *collector, path string, r Route, a Alerts) {
	if r.SlackWebhook != "" {
		if err := checkSecretURL(r.SlackWebhook); err != nil {
			p.add(path+".slack_webhook", "%v", err)
		}
	}
	if r.Webhook != "" && r.Webhook != "true" && r.Webhook != "default" {
		if err := checkSecretURL(r.Webhook); err != nil {
			p.add(path+".webhook", "%v", err)
		}
	} else if r.Webhook != "" && a.Webhook.URL == "" {
		p.add(path+".webhook", "alerts.webhook.url is not set")
	}
	if r.Telegram != "" {
		if a.Telegram.Token == "" {
			p.add(path+".telegram", "alerts.telegram.token is not set")
		}
		if r.Telegram == "default" && a.Telegram.ChatID == "" {
			p.add(path+".telegram", "alerts.telegram.chat_id is not set")
		}
	}
}

// checkQuietHours checks quiet hours at path, when set: times of day and
// a known time zone.
func checkQuietHours(p *collector, path string, q QuietHours) {
	if q == (QuietHours{}) {
		return
	}
	if _, err := ParseClock(q.Start); err != nil {
		p.add(path+".start", "%v", err)
	}
	if _, err := ParseClock(q.End); err != nil {
		p.add(path+".end", "%v", err)
	}
	if q.TimeZone != "" {
		if _, err := time.LoadLocation(q.TimeZone); err != nil {
			p.add(path+".time_zone", "unknown time zone %q", q.TimeZone)
		}
	}
}

// checkDigest checks the digest section: its schedule, period, size and
// brands, and its e-mail delivery.
func checkDigest(p *collector, d Digest, brands brandIndex) {
	if d.Schedule != "" {
		if _, err := ParseSchedule(d.Schedule); err != nil {
			p.add("digest.schedule", "%v", err)
		}
	}
	if d.Since <= 0 {
		p.add("digest.since", "must be greater than 0")
	}
	if d.TopN < 1 {
		p.add("digest.top", "must be at least 1 (got %d)", d.TopN)
	}
	for j, bn := range d.Brands {
		if _, ok := brands[strings.ToLower(bn)]; !ok {
			p.add(fmt.Sprintf("digest.brands[%d]", j), "unknown brand %q", bn)
		}
	}
	if d.Email != nil {
		checkEmail(p, d.Email)
	}
}

// checkEmail checks the digest's e-mail delivery: sender and recipient
// addresses, the SMTP host and port, one kind of TLS at most.
func checkEmail(p *collector, e *Email) {
	if _, err := mail.ParseAddress(e.From); err != nil {
		p.add("digest.email.from", "not an e-mail address: %q", e.From)
	}
	if len(e.To) == 0 {
		p.add("digest.email.to", "at least one recipient is needed")
	}
	for j, to := range e.To {
		if _, err := mail.ParseAddress(to); err != nil {
			p.add(fmt.Sprintf("digest.email.to[%d]", j), "not an e-mail address: %q", to)
		}
	}
	if e.SMTP.Host == "" {
		p.add("digest.email.smtp.host", "must not be empty")
	}
	if e.SMTP.Port < 1 || e.SMTP.Port > 65535 {
		p.add("digest.email.smtp.port", "must be a port number (got %d)", e.SMTP.Port)
	}
	if e.SMTP.TLS && e.SMTP.StartTLS != nil && *e.SMTP.StartTLS {
		p.add("digest.email.smtp", "set tls or starttls, not both")
	}
}

// checkServer checks the server section: a listen address, when set, is
// host:port with a valid port.
func checkServer(p *collector, s Server) {
	if s.BaseURL != "" {
		if err := checkHTTPURL(s.BaseURL); err != nil {
			p.add("server.base_url", "%v", err)
		}
	}
	if s.Listen == "" {
		return
	}
	if _, port, err := net.SplitHostPort(s.Listen); err != nil {
		p.add("server.listen", "not a host:port address: %q", s.Listen)
	} else if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		p.add("server.listen", "bad port in %q", s.Listen)
	}
}

// checkBackoff checks a retry backoff at path: a positive initial delay
// and a maximum no shorter.
func checkBackoff(p *collector, path string, b Backoff) {
	if b.Initial <= 0 {
		p.add(path+".initial", "must be greater than 0")
	}
	if b.Max < b.Initial {
		p.add(path+".max", "must not be shorter than initial (%s)", b.Initial)
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
	shown := fmt.Sprintf(" %q", redact.URL(s))
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
