// Package config loads and validates rules.yaml: strict decoding (an
// unknown key is an error), explicit defaults, ${ENV} expansion in values,
// and validation that reports every problem at once with its file, line and
// field path.
package config

import "time"

// Config is the whole of rules.yaml.
type Config struct {
	Version int      `yaml:"version"`
	Storage Storage  `yaml:"storage"`
	HTTP    HTTP     `yaml:"http"`
	Log     Log      `yaml:"log"`
	Brands  []Brand  `yaml:"brands"`
	Sources []Source `yaml:"sources"`
	Scoring Scoring  `yaml:"scoring"`
	Alerts  Alerts   `yaml:"alerts"`
	Digest  Digest   `yaml:"digest"`
	Server  Server   `yaml:"server"`
	File    string   `yaml:"-"` // path the config was read from
	// Warnings are problems that do not stop the config from loading (a
	// ${VARIABLE} that is not set), filled by Load.
	Warnings Problems  `yaml:"-"`
	pos      positions `yaml:"-"`
}

// Storage configures the database: a SQLite file (the default) or a
// PostgreSQL database shared by several daemons.
type Storage struct {
	// Path of the SQLite file, relative to the working directory ("" when
	// URL is set).
	Path string `yaml:"path"`
	// URL of a PostgreSQL database (postgres://user:password@host/db),
	// instead of Path.
	URL string `yaml:"url"`
	// KeepText is how long the text of every fetched document is kept
	// (compressed) for `mentionwatch backtest`; 0 keeps none.
	KeepText Duration `yaml:"keep_text"`
	// Lease is how long a daemon holds a source it crawls, and an alert
	// it sends, before another daemon on the same database may take it
	// over (renewed every third of it while a crawl runs).
	Lease Duration `yaml:"lease"`
}

// HTTP configures the fetcher shared by every source.
type HTTP struct {
	UserAgent      string   `yaml:"user_agent"`
	Timeout        Duration `yaml:"timeout"`         // whole request, body included
	ConnectTimeout Duration `yaml:"connect_timeout"` // TCP+TLS handshake
	MaxBody        ByteSize `yaml:"max_body"`
	PerHost        int      `yaml:"per_host"`  // concurrent requests to one host
	MinDelay       Duration `yaml:"min_delay"` // between requests to one host
	Workers        int      `yaml:"workers"`   // global fetch concurrency
	MaxRedirects   int      `yaml:"max_redirects"`
	Robots         *bool    `yaml:"robots"`
	// Retry governs the backoff after failed fetches.
	Retry Backoff `yaml:"retry"`
}

// RobotsEnabled reports whether robots.txt is obeyed (default true).
func (h HTTP) RobotsEnabled() bool { return h.Robots == nil || *h.Robots }

// Backoff is an exponential backoff with jitter: the first retry waits
// Initial, each later one twice as long, never more than Max.
type Backoff struct {
	Initial Duration `yaml:"initial"`
	Max     Duration `yaml:"max"`
}

// Log configures logging.
type Log struct {
	Level  string `yaml:"level"`  // debug | info | warn | error
	Format string `yaml:"format"` // text | json
}

// Brand is one brand to watch.
type Brand struct {
	Name         string   `yaml:"name"`
	Query        string   `yaml:"query"`
	Lang         []string `yaml:"lang"`
	ExcludeSites []string `yaml:"exclude_sites"`
	// VIP lists authors (names or handles) whose mentions of this brand
	// matter more, in addition to scoring.vip.
	VIP []string `yaml:"vip"`
}

// Source is one place to crawl.
type Source struct {
	Name      string    `yaml:"name"`
	Type      string    `yaml:"type"` // feed | forum | profile
	URL       string    `yaml:"url"`
	Schedule  string    `yaml:"schedule"`
	Adaptive  *Adaptive `yaml:"adaptive"` // bounds of schedule: adaptive
	Weight    float64   `yaml:"weight"`
	Backfill  *Duration `yaml:"backfill"`
	Preset    string    `yaml:"preset"`
	Selectors Selectors `yaml:"selectors"`
	MaxPages  int       `yaml:"max_pages"`
	// TimeZone is the IANA zone ("Europe/Moscow") in which a forum or
	// profile page prints dates without a zone and counts "today"; empty
	// means the daemon's own zone.
	TimeZone string   `yaml:"time_zone"`
	Tags     []string `yaml:"tags"`
	Enabled  *bool    `yaml:"enabled"`
	// Brands restricts matching to these brand names (default: all).
	Brands []string `yaml:"brands"`
	// Headers are extra request headers (e.g. Cookie for a forum login).
	Headers map[string]string `yaml:"headers"`
	// Push is "auto" (the default: subscribe through WebSub when the feed
	// names a hub and the server can be reached) or "false".
	Push string `yaml:"push"`
}

