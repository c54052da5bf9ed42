package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/watcher"
	"github.com/mentionwatch/mentionwatch/watcher/feed"
	"github.com/mentionwatch/mentionwatch/watcher/fetch"
	"github.com/mentionwatch/mentionwatch/watcher/websub"
)

// Push through WebSub: a feed that names a hub is subscribed to with a
// callback at {server.base_url}/websub/{id}; the hub verifies the intent
// with a GET there, and pushes new content with a POST signed by the
// subscription's secret. A verified push goes through the crawl's
// pipeline at once; polling goes on, slower, as the fallback.
const (
	// pushLease is the lease asked of hubs; the hub decides.
	pushLease = 10 * 24 * time.Hour
	// pushMaxLease caps the lease a hub grants: a subscription is renewed
	// at least this often.
	pushMaxLease = 365 * 24 * time.Hour
	// pushVerifyWait is how long a request waits for the hub's
	// verification of intent before it is sent again.
	pushVerifyWait = time.Hour
	// pushDeniedWait is how long a denied subscription waits before it
	// is asked for again.
	pushDeniedWait = 24 * time.Hour
	// pushUnsubscribeWait is how long an unsubscription waits for the
	// hub's verification before it is forgotten.
	pushUnsubscribeWait = 24 * time.Hour
	// pushSlowPoll is the longest a pushed source's polling is slowed to;
	// it polls at four times its schedule's interval, up to this.
	pushSlowPoll = time.Hour
	// pushSlowFactor multiplies a pushed source's polling interval.
	pushSlowFactor = 4
	// pushMinRenew is the shortest wait before a renewal.
	pushMinRenew = 5 * time.Minute
	// maxChallenge bounds the hub.challenge echoed back.
	maxChallenge = 1024
	// pushResync is the longest the loop goes without reading every
	// subscription from the database, where daemons sharing it see each
	// other's (a renewal another daemon sent, one to take over when that
	// daemon is gone, the time of the last push for pollNext).
	pushResync = 10 * time.Minute
	// pushCASTries bounds how often a verification is read again after
	// losing a compare-and-set to another daemon's change.
	pushCASTries = 5
	// pushLeaseWait and pushLeaseTries: a push waits up to 5 s in steps of
	// 250 ms for its source's lease while another daemon crawls the
	// source, then is stored without it.
	pushLeaseWait  = 250 * time.Millisecond
	pushLeaseTries = 20
)

// errPushUnreadable marks a pushed body that is not a readable feed.
var errPushUnreadable = errors.New("pushed body is not a readable feed")

// pushMetrics count pushes.
type pushMetrics struct {
	received *prometheus.CounterVec
	rejected *prometheus.CounterVec
}

func newPushMetrics(r prometheus.Registerer) *pushMetrics {
	m := &pushMetrics{
		received: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mentionwatch_push_received_total",
			Help: "WebSub pushes received with a good signature, by source.",
		}, []string{"source"}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mentionwatch_push_rejected_total",
			Help: "WebSub pushes dropped, by reason (unsigned, bad_signature, not_subscribed, unknown, too_large).",
		}, []string{"reason"}),
	}
	r.MustRegister(m.received, m.rejected)
	return m
}

// pusher keeps the WebSub subscriptions: it records the hubs crawls
// discover, subscribes, renews before the lease ends, unsubscribes what
// the config no longer wants, and answers the hubs at the callback.
type pusher struct {
	store    *store.Store
	clock    clock.Clock
	log      *slog.Logger
	pipeline *pipeline
	met      *pushMetrics
	client   *websub.Client

	// mu serialises this daemon's changes to a subscription (the loop's
	// requests and the hubs' verifications) and guards subs, the store's
	// rows by source, kept in memory so that a crawl needs no query.
	//
	// With several daemons on one database the rows are the truth and subs
	// a cache of them: every change is a compare-and-set on the row's
	// version (store.UpdateWebSub, store.CreateWebSub), so that one daemon
	// sends a request and the others, losing the set, read the row again;
	// the callbacks read the row by its id on every request, so that any
	// daemon answers a hub whichever daemon subscribed, and no cached
	// secret outlives its row; the loop reads every row at each pass, and
	// at least every pushResync.
	mu   sync.Mutex
	subs map[string]store.WebSub
	kick chan struct{}
}

