package slack

import (
	"cmp"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/notify/alert"
	"github.com/mentionwatch/mentionwatch/notify/internal/httpsend"
)

// Actor applies a person's action to a mention; *store.Store satisfies
// it. It is the one action path that the inbox, its API and Slack share.
type Actor interface {
	Mention(ctx context.Context, id int64) (model.Mention, error)
	Act(ctx context.Context, id int64, a store.Action) (store.Acted, error)
}

var _ Actor = (*store.Store)(nil)

// Limits of the interactivity endpoint.
const (
	// SignatureWindow is how old (or how far ahead) a signed request may
	// be; a signature seen within it is not accepted twice.
	SignatureWindow = 5 * time.Minute
	// maxInteractionBody caps a request's body; Slack's payloads carry
	// one message and stay well below it.
	maxInteractionBody = 1 << 20
	// clickTimeout bounds the work of one click (reading the mention,
	// acting, chat.update).
	clickTimeout = 30 * time.Second
)

// InteractConfig configures an Interactor.
type InteractConfig struct {
	// Token is the bot token (xoxb-…); chat.update needs it.
	Token string
	// APIURL is the Web API base (default DefaultAPIURL).
	APIURL string
	// SigningSecret verifies requests to the HTTP handler; without it the
	// handler answers 404.
	SigningSecret string
	// AppToken (xapp-…) opens Socket Mode connections (RunSocketMode).
	AppToken string
	// Actor applies the clicks.
	Actor      Actor
	HTTPClient *http.Client
	// Clock tells the time of actions and of the signature window
	// (default the system clock).
	Clock  clock.Clock
	Logger *slog.Logger
}

// Interactor acts on clicks of the buttons of alerts, whichever way they
// come in — Slack's HTTP interactivity (Handler) or Socket Mode
// (RunSocketMode) — through one path (Act): the click is applied with the
// Actor as the Slack user, via "slack", and the message is rewritten with
// chat.update: its buttons give way to a line that says who did what and
// when.
type Interactor struct {
	cfg     InteractConfig
	api     *slack.Client
	http    *http.Client
	clock   clock.Clock
	log     *slog.Logger
	secrets []string

	rewriting sync.Mutex // one chat.update at a time

	mu     sync.Mutex
	seen   map[string]time.Time // signatures and envelope ids → when to forget them
	closed bool
	wg     sync.WaitGroup
}

// NewInteractor returns an Interactor.
func NewInteractor(cfg InteractConfig) (*Interactor, error) {
	if cfg.Token == "" {
		return nil, errors.New("slack: buttons need the bot token (alerts.slack.token) to rewrite messages")
	}
	if cfg.Actor == nil {
		return nil, errors.New("slack: an interactor needs an Actor")
	}
	in := &Interactor{cfg: cfg, clock: cfg.Clock, log: cfg.Logger, http: httpsend.Client(cfg.HTTPClient),
		seen: map[string]time.Time{}}
	if in.clock == nil {
		in.clock = clock.Real{}
	}
	if in.log == nil {
		in.log = slog.New(slog.DiscardHandler)
	}
	in.secrets = []string{cfg.Token, cfg.AppToken, cfg.SigningSecret}
	in.api = newAPI(cfg.Token, cfg.APIURL, in.http)
	return in, nil
}

// newAPI is a Web API client that sends token as a bearer token.
func newAPI(token, apiURL string, client *http.Client, opts ...slack.Option) *slack.Client {
	apiURL = cmp.Or(apiURL, DefaultAPIURL)
	if !strings.HasSuffix(apiURL, "/") {
		apiURL += "/"
	}
	c := *client
	c.Transport = bearer{token: token, next: cmp.Or[http.RoundTripper](client.Transport, http.DefaultTransport)}
	return slack.New(token, append([]slack.Option{slack.OptionAPIURL(apiURL), slack.OptionHTTPClient(&c)}, opts...)...)
}

// Wait waits for the clicks being worked on.
func (in *Interactor) Wait() { in.wg.Wait() }

// Close refuses new clicks and waits for those being worked on.
func (in *Interactor) Close() {
	in.mu.Lock()
	in.closed = true
	in.mu.Unlock()
	in.wg.Wait()
}

