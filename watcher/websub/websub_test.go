package websub_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/watcher/websub"
	"github.com/mentionwatch/mentionwatch/watcher/websub/websubtest"
)

func TestDiscover(t *testing.T) {
	const feedURL = "https://blog.example/feed.xml"
	cases := []struct {
		name, body string
		links      []string
		want       websub.Discovery
	}{
		{"atom", `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
			<link rel="alternate" href="https://blog.example/"/><link rel="hub" href="https://hub.example/"/>
			<link rel="self" href="https://blog.example/atom"/><entry><link rel="hub" href="https://evil.example/"/></entry></feed>`,
			nil, websub.Discovery{Hub: "https://hub.example/", Topic: "https://blog.example/atom"}},
		{"rss atom:link, relative hub, no self", `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
			<title>t</title><atom:link rel="hub" href="/hub"/><item><title>x</title></item></channel></rss>`,
			nil, websub.Discovery{Hub: "https://blog.example/hub", Topic: feedURL}},
		{"link headers win", `<feed xmlns="http://www.w3.org/2005/Atom"><link rel="hub" href="https://body.example/"/></feed>`,
			[]string{`<https://header.example/hub>; rel="hub", <https://blog.example/canonical>; rel="self"`},
			websub.Discovery{Hub: "https://header.example/hub", Topic: "https://blog.example/canonical"}},
		{"json feed", `{"version":"https://jsonfeed.org/version/1.1","feed_url":"https://blog.example/feed.json",
			"hubs":[{"type":"WebSub","url":"https://hub.example/j"}],"items":[]}`,
			nil, websub.Discovery{Hub: "https://hub.example/j", Topic: "https://blog.example/feed.json"}},
		{"hub only in an entry", `<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="hub" href="https://evil.example/"/></entry></feed>`,
			nil, websub.Discovery{}},
		{"not http", `<feed xmlns="http://www.w3.org/2005/Atom"><link rel="hub" href="javascript:alert(1)"/></feed>`,
			nil, websub.Discovery{}},
		{"windows-1251 rss", "<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss><channel><title>\xcd\xee\xe2\xee\xf1\xf2\xe8</title>" +
			`<atom:link xmlns:atom="http://www.w3.org/2005/Atom" rel="hub" href="https://hub.example/ru"/></channel></rss>`,
			nil, websub.Discovery{Hub: "https://hub.example/ru", Topic: feedURL}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := websub.Discover([]byte(c.body), "", c.links, feedURL); got != c.want {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestCheckSignature(t *testing.T) {
	secret, body := []byte("s3cret"), []byte("<feed/>")
	for _, m := range []string{"sha1", "sha256", "sha384", "sha512"} {
		sig := websub.Sign(m, secret, body)
		if !strings.HasPrefix(sig, m+"=") {
			t.Fatalf("%s: signature %q", m, sig)
		}
		if err := websub.CheckSignature(sig, secret, body); err != nil {
			t.Errorf("%s: a good signature refused: %v", m, err)
		}
		if err := websub.CheckSignature(sig, secret, append(body, ' ')); !errors.Is(err, websub.ErrBadSignature) {
			t.Errorf("%s: a changed body passed: %v", m, err)
		}
		if err := websub.CheckSignature(sig, []byte("other"), body); !errors.Is(err, websub.ErrBadSignature) {
			t.Errorf("%s: another secret passed: %v", m, err)
		}
	}
	for _, h := range []string{"md5=00", "sha256", "sha256=zz", "sha256=", "=abc"} {
		if err := websub.CheckSignature(h, secret, body); !errors.Is(err, websub.ErrBadSignature) {
			t.Errorf("%q: %v", h, err)
		}
	}
	if err := websub.CheckSignature("", secret, body); !errors.Is(err, websub.ErrUnsigned) {
		t.Errorf("unsigned: %v", err)
	}
	if err := websub.CheckSignature(websub.Sign("sha256", nil, body), nil, body); !errors.Is(err, websub.ErrBadSignature) {
		t.Errorf("no secret must never verify: %v", err)
	}
}

// TestClientAgainstTestHub: a subscription request goes to the hub, the
// hub verifies intent at the callback, and a push arrives signed with the
// secret sent.
func TestClientAgainstTestHub(t *testing.T) {
	hub := websubtest.New(t)
	hub.Lease = time.Hour
	pushed := make(chan string, 1)
	cb := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			if r.URL.Query().Get("hub.topic") != "https://blog.example/atom" {
				http.NotFound(w, r)
				return
			}
			w.Write([]byte(r.URL.Query().Get("hub.challenge")))
			return
		}
		b := make([]byte, 100)
		n, _ := r.Body.Read(b)
		if err := websub.CheckSignature(r.Header.Get(websub.SignatureHeader), []byte("k3y"), b[:n]); err != nil {
			t.Errorf("push signature: %v", err)
		}
		pushed <- string(b[:n])
	}))
	defer cb.Close()
	c := &websub.Client{}
	err := c.Send(context.Background(), websub.Request{Hub: hub.URL, Mode: websub.ModeSubscribe,
		Topic: "https://blog.example/atom", Callback: cb.URL + "/websub/x", Secret: "k3y", Lease: 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	ev := <-hub.Events()
	if !ev.Verified || ev.Lease != 24*time.Hour || ev.Granted != time.Hour {
		t.Fatalf("verification: %+v", ev)
	}
	if _, err := hub.Publish("https://blog.example/atom", "application/atom+xml", []byte("<feed/>")); err != nil {
		t.Fatal(err)
	}
	if got := <-pushed; got != "<feed/>" {
		t.Errorf("pushed %q", got)
	}
	// A topic the callback does not know is not verified.
	if st, _, _, _ := hub.Verify(cb.URL, websub.ModeSubscribe, "https://other.example/", time.Hour); st != http.StatusNotFound {
		t.Errorf("unknown topic: %d", st)
	}
	// A hub refusing says why, without the secret it was sent.
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		http.Error(w, "no: "+r.PostForm.Get("hub.secret"), http.StatusForbidden)
	}))
	defer bad.Close()
	err = c.Send(context.Background(), websub.Request{Hub: bad.URL, Mode: websub.ModeSubscribe, Topic: "t", Callback: "http://x/", Secret: "k3y-very-secret"})
	if err == nil || !strings.Contains(err.Error(), "403") || strings.Contains(err.Error(), "k3y-very-secret") {
		t.Errorf("refusal: %v", err)
	}
}