func newPusher(ctx context.Context, st *store.Store, clk clock.Clock, log *slog.Logger, p *pipeline, met *pushMetrics) (*pusher, error) {
	rows, err := st.WebSubs(ctx)
	if err != nil {
		return nil, err
	}
	u := &pusher{store: st, clock: clk, log: log, pipeline: p, met: met, subs: map[string]store.WebSub{},
		kick: make(chan struct{}, 1), client: &websub.Client{HTTP: &http.Client{Timeout: 20 * time.Second}}}
	for _, w := range rows {
		u.subs[w.Source] = w
	}
	return u, nil
}

// pushEnabled reports whether the config lets hubs reach the daemon: a
// base_url for the callback and a server listening.
func pushEnabled(cfg *config.Config) bool {
	return cfg.Server.BaseURL != "" && cfg.Server.Listen != ""
}

// wants reports whether src is to be subscribed to under cfg.
func wants(cfg *config.Config, src config.Source, ok bool) bool {
	return ok && pushEnabled(cfg) && src.IsEnabled() && src.PushEnabled() && src.Type == model.SourceFeed
}

func (u *pusher) signal() {
	select {
	case u.kick <- struct{}{}:
	default:
	}
}

// update writes w over its row if the row is still the version w was
// read at, and remembers it; when another daemon changed the row first it
// reports false and remembers the row as it now is. u.mu is held.
func (u *pusher) update(ctx context.Context, w store.WebSub) (store.WebSub, bool, error) {
	ctx = context.WithoutCancel(ctx)
	nw, ok, err := u.store.UpdateWebSub(ctx, w)
	if err != nil {
		return w, false, err
	}
	if ok {
		u.subs[w.Source] = nw
		return nw, true, nil
	}
	cur, _, err := u.reread(ctx, w.Source)
	return cur, false, err
}

// reread reads source's row into the cache; u.mu is held.
func (u *pusher) reread(ctx context.Context, source string) (store.WebSub, bool, error) {
	w, err := u.store.WebSubBySource(context.WithoutCancel(ctx), source)
	if errors.Is(err, store.ErrNotFound) {
		delete(u.subs, source)
		return store.WebSub{}, false, nil
	}
	if err != nil {
		return store.WebSub{}, false, err
	}
	u.subs[source] = w
	return w, true, nil
}

// byIDStored reads the subscription with callback id from the database
// and remembers it; u.mu is held.
func (u *pusher) byIDStored(ctx context.Context, id string) (store.WebSub, bool, error) {
	w, err := u.store.WebSubByID(context.WithoutCancel(ctx), id)
	if errors.Is(err, store.ErrNotFound) {
		for src, c := range u.subs {
			if c.ID == id {
				delete(u.subs, src) // superseded or ended by another daemon
			}
		}
		return store.WebSub{}, false, nil
	}
	if err != nil {
		return store.WebSub{}, false, err
	}
	u.subs[w.Source] = w
	return w, true, nil
}

// refresh replaces the cache with the database's rows.
func (u *pusher) refresh(ctx context.Context) {
	u.mu.Lock()
	defer u.mu.Unlock()
	rows, err := u.store.WebSubs(ctx)
	if err != nil {
		if ctx.Err() == nil {
			u.log.Warn("websub: reading the subscriptions", "err", err)
		}
		return
	}
	subs := make(map[string]store.WebSub, len(rows))
	for _, w := range rows {
		subs[w.Source] = w
	}
	u.subs = subs
}

// forget deletes w; u.mu is held.
func (u *pusher) forget(ctx context.Context, w store.WebSub) error {
	if err := u.store.DeleteWebSub(context.WithoutCancel(ctx), w.ID); err != nil {
		return err
	}
	if cur, ok := u.subs[w.Source]; ok && cur.ID == w.ID {
		delete(u.subs, w.Source)
	}
	return nil
}

