// Package alert holds what every notifier shares: the Message the outbox
// worker hands to a notifier, the Notifier interface, the error type that
// says whether a failure is worth retrying, secret redaction, and small
// formatting helpers.
package alert

import (
	"context"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// Kind is what a message is about.
type Kind string

// Message kinds.
const (
	// KindMention is one mention, sent as it happens (or a follow-up in a
	// thread that already alerted).
	KindMention Kind = "mention"
	// KindGroup is the mentions of one brand in one period (hourly,
	// daily), sent when the period ends.
	KindGroup Kind = "group"
	// KindWave is a negative wave of one brand.
	KindWave Kind = "wave"
	// KindFold is a storm: the as-it-happens mentions of one brand beyond
	// alerts.burst, folded into one message that counts them all and
	// shows the worst (renderers that do not know it show it as a group).
	KindFold Kind = "fold"
)

// Channels a message can be sent on.
const (
	ChannelSlack    = "slack"
	ChannelWebhook  = "webhook"
	ChannelTelegram = "telegram"
	ChannelStdout   = "stdout"
)

// DefaultTarget is the target that means "the channel's configured
// default" (alerts.slack.channel, alerts.webhook.url, alerts.telegram.chat_id).
const DefaultTarget = "default"

// Message is one alert to send: a single mention, a group, or a wave.
type Message struct {
	// Key is the message's idempotency key: the same across retries and
	// restarts, different for every message and installation. Notifiers
	// that can attach it to what they post (Slack metadata, a webhook
	// header) do, so that a message is never posted twice.
	Key string
	// ID is the outbox's number for the message.
	ID      int64
	Kind    Kind
	Channel string
	// Target is where on the channel: a Slack channel ("#pr-alerts"), a
	// Telegram chat id, DefaultTarget, or the key of a secret URL (see
	// SecretKey).
	Target string
	// Route names the route that chose the target.
	Route     string
	Brand     string
	Frequency string
	// Period is the period of a group.
	Period Period
	// Items are the mentions, most important first (see SortItems). A
	// group holds all of them; renderers show the top ones and a count.
	Items []Item
	// Followup marks a new post in a thread that already alerted on this
	// target; ReplyTo is that alert's receipt when it is known, so the
	// message can go as a reply in its thread.
	Followup  bool
	ThreadURL string
	ReplyTo   Receipt
	// Wave is set for KindWave.
	Wave *Wave
	// InboxURL, for a fold, is the inbox filtered to its brand since its
	// first mention (server.base_url + "/?brand=…&since=…"); empty when
	// server.base_url is not set.
	InboxURL string
	// Reminder is set for KindReminder.
	Reminder *Reminder
	// ChannelHint is where earlier messages to Target landed (e.g. the
	// Slack channel ID of "#pr-alerts"), for lookups; it may be empty.
	ChannelHint string
	// FirstAttempt is when the message was first attempted (or created).
	FirstAttempt time.Time
	// Location is the time zone times are shown in.
	Location *time.Location

	// Receipt is set by a successful Notify or Confirm: where the message
	// landed.
	Receipt Receipt
}

// Item is one mention in a message.
type Item struct {
	Mention model.Mention
	// Why names the route that matched and its expression.
	Why string
	// Growth is how many replies the mention's thread gained at the crawl
	// that found it.
	Growth int
}

// Receipt says where a sent message landed: a Slack channel ID and message
// ts, a Telegram chat id and message id. Empty for channels without one.
type Receipt struct {
	Channel string
	ID      string
}

// IsZero reports whether the receipt is empty.
func (r Receipt) IsZero() bool { return r.Channel == "" && r.ID == "" }

// Period is the period a group covers, [Start, End).
type Period struct {
	Start time.Time
	End   time.Time
}

// Wave describes a negative wave: more negative mentions in the window
// than the brand's baseline explains.
type Wave struct {
	Brand string `json:"brand"`
	// Count is the number of negative mentions in the window.
	Count int `json:"count"`
	// WindowStart and WindowEnd bound the counting window.
	WindowStart time.Time `json:"window_start"`
	WindowEnd   time.Time `json:"window_end"`
	// Mean and StdDev describe the baseline: negative mentions per window
	// over the baseline period.
	Mean   float64 `json:"baseline_mean"`
	StdDev float64 `json:"baseline_stddev"`
	// Threshold is the count at which a wave starts.
	Threshold float64 `json:"threshold"`
	// Threads are the top threads (or single posts) of the wave.
	Threads []WaveThread `json:"threads"`
	// MentionIDs are the ids of the negative mentions the wave counts,
	// oldest first (at most WaveMaxIDs of them).
	MentionIDs []int64 `json:"mention_ids,omitempty"`
}

// WaveMaxIDs caps Wave.MentionIDs, as a fold caps the mentions it holds:
// a message's metadata stays small however large the wave.
const WaveMaxIDs = 1000

// WaveThread is one thread (or a single post) in a wave.
type WaveThread struct {
	URL        string  `json:"url"`
	Title      string  `json:"title"`
	Source     string  `json:"source"`
	Count      int     `json:"count"`
	Negativity float64 `json:"negativity"` // the highest in the window
}

// Notifier sends messages on one channel.
type Notifier interface {
	// Notify sends msg and, on success, sets msg.Receipt when the channel
	// gives one. On failure it reports whether trying again later may
	// succeed (a 5xx, a 429, a network error) or not (a bad token, an
	// unknown channel, a 404 webhook). The error never contains a secret.
	Notify(ctx context.Context, msg *Message) (retry bool, err error)
}

// Confirmer is a Notifier that can tell whether a message was already
// posted — by an attempt whose answer was lost to a crash or a timeout —
// by looking for msg.Key where the message would be. When it finds it, it
// sets msg.Receipt and returns true.
type Confirmer interface {
	Confirm(ctx context.Context, msg *Message) (found bool, err error)
}
