package ident

import "testing"

func TestCanonicalURL(t *testing.T) {
	cases := map[string]string{
		"HTTPS://Example.COM:443/a?b=2&a=1#frag":                       "https://example.com/a?a=1&b=2#frag",
		"http://example.com":                                           "http://example.com/",
		"https://e.com/p?utm_source=x&id=7&fbclid=abc":                 "https://e.com/p?id=7",
		"https://e.com/news/1?WT_mc=rss&ocid=feed&msclkid=1&page=2":    "https://e.com/news/1?page=2",
		"https://forum.example/index.php?topic=45.msg1;topicseen#msg1": "https://forum.example/index.php?topic=45.msg1;topicseen#msg1",
		"https://xf.example/index.php?threads/slow-app.903/":           "https://xf.example/index.php?threads/slow-app.903/",
		"https://forum.example/viewtopic.php?t=5&p=9#p9":               "https://forum.example/viewtopic.php?p=9&t=5#p9",
		"not a url":      "not a url",
		"/relative/path": "/relative/path",
		"https://www.google.com/url?rct=j&sa=t&url=https://news.example/a%3Fx%3D1&ct=ga": "https://news.example/a?x=1",
		"https://e.com/p?": "https://e.com/p",
	}
	for in, want := range cases {
		if got := CanonicalURL(in); got != want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIdentities(t *testing.T) {
	if a, b := ForFeedEntry("s1", "g", "", "", ""), ForFeedEntry("s2", "g", "", "", ""); a == b {
		t.Error("GUIDs must be scoped to their source")
	}
	if got := ForFeedEntry("s", "", "https://E.com/a?utm_medium=x", "t", "x"); got != "url:https://e.com/a" {
		t.Errorf("link identity = %q", got)
	}
	if ForFeedEntry("s", " ", "", "title", "text") != ForFeedEntry("s", "", "", " title ", "text") {
		t.Error("content hash must ignore surrounding space")
	}
	if ForPost("s", "", "ann", "2024-01-01T10:00:00Z") == ForPost("s", "", "bob", "2024-01-01T10:00:00Z") {
		t.Error("different authors at the same time collide")
	}
	if Hash("ab", "c") == Hash("a", "bc") {
		t.Error("Hash must separate its parts")
	}
}

func FuzzCanonicalURL(f *testing.F) {
	f.Add("https://www.google.com/url?url=https://x.example/&q=1")
	f.Add("https://forum.example/index.php?topic=45.msg1;topicseen")
	f.Fuzz(func(t *testing.T, s string) {
		c := CanonicalURL(s)
		if CanonicalURL(c) != c {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, c, CanonicalURL(c))
		}
	})
}
