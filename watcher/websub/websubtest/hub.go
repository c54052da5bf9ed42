// Package websubtest is a small WebSub hub on loopback for tests: it takes
// subscription requests, verifies the subscriber's intent with a GET to
// the callback carrying a challenge, grants a lease, and distributes
// content signed with each subscriber's secret (X-Hub-Signature). Tests
// also use it to forge pushes, deny subscriptions and verify topics
// nobody asked for.
package websubtest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/watcher/websub"
)

// Event is one thing the hub did: a subscription request it received and
// the verification of intent that followed.
type Event struct {
	Mode     string // subscribe or unsubscribe
	Topic    string
	Callback string
	// Lease is the lease the subscriber asked for; Granted the one the
	// hub granted (Hub.Lease, else the one asked for).
	Lease, Granted time.Duration
	// Verified is true when the callback echoed the challenge.
	Verified bool
	// Status is the callback's answer to the verification.
	Status int
	// At is the hub's time of the verification.
	At time.Time
}

// Subscription is an active subscription.
type Subscription struct {
	Topic, Callback string
	Secret          []byte
	Expires         time.Time
}

// Hub is a WebSub hub on loopback.
type Hub struct {
	// URL is the hub's address, to name in a feed's <link rel="hub">.
	URL string
	// Method signs pushes: sha1, sha256 (default), sha384 or sha512.
	Method string
	// Lease, when set, is granted instead of the lease asked for.
	Lease time.Duration
	// Now is the hub's clock for lease expiry (default time.Now).
	Now func() time.Time

	srv    *httptest.Server
	client *http.Client
	events chan Event
	mu     sync.Mutex
	subs   map[string]*Subscription // by callback
	wg     sync.WaitGroup
}

// New starts a hub; it stops at the end of the test.
func New(t testing.TB) *Hub {
	h := &Hub{Method: "sha256", Now: time.Now, events: make(chan Event, 64), subs: map[string]*Subscription{},
		client: &http.Client{Timeout: 10 * time.Second}}
	h.srv = httptest.NewServer(http.HandlerFunc(h.serve))
	h.URL = h.srv.URL + "/hub"
	t.Cleanup(func() { h.srv.Close(); h.wg.Wait() })
	return h
}

// Events delivers every verification of intent the hub made, in order.
func (h *Hub) Events() <-chan Event { return h.events }

// Subscriptions returns the active subscriptions to topic.
func (h *Hub) Subscriptions(topic string) []Subscription {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []Subscription
	for _, s := range h.subs {
		if s.Topic == topic {
			out = append(out, *s)
		}
	}
	return out
}

func (h *Hub) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "POST a subscription request", http.StatusMethodNotAllowed)
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	mode, topic, cb := r.PostForm.Get("hub.mode"), r.PostForm.Get("hub.topic"), r.PostForm.Get("hub.callback")
	if (mode != websub.ModeSubscribe && mode != websub.ModeUnsubscribe) || topic == "" || cb == "" {
		http.Error(w, "hub.mode, hub.topic and hub.callback are required", http.StatusBadRequest)
		return
	}
	if u, err := url.Parse(cb); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		http.Error(w, "hub.callback must be an http(s) URL", http.StatusBadRequest)
		return
	}
	ev := Event{Mode: mode, Topic: topic, Callback: cb}
	if s := r.PostForm.Get("hub.lease_seconds"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			http.Error(w, "bad hub.lease_seconds", http.StatusBadRequest)
			return
		}
		ev.Lease = time.Duration(n) * time.Second
	}
	ev.Granted = ev.Lease
	if h.Lease > 0 {
		ev.Granted = h.Lease
	}
	if ev.Granted == 0 {
		ev.Granted = 10 * 24 * time.Hour
	}
	secret := []byte(r.PostForm.Get("hub.secret"))
	w.WriteHeader(http.StatusAccepted)
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		ev.Status, ev.Verified = h.verify(mode, topic, cb, ev.Granted)
		ev.At = h.Now()
		if ev.Verified {
			h.mu.Lock()
			if mode == websub.ModeSubscribe {
				h.subs[cb] = &Subscription{Topic: topic, Callback: cb, Secret: secret, Expires: ev.At.Add(ev.Granted)}
			} else {
				delete(h.subs, cb)
			}
			h.mu.Unlock()
		}
		h.events <- ev
	}()
}

// verify sends the verification of intent and reports the callback's
// status and whether it echoed the challenge.
func (h *Hub) verify(mode, topic, callback string, lease time.Duration) (int, bool) {
	status, body, challenge, err := h.Verify(callback, mode, topic, lease)
	if err != nil {
		return 0, false
	}
	return status, status/100 == 2 && body == challenge
}

// Verify sends a verification of intent to callback for topic, as a hub
// does after a subscription request (tests call it for topics nobody
// asked for), and returns the callback's status, its answer and the
// challenge sent.
func (h *Hub) Verify(callback, mode, topic string, lease time.Duration) (status int, body, challenge string, err error) {
	challenge = random()
	u, err := url.Parse(callback)
	if err != nil {
		return 0, "", challenge, err
	}
	q := u.Query()
	q.Set("hub.mode", mode)
	q.Set("hub.topic", topic)
	q.Set("hub.challenge", challenge)
	if mode == websub.ModeSubscribe {
		q.Set("hub.lease_seconds", strconv.Itoa(int(lease/time.Second)))
	}
	u.RawQuery = q.Encode()
	res, err := h.client.Get(u.String())
	if err != nil {
		return 0, "", challenge, err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(res.Body, 1<<16))
	return res.StatusCode, string(b), challenge, nil
}

// Deny tells callback its subscription to topic is denied.
func (h *Hub) Deny(callback, topic, reason string) (int, error) {
	u, err := url.Parse(callback)
	if err != nil {
		return 0, err
	}
	q := u.Query()
	q.Set("hub.mode", websub.ModeDenied)
	q.Set("hub.topic", topic)
	q.Set("hub.reason", reason)
	u.RawQuery = q.Encode()
	res, err := h.client.Get(u.String())
	if err != nil {
		return 0, err
	}
	res.Body.Close()
	h.mu.Lock()
	delete(h.subs, callback)
	h.mu.Unlock()
	return res.StatusCode, nil
}

// Publish distributes body to every active, unexpired subscriber of
// topic, signed with its secret, and returns each callback's status.
func (h *Hub) Publish(topic, contentType string, body []byte) (map[string]int, error) {
	now := h.Now()
	h.mu.Lock()
	var subs []Subscription
	for _, s := range h.subs {
		if s.Topic == topic && now.Before(s.Expires) {
			subs = append(subs, *s)
		}
	}
	h.mu.Unlock()
	out := map[string]int{}
	for _, s := range subs {
		sig := ""
		if len(s.Secret) > 0 {
			sig = websub.Sign(h.Method, s.Secret, body)
		}
		st, err := h.PushRaw(s.Callback, topic, contentType, body, sig)
		if err != nil {
			return out, err
		}
		out[s.Callback] = st
	}
	return out, nil
}

// PushRaw posts body to callback with the given X-Hub-Signature (none
// when empty), as a hub does — or as a forger would.
func (h *Hub) PushRaw(callback, topic, contentType string, body []byte, signature string) (int, error) {
	req, err := http.NewRequest(http.MethodPost, callback, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Link", fmt.Sprintf(`<%s>; rel="hub", <%s>; rel="self"`, h.URL, topic))
	if signature != "" {
		req.Header.Set(websub.SignatureHeader, signature)
	}
	res, err := h.client.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode, nil
}

func random() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
