package slackfake

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
)

// Update is one chat.update the server accepted.
type Update struct {
	Channel  string
	TS       string
	Text     string
	Blocks   json.RawMessage
	Metadata *Metadata
}

// Updates returns every accepted chat.update, in order.
func (s *Server) Updates() []Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.updates)
}

// UpdatesOf returns the chat.update calls that rewrote one message.
func (s *Server) UpdatesOf(channel, ts string) []Update {
	var out []Update
	for _, u := range s.Updates() {
		if u.Channel == channel && u.TS == ts {
			out = append(out, u)
		}
	}
	return out
}

// Message returns a message as it is now, after any updates.
func (s *Server) Message(channel, ts string) (Post, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if i := s.find(channel, ts); i >= 0 {
		return s.posts[i], true
	}
	return Post{}, false
}

// find returns the index of the API message channel/ts, or -1. s.mu is held.
func (s *Server) find(channel, ts string) int {
	for i, p := range s.posts {
		if p.Via == "api" && p.Channel == channel && p.TS == ts {
			return i
		}
	}
	return -1
}

// update serves chat.update: the message's text, blocks and (when given)
// metadata are replaced; as Slack does, metadata not given is kept.
func (s *Server) update(w http.ResponseWriter, f url.Values) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, ts := f.Get("channel"), f.Get("ts")
	if _, ok := s.resolve(ch); !ok || ch != s.channelIDOf(ch) {
		apiError(w, "channel_not_found")
		return
	}
	i := s.find(ch, ts)
	if i < 0 {
		apiError(w, "message_not_found")
		return
	}
	if f.Get("text") == "" && f.Get("blocks") == "" {
		apiError(w, "no_text")
		return
	}
	u := Update{Channel: ch, TS: ts, Text: f.Get("text")}
	if b := f.Get("blocks"); b != "" {
		if !json.Valid([]byte(b)) {
			apiError(w, "invalid_blocks_format")
			return
		}
		u.Blocks = json.RawMessage(b)
	}
	if m := f.Get("metadata"); m != "" {
		var md Metadata
		if err := json.Unmarshal([]byte(m), &md); err != nil {
			apiError(w, "invalid_metadata_format")
			return
		}
		u.Metadata = &md
	}
	s.updates = append(s.updates, u)
	p := &s.posts[i]
	p.Text, p.Blocks = u.Text, u.Blocks
	if u.Metadata != nil {
		p.Metadata = u.Metadata
	}
	writeJSON(w, map[string]any{"ok": true, "channel": ch, "ts": ts, "text": p.Text,
		"message": map[string]any{"type": "message", "text": p.Text, "blocks": p.Blocks}})
}

// channelIDOf returns the ID of a channel given by ID or name. s.mu is held.
func (s *Server) channelIDOf(ch string) string {
	id, _ := s.resolve(ch)
	return id
}
