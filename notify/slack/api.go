package slack

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// transientCodes are Web API error codes worth retrying; every other
// ok:false answer (invalid_auth, channel_not_found, not_in_channel,
// is_archived, msg_too_long, …) is permanent.
var transientCodes = map[string]bool{
	"ratelimited":         true,
	"rate_limited":        true,
	"internal_error":      true,
	"fatal_error":         true,
	"service_unavailable": true,
	"request_timeout":     true,
	"team_added_to_org":   true,
}

// metadata returns the message metadata: the outbox key that lets
// Confirm find a message, and the ids of every mention the message shows
// or counts, so each mention is accounted for in Slack.
func metadata(msg *alert.Message) slack.SlackMetadata {
	return slack.SlackMetadata{
		EventType: EventType,
		EventPayload: map[string]any{
			"key":         msg.Key,
			"kind":        string(msg.Kind),
			"brand":       msg.Brand,
			"mention_ids": mentionIDs(msg),
		},
	}
}

// mentionIDs lists the ids of the mentions of msg, in its order; for a
// wave, the negative mentions it counts.
func mentionIDs(msg *alert.Message) []int64 {
	if msg.Kind == alert.KindWave && msg.Wave != nil && len(msg.Wave.MentionIDs) > 0 {
		return msg.Wave.MentionIDs
	}
	ids := make([]int64, 0, len(msg.Items))
	for _, it := range msg.Items {
		if it.Mention.ID != 0 {
			ids = append(ids, it.Mention.ID)
		}
	}
	return ids
}

func (n *Notifier) postAPI(ctx context.Context, msg *alert.Message, p Payload) (bool, error) {
	ch, err := n.channel(msg.Target)
	if err != nil {
		return false, &alert.Error{Op: "slack: chat.postMessage", Err: err}
	}
	p = withButtons(msg, p) // a bot's message can be rewritten after a click
	opts := []slack.MsgOption{
		slack.MsgOptionText(p.Text, false),
		slack.MsgOptionBlocks(p.Blocks...),
		slack.MsgOptionMetadata(metadata(msg)),
		slack.MsgOptionDisableLinkUnfurl(),
		slack.MsgOptionDisableMediaUnfurl(),
	}
	if !msg.ReplyTo.IsZero() {
		ch = msg.ReplyTo.Channel
		opts = append(opts, slack.MsgOptionTS(msg.ReplyTo.ID))
		if msg.Kind != alert.KindReminder && len(msg.Items) > 0 && msg.Items[0].Mention.Severity == model.SeverityCritical {
			// A critical follow-up is also shown in the channel.
			opts = append(opts, slack.MsgOptionBroadcast())
		}
	}
	gotCh, ts, err := n.api.PostMessageContext(ctx, ch, opts...)
	if err != nil {
		return n.classify("slack: chat.postMessage", err)
	}
	msg.Receipt = alert.Receipt{Channel: gotCh, ID: ts}
	return false, nil
}

// Confirm looks for msg.Key among the recent messages of the target
// channel (or of the thread msg replies in). It needs the channel's ID:
// msg.ChannelHint, the target itself when it is an ID, or a lookup by name
// through conversations.list. It reports false when the message is not
// there, or when it cannot tell (webhook mode).
func (n *Notifier) Confirm(ctx context.Context, msg *alert.Message) (bool, error) {
	if n.api == nil || strings.HasPrefix(msg.Target, WebhookKeyPrefix+":") {
		return false, nil
	}
	chID := msg.ReplyTo.Channel
	if chID == "" {
		chID = msg.ChannelHint
	}
	if chID == "" {
		name, err := n.channel(msg.Target)
		if err != nil {
			return false, &alert.Error{Op: "slack: confirm", Err: err}
		}
		chID, err = n.resolve(ctx, name)
		if err != nil {
			return false, err
		}
	}
	oldest := ""
	if !msg.FirstAttempt.IsZero() {
		// Allow for clocks that disagree.
		t := msg.FirstAttempt.Add(-10 * time.Minute)
		oldest = strconv.FormatInt(t.Unix(), 10) + ".000000"
	}
	cursor := ""
	for page := 0; page < 10; page++ {
		var msgs []slack.Message
		var next string
		var err error
		if !msg.ReplyTo.IsZero() {
			msgs, _, next, err = n.api.GetConversationRepliesContext(ctx, &slack.GetConversationRepliesParameters{
				ChannelID: chID, Timestamp: msg.ReplyTo.ID, Cursor: cursor, Oldest: oldest,
				Limit: 200, IncludeAllMetadata: true,
			})
		} else {
			var resp *slack.GetConversationHistoryResponse
			resp, err = n.api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{
				ChannelID: chID, Cursor: cursor, Oldest: oldest, Limit: 200, IncludeAllMetadata: true,
			})
			if resp != nil {
				msgs, next = resp.Messages, resp.ResponseMetaData.NextCursor
			}
		}
		if err != nil {
			_, cerr := n.classify("slack: confirm", err)
			return false, cerr
		}
		for _, m := range msgs {
			if m.Metadata.EventType == EventType && payloadKey(m.Metadata.EventPayload) == msg.Key {
				msg.Receipt = alert.Receipt{Channel: chID, ID: m.Timestamp}
				return true, nil
			}
		}
		if next == "" {
			break
		}
		cursor = next
	}
	return false, nil
}

