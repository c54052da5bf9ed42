// Package slackfake is a Slack server for tests: it speaks the Web API's
// wire format for the methods the notifier uses (chat.postMessage with
// blocks, metadata and thread_ts; chat.update; conversations.history and
// conversations.replies with include_all_metadata; conversations.list),
// serves incoming webhooks, and plays Slack's side of interactivity:
// block_actions payloads for a click on a message's button, signed for
// the HTTP way or sent over Socket Mode (apps.connections.open and a
// websocket; see socket.go). Tests inject failures (503, 429 with
// Retry-After, ok:false codes) and hold answers with hooks, and can limit
// chat.postMessage per channel and second as Slack does (SetRateLimit).
package slackfake

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Post is one message the server accepted.
type Post struct {
	Via         string // "api" or "webhook"
	Webhook     string // the webhook's name, for Via "webhook"
	Channel     string // channel ID (API)
	TS          string
	ThreadTS    string
	Broadcast   bool
	Text        string
	Blocks      json.RawMessage
	Metadata    *Metadata
	UnfurlLinks string
}

// Metadata is Slack message metadata.
type Metadata struct {
	EventType    string         `json:"event_type"`
	EventPayload map[string]any `json:"event_payload"`
}

// Key returns the metadata payload's "key", or "".
func (p Post) Key() string {
	if p.Metadata == nil {
		return ""
	}
	s, _ := p.Metadata.EventPayload["key"].(string)
	return s
}

// Server is a fake Slack.
type Server struct {
	*httptest.Server
	// APIURL is the Web API base ("…/api/").
	APIURL string
	// Token is the bot token the API accepts.
	Token string
	// Now is the server's clock, for message timestamps (default
	// time.Now).
	Now func() time.Time
	// BearerOnly accepts the token only in an Authorization header, as
	// Slack documents it, not in the form body.
	BearerOnly bool

	mu        sync.Mutex
	before    func(w http.ResponseWriter, r *http.Request, method string) bool
	afterPost func(p Post)
	channels  map[string]string // name → ID
	webhooks  map[string]string // path secret → name
	posts     []Post
	calls     []string
	seq       int
	perSecond int                    // chat.postMessage per channel and second; 0: no limit
	recent    map[string][]time.Time // channel ID → times of accepted posts in the last second
	limited   int                    // answers of 429
	updates   []Update
	sock      socketState
}

// SetRateLimit makes chat.postMessage accept at most n messages per
// channel in any second of the server's clock (Now); one more is answered
// with HTTP 429 and Retry-After: 1, as Slack does. 0 lifts the limit.
func (s *Server) SetRateLimit(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.perSecond = n
	s.recent = map[string][]time.Time{}
}

// RateLimited returns how many requests were answered with 429 by the
// rate limit.
func (s *Server) RateLimited() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.limited
}

// overLimit reports whether a post to channel id now exceeds the rate
// limit, and otherwise counts it. Call with s.mu held.
func (s *Server) overLimit(id string, now time.Time) bool {
	if s.perSecond <= 0 {
		return false
	}
	kept := s.recent[id][:0]
	for _, t := range s.recent[id] {
		if now.Sub(t) < time.Second {
			kept = append(kept, t)
		}
	}
	s.recent[id] = kept
	if len(kept) >= s.perSecond {
		s.limited++
		return true
	}
	s.recent[id] = append(kept, now)
	return false
}