// PushEnabled reports whether the source may be subscribed to through
// WebSub (push: auto, the default).
func (s Source) PushEnabled() bool { return s.Push != PushOff }

// Values of a source's push.
const (
	PushAuto = "auto"
	PushOff  = "false"
)

// IsEnabled reports whether the source is crawled (default true).
func (s Source) IsEnabled() bool { return s.Enabled == nil || *s.Enabled }

// BackfillWindow is the source's backfill setting with its default.
func (s Source) BackfillWindow() time.Duration {
	if s.Backfill == nil {
		return DefaultBackfill
	}
	return time.Duration(*s.Backfill)
}

// Selectors are the CSS selectors of a forum or profile source. A value of
// the form "selector@attr" reads the attribute instead of the text.
type Selectors struct {
	Item    string `yaml:"item"`
	Title   string `yaml:"title"`
	Text    string `yaml:"text"`
	Author  string `yaml:"author"`
	Date    string `yaml:"date"`
	Link    string `yaml:"link"`
	Next    string `yaml:"next"`
	Replies string `yaml:"replies"`
	// Thread selects, inside an item, the link to the thread the item
	// belongs to (topic lists: the thread itself).
	Thread string `yaml:"thread"`
}

// Scoring configures the scoring engine.
type Scoring struct {
	Thresholds Thresholds `yaml:"thresholds"`
	// VIP lists authors (journalists, big accounts) whose mentions are
	// more important, for every brand.
	VIP   []string `yaml:"vip"`
	Rules []Rule   `yaml:"rules"`
	// Severity sets the thresholds of the default severity.
	Severity SeverityThresholds `yaml:"severity"`
}

// Thresholds map negativity to a sentiment label: negativity >= Negative
// is negative, negativity <= Positive may be positive.
type Thresholds struct {
	Negative float64 `yaml:"negative"`
	Positive float64 `yaml:"positive"`
}

// SeverityThresholds set the default severity: critical when negative and
// importance >= Critical, warning when negative or importance >= Warning.
type SeverityThresholds struct {
	Critical float64 `yaml:"critical"`
	Warning  float64 `yaml:"warning"`
}

// Rule is a user scoring rule: when its expression holds, its effects
// apply.
type Rule struct {
	Name       string   `yaml:"name"`
	When       string   `yaml:"when"`
	Negativity *Adjust  `yaml:"negativity"`
	Importance *Adjust  `yaml:"importance"`
	Tags       []string `yaml:"tags"`
	Severity   string   `yaml:"severity"`
	// Stop, when true, stops evaluating later rules.
	Stop bool `yaml:"stop"`
}

// Alerts configures delivery.
type Alerts struct {
	Slack    Slack     `yaml:"slack"`
	Webhook  Webhook   `yaml:"webhook"`
	Telegram Telegram  `yaml:"telegram"`
	Routes   []Route   `yaml:"routes"`
	Retry    Backoff   `yaml:"retry"`
	Wave     Wave      `yaml:"wave"`
	Hot      HotThread `yaml:"hot_thread"`
	// Burst is how many as-it-happens alerts, of any brand, may wait for
	// one target (or have gone there as single messages in the last
	// BurstWindow) before the rest fold into one grouped message per
	// brand; 0 never folds.
	Burst int `yaml:"burst"`
	// TimeZone is used for grouping periods (hourly, daily) and digests.
	TimeZone string `yaml:"time_zone"`
	// SLA is, per severity, how long a mention may stay new after it was
	// found before a reminder goes out (see sla.go).
	SLA map[string]Duration `yaml:"sla"`
	// EscalateTo is where every reminder also goes.
	EscalateTo Escalation `yaml:"escalate_to"`
}

// Slack configures the Slack notifier: either an incoming webhook or a bot
// token (chat.postMessage to the route's channel).
type Slack struct {
	WebhookURL string `yaml:"webhook_url"`
	Token      string `yaml:"token"`
	// Channel is the default channel in bot-token mode.
	Channel string `yaml:"channel"`
	// APIURL is the Web API base (default https://slack.com/api/).
	APIURL string `yaml:"api_url"`
	// SigningSecret verifies Slack's interactivity requests (buttons) at
	// POST /slack/interactions.
	SigningSecret string `yaml:"signing_secret"`
	// AppToken (xapp-…) receives button clicks over Socket Mode.
	AppToken string `yaml:"app_token"`
}

// Configured reports whether Slack delivery is set up.
func (s Slack) Configured() bool { return s.WebhookURL != "" || s.Token != "" }

// Webhook configures the generic JSON webhook notifier.
type Webhook struct {
	URL     string            `yaml:"url"`
	Headers map[string]string `yaml:"headers"`
}