func payloadKey(p map[string]any) string {
	s, _ := p["key"].(string)
	return s
}

var channelIDRe = regexp.MustCompile(`^[CGD][A-Z0-9]{6,}$`)

// resolve returns the ID of a channel given by name ("#pr-alerts") or ID.
func (n *Notifier) resolve(ctx context.Context, name string) (string, error) {
	if channelIDRe.MatchString(name) {
		return name, nil
	}
	want := strings.TrimPrefix(name, "#")
	cursor := ""
	for page := 0; page < 50; page++ {
		chans, next, err := n.api.GetConversationsContext(ctx, &slack.GetConversationsParameters{
			Cursor: cursor, Limit: 1000, ExcludeArchived: true,
			Types: []string{"public_channel", "private_channel"},
		})
		if err != nil {
			_, cerr := n.classify("slack: conversations.list", err)
			return "", cerr
		}
		for _, c := range chans {
			if c.Name == want || c.NameNormalized == want {
				return c.ID, nil
			}
		}
		if next == "" {
			break
		}
		cursor = next
	}
	return "", &alert.Error{Op: "slack: conversations.list", Code: "channel_not_found",
		Err: errors.New("no channel named " + strconv.Quote(want))}
}

// classify maps an error of slack-go to (retry, *alert.Error): 429 with
// Retry-After and 5xx are retried, Web API error codes are permanent
// unless known to be transient, and a request without an answer is retried
// as uncertain.
func (n *Notifier) classify(op string, err error) (bool, error) {
	retry, e := n.classifyErr(op, err)
	e.Temporary = retry
	return retry, e
}

func (n *Notifier) classifyErr(op string, err error) (bool, *alert.Error) {
	if rl, ok := errors.AsType[*slack.RateLimitedError](err); ok {
		return true, &alert.Error{Op: op, Status: http.StatusTooManyRequests, Code: "ratelimited",
			RetryAfter: rl.RetryAfter, Err: errors.New("rate limited")}
	}
	if sc, ok := errors.AsType[slack.StatusCodeError](err); ok {
		return alert.RetryStatus(sc.Code), &alert.Error{Op: op, Status: sc.Code, Err: errors.New(n.redact(sc.Status))}
	}
	if se, ok := errors.AsType[slack.SlackErrorResponse](err); ok {
		code := se.Err
		e := &alert.Error{Op: op, Code: code}
		if se.Needed != "" {
			e.Err = errors.New("needs scope " + n.redact(se.Needed))
		}
		return transientCodes[code], e
	}
	if ctx := errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded); ctx {
		return true, alert.TransportError(op, err, n.secrets...)
	}
	if _, ok := errors.AsType[*json.SyntaxError](err); ok {
		// An answer that is not JSON (a proxy's error page): the request
		// may or may not have been carried out.
		return true, &alert.Error{Op: op, Uncertain: true, Err: errors.New("answer is not JSON")}
	}
	return true, alert.TransportError(op, err, n.secrets...)
}
