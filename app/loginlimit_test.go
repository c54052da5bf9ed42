package app

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

// TestLoginLimitConcurrent: sign-ins sent all at once get no more tries
// than sign-ins sent one after another: the limit is taken before the
// password is checked, not after.
func TestLoginLimitConcurrent(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	const n = 16
	codes := make([]int, n)
	var start, done sync.WaitGroup
	start.Add(1)
	for i := range n {
		done.Add(1)
		go func() {
			defer done.Done()
			form := url.Values{"name": {"mallory"}, "password": {fmt.Sprint("guess", i)}}
			req, _ := http.NewRequest("POST", e.srv.URL+"/login", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			start.Wait()
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			codes[i] = res.StatusCode
		}()
	}
	start.Done()
	done.Wait()
	tried := 0
	for _, c := range codes {
		switch c {
		case http.StatusUnauthorized:
			tried++
		case http.StatusTooManyRequests:
		default:
			t.Errorf("answer %d", c)
		}
	}
	if tried > loginLimit {
		t.Errorf("%d of %d concurrent sign-ins were checked; the limit is %d", tried, n, loginLimit)
	}
}

// TestLoginLimitByUser: failures count against the user a name signs in
// as, however it is written: in other cases, or with letters that fold
// to the name's (ſ for s), which sign in as that user too.
func TestLoginLimitByUser(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	in := newInboxServer(e.d)
	if user, ok := in.auth.check("bori\u017f", borisPassword); !ok || user != "boris" {
		t.Fatalf("bori\u017f signs in as %q %v", user, ok)
	}
	names := []string{"boris", "BORIS", "bori\u017f", "BORI\u017f", "Bori\u017f", "bOri\u017f"}
	for i, name := range names[:loginLimit] {
		addr := fmt.Sprintf("192.0.2.%d", i+1) // a new address each time
		if limited, _ := in.auth.take(name, addr); limited {
			t.Fatalf("try %d (%s) refused", i+1, name)
		}
	}
	for _, name := range names {
		if limited, _ := in.auth.take(name, "198.51.100.7"); !limited {
			t.Errorf("%s: tried again after %d failures for boris", name, loginLimit)
		}
	}
	if limited, _ := in.auth.take("anna", "198.51.100.8"); limited {
		t.Error("another user is limited too")
	}
}

// TestUnknownNameTakesAsLong: the password of an unknown name is compared
// with a hash of the users' highest cost, so that its answer comes no
// sooner (nor later) than a known name's and the time tells no names.
func TestUnknownNameTakesAsLong(t *testing.T) {
	hash := func(cost int) string {
		h, err := bcrypt.GenerateFromPassword([]byte("pw"), cost)
		if err != nil {
			t.Fatal(err)
		}
		return string(h)
	}
	cases := []struct {
		name  string
		users []config.User
		want  int
	}{
		{"one user", []config.User{{Name: "anna", PasswordHash: hash(bcrypt.MinCost)}}, bcrypt.MinCost},
		{"mixed costs", []config.User{{Name: "anna", PasswordHash: hash(bcrypt.MinCost)}, {Name: "boris", PasswordHash: hash(6)}}, 6},
		{"no users", nil, bcrypt.DefaultCost},
	}
	for _, tc := range cases {
		a := newAuth(time.Now, func() config.Server { return config.Server{Users: tc.users} }, slog.New(slog.DiscardHandler))
		if _, ok := a.check("nobody", "pw"); ok {
			t.Fatalf("%s: an unknown name signed in", tc.name)
		}
		if got, err := bcrypt.Cost(a.unknownHash(tc.users)); err != nil || got != tc.want {
			t.Errorf("%s: an unknown name costs %d (%v), want %d", tc.name, got, err, tc.want)
		}
	}
}

// TestLoginLogsNoTypedSecrets: a name that is no user's — often a
// password typed into the name field — is not written to the log; a
// user's name is.
func TestLoginLogsNoTypedSecrets(t *testing.T) {
	e := newInboxEnv(t, signIn(t))
	c := e.client()
	if r := e.login(t, c, annaPassword, annaPassword); r.code != http.StatusUnauthorized {
		t.Fatalf("password as the name: %d", r.code)
	}
	if r := e.login(t, c, "boris", "wrong"); r.code != http.StatusUnauthorized {
		t.Fatalf("boris, wrong password: %d", r.code)
	}
	for range loginLimit {
		e.login(t, c, borisPassword, "x")
	}
	logs := e.logs.String()
	if strings.Contains(logs, annaPassword) || strings.Contains(logs, borisPassword) {
		t.Errorf("a password typed as the name is in the log:\n%s", logs)
	}
	if !strings.Contains(logs, "user=boris") {
		t.Errorf("a user's failed sign-in is not logged with the name:\n%s", logs)
	}
}

// TestFailedSignInsForgotten: the failed-sign-in table keeps only the
// window's failures: names and addresses tried once by an attacker with
// many of them are dropped soon after their window passes, while those
// still in the window keep counting.
func TestFailedSignInsForgotten(t *testing.T) {
	now := inboxT0
	a := newAuth(func() time.Time { return now }, func() config.Server { return config.Server{} }, slog.New(slog.DiscardHandler))
	for i := range 2000 {
		if limited, _ := a.take(fmt.Sprintf("guess-%d", i), fmt.Sprintf("10.0.%d.%d", i/250, i%250)); limited {
			t.Fatalf("try %d refused", i)
		}
	}
	if n := len(a.fails); n != 4000 {
		t.Fatalf("%d keys after 2000 names from 2000 addresses", n)
	}
	// Boris fails to the limit later, within the window of those.
	now = now.Add(loginWindow - time.Minute)
	for range loginLimit {
		a.take("boris", "192.0.2.9")
	}
	if n := len(a.fails); n != 4002 {
		t.Errorf("%d keys while all are in their window, want 4002", n)
	}

	// The guesses' window has passed: the next failure sweeps them out;
	// boris's stay and still refuse him.
	now = now.Add(time.Minute + failSweep)
	a.take("mallory", "203.0.113.1")
	if limited, _ := a.take("boris", "192.0.2.10"); !limited {
		t.Error("boris signs in again within his window")
	}
	if got := keysOf(a.fails); len(got) != 4 {
		t.Errorf("after the sweep: %v, want boris's, mallory's and their addresses", got)
	}

	// Boris's window has passed too.
	now = now.Add(loginWindow)
	if limited, _ := a.take("boris", "192.0.2.10"); limited {
		t.Error("boris refused after his window")
	}
	if got := keysOf(a.fails); len(got) != 2 {
		t.Errorf("after the second sweep: %v, want boris's new failure and its address", got)
	}
}

func keysOf(m map[string][]time.Time) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
