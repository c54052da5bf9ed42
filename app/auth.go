package app

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// Sign-in: who may use the inbox and its API, and how a browser's changes
// are told from a forged request.
//
// With server.users, server.api_tokens or server.auth_proxy_header set,
// everything but /healthz, /metrics, /login, /static/ (and routes that
// authenticate themselves, such as Slack's) needs a session cookie (from
// /login), a Bearer token, or — when auth_proxy_header is set — that
// header, from a peer in trusted_proxies (loopback by default: the
// connection's own address, never a forwarded one). Without any of them
// (allowed only on loopback) the inbox is open and acts as "local".
//
// Failed sign-ins are counted per user name and per client address:
// behind a trusted proxy, the address X-Forwarded-For names
// (clientAddr), so that the proxy's own address is not one count shared
// by everyone.
//
// A state change from a browser (any request carrying Origin, Referer,
// Sec-Fetch-Site or a cookie) must come from the inbox's own origin and
// carry the page's CSRF token; Bearer-token calls need neither.

const (
	sessionCookie = "mw_session"
	csrfCookie    = "mw_csrf"
	// sessionTTL is how long a session lasts from sign-in, used or not,
	// as its cookie does.
	sessionTTL = 7 * 24 * time.Hour
	// loginLimit failed sign-ins within loginWindow, per user name or per
	// client address, and sign-in is refused (429) until the window
	// clears.
	loginLimit  = 5
	loginWindow = 15 * time.Minute
	// openUser is who acts in an inbox with no sign-in.
	openUser = "local"
)

// ident is who makes a request.
type ident struct {
	name   string
	via    string // "inbox" or "api"
	bearer bool   // by an API token: no CSRF needed
	csrf   string // the token its pages carry ("" for bearer)
	open   bool   // no sign-in configured
}

type session struct {
	user    string
	csrf    string
	expires time.Time
	// pass fingerprints the user's password hash at sign-in: a new
	// password ends the session.
	pass [sha256.Size]byte
}

// auth holds sessions and failed sign-ins, in memory: a restart signs
// everyone out.
type auth struct {
	now func() time.Time
	cfg func() config.Server
	log *slog.Logger

	mu       sync.Mutex
	sessions map[string]*session // by the cookie's value
	fails    map[string][]time.Time
	swept    time.Time // when sweep last pruned every key of fails

	proxyWarned time.Time // when ignoredProxyHeader last logged

	dummies map[int][]byte // by cost: hashes compared against for unknown names, so they take as long (a.mu)
}

func newAuth(now func() time.Time, cfg func() config.Server, log *slog.Logger) *auth {
	return &auth{now: now, cfg: cfg, log: log, sessions: map[string]*session{}, fails: map[string][]time.Time{},
		dummies: map[int][]byte{}}
}

// required reports whether requests must say who they are.
func required(s config.Server) bool { return s.AuthRequired() || s.AuthProxyHeader != "" }

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand: " + err.Error()) // never fails on supported systems
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// tokenEqual compares secrets in constant time (of their hashes, so the
// length leaks nothing either).
func tokenEqual(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return subtle.ConstantTimeCompare(ha[:], hb[:]) == 1
}

// identify says who r is; ok is false when it must sign in first, and
// bad is true when it presented a credential that is wrong (an unknown
// Bearer token).
func (a *auth) identify(r *http.Request) (id ident, ok, bad bool) {
	s := a.cfg()
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, tok, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "Bearer") {
			return ident{}, false, true
		}
		tok = strings.TrimSpace(tok)
		name := ""
		for _, t := range s.APITokens {
			if tokenEqual(tok, strings.TrimSpace(t.Token)) && name == "" {
				name = t.Name
			}
		}
		if name == "" {
			return ident{}, false, true
		}
		return ident{name: name, via: "api", bearer: true}, true, false
	}
	if hdr := s.AuthProxyHeader; hdr != "" {
		if u := strings.TrimSpace(r.Header.Get(hdr)); u != "" {
			if s.TrustedProxy(r.RemoteAddr) {
				return ident{name: u, via: "inbox", csrf: csrfCookieValue(r)}, true, false
			}
			a.ignoredProxyHeader(hdr, r, s)
		}
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		a.mu.Lock()
		ss := a.sessions[c.Value]
		now := a.now()
		if ss != nil && now.After(ss.expires) {
			delete(a.sessions, c.Value)
			ss = nil
		}
		a.mu.Unlock()
		if ss != nil && a.stillValid(s, ss) {
			return ident{name: ss.user, via: "inbox", csrf: ss.csrf}, true, false
		}
	}
	if !required(s) {
		return ident{name: openUser, via: "inbox", csrf: csrfCookieValue(r), open: true}, true, false
	}
	return ident{}, false, false
}