// start runs fn in a goroutine bounded by ctx; false when the interactor
// is closed or ctx has ended.
func (in *Interactor) start(ctx context.Context, fn func(context.Context)) bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.closed || ctx.Err() != nil {
		return false
	}
	in.wg.Add(1)
	go func() {
		defer in.wg.Done()
		cctx, cancel := context.WithTimeout(ctx, clickTimeout)
		defer cancel()
		fn(cctx)
	}()
	return true
}

// remember records key until until; false when it was already there (a
// replay). Expired keys are forgotten.
func (in *Interactor) remember(key string, until time.Time) bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	now := in.clock.Now()
	for k, t := range in.seen {
		if !t.After(now) {
			delete(in.seen, k)
		}
	}
	if _, ok := in.seen[key]; ok {
		return false
	}
	in.seen[key] = until
	return true
}

// Why a signed request is refused.
var (
	ErrUnsigned     = errors.New("no X-Slack-Signature or X-Slack-Request-Timestamp")
	ErrStale        = errors.New("timestamp outside the five-minute window")
	ErrBadSignature = errors.New("signature does not match")
	ErrReplayed     = errors.New("signature already seen (a replayed request)")
)

// Verify checks Slack's signature of a request: X-Slack-Signature is
// "v0=" + hex(HMAC-SHA256(secret, "v0:" + X-Slack-Request-Timestamp + ":"
// + body)), as slack.NewSecretsVerifier checks it, with the timestamp
// within SignatureWindow of the interactor's clock (slack-go's verifier
// reads the system clock, which tests cannot move). A signature is
// accepted once: the same request again is ErrReplayed.
func (in *Interactor) Verify(h http.Header, body []byte) error {
	sig, ts := h.Get("X-Slack-Signature"), h.Get("X-Slack-Request-Timestamp")
	if sig == "" || ts == "" || in.cfg.SigningSecret == "" {
		return ErrUnsigned
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return ErrStale
	}
	at := time.Unix(sec, 0)
	if d := in.clock.Now().Sub(at); d > SignatureWindow || d < -SignatureWindow {
		return ErrStale
	}
	m := hmac.New(sha256.New, []byte(in.cfg.SigningSecret))
	_, _ = io.WriteString(m, "v0:"+ts+":")
	_, _ = m.Write(body)
	want := "v0=" + hex.EncodeToString(m.Sum(nil))
	if !hmac.Equal([]byte(want), []byte(sig)) {
		return ErrBadSignature
	}
	if !in.remember("sig:"+sig, at.Add(SignatureWindow)) {
		return ErrReplayed
	}
	return nil
}

