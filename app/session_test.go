package app

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// TestPasswordChangeEndsSessions: a reload that gives a user a new
// password hash ends that user's sessions (a password changed because it
// leaked also shuts out whoever used it); other users stay signed in.
func TestPasswordChangeEndsSessions(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	anna, boris := e.signedIn(t, "anna", annaPassword), e.signedIn(t, "boris", borisPassword)
	cfg, err := os.ReadFile(e.d.opts.ConfigPath)
	if err != nil {
		t.Fatal(err)
	}
	old := e.d.pipeline.Compiled().Cfg.Server.Users[0].PasswordHash
	h, _ := bcrypt.GenerateFromPassword([]byte("anna-new-secret"), bcrypt.MinCost)
	if err := os.WriteFile(e.d.opts.ConfigPath, []byte(strings.Replace(string(cfg), old, string(h), 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	if !e.d.Reload(context.Background()) {
		t.Fatal("reload failed")
	}
	if r := e.do(t, anna, "GET", "/api/mentions", nil, nil); r.code != http.StatusUnauthorized {
		t.Errorf("anna's session after her password changed: %d", r.code)
	}
	if r := e.do(t, boris, "GET", "/api/mentions", nil, nil); r.code != http.StatusOK {
		t.Errorf("boris's session after anna's password changed: %d", r.code)
	}
	if r := e.login(t, e.client(), "anna", "anna-new-secret"); r.code != http.StatusSeeOther {
		t.Errorf("the new password: %d", r.code)
	}
}

// TestSessionLifetime: a session lasts sessionTTL from sign-in, as its
// cookie does, however often it is used: a stolen cookie does not stay
// good for as long as it is used once a week.
func TestSessionLifetime(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	c := e.signedIn(t, "anna", annaPassword)
	var cookie string
	for _, ck := range c.Jar.Cookies(mustURL(t, e.srv.URL)) {
		if ck.Name == sessionCookie {
			cookie = sessionCookie + "=" + ck.Value
		}
	}
	steps := []struct {
		after time.Duration
		want  int
	}{
		{time.Hour, http.StatusOK},
		{sessionTTL / 2, http.StatusOK},
		{sessionTTL/2 - 2*time.Hour, http.StatusOK},
		{2 * time.Hour, http.StatusUnauthorized},
	}
	for i, s := range steps {
		e.clock.Advance(s.after)
		if r := e.do(t, nil, "GET", "/api/mentions", nil, map[string]string{"Cookie": cookie}); r.code != s.want {
			t.Errorf("step %d: %d, want %d", i, r.code, s.want)
		}
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestSignInEndsTheOldSession: signing in again from a browser ends the
// session its cookie held, on the server too: the cookie it replaces
// opens nothing (someone who copied it, or the user before, is out).
func TestSignInEndsTheOldSession(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	c := e.signedIn(t, "anna", annaPassword)
	var old string
	for _, ck := range c.Jar.Cookies(mustURL(t, e.srv.URL)) {
		if ck.Name == sessionCookie {
			old = sessionCookie + "=" + ck.Value
		}
	}
	if r := e.login(t, c, "boris", borisPassword); r.code != http.StatusSeeOther {
		t.Fatalf("boris: %d", r.code)
	}
	if r := e.do(t, nil, "GET", "/api/mentions", nil, map[string]string{"Cookie": old}); r.code != http.StatusUnauthorized {
		t.Errorf("anna's cookie after boris signed in on the same browser: %d", r.code)
	}
	if r := e.do(t, c, "GET", "/api/mentions", nil, nil); r.code != http.StatusOK {
		t.Errorf("boris's session: %d", r.code)
	}
}