// discovered is told, after every crawl of a feed that fetched a body,
// what the feed said about its hub. A new hub or topic is a new
// subscription (new callback id and secret), requested by the loop.
func (u *pusher) discovered(ctx context.Context, src config.Source, res *fetch.Response) {
	cfg := u.pipeline.Compiled().Cfg
	want := wants(cfg, src, true)
	u.mu.Lock()
	defer u.mu.Unlock()
	cur, has := u.subs[src.Name]
	if !want {
		if has && cur.State != store.WebSubUnsubscribing {
			u.signal() // the loop ends what is no longer wanted
		}
		return
	}
	d := websub.Discover(res.Body, res.ContentType, res.Links, res.URL)
	if d.Hub != "" && internalHost(d.Hub) && !internalHost(res.URL) {
		// A public feed must not make the daemon post to this machine or
		// its network.
		u.log.Warn("websub: ignoring a hub on an internal address", "source", src.Name, "hub", d.Hub)
		d = websub.Discovery{}
	}
	if d.Hub == "" {
		if has && cur.State != store.WebSubUnsubscribing {
			// The feed no longer names a hub: the subscription lapses at
			// the end of its lease.
			if err := u.forget(ctx, cur); err != nil {
				u.log.Error("websub: forgetting a subscription", "source", src.Name, "err", err)
			}
		}
		return
	}
	same := func(w store.WebSub) bool {
		return w.Hub == d.Hub && w.Topic == d.Topic && w.State != store.WebSubUnsubscribing
	}
	if has && same(cur) {
		return
	}
	// Another daemon may have recorded this hub since the cache was read.
	cur, has, err := u.reread(ctx, src.Name)
	if err != nil {
		u.log.Error("websub: reading a subscription", "source", src.Name, "err", err)
		return
	}
	if has && same(cur) {
		return
	}
	var prev int64
	if has {
		prev = cur.Rev
	}
	w := store.WebSub{Source: src.Name, ID: randomHex(16), Secret: randomHex(32), Hub: d.Hub, Topic: d.Topic,
		State: store.WebSubPending}
	w, ok, err := u.store.CreateWebSub(context.WithoutCancel(ctx), w, prev)
	if err != nil {
		u.log.Error("websub: recording the hub", "source", src.Name, "err", err)
		return
	}
	if !ok {
		// Another daemon recorded a subscription first: it is the one.
		if _, _, err := u.reread(ctx, src.Name); err != nil {
			u.log.Error("websub: reading a subscription", "source", src.Name, "err", err)
		}
		return
	}
	u.subs[src.Name] = w
	u.log.Info("websub: the feed names a hub", "source", src.Name, "hub", d.Hub, "topic", d.Topic)
	u.signal()
}

// internalHost reports whether raw's host is a loopback, private or
// link-local address (written as an IP) or localhost.
func internalHost(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return true
	}
	h := strings.ToLower(u.Hostname())
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && (ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsUnspecified())
}

// pollNext slows a source's polling while pushes arrive: with a verified,
// unexpired subscription that was pushed to within the last lease, the
// next poll is at four times the schedule's interval, at most an hour
// (and never later than the subscription's expiry); otherwise next.
func (u *pusher) pollNext(src config.Source, now, next time.Time) time.Time {
	u.mu.Lock()
	w, ok := u.subs[src.Name]
	u.mu.Unlock()
	if !ok || w.State != store.WebSubVerified || !now.Before(w.ExpiresAt) || w.LastPushAt.IsZero() ||
		now.Sub(w.LastPushAt) > w.Lease {
		return next
	}
	interval := next.Sub(now)
	slow := min(pushSlowFactor*interval, pushSlowPoll)
	if slow <= interval {
		return next
	}
	at := now.Add(slow)
	if at.After(w.ExpiresAt) {
		at = w.ExpiresAt
	}
	return laterOf(at, next)
}

