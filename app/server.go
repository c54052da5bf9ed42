package app

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// serverTimeouts bound one connection of the HTTP server.
type serverTimeouts struct {
	header, read, write, idle time.Duration
}

// httpTimeouts are the HTTP server's timeouts. Reading a request
// (headers and body: a form, a WebSub push of up to http.max_body) takes
// at most a minute; the answer is written within three of the headers
// (the body's minute, and the minute a push may take to be stored, fit);
// a kept-alive connection idles two.
var httpTimeouts = serverTimeouts{header: 10 * time.Second, read: time.Minute,
	write: 3 * time.Minute, idle: 2 * time.Minute}

// newHTTPServer is the server of h with httpTimeouts.
func newHTTPServer(h http.Handler) *http.Server {
	t := httpTimeouts
	return &http.Server{Handler: h, ReadHeaderTimeout: t.header, ReadTimeout: t.read,
		WriteTimeout: t.write, IdleTimeout: t.idle}
}

// Handler serves /healthz, /metrics, the WebSub callback (/websub/),
// the inbox (inbox.go: the list at /,
// one mention, the overview, sign-in at /login) and its API under
// /api/mentions. Every response passes the Host check and carries the
// security headers; everything but /healthz, /metrics, /login and
// /static/ needs a signed-in user when sign-in is configured (auth.go).
func (d *Daemon) Handler() http.Handler {
	in := newInboxServer(d)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := d.store.DB().PingContext(r.Context()); err != nil {
			// Open to anyone: the driver's words (host, user, database)
			// go to the log only.
			in.log.Error("healthz: the store does not answer", "err", err)
			http.Error(w, "store unavailable", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(d.reg, promhttp.HandlerOpts{Registry: d.reg}))
	mux.Handle("GET /static/", staticHandler())
	mux.HandleFunc("GET /login", in.loginPage)
	mux.HandleFunc("POST /login", in.login)
	mux.HandleFunc("POST /logout", in.logout)
	// Routes that authenticate themselves, outside the session check:
	// Slack's button clicks carry Slack's request signature.
	mux.HandleFunc("POST /slack/interactions", d.slackInteractions)
	// WebSub hubs: the verification of intent names a topic we asked
	// for; every push carries the subscription's HMAC (push.go).
	mux.HandleFunc("GET /websub/{id}", d.pusher.verify)
	mux.HandleFunc("POST /websub/{id}", d.pusher.push)

	// Everything else: the inbox's pages and API, signed in.
	mux.Handle("/", in.requireUser(in.routes()))
	return in.secure(mux)
}

// filterFailed answers a request whose filters could not be used: 400
// naming the parameter for a bad value, 500 for a failing store. With
// asJSON the 400's body is {"error","param","allowed"}.
func filterFailed(w http.ResponseWriter, err error, asJSON bool) {
	var fe *FilterError
	if !errors.As(err, &fe) {
		if asJSON {
			jsonError(w, http.StatusInternalServerError, err.Error())
			return
		}
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if !asJSON {
		http.Error(w, "bad filter: "+fe.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusBadRequest)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(struct {
		Error   string   `json:"error"`
		Param   string   `json:"param"`
		Allowed []string `json:"allowed,omitempty"`
	}{fe.Error(), fe.Param, fe.Allowed})
}