// Handler serves Slack's HTTP interactivity (POST /slack/interactions):
// a request signed with the signing secret is answered 200 at once, well
// within Slack's 3 seconds, and the click is worked on afterwards in a
// goroutine bounded by ctx. An unsigned, badly signed, stale or replayed
// request is answered 401 and changes nothing; a signed request without a
// payload is answered 400. No session is needed: the signature is the
// request's authentication.
func (in *Interactor) Handler(ctx context.Context) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if in.cfg.SigningSecret == "" {
			http.Error(w, "slack interactivity is not configured (alerts.slack.signing_secret)", http.StatusNotFound)
			return
		}
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxInteractionBody))
		if err != nil {
			http.Error(w, "cannot read the body", http.StatusRequestEntityTooLarge)
			return
		}
		if err := in.Verify(r.Header, body); err != nil {
			in.log.Warn("slack: refused an interaction request", "reason", err.Error(), "remote", r.RemoteAddr)
			http.Error(w, "bad request signature: "+err.Error(), http.StatusUnauthorized)
			return
		}
		form, err := url.ParseQuery(string(body))
		payload := form.Get("payload")
		if err != nil || payload == "" {
			http.Error(w, "no payload", http.StatusBadRequest)
			return
		}
		cb, err := parseInteraction([]byte(payload))
		if err != nil {
			http.Error(w, "bad payload", http.StatusBadRequest)
			return
		}
		if !in.start(ctx, func(ctx context.Context) { in.act(ctx, &cb, "http") }) {
			http.Error(w, "shutting down", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

// parseInteraction decodes an interaction payload. slack-go tells a
// block action from a legacy attachment action by its block_id, which
// Slack always sends; the actions of a block_actions payload that lacks
// it are read as block actions all the same.
func parseInteraction(b []byte) (slack.InteractionCallback, error) {
	var cb slack.InteractionCallback
	err := json.Unmarshal(b, &cb)
	if err == nil && (cb.Type != slack.InteractionTypeBlockActions || len(cb.ActionCallback.BlockActions) > 0) {
		return cb, nil
	}
	var raw map[string]json.RawMessage
	var typ string
	if json.Unmarshal(b, &raw) != nil || json.Unmarshal(raw["type"], &typ) != nil || typ != string(slack.InteractionTypeBlockActions) {
		return cb, err
	}
	var actions []*slack.BlockAction
	if err := json.Unmarshal(raw["actions"], &actions); err != nil {
		return cb, err
	}
	delete(raw, "actions")
	rest, err := json.Marshal(raw)
	if err != nil {
		return cb, err
	}
	cb = slack.InteractionCallback{}
	if err := json.Unmarshal(rest, &cb); err != nil {
		return cb, err
	}
	cb.ActionCallback.BlockActions = actions
	return cb, nil
}

// act runs Act and logs what failed.
func (in *Interactor) act(ctx context.Context, cb *slack.InteractionCallback, way string) {
	if err := in.Act(ctx, cb); err != nil {
		in.log.Error("slack: a button click failed", "way", way, "err", alert.Redact(err.Error(), in.secrets...))
	}
}

// Act is the one action path of both ways in: it applies each button
// click of a block_actions payload and rewrites the message. A click on
// a button that is not ours, or with a value that is no mention id, is
// logged and leaves the message alone; a click on a mention no longer
// stored (deleted) changes nothing and the message says so.
func (in *Interactor) Act(ctx context.Context, cb *slack.InteractionCallback) error {
	if cb.Type != slack.InteractionTypeBlockActions {
		in.log.Debug("slack: ignored an interaction", "type", string(cb.Type))
		return nil
	}
	var errs []error
	for _, a := range cb.ActionCallback.BlockActions {
		if a != nil {
			errs = append(errs, in.click(ctx, cb, a))
		}
	}
	return errors.Join(errs...)
}

// slackUser is the name a click is recorded with: the user's username,
// else name, else ID, the first that is not blank.
func slackUser(u slack.User) string {
	return cmp.Or(strings.TrimSpace(u.Username), strings.TrimSpace(u.Name), strings.TrimSpace(u.ID))
}

func (in *Interactor) click(ctx context.Context, cb *slack.InteractionCallback, a *slack.BlockAction) error {
	if !slices.Contains(Buttons, a.ActionID) {
		in.log.Debug("slack: ignored a click on a button that is not ours", "action_id", a.ActionID)
		return nil
	}
	user := slackUser(cb.User)
	log := in.log.With("button", a.ActionID, "user", user, "channel", cb.Container.ChannelID, "ts", cb.Container.MessageTs)
	id, err := strconv.ParseInt(strings.TrimSpace(a.Value), 10, 64)
	if err != nil || id <= 0 {
		log.Warn("slack: a click whose value is no mention id; the message is left as it is", "value", alert.Truncate(a.Value, 40))
		return nil
	}
	log = log.With("mention", id)
	if user == "" {
		log.Warn("slack: a click without a user; the message is left as it is")
		return nil
	}
	m, err := in.cfg.Actor.Mention(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return in.gone(ctx, cb, a, id, log)
	}
	if err != nil {
		return fmt.Errorf("slack: %s on mention %d: %w", a.ActionID, id, err)
	}
	now := in.clock.Now()
	var line string
	// Muting is about the source, not the mention: it applies to a
	// mention closed meanwhile too (handled in the inbox, whose alert
	// still shows the buttons).
	mute := a.ActionID == ButtonMuteSource
	switch {
	case m.Status != model.StatusNew && !mute:
		line = alreadyLine(m, now)
		log.Info("slack: a click on a mention already closed; nothing changed", "status", m.Status, "by", m.HandledBy)
	case a.ActionID == ButtonAssignMe && m.Assignee != "" && m.Assignee != user:
		line = "🙋 Already taken by @" + Escape(m.Assignee)
		log.Info("slack: a click to take a mention already taken; nothing changed", "assignee", m.Assignee)
	default:
		act := store.Action{User: user, Via: "slack", At: now}
		switch a.ActionID {
		case ButtonHandled:
			act.Name = model.ActionHandled
		case ButtonFalsePositive:
			act.Name = model.ActionFalsePositive
		case ButtonAssignMe:
			act.Name, act.Value = model.ActionAssign, user
		case ButtonMuteSource:
			act.Name = model.ActionMuteSource
		}
		res, err := in.cfg.Actor.Act(ctx, id, act)
		if errors.Is(err, store.ErrNotFound) {
			return in.gone(ctx, cb, a, id, log)
		}
		if err != nil {
			return fmt.Errorf("slack: %s on mention %d: %w", a.ActionID, id, err)
		}
		m = res.Mention
		if res.Before.Status != model.StatusNew && !mute {
			// Closed by someone else between the read and the action.
			line = alreadyLine(res.Before, now)
		} else {
			line = doneLine(a.ActionID, user, m, now, res.Changed)
		}
		log.Info("slack: button", "changed", res.Changed)
	}
	return in.rewrite(ctx, cb, a, m, line)
}

// goneLine is what a message says after a click on a mention that is no
// longer stored.
const goneLine = "🗑️ This mention is no longer stored (deleted from the database): nothing was changed"

// gone answers a click on mention id, which the store no longer has (it
// was deleted since its alert was sent): the message loses its buttons
// and says so.
func (in *Interactor) gone(ctx context.Context, cb *slack.InteractionCallback, a *slack.BlockAction, id int64, log *slog.Logger) error {
	log.Warn("slack: a click on a mention no longer stored; nothing changed")
	return in.rewrite(ctx, cb, a, model.Mention{ID: id}, goneLine)
}

// doneLine says what a click did.
func doneLine(button, user string, m model.Mention, now time.Time, changed bool) string {
	by := "@" + Escape(user)
	after := ""
	if !m.FoundAt.IsZero() {
		after = ", " + Since(now.Sub(m.FoundAt)) + " after it was found"
	}
	switch button {
	case ButtonHandled:
		return "✅ Handled by " + by + after
	case ButtonFalsePositive:
		return "🚫 Not about us, said " + by + after
	case ButtonAssignMe:
		return "🙋 Taken by " + by + after
	case ButtonMuteSource:
		src := "*" + Escape(m.Source) + "*"
		if !changed {
			return "🔇 Source " + src + " was already muted (" + by + " asked again)"
		}
		return "🔇 Source " + src + " muted by " + by + ": its mentions are stored but no longer alerted"
	}
	return ""
}

// alreadyLine says who closed a mention, and how long ago.
func alreadyLine(m model.Mention, now time.Time) string {
	what := "Already handled"
	if m.Status == model.StatusFalsePositive {
		what = "Already marked not about us"
	}
	if m.HandledBy != "" {
		what += " by @" + Escape(m.HandledBy)
	}
	if !m.HandledAt.IsZero() {
		what += " " + Since(now.Sub(m.HandledAt)) + " ago"
	}
	return "☑️ " + what
}

// Since formats a duration for people: "less than a minute", "14 min",
// "2 h 5 min", "3 days".
func Since(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "less than a minute"
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + " min"
	case d < 48*time.Hour:
		h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
		if m == 0 {
			return strconv.Itoa(h) + " h"
		}
		return fmt.Sprintf("%d h %d min", h, m)
	}
	return strconv.Itoa(int(d/(24*time.Hour))) + " days"
}

// rewrite updates the clicked message with chat.update: the blocks and
// text stay, the actions block gives way to line and to the buttons that
// still apply, and the metadata is kept.
func (in *Interactor) rewrite(ctx context.Context, cb *slack.InteractionCallback, a *slack.BlockAction, m model.Mention, line string) error {
	ch := cmp.Or(cb.Container.ChannelID, cb.Channel.ID)
	ts := cmp.Or(cb.Container.MessageTs, cb.Message.Timestamp)
	if ch == "" || ts == "" {
		in.log.Warn("slack: a click without its message's channel and ts; the message is left as it is", "mention", m.ID)
		return nil
	}
	// One rewrite at a time, each from the message as it is now: the
	// payload's copy may predate another click's rewrite, and it lacks
	// the metadata. Read it back (channels:history / groups:history);
	// without that scope, the payload's copy is used.
	in.rewriting.Lock()
	defer in.rewriting.Unlock()
	msg := cb.Message
	if got, err := in.fetch(ctx, ch, ts, cb.Container.ThreadTs); err != nil {
		in.log.Debug("slack: cannot read the clicked message back; using the click's copy", "err", in.redact(err))
	} else {
		if len(got.Blocks.BlockSet) > 0 {
			msg.Blocks, msg.Text = got.Blocks, got.Text
		}
		if got.Metadata.EventType != "" {
			msg.Metadata = got.Metadata
		}
	}
	meta := msg.Metadata
	if meta.EventType == "" {
		meta = slack.SlackMetadata{EventType: EventType, EventPayload: map[string]any{
			"kind": string(alert.KindMention), "brand": m.Brand, "mention_ids": []int64{m.ID}}}
	}
	var blocks []slack.Block
	var had []string
	for _, b := range msg.Blocks.BlockSet {
		if ab, ok := b.(*slack.ActionBlock); ok && strings.HasPrefix(ab.BlockID, actionsBlockPrefix) {
			if ab.Elements == nil {
				continue // an actions block without "elements" holds no buttons
			}
			for _, el := range ab.Elements.ElementSet {
				if btn, ok := el.(*slack.ButtonBlockElement); ok {
					had = append(had, btn.ActionID)
				}
			}
			continue
		}
		blocks = append(blocks, b)
	}
	suffix := "_" + strings.NewReplacer(".", "").Replace(cmp.Or(a.ActionTs, strconv.FormatInt(in.clock.Now().UnixNano(), 10)))
	blocks = append(blocks, slack.NewContextBlock(statusBlockPrefix+suffix,
		slack.NewTextBlockObject(slack.MarkdownType, alert.Truncate(line, contextRunes), false, false)))
	if left := stillApply(had, a.ActionID, m); len(left) > 0 {
		blocks = append(blocks, actionsBlock(m.ID, suffix, left))
	}
	text := cmp.Or(msg.Text, line)
	if _, _, _, err := in.api.UpdateMessageContext(ctx, ch, ts, slack.MsgOptionText(text, false),
		slack.MsgOptionBlocks(blocks...), slack.MsgOptionMetadata(meta)); err != nil {
		return fmt.Errorf("slack: chat.update of %s/%s: %s", ch, ts, in.redact(err))
	}
	return nil
}

// stillApply are the buttons of had that still make sense after a click
// on clicked: none once the mention is closed; no "assign to me" once it
// is taken; no "mute source" once that was clicked.
func stillApply(had []string, clicked string, m model.Mention) []string {
	if m.Status != model.StatusNew {
		return nil
	}
	var out []string
	for _, b := range had {
		switch {
		case b == ButtonAssignMe && m.Assignee != "":
		case b == ButtonMuteSource && clicked == ButtonMuteSource:
		default:
			out = append(out, b)
		}
	}
	return out
}

// fetch reads one message back, with its blocks and metadata.
func (in *Interactor) fetch(ctx context.Context, ch, ts, threadTS string) (slack.Message, error) {
	var msgs []slack.Message
	if threadTS != "" && threadTS != ts {
		var err error
		msgs, _, _, err = in.api.GetConversationRepliesContext(ctx, &slack.GetConversationRepliesParameters{
			ChannelID: ch, Timestamp: threadTS, Latest: ts, Oldest: ts, Inclusive: true, IncludeAllMetadata: true})
		if err != nil {
			return slack.Message{}, fmt.Errorf("conversations.replies: %w", err)
		}
	} else {
		resp, err := in.api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{
			ChannelID: ch, Latest: ts, Oldest: ts, Inclusive: true, Limit: 1, IncludeAllMetadata: true})
		if err != nil {
			return slack.Message{}, fmt.Errorf("conversations.history: %w", err)
		}
		msgs = resp.Messages
	}
	for _, m := range msgs {
		if m.Timestamp == ts {
			return m, nil
		}
	}
	return slack.Message{}, errors.New("message not found")
}

// ticketRe matches the one-time ticket in a Socket Mode websocket URL.
var ticketRe = regexp.MustCompile(`ticket=[^&\s"]+`)

// redact strips secrets and websocket tickets from an error's text.
func (in *Interactor) redact(err error) string {
	if err == nil {
		return ""
	}
	return ticketRe.ReplaceAllString(alert.Redact(err.Error(), in.secrets...), "ticket=…")
}
