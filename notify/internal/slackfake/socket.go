package slackfake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// socketPath is where the fake's Socket Mode websockets live.
const socketPath = "/link/"

// pingEvery is how often the fake pings a Socket Mode connection, as
// Slack does (slack-go's client reconnects when pings stop).
const pingEvery = time.Second

// socketState is the Socket Mode side of the server; guarded by Server.mu.
type socketState struct {
	appToken string
	tickets  map[string]bool // issued by apps.connections.open, used once
	conns    []*socketConn   // every connection, oldest first
	opened   int             // apps.connections.open calls answered
	hellos   int             // connections greeted with hello
	envSeq   int
	acks     map[string]json.RawMessage // envelope_id → the ack's payload
	changed  chan struct{}              // closed and replaced on every change
}

type socketConn struct {
	ws   *websocket.Conn
	wmu  sync.Mutex // one writer at a time
	live bool       // not told to disconnect, not closed
}

func (c *socketConn) write(v any) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return c.ws.WriteJSON(v)
}

// EnableSocketMode makes apps.connections.open accept appToken (xapp-…).
func (s *Server) EnableSocketMode(appToken string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sock.appToken = appToken
}

func (s *Server) appToken() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sock.appToken
}

// changedLocked wakes whoever waits for the socket state. s.mu is held.
func (s *Server) changedLocked() {
	if s.sock.changed != nil {
		close(s.sock.changed)
	}
	s.sock.changed = make(chan struct{})
}

// waitFor waits until cond (called with s.mu held) holds or ctx ends.
func (s *Server) waitFor(ctx context.Context, what string, cond func() bool) error {
	for {
		s.mu.Lock()
		if cond() {
			s.mu.Unlock()
			return nil
		}
		if s.sock.changed == nil {
			s.sock.changed = make(chan struct{})
		}
		ch := s.sock.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("slackfake: waiting for %s: %w", what, ctx.Err())
		}
	}
}

// openConnection serves apps.connections.open: a one-time websocket URL.
func (s *Server) openConnection(w http.ResponseWriter) {
	s.mu.Lock()
	s.sock.opened++
	ticket := fmt.Sprintf("ticket-%d", s.sock.opened)
	if s.sock.tickets == nil {
		s.sock.tickets = map[string]bool{}
	}
	s.sock.tickets[ticket] = true
	s.mu.Unlock()
	u := "ws" + strings.TrimPrefix(s.URL, "http") + socketPath + "?ticket=" + ticket
	writeJSON(w, map[string]any{"ok": true, "url": u})
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// serveSocket is the websocket of a Socket Mode connection: hello, then
// envelopes the test sends, acks read back, pings every second.
func (s *Server) serveSocket(w http.ResponseWriter, r *http.Request) {
	ticket := r.URL.Query().Get("ticket")
	s.mu.Lock()
	ok := s.sock.tickets[ticket]
	delete(s.sock.tickets, ticket)
	s.mu.Unlock()
	if !ok {
		http.Error(w, "bad ticket", http.StatusUnauthorized)
		return
	}
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &socketConn{ws: ws, live: true}
	hello := map[string]any{"type": "hello", "num_connections": 1,
		"connection_info": map[string]any{"app_id": "A0000000001"},
		"debug_info":      map[string]any{"host": "slackfake", "approximate_connection_time": 3600}}
	if err := c.write(hello); err != nil {
		_ = ws.Close()
		return
	}
	s.mu.Lock()
	s.sock.conns = append(s.sock.conns, c)
	s.sock.hellos++
	s.changedLocked()
	s.mu.Unlock()
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(pingEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if ws.WriteControl(websocket.PingMessage, []byte("ping"), time.Now().Add(time.Second)) != nil {
					return
				}
			}
		}
	}()
	_ = ws.WriteControl(websocket.PingMessage, []byte("ping"), time.Now().Add(time.Second))
	defer func() {
		close(done)
		_ = ws.Close()
		s.mu.Lock()
		c.live = false
		s.changedLocked()
		s.mu.Unlock()
	}()
	for {
		var ack struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if err := ws.ReadJSON(&ack); err != nil {
			return
		}
		if ack.EnvelopeID == "" {
			continue
		}
		s.mu.Lock()
		if s.sock.acks == nil {
			s.sock.acks = map[string]json.RawMessage{}
		}
		s.sock.acks[ack.EnvelopeID] = ack.Payload
		s.changedLocked()
		s.mu.Unlock()
	}
}