// New starts a server with the channels given by name (without "#").
func New(token string, channels ...string) *Server {
	s := &Server{Token: token, channels: map[string]string{}, webhooks: map[string]string{}}
	for i, c := range channels {
		s.channels[c] = fmt.Sprintf("C%08d", i+1)
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	s.APIURL = s.URL + "/api/"
	return s
}

// SetBefore sets a hook called before each request is handled, with the
// API method or "webhook"; when it returns true it has answered and the
// request is not handled further. It may also block.
func (s *Server) SetBefore(fn func(w http.ResponseWriter, r *http.Request, method string) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.before = fn
}

// SetAfterPost sets a hook called after a message was stored and before
// the answer is written: blocking in it holds the answer of a request
// whose message is already in the channel.
func (s *Server) SetAfterPost(fn func(p Post)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.afterPost = fn
}

func (s *Server) hooks() (func(http.ResponseWriter, *http.Request, string) bool, func(Post)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.before, s.afterPost
}

// ChannelID returns the ID of a channel name ("" if unknown).
func (s *Server) ChannelID(name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.channels[strings.TrimPrefix(name, "#")]
}

// WebhookURL creates an incoming webhook named name and returns its URL.
// The URL's path carries a secret, as Slack's do.
func (s *Server) WebhookURL(name, secret string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhooks[secret] = name
	return s.URL + "/services/T0000/B0000/" + secret
}

// Posts returns every accepted message, in order.
func (s *Server) Posts() []Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.posts)
}

// Calls returns the methods called, in order.
func (s *Server) Calls() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls)
}

func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, socketPath) {
		s.serveSocket(w, r)
		return
	}
	method := "webhook"
	if m, ok := strings.CutPrefix(r.URL.Path, "/api/"); ok {
		method = m
	}
	s.mu.Lock()
	s.calls = append(s.calls, method)
	s.mu.Unlock()
	if r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if before, _ := s.hooks(); before != nil && before(w, r, method) {
		return
	}
	if method == "webhook" {
		s.serveWebhook(w, r)
		return
	}
	if err := r.ParseForm(); err != nil {
		apiError(w, "invalid_form_data")
		return
	}
	tok := r.PostForm.Get("token")
	if s.BearerOnly {
		tok = ""
	}
	if h := r.Header.Get("Authorization"); tok == "" && strings.HasPrefix(h, "Bearer ") {
		tok = strings.TrimPrefix(h, "Bearer ")
	}
	if tok == "" {
		apiError(w, "not_authed")
		return
	}
	want := s.Token
	if method == "apps.connections.open" {
		want = s.appToken()
	}
	if want == "" || tok != want {
		apiError(w, "invalid_auth")
		return
	}
	switch method {
	case "chat.postMessage":
		s.postMessage(w, r.PostForm)
	case "conversations.history":
		s.history(w, r.PostForm, false)
	case "conversations.replies":
		s.history(w, r.PostForm, true)
	case "conversations.list":
		s.list(w)
	case "chat.update":
		s.update(w, r.PostForm)
	case "apps.connections.open":
		s.openConnection(w)
	default:
		apiError(w, "unknown_method")
	}
}

func apiError(w http.ResponseWriter, code string) {
	writeJSON(w, map[string]any{"ok": false, "error": code})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(v)
}

func (s *Server) resolve(ch string) (string, bool) {
	ch = strings.TrimPrefix(ch, "#")
	for name, id := range s.channels {
		if ch == id || ch == name {
			return id, true
		}
	}
	return "", false
}

func (s *Server) postMessage(w http.ResponseWriter, f url.Values) {
	s.mu.Lock()
	id, ok := s.resolve(f.Get("channel"))
	if !ok {
		s.mu.Unlock()
		apiError(w, "channel_not_found")
		return
	}
	if f.Get("text") == "" && f.Get("blocks") == "" {
		s.mu.Unlock()
		apiError(w, "no_text")
		return
	}
	if s.overLimit(id, s.now()) {
		s.mu.Unlock()
		w.Header().Set("Retry-After", "1")
		http.Error(w, "rate limited", http.StatusTooManyRequests)
		return
	}
	s.seq++
	p := Post{Via: "api", Channel: id, TS: fmt.Sprintf("%d.%06d", s.now().Unix(), s.seq),
		ThreadTS: f.Get("thread_ts"), Broadcast: f.Get("reply_broadcast") == "true",
		Text: f.Get("text"), UnfurlLinks: f.Get("unfurl_links")}
	if b := f.Get("blocks"); b != "" {
		if !json.Valid([]byte(b)) {
			s.mu.Unlock()
			apiError(w, "invalid_blocks_format")
			return
		}
		p.Blocks = json.RawMessage(b)
	}
	if m := f.Get("metadata"); m != "" {
		var md Metadata
		if err := json.Unmarshal([]byte(m), &md); err != nil {
			s.mu.Unlock()
			apiError(w, "invalid_metadata_format")
			return
		}
		p.Metadata = &md
	}
	s.posts = append(s.posts, p)
	s.mu.Unlock()
	if _, after := s.hooks(); after != nil {
		after(p)
	}
	writeJSON(w, map[string]any{"ok": true, "channel": id, "ts": p.TS,
		"message": map[string]any{"type": "message", "text": p.Text, "ts": p.TS}})
}