func laterOf(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// run keeps the subscriptions until ctx ends: a pass at start, at every
// discovery, and when the next renewal or retry is due.
func (u *pusher) run(ctx context.Context) {
	for {
		wake := u.reconcile(ctx)
		if resync := u.clock.Now().Add(pushResync); wake.IsZero() || resync.Before(wake) {
			wake = resync
		}
		var timer <-chan time.Time
		stop := func() {}
		if !wake.IsZero() {
			timer, stop = u.clock.At(wake)
		}
		select {
		case <-ctx.Done():
			stop()
			return
		case <-u.kick:
		case <-timer:
		}
		stop()
	}
}

// renewAt is when a verified subscription is renewed: at 90 % of its
// lease or an hour before it ends, whichever is first, but not before
// half of it.
func renewAt(w store.WebSub) time.Time {
	lease := w.Lease
	if lease <= 0 {
		lease = w.ExpiresAt.Sub(w.VerifiedAt)
	}
	d := max(lease/2, min(lease*9/10, lease-time.Hour))
	// A hub granting a very short lease is not asked again more often
	// than this; the subscription may lapse between, and polling covers.
	return w.VerifiedAt.Add(max(d, pushMinRenew))
}

// retryDelay is how long after a failed request the next one goes.
func retryDelay(failures int) time.Duration {
	d := time.Minute
	for i := 1; i < failures && d < 6*time.Hour; i++ {
		d *= 2
	}
	return min(d, 6*time.Hour)
}

// dueAt is when a wanted subscription's next request is due: a new one
// at once; one waiting for its verification an hour after the request; a
// verified one at renewAt (a renewal waiting for its verification, or
// failed, waits like a request); a failed one after its backoff; a denied
// one a day after.
func dueAt(w store.WebSub) time.Time {
	switch w.State {
	case store.WebSubPending:
		if w.RequestedAt.IsZero() {
			return time.Time{}
		}
		return w.RequestedAt.Add(pushVerifyWait)
	case store.WebSubVerified:
		due := renewAt(w)
		if w.RequestedAt.After(w.VerifiedAt) { // a renewal is out
			wait := pushVerifyWait
			if w.Failures > 0 {
				wait = retryDelay(w.Failures)
			}
			due = laterOf(due, w.RequestedAt.Add(wait))
		}
		return due
	case store.WebSubFailed:
		return w.RequestedAt.Add(retryDelay(w.Failures))
	case store.WebSubDenied:
		return w.RequestedAt.Add(pushDeniedWait)
	}
	return time.Time{}
}

// reconcile sends what requests are due and returns when the next one is
// (zero: none waits).
func (u *pusher) reconcile(ctx context.Context) time.Time {
	cfg := u.pipeline.Compiled().Cfg
	srcs := map[string]config.Source{}
	for _, s := range cfg.Sources {
		srcs[s.Name] = s
	}
	now := u.clock.Now()
	u.refresh(ctx)
	u.mu.Lock()
	subs := make([]store.WebSub, 0, len(u.subs))
	for _, w := range u.subs {
		subs = append(subs, w)
	}
	u.mu.Unlock()
	var wake time.Time
	later := func(t time.Time) {
		if wake.IsZero() || t.Before(wake) {
			wake = t
		}
	}
	for _, w := range subs {
		if ctx.Err() != nil {
			return time.Time{}
		}
		src, ok := srcs[w.Source]
		if !wants(cfg, src, ok) {
			if t := u.end(ctx, w, now); !t.IsZero() {
				later(t)
			}
			continue
		}
		due := dueAt(w)
		if due.After(now) {
			later(due)
			continue
		}
		u.log.Debug("websub: subscription due", "source", w.Source, "state", w.State, "due", due, "now", now)
		if t := u.subscribe(ctx, cfg, w, now); !t.IsZero() {
			later(t)
		}
	}
	return wake
}

// subscribe asks the hub for w (or its renewal) and returns when to look
// at it again.
func (u *pusher) subscribe(ctx context.Context, cfg *config.Config, w store.WebSub, now time.Time) time.Time {
	u.mu.Lock()
	cur, ok := u.subs[w.Source]
	if !ok || cur.ID != w.ID {
		u.mu.Unlock()
		return time.Time{}
	}
	if due := dueAt(cur); due.After(now) { // changed since the pass began
		u.mu.Unlock()
		return due
	}
	if cur.State != store.WebSubVerified {
		cur.State = store.WebSubPending
	}
	cur.RequestedAt = now
	// The claim: of the daemons that found the request due in the row
	// they read, the one whose set applies sends it.
	cur, won, err := u.update(ctx, cur)
	if err != nil {
		u.mu.Unlock()
		u.log.Error("websub: saving a subscription request", "source", w.Source, "err", err)
		return now.Add(retryDelay(1))
	}
	if !won {
		u.mu.Unlock()
		u.log.Debug("websub: subscription request taken by another daemon", "source", w.Source)
		if cur.ID == "" {
			return time.Time{}
		}
		return laterOf(dueAt(cur), now) // look at the row as it now is
	}
	u.mu.Unlock()
	renewal := cur.State == store.WebSubVerified
	err = u.client.Send(ctx, websub.Request{Hub: cur.Hub, Mode: websub.ModeSubscribe, Topic: cur.Topic,
		Callback: callbackURL(cfg, cur.ID), Secret: cur.Secret, Lease: pushLease})
	u.mu.Lock()
	defer u.mu.Unlock()
	again, ok := u.subs[w.Source]
	if !ok || again.ID != cur.ID {
		return time.Time{}
	}
	if err != nil {
		if ctx.Err() != nil {
			return time.Time{}
		}
		again.Failures++
		again.Reason = err.Error()
		if again.State != store.WebSubVerified {
			again.State = store.WebSubFailed
		}
		u.log.Warn("websub: subscription request failed", "source", w.Source, "hub", cur.Hub, "err", err,
			"failures", again.Failures)
		// Lost to another daemon's change (the hub's verification reached
		// it): the row's news wins over this failure.
		if _, _, serr := u.update(ctx, again); serr != nil {
			u.log.Error("websub: saving a subscription", "source", w.Source, "err", serr)
		}
		return now.Add(retryDelay(again.Failures))
	}
	u.log.Info("websub: subscription requested", "source", w.Source, "hub", cur.Hub, "topic", cur.Topic, "renewal", renewal)
	if again.State == store.WebSubVerified && !again.VerifiedAt.Before(now) {
		return renewAt(again) // verified while the request was answered
	}
	return now.Add(pushVerifyWait)
}

// end unsubscribes w (a source removed, disabled or set to push: false),
// and forgets it once the hub has verified that, or after a day.
func (u *pusher) end(ctx context.Context, w store.WebSub, now time.Time) time.Time {
	u.mu.Lock()
	cur, ok := u.subs[w.Source]
	if !ok || cur.ID != w.ID {
		u.mu.Unlock()
		return time.Time{}
	}
	switch {
	case cur.State == store.WebSubUnsubscribing:
		u.mu.Unlock()
		if until := cur.RequestedAt.Add(pushUnsubscribeWait); until.After(now) {
			return until
		}
		u.mu.Lock()
		defer u.mu.Unlock()
		if err := u.forget(ctx, cur); err != nil {
			u.log.Error("websub: forgetting a subscription", "source", w.Source, "err", err)
		}
		return time.Time{}
	case cur.State != store.WebSubVerified && cur.State != store.WebSubPending || cur.RequestedAt.IsZero():
		// Never asked for, or refused: nothing at the hub to end.
		defer u.mu.Unlock()
		if err := u.forget(ctx, cur); err != nil {
			u.log.Error("websub: forgetting a subscription", "source", w.Source, "err", err)
		}
		return time.Time{}
	}
	cur.State, cur.RequestedAt = store.WebSubUnsubscribing, now
	cur, won, err := u.update(ctx, cur)
	if err != nil {
		u.mu.Unlock()
		u.log.Error("websub: saving an unsubscription", "source", w.Source, "err", err)
		return now.Add(retryDelay(1))
	}
	if !won {
		// Another daemon changed the row first (its own unsubscription):
		// the next pass looks at it as it now is.
		u.mu.Unlock()
		if cur.ID == "" {
			return time.Time{}
		}
		return now
	}
	u.mu.Unlock()
	cfg := u.pipeline.Compiled().Cfg
	err = u.client.Send(ctx, websub.Request{Hub: cur.Hub, Mode: websub.ModeUnsubscribe, Topic: cur.Topic,
		Callback: callbackURL(cfg, cur.ID)})
	if err != nil {
		u.log.Warn("websub: unsubscription request failed; the subscription lapses at the end of its lease",
			"source", w.Source, "hub", cur.Hub, "err", err)
	} else {
		u.log.Info("websub: unsubscription requested", "source", w.Source, "hub", cur.Hub)
	}
	return now.Add(pushUnsubscribeWait)
}

// callbackURL is the callback for subscription id.
func callbackURL(cfg *config.Config, id string) string {
	return strings.TrimRight(cfg.Server.BaseURL, "/") + "/websub/" + id
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err)) // never fails on supported platforms
	}
	return hex.EncodeToString(b)
}