// live returns the newest connection not told to disconnect. s.mu is held.
func (s *Server) liveLocked() *socketConn {
	for i := len(s.sock.conns) - 1; i >= 0; i-- {
		if c := s.sock.conns[i]; c.live {
			return c
		}
	}
	return nil
}

// Connections returns how many Socket Mode connections were opened
// (greeted with hello).
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sock.hellos
}

// WaitConnections waits until n Socket Mode connections were opened and
// one of them is live.
func (s *Server) WaitConnections(ctx context.Context, n int) error {
	return s.waitFor(ctx, fmt.Sprintf("%d connections", n), func() bool {
		return s.sock.hellos >= n && s.liveLocked() != nil
	})
}

// ErrNoConnection is returned when no Socket Mode connection is live.
var ErrNoConnection = errors.New("slackfake: no live socket mode connection")

// SendInteractive sends payload (a block_actions payload, see
// BlockActions) over the live Socket Mode connection in an "interactive"
// envelope and returns its envelope_id.
func (s *Server) SendInteractive(payload json.RawMessage) (string, error) {
	s.mu.Lock()
	c := s.liveLocked()
	s.sock.envSeq++
	id := fmt.Sprintf("env-%04d-%d", s.sock.envSeq, time.Now().UnixNano()%1e6)
	s.mu.Unlock()
	if c == nil {
		return "", ErrNoConnection
	}
	env := map[string]any{"envelope_id": id, "type": "interactive", "payload": payload,
		"accepts_response_payload": false, "retry_attempt": 0, "retry_reason": ""}
	if err := c.write(env); err != nil {
		return "", fmt.Errorf("slackfake: send envelope: %w", err)
	}
	return id, nil
}

// WaitAck waits until the envelope was acknowledged.
func (s *Server) WaitAck(ctx context.Context, envelopeID string) error {
	return s.waitFor(ctx, "the ack of "+envelopeID, func() bool {
		_, ok := s.sock.acks[envelopeID]
		return ok
	})
}

// Acked reports whether the envelope was acknowledged.
func (s *Server) Acked(envelopeID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.sock.acks[envelopeID]
	return ok
}

// Disconnect sends {"type":"disconnect"} on the live connection, as Slack
// does before it closes one (the client is to open a new one).
func (s *Server) Disconnect() error {
	s.mu.Lock()
	c := s.liveLocked()
	if c != nil {
		c.live = false
		s.changedLocked()
	}
	s.mu.Unlock()
	if c == nil {
		return ErrNoConnection
	}
	return c.write(map[string]any{"type": "disconnect", "reason": "refresh_requested",
		"debug_info": map[string]any{"host": "slackfake"}})
}

// Close closes every Socket Mode connection and shuts the server down.
func (s *Server) Close() {
	s.mu.Lock()
	conns := s.sock.conns
	s.mu.Unlock()
	for _, c := range conns {
		_ = c.ws.Close()
	}
	s.Server.Close()
}

// ResendInteractive sends an envelope again under the same envelope_id,
// as Slack does when an ack did not reach it in time.
func (s *Server) ResendInteractive(envelopeID string, payload json.RawMessage) error {
	s.mu.Lock()
	c := s.liveLocked()
	delete(s.sock.acks, envelopeID)
	s.mu.Unlock()
	if c == nil {
		return ErrNoConnection
	}
	env := map[string]any{"envelope_id": envelopeID, "type": "interactive", "payload": payload,
		"accepts_response_payload": false, "retry_attempt": 1, "retry_reason": "timeout"}
	if err := c.write(env); err != nil {
		return fmt.Errorf("slackfake: send envelope: %w", err)
	}
	return nil
}
