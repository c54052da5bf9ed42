package app

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// The outage tests run the mentionwatch binary itself where a process
// dies or restarts: built once per test binary, removed by TestMain.
var (
	binOnce sync.Once
	binDir  string
	binPath string
	binErr  error
)

// mentionwatchBinary builds cmd/mentionwatch (once) and returns its path.
func mentionwatchBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary and starts processes")
	}
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "mentionwatch-bin-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "mentionwatch")
		out, err := exec.Command("go", "build", "-o", binPath, "../cmd/mentionwatch").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// removeBinary removes what mentionwatchBinary built.
func removeBinary() {
	if binDir != "" {
		os.RemoveAll(binDir)
	}
}

// proc is one `mentionwatch run` process logging JSON lines.
type proc struct {
	cmd   *exec.Cmd
	mu    sync.Mutex
	lines []map[string]any
	raw   strings.Builder
	news  chan struct{} // a token after each line (capacity 1)
	done  chan struct{}
	err   error // Wait's answer, once done is closed
	start time.Time
}

// startProc starts the binary with args and reads its log from stderr.
func startProc(t *testing.T, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(mentionwatchBinary(t), args...)
	cmd.Stdout = io.Discard
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &proc{cmd: cmd, news: make(chan struct{}, 1), done: make(chan struct{}), start: time.Now()}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
		for sc.Scan() {
			var m map[string]any
			_ = json.Unmarshal(sc.Bytes(), &m)
			p.mu.Lock()
			p.raw.Write(sc.Bytes())
			p.raw.WriteByte('\n')
			if m != nil {
				p.lines = append(p.lines, m)
			}
			p.mu.Unlock()
			notifyOne(p.news)
		}
		p.err = cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.kill()
		if t.Failed() {
			t.Logf("log of process %d:\n%s", cmd.Process.Pid, p.log())
		}
	})
	return p
}

func notifyOne(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// log is everything the process logged so far.
func (p *proc) log() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.raw.String()
}

// count is how many log lines have the message msg.
func (p *proc) count(msg string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, m := range p.lines {
		if m["msg"] == msg {
			n++
		}
	}
	return n
}

// waitLog waits until the process logged msg n times, and returns the
// nth such line.
func (p *proc) waitLog(t *testing.T, msg string, n int) map[string]any {
	t.Helper()
	var got map[string]any
	p.waitFor(t, fmt.Sprintf("%d× log %q", n, msg), func() bool {
		p.mu.Lock()
		defer p.mu.Unlock()
		k := 0
		for _, m := range p.lines {
			if m["msg"] == msg {
				if k++; k == n {
					got = m
					return true
				}
			}
		}
		return false
	})
	return got
}

// waitFor checks cond after every log line (and every 50ms, for what no
// line announces) until it holds; patience guards against a hang only.
func (p *proc) waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(patience)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-p.news:
		case <-tick.C:
		case <-p.done:
			if !cond() {
				t.Fatalf("process exited (%v) before %s", p.err, what)
			}
			return
		case <-deadline:
			t.Fatalf("no %s after %s", what, patience)
		}
	}
}

// kill sends SIGKILL and reaps the process.
func (p *proc) kill() {
	select {
	case <-p.done:
		return
	default:
	}
	_ = p.cmd.Process.Kill()
	<-p.done
}

// term sends SIGTERM and returns how long the process took to exit and
// its exit error.
func (p *proc) term(t *testing.T) (time.Duration, error) {
	t.Helper()
	sent := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.done:
	case <-time.After(patience):
		t.Fatalf("process still running %s after SIGTERM", patience)
	}
	return time.Since(sent), p.err
}

