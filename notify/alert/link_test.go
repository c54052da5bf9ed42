package alert

import "testing"

// TestLinkURL: only an absolute http(s) URL with a host becomes a link;
// script, data and mail URLs, relative and scheme-relative paths, and
// Slack's own <!channel> syntax do not.
func TestLinkURL(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"https://forum.example/t?a=1", "https://forum.example/t?a=1"},
		{"  http://news.example/a  ", "http://news.example/a"},
		{"HTTPS://news.example/a", "HTTPS://news.example/a"},
		{"javascript:alert(1)", ""},
		{" javascript:x", ""},
		{"JavaScript://news.example/%0Aalert(1)", ""},
		{"data:text/html,x", ""},
		{"mailto:a@b.example", ""},
		{"//evil.example/x", ""},
		{"/local", ""},
		{"https:///no-host", ""},
		{"<!channel>", ""},
		{"", ""},
	} {
		if got := LinkURL(c.in); got != c.want {
			t.Errorf("LinkURL(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
