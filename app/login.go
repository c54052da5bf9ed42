package app

import (
	"net/http"
	"strings"
)

type loginData struct {
	Next  string
	Name  string
	Error string
}

// loginPage shows the sign-in form (and, to a browser without a session,
// its CSRF cookie).
func (in *inboxServer) loginPage(w http.ResponseWriter, r *http.Request) {
	in.renderLogin(w, r, http.StatusOK, loginData{Next: localPath(r.URL.Query().Get("next"))})
}

func (in *inboxServer) renderLogin(w http.ResponseWriter, r *http.Request, code int, d loginData) {
	id := ident{csrf: in.ensureCSRFCookie(w, r)}
	in.render(w, r.WithContext(withIdent(r.Context(), id)), code, "login", "Sign in", d)
}

// login checks the form's name and password: a session cookie and back
// to where the user was going, or 401 and the form again; too many
// failures for the name or the address, 429.
func (in *inboxServer) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	name, password := strings.TrimSpace(r.PostFormValue("name")), r.PostFormValue("password")
	d := loginData{Next: localPath(r.PostFormValue("next")), Name: name}
	// The form sends its CSRF token, and a stale one is refused. A script
	// may post only name and password: sign-in forgery needs a browser,
	// and a browser says where a cross-site post comes from (Origin,
	// Sec-Fetch-Site, Referer), which sameOrigin refuses.
	tok := r.PostFormValue("csrf")
	if !in.sameOrigin(r) || tok != "" && (csrfCookieValue(r) == "" || !tokenEqual(tok, csrfCookieValue(r))) {
		d.Error = "The form expired; sign in again."
		in.renderLogin(w, r, http.StatusForbidden, d)
		return
	}
	addr := clientAddr(r, in.cfg())
	logged := in.auth.loggedName(name)
	if limited, wait := in.auth.take(name, addr); limited {
		w.Header().Set("Retry-After", retryAfter(wait))
		d.Error = "Too many failed sign-ins; try again in " + shortDur(wait) + "."
		in.log.Warn("inbox: sign-in refused, too many failures", "user", logged, "addr", addr)
		in.renderLogin(w, r, http.StatusTooManyRequests, d)
		return
	}
	user, ok := in.auth.check(name, password)
	if !ok {
		in.log.Warn("inbox: sign-in failed", "user", logged, "addr", addr)
		d.Error = "Wrong name or password."
		in.renderLogin(w, r, http.StatusUnauthorized, d)
		return
	}
	in.auth.succeeded(user, addr)
	in.auth.endSession(r) // the session this browser held before, if any
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: in.auth.startSession(user), Path: "/",
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: in.secureCookies(r), MaxAge: int(sessionTTL.Seconds())})
	in.log.Info("inbox: signed in", "user", user, "addr", addr)
	http.Redirect(w, r, d.Next, http.StatusSeeOther)
}

// logout ends the session (a POST with the page's CSRF token).
func (in *inboxServer) logout(w http.ResponseWriter, r *http.Request) {
	capBody(w, r)
	id, ok, _ := in.auth.identify(r)
	if ok && !in.checkCSRF(r, id) {
		if bodyTooLarge(r) {
			tooLarge(w)
			return
		}
		jsonError(w, http.StatusForbidden, "refused: a change needs the page's CSRF token from the inbox's own origin")
		return
	}
	in.auth.endSession(r)
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: in.secureCookies(r)})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