// verify answers a hub's verification of intent (GET /websub/{id}): the
// challenge is echoed only for a subscription we asked for, to the topic
// we asked; a denial is recorded; anything else is 404.
//
// The subscription is read from the database by its callback id at every
// verification, not from the cache: behind one base_url the request may
// reach any daemon, whichever sent the subscription. Its change is a
// compare-and-set; lost to another daemon's change of the row, the row is
// read again and the verification judged afresh.
func (u *pusher) verify(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	mode, topic, challenge := q.Get("hub.mode"), q.Get("hub.topic"), q.Get("hub.challenge")
	id := r.PathValue("id")
	u.mu.Lock()
	defer u.mu.Unlock()
	for range pushCASTries {
		cur, ok, err := u.byIDStored(r.Context(), id)
		if err != nil {
			u.log.Error("websub: reading a subscription", "err", err)
			http.Error(w, "store error", http.StatusInternalServerError)
			return
		}
		if !ok || topic == "" || topic != cur.Topic {
			http.NotFound(w, r)
			return
		}
		if done := u.verifyOnce(w, r, cur, mode, challenge); done {
			return
		}
	}
	http.Error(w, "subscription busy", http.StatusServiceUnavailable) // the hub tries again
}

// verifyOnce judges a verification against cur, the row as read; it
// reports false when the row changed before its change applied. u.mu is
// held.
func (u *pusher) verifyOnce(w http.ResponseWriter, r *http.Request, cur store.WebSub, mode, challenge string) bool {
	q := r.URL.Query()
	log := u.log.With("source", cur.Source, "hub", cur.Hub)
	now := u.clock.Now()
	answer := func() {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, challenge)
	}
	switch mode {
	case websub.ModeSubscribe:
		// Failed too: a request that timed out may have reached the hub.
		if (cur.State != store.WebSubPending && cur.State != store.WebSubVerified && cur.State != store.WebSubFailed) ||
			cur.RequestedAt.IsZero() {
			http.NotFound(w, r)
			return true
		}
		if challenge == "" || len(challenge) > maxChallenge {
			http.Error(w, "bad hub.challenge", http.StatusBadRequest)
			return true
		}
		lease := hubLease(q.Get("hub.lease_seconds"))
		cur.State, cur.VerifiedAt, cur.Lease, cur.ExpiresAt = store.WebSubVerified, now, lease, now.Add(lease)
		cur.Failures, cur.Reason = 0, ""
		cur, ok, err := u.update(r.Context(), cur)
		if err != nil {
			log.Error("websub: saving a verification", "err", err)
			http.Error(w, "store error", http.StatusInternalServerError)
			return true
		}
		if !ok {
			return false
		}
		log.Info("websub: subscription verified", "lease", lease.String(), "expires", cur.ExpiresAt.Format(time.RFC3339))
		answer()
		u.signal() // the loop plans the renewal
	case websub.ModeUnsubscribe:
		if cur.State != store.WebSubUnsubscribing {
			http.NotFound(w, r)
			return true
		}
		if challenge == "" || len(challenge) > maxChallenge {
			http.Error(w, "bad hub.challenge", http.StatusBadRequest)
			return true
		}
		if err := u.forget(r.Context(), cur); err != nil {
			log.Error("websub: forgetting a subscription", "err", err)
			http.Error(w, "store error", http.StatusInternalServerError)
			return true
		}
		log.Info("websub: unsubscription verified")
		answer()
	case websub.ModeDenied:
		cur.State, cur.Reason = store.WebSubDenied, cleanReason(q.Get("hub.reason"))
		if cur.RequestedAt.IsZero() {
			cur.RequestedAt = now
		}
		cur, ok, err := u.update(r.Context(), cur)
		if err != nil {
			log.Error("websub: saving a denial", "err", err)
			http.Error(w, "store error", http.StatusInternalServerError)
			return true
		}
		if !ok {
			return false
		}
		log.Warn("websub: the hub denied the subscription; polling goes on", "reason", cur.Reason)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, "ok\n")
	default:
		http.Error(w, "unknown hub.mode", http.StatusBadRequest)
	}
	return true
}