// Telegram configures the Telegram bot notifier.
type Telegram struct {
	Token  string `yaml:"token"`
	ChatID string `yaml:"chat_id"`
	// APIURL is the Bot API base (default https://api.telegram.org).
	APIURL string `yaml:"api_url"`
}

// Route decides where and how often a mention is delivered.
type Route struct {
	Name string `yaml:"name"`
	When string `yaml:"when"`
	// Slack is a channel (bot-token mode) or "default" for the configured
	// webhook/channel.
	Slack string `yaml:"slack"`
	// SlackWebhook is a per-route incoming webhook URL.
	SlackWebhook string `yaml:"slack_webhook"`
	// Webhook, when true, posts to alerts.webhook; a URL posts there.
	Webhook string `yaml:"webhook"`
	// Telegram is a chat id, or "default" for alerts.telegram.chat_id.
	Telegram string `yaml:"telegram"`
	// Stdout prints the alert to standard output.
	Stdout     bool       `yaml:"stdout"`
	Frequency  string     `yaml:"frequency"` // as_it_happens | hourly | daily
	Continue   bool       `yaml:"continue"`
	QuietHours QuietHours `yaml:"quiet_hours"`
}

// QuietHours delays non-critical alerts between Start and End ("22:00",
// "08:00") in TimeZone.
type QuietHours struct {
	Start    string `yaml:"start"`
	End      string `yaml:"end"`
	TimeZone string `yaml:"time_zone"`
}

// Wave configures negative-wave detection per brand.
type Wave struct {
	Enabled  *bool    `yaml:"enabled"`
	Window   Duration `yaml:"window"`    // counting window, default 1h
	Baseline Duration `yaml:"baseline"`  // history for mean and σ, default 14d
	K        float64  `yaml:"k"`         // threshold: mean + k·σ
	MinCount int      `yaml:"min_count"` // never fire below this count
}

// IsEnabled reports whether wave detection runs (default true).
func (w Wave) IsEnabled() bool { return w.Enabled == nil || *w.Enabled }

// HotThread configures escalation of fast-growing negative threads.
type HotThread struct {
	MinGrowth     int     `yaml:"min_growth"`     // new replies between crawls
	MinNegativity float64 `yaml:"min_negativity"` // tone of the new posts
}

// Digest configures the periodic e-mail digest.
type Digest struct {
	Schedule string   `yaml:"schedule"`
	Since    Duration `yaml:"since"`
	Email    *Email   `yaml:"email"`
	// Brands limits the digest to these brands (default: all).
	Brands []string `yaml:"brands"`
	// TopN is how many mentions each section lists.
	TopN int `yaml:"top"`
}

// Email configures the digest's sender, recipients and SMTP server.
type Email struct {
	From    string   `yaml:"from"`
	To      []string `yaml:"to"`
	Subject string   `yaml:"subject"`
	SMTP    SMTP     `yaml:"smtp"`
}

// SMTP is the mail server the digest is sent through.
type SMTP struct {
	Host     string `yaml:"host"`
	Port     int    `yaml:"port"`
	Username string `yaml:"username"`
	Password string `yaml:"password"`
	StartTLS *bool  `yaml:"starttls"`
	TLS      bool   `yaml:"tls"` // implicit TLS (port 465)
	// InsecureSkipVerify disables certificate checks (test servers only).
	InsecureSkipVerify bool `yaml:"insecure_skip_verify"`
}

// Server configures the HTTP server.
type Server struct {
	Listen string `yaml:"listen"`
	// BaseURL is how people reach the inbox (https://mentions.acme.example):
	// the links in alerts and e-mails point there.
	BaseURL string `yaml:"base_url"`
	// Users sign in to the inbox with a name and password (auth.go in app).
	Users []User `yaml:"users"`
	// APITokens are the Bearer tokens /api/ takes, for scripts.
	APITokens []APIToken `yaml:"api_tokens"`
	// AuthProxyHeader, when set, names the header (X-Forwarded-User) in
	// which a single sign-on proxy in front of the server passes the
	// signed-in user; it is not read when empty.
	AuthProxyHeader string `yaml:"auth_proxy_header"`
	// TrustedProxies are the reverse proxies in front of the server
	// (addresses or CIDR prefixes), judged by the connection's own
	// address: their requests may carry AuthProxyHeader and name the
	// client in X-Forwarded-For; any other peer's are ignored. Unset means
	// this machine (DefaultTrustedProxies); an empty list, no one.
	TrustedProxies []string `yaml:"trusted_proxies"`
}

// Location is where the store is: the PostgreSQL URL when one is set,
// else the SQLite file's path. It may hold a password: never log it
// (store.RedactURL).
func (s Storage) Location() string {
	if s.URL != "" {
		return s.URL
	}
	return s.Path
}