// proxyWarnEvery is how often the header of an untrusted peer is logged
// at most: a client that sends it on every request fills no log.
const proxyWarnEvery = time.Minute

// ignoredProxyHeader logs, at most once per proxyWarnEvery, that the auth
// proxy header came from a peer not in server.trusted_proxies: the
// header's name and the peer, never its value (anyone reaching the port
// could write it: a guessed name, or someone's password).
func (a *auth) ignoredProxyHeader(hdr string, r *http.Request, s config.Server) {
	a.mu.Lock()
	now := a.now()
	quiet := !a.proxyWarned.IsZero() && now.Sub(a.proxyWarned) < proxyWarnEvery
	if !quiet {
		a.proxyWarned = now
	}
	a.mu.Unlock()
	if !quiet {
		a.log.Warn("inbox: ignored the auth proxy header from a peer not in server.trusted_proxies",
			"header", hdr, "addr", clientAddr(r, s))
	}
}

// stillValid reports whether a session's user is still configured with
// the password it signed in with (a reload that removes a user or changes
// their password ends their sessions).
func (a *auth) stillValid(s config.Server, ss *session) bool {
	pass, ok := passPrint(s.Users, ss.user)
	return ok && pass == ss.pass
}

// passPrint fingerprints the password hash of the user named user, which
// a session keeps from its sign-in; false when no user has that name.
func passPrint(users []config.User, user string) ([sha256.Size]byte, bool) {
	for _, u := range users {
		if u.Name == user {
			return sha256.Sum256([]byte(u.PasswordHash)), true
		}
	}
	return [sha256.Size]byte{}, false
}

// csrfCookieValue is the CSRF token of a browser without a session: the
// value of its mw_csrf cookie, which ensureCSRFCookie sets.
func csrfCookieValue(r *http.Request) string {
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) >= 32 {
		return c.Value
	}
	return ""
}

// ensureCSRFCookie gives a browser without a session its CSRF token and
// returns it.
func (in *inboxServer) ensureCSRFCookie(w http.ResponseWriter, r *http.Request) string {
	if v := csrfCookieValue(r); v != "" {
		return v
	}
	v := randomToken()
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: v, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: in.secureCookies(r)})
	// Seen by this request's page too.
	r.AddCookie(&http.Cookie{Name: csrfCookie, Value: v})
	return v
}

// fromBrowser reports whether r comes from a browser (which sends one of
// these on every request that can change state), as opposed to a script.
func fromBrowser(r *http.Request) bool {
	return r.Header.Get("Origin") != "" || r.Header.Get("Referer") != "" ||
		r.Header.Get("Sec-Fetch-Site") != "" || r.Header.Get("Cookie") != ""
}

// sameOrigin reports whether a browser's request comes from a page of
// the inbox itself: Sec-Fetch-Site, else Origin, else Referer.
func (in *inboxServer) sameOrigin(r *http.Request) bool {
	if sfs := r.Header.Get("Sec-Fetch-Site"); sfs != "" {
		return sfs == "same-origin"
	}
	from := r.Header.Get("Origin")
	if from == "" || from == "null" {
		if ref := r.Header.Get("Referer"); ref != "" {
			from = ref
		} else {
			return from == "" // neither: an old client; the token decides
		}
	}
	u, err := url.Parse(from)
	if err != nil || u.Host == "" {
		return false
	}
	origin := strings.ToLower(u.Scheme + "://" + u.Host)
	for _, o := range in.origins(r) {
		if origin == o {
			return true
		}
	}
	return false
}

