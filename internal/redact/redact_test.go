package redact

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"testing"
)

func TestURL(t *testing.T) {
	Register("REDACT_TEST_VK", "vk1a.secret-token-value")
	for _, tc := range []struct{ in, want string }{
		// credentials
		{"https://api.vk.com/method/wall.get?access_token=vk1a.secret-token-value&v=5.199",
			"https://api.vk.com/method/wall.get?access_token=${REDACT_TEST_VK}&v=5.199"},
		{"https://user:pass@forum.example/feed", "https://user:***@forum.example/feed"},
		{"https://user:p@ss@forum.example/feed?x=1", "https://user:***@forum.example/feed?x=1"},
		{"https://forum.example/rss?key=abc123&page=2", "https://forum.example/rss?key=***&page=2"},
		{"https://x.example/a?api_key=k1&sig=s2&q=brand", "https://x.example/a?api_key=***&sig=***&q=brand"},
		{"https://x.example/a?API_KEY=k1&Signature=s2", "https://x.example/a?API_KEY=***&Signature=***"},
		{"https://x.example/a?client_secret=c&auth=a&passwd=p&password=q&secret=s&token=t&apikey=z",
			"https://x.example/a?client_secret=***&auth=***&passwd=***&password=***&secret=***&token=***&apikey=***"},
		{"https://x.example/a?oauth_token=1&private_key=2&X-Api-Key=3", "https://x.example/a?oauth_token=***&private_key=***&X-Api-Key=***"},
		{"https://x.example/cb#access_token=abc&state=1", "https://x.example/cb#access_token=***&state=1"},
		{"https://api.telegram.org/bot123456:ABC-def_ghi/getUpdates", "https://api.telegram.org/bot123456:***/getUpdates"},
		{"https://x.example/a?access_token=vk1a.secret-token-value", "https://x.example/a?access_token=${REDACT_TEST_VK}"},
		{"https://x.example/a?t=vk1a.secret-token-value", "https://x.example/a?t=${REDACT_TEST_VK}"},
		{"https://x.example/a?t=" + url.QueryEscape("vk1a.secret-token-value"), "https://x.example/a?t=${REDACT_TEST_VK}"},
		{"ht!tp://bad url?token=abc", "ht!tp://bad url?token=***"}, // unparsable still redacted
		// negatives: nothing to hide
		{"https://forum.example/feed?page=2&q=brand", "https://forum.example/feed?page=2&q=brand"},
		{"https://forum.example/feed?keyword=x&monkey=y&tokens_left=3", "https://forum.example/feed?keyword=x&monkey=y&tokens_left=3"},
		{"https://user@forum.example/feed", "https://user@forum.example/feed"},
		{"https://forum.example/robot123:abc/x", "https://forum.example/robot123:abc/x"},
		{"https://forum.example/a?token=", "https://forum.example/a?token="},
		{"https://forum.example/key=value/path", "https://forum.example/key=value/path"},
		{"", ""},
	} {
		if got := URL(tc.in); got != tc.want {
			t.Errorf("URL(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestRegisterShort(t *testing.T) {
	Register("REDACT_TEST_PORT", "8080")
	if got := URL("http://x.example:8080/a"); got != "http://x.example:8080/a" {
		t.Errorf("a short value was replaced: %q", got)
	}
}

func TestText(t *testing.T) {
	Register("REDACT_TEST_HOOK", "hook-secret-777")
	for _, tc := range []struct{ in, want string }{
		{`fetch: HTTP 500: Get "https://x.example/a?token=abc": EOF`, `fetch: HTTP 500: Get "https://x.example/a?token=***": EOF`},
		{"redirect loop back to https://u:pw@x.example/b?sig=1 (twice)", "redirect loop back to https://u:***@x.example/b?sig=*** (twice)"},
		{"<a href='https://api.telegram.org/bot1:AAA/x'>", "<a href='https://api.telegram.org/bot1:***/x'>"},
		{"the value hook-secret-777 leaked", "the value ${REDACT_TEST_HOOK} leaked"},
		{"plain text, key=value & token=x", "plain text, key=value & token=x"},
		{"no URL here", "no URL here"},
		{"scrape: https://x.example/a?api_key=k1: got JSON (see https://x.example/?sig=2).", "scrape: https://x.example/a?api_key=***: got JSON (see https://x.example/?sig=***)."},
	} {
		if got := Text(tc.in); got != tc.want {
			t.Errorf("Text(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

var errBase = errors.New("base")

func TestError(t *testing.T) {
	if Error(nil) != nil {
		t.Fatal("nil error not kept nil")
	}
	plain := fmt.Errorf("no url: %w", errBase)
	if Error(plain) != plain {
		t.Error("an error with nothing to hide was wrapped")
	}
	err := Error(fmt.Errorf("get https://x.example/?key=abc: %w", errBase))
	if strings.Contains(err.Error(), "abc") || !errors.Is(err, errBase) {
		t.Errorf("Error: %q, Is base %v", err, errors.Is(err, errBase))
	}
}

func TestHandler(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(Handler(slog.NewTextHandler(&buf, nil)))
	u, _ := url.Parse("https://x.example/feed?api_key=u1")
	log.With("url", "https://a:b@x.example/").WithGroup("g").Info("fetching https://x.example/?token=m1",
		"hub", "https://x.example/hub?secret=h1", "err", errors.New(`Get "https://x.example/?sig=e1": EOF`),
		"u", u, slog.Group("inner", "topic", "https://x.example/?key=g1"), "n", 3, "page", "https://x.example/?page=2")
	out := buf.String()
	for _, leak := range []string{"a:b@", "m1", "h1", "e1", "u1", "g1"} {
		if strings.Contains(out, leak) {
			t.Errorf("log shows %q: %s", leak, out)
		}
	}
	for _, kept := range []string{"n=3", "page=2", "a:***@"} {
		if !strings.Contains(out, kept) {
			t.Errorf("log lost %q: %s", kept, out)
		}
	}
}
