package websub

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

// FuzzDiscover gives Discover crawled feeds and Link headers: it must not
// panic, a hub is an absolute http(s) URL without a fragment, and there is
// a topic exactly when there is a hub.
func FuzzDiscover(f *testing.F) {
	const feedURL = "https://blog.example/feed.xml"
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><link rel="hub" href="https://hub.example/"/><link rel="self" href="/feed.xml"/><entry><link rel="hub" href="https://x/"/></entry></feed>`), "application/atom+xml", `<https://hub.example/>; rel="hub", <https://blog.example/feed>; rel=self`)
	f.Add([]byte(`<rss><channel><atom:link rel="hub self" href="//hub.example/h#frag"/></channel></rss>`), "text/xml; charset=windows-1251", `<,>; rel="a,b", x`)
	f.Add([]byte(`{"feed_url":"https://blog.example/feed.json","hubs":[{"type":"WebSub","url":"https://hub.example/"}]}`), "application/feed+json", "")
	f.Add([]byte("\xEF\xBB\xBF<feed><link rel=hub href=javascript:alert(1)></feed>"), "", `<ftp://hub.example/>; rel=hub`)
	f.Fuzz(func(t *testing.T, body []byte, contentType, linkHeader string) {
		d := Discover(body, contentType, []string{linkHeader}, feedURL)
		if d.Hub == "" {
			if d.Topic != "" {
				t.Fatalf("topic %q without a hub", d.Topic)
			}
			return
		}
		for _, s := range []string{d.Hub, d.Topic} {
			u, err := url.Parse(s)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Fragment != "" {
				t.Fatalf("%q is not an absolute http(s) URL without a fragment (%+v)", s, d)
			}
		}
	})
}

// FuzzSignature: what Sign writes CheckSignature accepts, for the same
// secret and body, and a header altered in its hex digits is refused.
func FuzzSignature(f *testing.F) {
	f.Add("sha256", []byte("secret"), []byte("<feed/>"), "sha1=00")
	f.Add("SHA512", []byte{0}, []byte{}, "")
	f.Add("md5", []byte("k"), []byte("b"), "sha256=zz")
	f.Fuzz(func(t *testing.T, method string, secret, body []byte, header string) {
		if err := CheckSignature(header, secret, body); err != nil && !errors.Is(err, ErrUnsigned) && !errors.Is(err, ErrBadSignature) {
			t.Fatalf("CheckSignature(%q) = %v, not one of the two errors", header, err)
		}
		sig := Sign(method, secret, body)
		if sig == "" {
			if method == "" || hasher(method) != nil {
				t.Fatalf("Sign(%q) refused a known method", method)
			}
			return
		}
		err := CheckSignature(sig, secret, body)
		if len(secret) == 0 {
			if err == nil {
				t.Fatal("a signature with an empty secret was accepted")
			}
			return
		}
		if err != nil {
			t.Fatalf("CheckSignature(Sign(%q)) = %v", method, err)
		}
		// Flip one hex digit of the signature.
		i := strings.IndexByte(sig, '=') + 1
		flipped := []byte(sig)
		if flipped[i] == '0' {
			flipped[i] = '1'
		} else {
			flipped[i] = '0'
		}
		if CheckSignature(string(flipped), secret, body) == nil {
			t.Fatalf("altered signature %q accepted", flipped)
		}
	})
}
