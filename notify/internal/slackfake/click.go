package slackfake

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Click is a person clicking a button of a message.
type Click struct {
	Channel string // the message's channel ID
	TS      string // the message's ts
	// ActionID names the button; the click fails when the message, as it
	// is now, has no such button.
	ActionID string
	// User is the clicking user's username (and name).
	User string
	// Value, when set, replaces the button's value (a forged or stale
	// payload).
	Value *string
	// At is when the click happened (default the server's clock).
	At time.Time
}

// BlockActions returns the block_actions payload Slack sends for c, with
// the message as it is now (blocks and text; Slack does not include the
// message's metadata), as JSON.
func (s *Server) BlockActions(c Click) (json.RawMessage, error) {
	p, ok := s.Message(c.Channel, c.TS)
	if !ok {
		return nil, fmt.Errorf("slackfake: no message %s/%s", c.Channel, c.TS)
	}
	var blocks []map[string]any
	if len(p.Blocks) > 0 {
		if err := json.Unmarshal(p.Blocks, &blocks); err != nil {
			return nil, fmt.Errorf("slackfake: blocks of %s: %w", c.TS, err)
		}
	}
	var button map[string]any
	blockID := ""
	for _, b := range blocks {
		if b["type"] != "actions" {
			continue
		}
		els, _ := b["elements"].([]any)
		for _, e := range els {
			if el, _ := e.(map[string]any); el != nil && el["action_id"] == c.ActionID {
				button, blockID = el, fmt.Sprint(b["block_id"])
			}
		}
	}
	if button == nil {
		return nil, fmt.Errorf("slackfake: message %s has no button %q", c.TS, c.ActionID)
	}
	value, _ := button["value"].(string)
	if c.Value != nil {
		value = *c.Value
	}
	at := c.At
	if at.IsZero() {
		at = s.now()
	}
	actionTS := fmt.Sprintf("%d.%06d", at.Unix(), at.Nanosecond()/1000)
	h := fnv.New32a()
	_, _ = h.Write([]byte(c.User))
	userID := fmt.Sprintf("U%08X", h.Sum32())
	message := map[string]any{"type": "message", "subtype": "bot_message", "text": p.Text, "ts": p.TS,
		"bot_id": "B0000000001", "blocks": blocks}
	if p.ThreadTS != "" {
		message["thread_ts"] = p.ThreadTS
	}
	container := map[string]any{"type": "message", "message_ts": p.TS, "channel_id": p.Channel, "is_ephemeral": false}
	if p.ThreadTS != "" {
		container["thread_ts"] = p.ThreadTS
	}
	payload := map[string]any{
		"type":         "block_actions",
		"user":         map[string]any{"id": userID, "username": c.User, "name": c.User, "team_id": "T0000000001"},
		"api_app_id":   "A0000000001",
		"token":        "legacy-verification-token",
		"container":    container,
		"trigger_id":   actionTS + ".trigger",
		"team":         map[string]any{"id": "T0000000001", "domain": "acme"},
		"enterprise":   nil,
		"channel":      map[string]any{"id": p.Channel, "name": s.channelName(p.Channel)},
		"message":      message,
		"state":        map[string]any{"values": map[string]any{}},
		"response_url": s.URL + "/actions/T0000000001/" + strings.ReplaceAll(actionTS, ".", ""),
		"actions": []any{map[string]any{
			"action_id": c.ActionID, "block_id": blockID, "text": button["text"], "value": value,
			"type": "button", "action_ts": actionTS,
		}},
	}
	return json.Marshal(payload)
}

func (s *Server) channelName(id string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for name, cid := range s.channels {
		if cid == id {
			return name
		}
	}
	return ""
}

// Sign returns Slack's request signature of body sent at ts with secret:
// "v0=" + hex(HMAC-SHA256(secret, "v0:" + ts + ":" + body)).
func Sign(secret string, ts int64, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(m, "v0:%d:", ts)
	_, _ = m.Write(body)
	return "v0=" + hex.EncodeToString(m.Sum(nil))
}

// InteractionBody is the form body Slack posts to an interactivity
// request URL: payload=<JSON>.
func InteractionBody(payload json.RawMessage) []byte {
	return []byte(url.Values{"payload": {string(payload)}}.Encode())
}

// InteractionRequest builds Slack's signed POST of body to target, sent
// at at.
func InteractionRequest(target, secret string, at time.Time, body []byte) *http.Request {
	r, err := http.NewRequest(http.MethodPost, target, strings.NewReader(string(body)))
	if err != nil {
		panic(err)
	}
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(at.Unix(), 10))
	r.Header.Set("X-Slack-Signature", Sign(secret, at.Unix(), body))
	r.Header.Set("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)")
	return r
}