func (s *Server) history(w http.ResponseWriter, f url.Values, replies bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := f.Get("channel")
	if _, ok := s.resolve(id); !ok || id != strings.TrimPrefix(id, "#") || !strings.HasPrefix(id, "C") {
		apiError(w, "channel_not_found")
		return
	}
	oldest, _ := strconv.ParseFloat(f.Get("oldest"), 64)
	latest, _ := strconv.ParseFloat(f.Get("latest"), 64)
	inclusive := f.Get("inclusive") == "1" || f.Get("inclusive") == "true"
	withMeta := f.Get("include_all_metadata") == "1" || f.Get("include_all_metadata") == "true"
	var msgs []map[string]any
	for _, p := range s.posts {
		if p.Via != "api" || p.Channel != id {
			continue
		}
		if replies {
			if p.TS != f.Get("ts") && p.ThreadTS != f.Get("ts") {
				continue
			}
		} else if p.ThreadTS != "" && !p.Broadcast {
			continue
		}
		ts, _ := strconv.ParseFloat(p.TS, 64)
		if ts < oldest || (latest > 0 && (ts > latest || ts == latest && !inclusive)) {
			continue
		}
		m := map[string]any{"type": "message", "text": p.Text, "ts": p.TS}
		if p.Blocks != nil {
			m["blocks"] = p.Blocks
		}
		if p.ThreadTS != "" {
			m["thread_ts"] = p.ThreadTS
		}
		if withMeta && p.Metadata != nil {
			m["metadata"] = p.Metadata
		}
		msgs = append(msgs, m)
	}
	if !replies {
		slices.Reverse(msgs) // newest first, as Slack lists history
	}
	if msgs == nil {
		msgs = []map[string]any{}
	}
	writeJSON(w, map[string]any{"ok": true, "messages": msgs, "has_more": false,
		"response_metadata": map[string]any{"next_cursor": ""}})
}

func (s *Server) list(w http.ResponseWriter) {
	s.mu.Lock()
	defer s.mu.Unlock()
	chans := []map[string]any{}
	for name, id := range s.channels {
		chans = append(chans, map[string]any{"id": id, "name": name, "name_normalized": name, "is_channel": true})
	}
	slices.SortFunc(chans, func(a, b map[string]any) int { return strings.Compare(a["id"].(string), b["id"].(string)) })
	writeJSON(w, map[string]any{"ok": true, "channels": chans, "response_metadata": map[string]any{"next_cursor": ""}})
}

func (s *Server) serveWebhook(w http.ResponseWriter, r *http.Request) {
	secret := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
	s.mu.Lock()
	name, ok := s.webhooks[secret]
	s.mu.Unlock()
	if !ok || !strings.HasPrefix(r.URL.Path, "/services/") {
		http.Error(w, "no_service", http.StatusNotFound)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	var m struct {
		Text     string          `json:"text"`
		Blocks   json.RawMessage `json:"blocks"`
		Metadata *Metadata       `json:"metadata"`
	}
	if err := json.Unmarshal(body, &m); err != nil || (m.Text == "" && len(m.Blocks) == 0) {
		http.Error(w, "invalid_payload", http.StatusBadRequest)
		return
	}
	p := Post{Via: "webhook", Webhook: name, Text: m.Text, Blocks: m.Blocks, Metadata: m.Metadata}
	s.mu.Lock()
	s.posts = append(s.posts, p)
	s.mu.Unlock()
	if _, after := s.hooks(); after != nil {
		after(p)
	}
	w.Header().Set("Content-Type", "text/plain")
	_, _ = io.WriteString(w, "ok")
}