// hubLease reads the hub.lease_seconds of a verification: the lease the
// hub granted, pushLease when it names none, at most pushMaxLease. Seconds
// are bounded before they become a Duration, which a hub's value such as
// 10000000000 would overflow into a negative or a tiny lease.
func hubLease(raw string) time.Duration {
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || n <= 0 {
		return pushLease
	}
	return time.Duration(min(n, int64(pushMaxLease/time.Second))) * time.Second
}

// cleanReason keeps a hub's reason printable and short.
func cleanReason(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 200 {
		s = string(r[:200]) + "…"
	}
	return strings.TrimSpace(s)
}

// push takes a hub's content distribution (POST /websub/{id}). A push
// whose X-Hub-Signature is missing or wrong is dropped, counted, and
// answered 202 like a good one (so that a hub does not retry a forgery
// and a forger learns nothing); a good one's entries go through the
// pipeline before the answer.
//
// The subscription, with the secret the signature is checked against, is
// read from the database by the callback id at every push: any daemon
// behind base_url takes a push for a subscription another daemon made,
// and a secret superseded by another daemon (a new subscription for the
// source has a new callback id: the old one is 410 Gone) is never used.
func (u *pusher) push(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	u.mu.Lock()
	cur, ok, err := u.byIDStored(r.Context(), id)
	u.mu.Unlock()
	if err != nil {
		u.log.Error("websub: reading a subscription", "err", err)
		http.Error(w, "store error", http.StatusInternalServerError)
		return
	}
	if !ok {
		u.met.rejected.WithLabelValues("unknown").Inc()
		http.Error(w, "no such subscription", http.StatusGone)
		return
	}
	c := u.pipeline.Compiled()
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, int64(c.Cfg.HTTP.MaxBody)))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			u.met.rejected.WithLabelValues("too_large").Inc()
			http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "reading the body", http.StatusBadRequest)
		return
	}
	accepted := func() { w.WriteHeader(http.StatusAccepted) }
	log := u.log.With("source", cur.Source)
	if err := websub.CheckSignature(r.Header.Get(websub.SignatureHeader), []byte(cur.Secret), body); err != nil {
		reason := "bad_signature"
		if errors.Is(err, websub.ErrUnsigned) {
			reason = "unsigned"
		}
		u.met.rejected.WithLabelValues(reason).Inc()
		log.Warn("websub: push dropped", "reason", reason, "remote", clientAddr(r, c.Cfg.Server))
		accepted()
		return
	}
	var src config.Source
	found := false
	for _, s := range c.Cfg.Sources {
		if s.Name == cur.Source {
			src, found = s, true
		}
	}
	if cur.State != store.WebSubVerified || !wants(c.Cfg, src, found) {
		u.met.rejected.WithLabelValues("not_subscribed").Inc()
		log.Info("websub: push dropped: not subscribed", "state", cur.State)
		accepted()
		return
	}
	u.met.received.WithLabelValues(cur.Source).Inc()
	now := u.clock.Now()
	u.mu.Lock()
	if err := u.store.WebSubPushed(context.WithoutCancel(r.Context()), cur.ID, now); err != nil {
		log.Error("websub: recording a push", "err", err)
	} else if again, ok := u.subs[cur.Source]; ok && again.ID == cur.ID {
		again.LastPushAt, again.Pushes = now, again.Pushes+1
		u.subs[cur.Source] = again
	}
	u.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), time.Minute)
	defer cancel()
	n, err := u.pipeline.Push(ctx, src, body, r.Header.Get("Content-Type"))
	switch {
	case errors.Is(err, errPushUnreadable):
		log.Warn("websub: push not read", "err", err)
	case err != nil:
		log.Error("websub: storing a push", "err", err)
		http.Error(w, "store error", http.StatusInternalServerError) // the hub retries
		return
	default:
		log.Debug("websub: push", "bytes", len(body), "mentions", n)
	}
	accepted()
}