// waitUntil polls cond until it holds; within guards against a hang.
func waitUntil(t *testing.T, what string, within time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("no %s after %s", what, within)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// slackWire is an httptest server speaking Slack's Web API
// (chat.postMessage, conversations.history with metadata,
// conversations.list) and incoming webhooks (/services/…), enough for
// the notifiers. A hook may answer a request itself, or hold it.
type slackWire struct {
	srv      *httptest.Server
	token    string
	channels map[string]string // name → ID

	mu    sync.Mutex
	posts []wirePost
	calls []string
	// before, when set, sees every request first (method is the API
	// method or "webhook", channel the form's channel); it answers the
	// request itself when it returns true.
	before func(w http.ResponseWriter, method, channel string) bool
	// after, when set, runs after a message was posted, before it is
	// answered.
	after  func(p wirePost)
	posted chan struct{} // a token after each post (capacity 1)
	// now is the server's clock (default time.Now).
	now func() time.Time
}

// wirePost is one message posted.
type wirePost struct {
	Via      string // "api" or "webhook"
	Channel  string // channel ID (api)
	TS       string
	Text     string
	At       time.Time // when it was accepted, by the server's clock
	Metadata struct {
		EventType    string         `json:"event_type"`
		EventPayload map[string]any `json:"event_payload"`
	}
}

// mentionIDs is the post's event_payload.mention_ids.
func (p wirePost) mentionIDs() []int64 {
	var ids []int64
	raw, _ := p.Metadata.EventPayload["mention_ids"].([]any)
	for _, v := range raw {
		if f, ok := v.(float64); ok {
			ids = append(ids, int64(f))
		}
	}
	return ids
}

func newSlackWire(t *testing.T, token string, channels ...string) *slackWire {
	s := &slackWire{token: token, channels: map[string]string{}, posted: make(chan struct{}, 1), now: time.Now}
	for i, c := range channels {
		s.channels[c] = fmt.Sprintf("C%04d", i+1)
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

// apiURL is the Web API base for alerts.slack.api_url.
func (s *slackWire) apiURL() string { return s.srv.URL + "/api/" }

// webhookURL is an incoming webhook's URL.
func (s *slackWire) webhookURL() string { return s.srv.URL + "/services/T0/B0/secret" }

func (s *slackWire) setBefore(fn func(w http.ResponseWriter, method, channel string) bool) {
	s.mu.Lock()
	s.before = fn
	s.mu.Unlock()
}

func (s *slackWire) setAfter(fn func(p wirePost)) {
	s.mu.Lock()
	s.after = fn
	s.mu.Unlock()
}

// Posts returns the messages posted so far.
func (s *slackWire) Posts() []wirePost {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.posts)
}

// Calls returns the methods called so far, in order.
func (s *slackWire) Calls() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls)
}

func (s *slackWire) serve(w http.ResponseWriter, r *http.Request) {
	method := "webhook"
	if m, ok := strings.CutPrefix(r.URL.Path, "/api/"); ok {
		method = m
	}
	var body []byte
	channel := ""
	if method == "webhook" {
		body, _ = io.ReadAll(r.Body)
	} else {
		_ = r.ParseForm()
		channel = r.PostForm.Get("channel")
	}
	s.mu.Lock()
	s.calls = append(s.calls, method)
	before, after := s.before, s.after
	s.mu.Unlock()
	if before != nil && before(w, method, channel) {
		return
	}
	if method == "webhook" {
		var p wirePost
		p.Via = "webhook"
		if err := json.Unmarshal(body, &p); err != nil {
			http.Error(w, "invalid_payload", http.StatusBadRequest)
			return
		}
		s.add(&p, after)
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, "ok")
		return
	}
	tok := r.PostForm.Get("token")
	if h := r.Header.Get("Authorization"); tok == "" {
		tok = strings.TrimPrefix(h, "Bearer ")
	}
	if tok != s.token {
		writeWire(w, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	switch method {
	case "chat.postMessage":
		id, ok := s.resolve(channel)
		if !ok {
			writeWire(w, map[string]any{"ok": false, "error": "channel_not_found"})
			return
		}
		p := wirePost{Via: "api", Channel: id, Text: r.PostForm.Get("text")}
		_ = json.Unmarshal([]byte(r.PostForm.Get("metadata")), &p.Metadata)
		s.add(&p, after)
		writeWire(w, map[string]any{"ok": true, "channel": id, "ts": p.TS})
	case "conversations.history":
		s.mu.Lock()
		var msgs []map[string]any
		for _, p := range s.posts {
			if p.Via == "api" && p.Channel == channel {
				msgs = append(msgs, map[string]any{"type": "message", "ts": p.TS, "text": p.Text, "metadata": p.Metadata})
			}
		}
		s.mu.Unlock()
		slices.Reverse(msgs)
		if msgs == nil {
			msgs = []map[string]any{}
		}
		writeWire(w, map[string]any{"ok": true, "messages": msgs, "has_more": false,
			"response_metadata": map[string]any{"next_cursor": ""}})
	case "conversations.list":
		chans := []map[string]any{}
		for name, id := range s.channels {
			chans = append(chans, map[string]any{"id": id, "name": name, "name_normalized": name, "is_channel": true})
		}
		writeWire(w, map[string]any{"ok": true, "channels": chans, "response_metadata": map[string]any{"next_cursor": ""}})
	default:
		writeWire(w, map[string]any{"ok": false, "error": "unknown_method"})
	}
}

func (s *slackWire) resolve(ch string) (string, bool) {
	ch = strings.TrimPrefix(ch, "#")
	for name, id := range s.channels {
		if ch == name || ch == id {
			return id, true
		}
	}
	return "", false
}

// add records a post, runs the after hook and announces it.
func (s *slackWire) add(p *wirePost, after func(wirePost)) {
	s.mu.Lock()
	p.At = s.now()
	p.TS = fmt.Sprintf("%d.%06d", p.At.Unix(), len(s.posts)+1)
	s.posts = append(s.posts, *p)
	s.mu.Unlock()
	if after != nil {
		after(*p)
	}
	notifyOne(s.posted)
}

func writeWire(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(v)
}

// heldFeed is the source "Slow": an RSS feed at /feed.xml with one
// mention of Acme Bank (published at published), whose first answer is held until release is
// closed (or the request ends). With half, the first answer sends half
// the feed before it waits and nothing after; otherwise it sends the
// whole feed after the wait and then closes answered. Later requests
// are answered at once.
type heldFeed struct {
	srv      *httptest.Server
	held     chan struct{} // closed when the first request waits
	release  chan struct{} // close to let it go (closed at cleanup)
	answered chan struct{} // closed when the first answer was written (not with half)
}

func newHeldFeed(t *testing.T, published time.Time, half bool) *heldFeed {
	t.Helper()
	feed := `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Slow</title>` +
		item("s1", "Acme Bank branch closed", "The Acme Bank branch on Main Street closed.", published) +
		`</channel></rss>`
	h := &heldFeed{held: make(chan struct{}), release: make(chan struct{}), answered: make(chan struct{})}
	var first sync.Once
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/feed.xml" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		isFirst := false
		first.Do(func() { isFirst = true })
		if !isFirst {
			io.WriteString(w, feed)
			return
		}
		if half {
			io.WriteString(w, feed[:len(feed)/2])
			w.(http.Flusher).Flush()
		}
		close(h.held)
		select {
		case <-h.release:
		case <-r.Context().Done():
			return
		}
		if !half {
			io.WriteString(w, feed)
			close(h.answered)
		}
	}))
	t.Cleanup(h.srv.Close)
	t.Cleanup(h.letGo)
	return h
}

