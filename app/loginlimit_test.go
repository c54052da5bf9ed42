package app

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
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