// origins are the inbox's own origins: as the request reached it, and
// base_url's.
func (in *inboxServer) origins(r *http.Request) []string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	out := []string{strings.ToLower(scheme + "://" + r.Host)}
	if b, err := url.Parse(in.cfg().BaseURL); err == nil && b.Host != "" {
		out = append(out, strings.ToLower(b.Scheme+"://"+b.Host))
	}
	return out
}

// checkCSRF reports whether a state-changing request may go ahead: a
// Bearer call, a script's call to an open inbox, or a same-origin browser
// request carrying its CSRF token (header X-CSRF-Token or form field
// csrf).
func (in *inboxServer) checkCSRF(r *http.Request, id ident) bool {
	if id.bearer {
		return true
	}
	if id.open && !fromBrowser(r) {
		return true
	}
	if !in.sameOrigin(r) {
		return false
	}
	tok := r.Header.Get("X-CSRF-Token")
	if tok == "" {
		tok = r.PostFormValue("csrf")
	}
	return id.csrf != "" && tokenEqual(tok, id.csrf)
}

// allowedHost reports whether r's Host names this server: the listen
// address's host, loopback names when it listens on loopback, base_url's
// host. Listening on every interface with no base_url, any name is
// answered (sign-in is required there). It defeats DNS rebinding: a page
// of another site whose name was pointed at this address.
func (in *inboxServer) allowedHost(r *http.Request) bool {
	s := in.cfg()
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(strings.Trim(host, "[]"))
	var allowed []string
	lh, _, err := net.SplitHostPort(s.Listen)
	if err != nil {
		lh = ""
	}
	lh = strings.ToLower(lh)
	if b, err := url.Parse(s.BaseURL); err == nil && b.Hostname() != "" {
		allowed = append(allowed, strings.ToLower(b.Hostname()))
	}
	switch ip := net.ParseIP(lh); {
	case lh == "" || ip != nil && ip.IsUnspecified():
		if len(allowed) == 0 {
			return true
		}
		allowed = append(allowed, "localhost", "127.0.0.1", "::1")
	case config.LoopbackListen(s.Listen):
		allowed = append(allowed, lh, "localhost", "127.0.0.1", "::1")
	default:
		allowed = append(allowed, lh)
	}
	for _, a := range allowed {
		if host == a {
			return true
		}
	}
	return false
}

// secureCookies reports whether cookies get the Secure flag: the request
// came over TLS, or base_url is https (a TLS proxy in front).
func (in *inboxServer) secureCookies(r *http.Request) bool {
	return r.TLS != nil || strings.HasPrefix(strings.ToLower(in.cfg().BaseURL), "https://")
}

// take reports whether sign-in is refused for now for this name or
// address, and for how long; when it is not, the attempt is counted as a
// failure at once, before the password is checked, so that sign-ins sent
// all at once get no more tries than sign-ins sent in turn (succeeded
// gives it back). A name counts for the user it signs in as, however it
// is written (userNamed).
func (a *auth) take(name, addr string) (bool, time.Duration) {
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.now()
	keys := []string{a.userKey(name), "a:" + addr}
	var wait time.Duration
	for _, k := range keys {
		recent := a.prune(k, now)
		if len(recent) >= loginLimit {
			wait = max(wait, recent[len(recent)-loginLimit].Add(loginWindow).Sub(now))
		}
	}
	if wait > 0 {
		return true, wait
	}
	for _, k := range keys {
		a.fails[k] = append(a.fails[k], now)
	}
	a.sweep(now)
	return false, 0
}

// failSweep is how often take drops the failures of every name and
// address that have left the window.
const failSweep = time.Minute

// sweep drops expired failures of every key, at most once per failSweep
// (a walk of the whole table on every failure would let many names cost
// time as well), so that the table holds only the last window's
// failures and a minute's more: names an attacker tried once and never
// again do not stay. a.mu is held.
func (a *auth) sweep(now time.Time) {
	if now.Sub(a.swept) < failSweep {
		return
	}
	a.swept = now
	for k := range a.fails {
		a.prune(k, now)
	}
}