// Push runs a pushed feed body for src through the pipeline, as a crawl
// that fetched it would (without touching the crawl's schedule or
// validators), and returns how many mentions it stored.
//
// It is stored under the source's lease, claimed without the due check
// (as a reload's crawl is), so that it counts among the source's leased
// crawls and other daemons' seen indexes learn its documents before their
// next crawl of the source; the release leaves the shared next run as it
// was. While another daemon crawls the source the push waits for the
// lease (pushLeaseWait, pushLeaseTries); when it stays held the push is
// stored without it: the holder's crawl may then store the pushed
// documents' rows again, and the mentions' uniqueness keeps them from
// being stored or alerted twice.
func (p *pipeline) Push(ctx context.Context, src config.Source, body []byte, contentType string) (int, error) {
	unlock := p.lockSource(src.Name)
	defer unlock()
	c := p.compiled.Load()
	docs, err := feed.Parse(body, contentType, src.URL, src.Name)
	if err != nil {
		return 0, fmt.Errorf("%w: %w", errPushUnreadable, err)
	}
	watcher.ClearImplausibleDates(docs, p.clock.Now(), p.log, src.Name)
	lease, err := p.pushLease(ctx, src.Name)
	if err != nil {
		return 0, err
	}
	if lease != nil {
		// Released by the save; given back as it was if the push fails
		// before.
		defer func() {
			if rerr := lease.Release(context.WithoutCancel(ctx), time.Time{}); rerr != nil && !errors.Is(rerr, store.ErrLeaseLost) {
				p.log.Warn("releasing source lease", "source", src.Name, "err", rerr)
			}
		}()
	}
	st, err := p.store.Source(ctx, src.Name)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return 0, err
	}
	st.Name, st.Type, st.URL = src.Name, src.Type, src.URL
	now := p.clock.Now()
	p.metrics.fetched(src, len(docs), 0)
	stored, err := p.process(ctx, c, src, st, docs, now, lease, true)
	if err != nil {
		return 0, err
	}
	if len(stored) > 0 {
		p.log.Info("new mentions", "source", src.Name, "count", len(stored), "documents", len(docs), "via", "push")
		if p.kick != nil {
			p.kick()
		}
	}
	return len(stored), nil
}

// pushLease claims src's lease for a push, waiting while another daemon
// holds it; nil when the pipeline shares no leases or the lease stayed
// held.
func (p *pipeline) pushLease(ctx context.Context, source string) (*store.Lease, error) {
	if p.fleet == nil {
		return nil, nil
	}
	for try := 1; ; try++ {
		l, _, err := p.store.ClaimSource(ctx, source, p.clock.Now(), p.fleet.lease, true)
		if err != nil || l != nil {
			return l, err
		}
		if try >= pushLeaseTries {
			p.log.Warn("source lease held by another daemon; the push is stored without it", "source", source)
			return nil, nil
		}
		wait, stop := p.clock.After(pushLeaseWait)
		select {
		case <-ctx.Done():
			stop()
			return nil, ctx.Err()
		case <-wait:
		}
	}
}

// lockSource keeps one crawl or push of a source at a time, so that both
// see what the other stored.
func (p *pipeline) lockSource(name string) func() {
	m, _ := p.sourceLocks.LoadOrStore(name, &sync.Mutex{})
	mu := m.(*sync.Mutex)
	mu.Lock()
	return mu.Unlock
}
