// Package telegram delivers alerts through a Telegram bot: the Bot API's
// sendMessage with parse_mode HTML, link previews off, follow-ups as
// replies to the thread's first alert. Telegram cannot be asked what a bot
// sent, so a send whose answer was lost is repeated: at least once.
package telegram

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/notify/alert"
	"github.com/mentionwatch/mentionwatch/notify/internal/httpsend"
)

// DefaultAPIURL is the Bot API base.
const DefaultAPIURL = "https://api.telegram.org"

// Config configures a Notifier.
type Config struct {
	Token string
	// ChatID is where DefaultTarget goes.
	ChatID string
	// APIURL is the Bot API base (default DefaultAPIURL).
	APIURL     string
	HTTPClient *http.Client
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Notifier sends alerts to Telegram chats.
type Notifier struct {
	token  string
	chatID string
	api    string
	http   *http.Client
	now    func() time.Time
}

var _ alert.Notifier = (*Notifier)(nil)

// New returns a Notifier.
func New(cfg Config) (*Notifier, error) {
	if cfg.Token == "" {
		return nil, errors.New("telegram: no bot token")
	}
	n := &Notifier{token: cfg.Token, chatID: cfg.ChatID, api: strings.TrimRight(cmp.Or(cfg.APIURL, DefaultAPIURL), "/"),
		http: httpsend.Client(cfg.HTTPClient), now: cfg.Now}
	if n.now == nil {
		n.now = time.Now
	}
	return n, nil
}

// SendMessage is the body of a sendMessage request.
type SendMessage struct {
	ChatID             string              `json:"chat_id"`
	Text               string              `json:"text"`
	ParseMode          string              `json:"parse_mode"`
	LinkPreviewOptions *LinkPreviewOptions `json:"link_preview_options,omitempty"`
	ReplyParameters    *ReplyParameters    `json:"reply_parameters,omitempty"`
}

// LinkPreviewOptions of a message.
type LinkPreviewOptions struct {
	IsDisabled bool `json:"is_disabled"`
}

// ReplyParameters make a message a reply.
type ReplyParameters struct {
	MessageID                int64 `json:"message_id"`
	AllowSendingWithoutReply bool  `json:"allow_sending_without_reply"`
}

// response is the Bot API's answer.
type response struct {
	OK          bool   `json:"ok"`
	Description string `json:"description"`
	ErrorCode   int    `json:"error_code"`
	Result      struct {
		MessageID int64 `json:"message_id"`
		Chat      struct {
			ID int64 `json:"id"`
		} `json:"chat"`
	} `json:"result"`
	Parameters struct {
		RetryAfter      int   `json:"retry_after"`
		MigrateToChatID int64 `json:"migrate_to_chat_id"`
	} `json:"parameters"`
}

// Notify sends msg with sendMessage. 429 (with parameters.retry_after)
// and 5xx are retried; other errors ("chat not found", a blocked bot, a
// bad token) are permanent. The token, which is part of the URL, appears
// in no error.
func (n *Notifier) Notify(ctx context.Context, msg *alert.Message) (bool, error) {
	const op = "telegram: sendMessage"
	chat := msg.Target
	if chat == "" || chat == alert.DefaultTarget {
		chat = n.chatID
	}
	if chat == "" {
		return false, &alert.Error{Op: op, Err: errors.New("no chat: the route says \"default\" and alerts.telegram.chat_id is not set")}
	}
	body := SendMessage{ChatID: chat, Text: Render(msg), ParseMode: "HTML",
		LinkPreviewOptions: &LinkPreviewOptions{IsDisabled: true}}
	if !msg.ReplyTo.IsZero() && msg.ReplyTo.Channel == chat {
		if id, err := strconv.ParseInt(msg.ReplyTo.ID, 10, 64); err == nil {
			body.ReplyParameters = &ReplyParameters{MessageID: id, AllowSendingWithoutReply: true}
		}
	}
	resp, err := httpsend.PostJSON(ctx, n.http, httpsend.Request{Op: op, URL: n.api + "/bot" + n.token + "/sendMessage",
		URLName: "API URL", JSON: body, Decode: true, Secrets: []string{n.token}})
	if err != nil {
		return alert.Temporary(err), err
	}
	var r response
	if err := json.Unmarshal(resp.Body, &r); err != nil {
		if resp.OK() {
			return true, &alert.Error{Op: op, Status: resp.Status, Uncertain: true, Err: errors.New("answer is not JSON")}
		}
		return alert.RetryStatus(resp.Status), &alert.Error{Op: op, Status: resp.Status}
	}
	if r.OK {
		msg.Receipt = alert.Receipt{Channel: chat, ID: strconv.FormatInt(r.Result.MessageID, 10)}
		return false, nil
	}
	status := cmp.Or(r.ErrorCode, resp.Status)
	e := &alert.Error{Op: op, Status: status, Code: alert.Redact(r.Description, n.token)}
	if r.Parameters.RetryAfter > 0 {
		e.RetryAfter = time.Duration(r.Parameters.RetryAfter) * time.Second
	} else if status == http.StatusTooManyRequests {
		e.RetryAfter = resp.RetryAfter(n.now())
	}
	if r.Parameters.MigrateToChatID != 0 {
		e.Err = errors.New("the group became a supergroup: set the chat id to " +
			strconv.FormatInt(r.Parameters.MigrateToChatID, 10))
	}
	return alert.RetryStatus(status), e
}