// succeeded gives back the attempt take counted for a sign-in that
// succeeded: the user's failures are forgotten, and the address's count
// loses this attempt.
func (a *auth) succeeded(user, addr string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.fails, a.userKey(user))
	k := "a:" + addr
	if ts := a.fails[k]; len(ts) > 0 {
		if ts = ts[:len(ts)-1]; len(ts) == 0 {
			delete(a.fails, k)
		} else {
			a.fails[k] = ts
		}
	}
}

// userNamed returns the configured user a typed name signs in as: the
// name matches whatever its case, spaces around left out.
func userNamed(users []config.User, name string) (config.User, bool) {
	name = strings.TrimSpace(name)
	for _, u := range users {
		if strings.EqualFold(u.Name, name) {
			return u, true
		}
	}
	return config.User{}, false
}

// userKey is the limiter's key for a name: the configured user it signs
// in as, else the name in lower case.
func (a *auth) userKey(name string) string {
	if u, ok := userNamed(a.cfg().Users, name); ok {
		name = u.Name
	}
	return "u:" + strings.ToLower(strings.TrimSpace(name))
}

// loggedName is a typed name as the log shows it: the user it signs in
// as, or "(unknown)" — a name that is no user's is often a password typed
// into the wrong field.
func (a *auth) loggedName(name string) string {
	if u, ok := userNamed(a.cfg().Users, name); ok {
		return u.Name
	}
	return "(unknown)"
}

// prune drops failures older than the window; a.mu is held.
func (a *auth) prune(k string, now time.Time) []time.Time {
	ts := a.fails[k]
	i := 0
	for i < len(ts) && now.Sub(ts[i]) >= loginWindow {
		i++
	}
	ts = ts[i:]
	if len(ts) == 0 {
		delete(a.fails, k)
	} else {
		a.fails[k] = ts
	}
	return ts
}

// check verifies a name and password against the configured users,
// taking as long for an unknown name as for a known one.
func (a *auth) check(name, password string) (string, bool) {
	users := a.cfg().Users
	if u, ok := userNamed(users, name); ok {
		return u.Name, bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(password)) == nil
	}
	_ = bcrypt.CompareHashAndPassword(a.unknownHash(users), []byte(password))
	return "", false
}

// unknownHash is the hash an unknown name's password is compared with:
// of the highest cost among the users' hashes (`mentionwatch user hash`
// makes cost 12, bcrypt.DefaultCost is 10), so that an unknown name takes
// no less time than a known one and the time tells no names.
func (a *auth) unknownHash(users []config.User) []byte {
	cost := bcrypt.DefaultCost
	if len(users) > 0 {
		cost = bcrypt.MinCost
	}
	for _, u := range users {
		if c, err := bcrypt.Cost([]byte(u.PasswordHash)); err == nil {
			cost = max(cost, c)
		}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if h := a.dummies[cost]; h != nil {
		return h
	}
	h, err := bcrypt.GenerateFromPassword([]byte(randomToken()[:20]), cost)
	if err != nil {
		panic("bcrypt: " + err.Error()) // only for a cost out of range, which bcrypt.Cost does not return
	}
	a.dummies[cost] = h
	return h
}

// startSession signs user in and returns the cookie's value.
func (a *auth) startSession(user string) string {
	v := randomToken()
	pass, _ := passPrint(a.cfg().Users, user)
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.now()
	for k, s := range a.sessions {
		if now.After(s.expires) {
			delete(a.sessions, k)
		}
	}
	a.sessions[v] = &session{user: user, csrf: randomToken(), expires: now.Add(sessionTTL), pass: pass}
	return v
}

func (a *auth) endSession(r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		a.mu.Lock()
		delete(a.sessions, c.Value)
		a.mu.Unlock()
	}
}

// localPath returns next when it is a path on this server ("/…", not
// "//host"), else "/". A backslash before the query is refused anywhere:
// browsers read it as a slash, and http.Redirect cleans the path, so
// "/./\host" would become "/\host", another host.
func localPath(next string) string {
	p, _, _ := strings.Cut(next, "?")
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(p, "\\") {
		return "/"
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return "/"
	}
	return next
}

func retryAfter(d time.Duration) string {
	return strconv.Itoa(int(d.Seconds()) + 1)
}