// letGo closes release unless it is closed.
func (h *heldFeed) letGo() {
	select {
	case <-h.release:
	default:
		close(h.release)
	}
}

// url is the feed's address.
func (h *heldFeed) url() string { return h.srv.URL + "/feed.xml" }

// waitHeld waits until the first request is held.
func (h *heldFeed) waitHeld(t *testing.T) {
	t.Helper()
	select {
	case <-h.held:
	case <-time.After(patience):
		t.Fatal("the slow source was not asked")
	}
}

// twoSourceConfig writes a rules.yaml for the binary with the sources
// News (newsURL) and Slow (slowURL), alerting to the incoming webhook
// hook; it returns its path and the database's.
func twoSourceConfig(t *testing.T, newsURL, slowURL, hook string) (cfg, db string) {
	t.Helper()
	alerts := fmt.Sprintf(`alerts:
  slack: {webhook_url: %q}
  retry: {initial: 100ms, max: 1s}
`, hook)
	return writeChaosConfig(t, "20s", alerts, "News", newsURL, "Slow", slowURL)
}

// writeChaosConfig writes a rules.yaml for the binary: JSON logs, no HTTP
// server, the fetch timeout given, Acme Bank watched every hour in the
// sources given as name, URL pairs, and the alerts section given; it
// returns its path and the database's.
func writeChaosConfig(t *testing.T, timeout, alerts string, sources ...string) (cfg, db string) {
	t.Helper()
	dir := t.TempDir()
	db = filepath.Join(dir, "mw.db")
	cfg = filepath.Join(dir, "rules.yaml")
	var b strings.Builder
	fmt.Fprintf(&b, `storage: {path: %q}
log: {level: debug, format: json}
server: {listen: ""}
http: {min_delay: 0s, timeout: %s}
brands:
  - {name: Acme Bank, query: '"Acme Bank"'}
sources:
`, db, timeout)
	for i := 0; i+1 < len(sources); i += 2 {
		fmt.Fprintf(&b, "  - {name: %s, url: %q, schedule: \"@every 1h\"}\n", sources[i], sources[i+1])
	}
	b.WriteString(alerts)
	if err := os.WriteFile(cfg, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return cfg, db
}

// alertedOnce checks that each of ms is in exactly one of the posts.
func alertedOnce(t *testing.T, posts []wirePost, ms []model.Mention) {
	t.Helper()
	seen := map[int64]int{}
	for _, p := range posts {
		for _, id := range p.mentionIDs() {
			seen[id]++
		}
	}
	for _, m := range ms {
		if seen[m.ID] != 1 {
			t.Errorf("mention %d (%s) alerted %d times, want 1", m.ID, m.Source, seen[m.ID])
		}
	}
}
