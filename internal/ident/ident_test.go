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
		// The scraper's cases: forum queries url.Values cannot read again
		// stay as written.
		"HTTPS://Forum.Example:443/a?b=2&a=1&utm_source=x#p1":           "https://forum.example/a?a=1&b=2#p1",
		"https://F.example/index.php?threads/acme.903/post-5":           "https://f.example/index.php?threads/acme.903/post-5",
		"https://f.example/index.php?topic=45.0;all&utm_medium=x":       "https://f.example/index.php?topic=45.0;all",
		"https://f.example/index.php?board=2.0;topic=45.30":             "https://f.example/index.php?board=2.0;topic=45.30",
		"https://f.example/index.php?topic=45.msg1&topicseen":           "https://f.example/index.php?topic=45.msg1&topicseen",
		"https://f.example/index.php?topic=45.msg1;topicseen#msg1":      "https://f.example/index.php?topic=45.msg1;topicseen#msg1",
		"https://f.example/index.php?/topic/5-x/&page=2&do=findComment": "https://f.example/index.php?/topic/5-x/&do=findComment&page=2",
		// A route stays first; the pairs after it are sorted.
		"https://x.example/index.php?threads/x.903/&utm_source=a&page=2&a=1": "https://x.example/index.php?threads/x.903/&a=1&page=2",
		"https://v.example/showthread.php?777-Acme-fees&p=9012#post9012":     "https://v.example/showthread.php?777-Acme-fees&p=9012#post9012",
		// Session identifiers.
		"https://f.example/viewtopic.php?t=1&sid=0123456789abcdef0123456789abcdef":  "https://f.example/viewtopic.php?t=1",
		"https://v.example/showthread.php?s=8f14e45fceea167a5a36dedd4bea2543&t=777": "https://v.example/showthread.php?t=777",
		"https://f.example/index.php?PHPSESSID=abc&topic=1.0":                       "https://f.example/index.php?topic=1.0",
		"https://f.example/x?sessionid=1&q=a":                                       "https://f.example/x?q=a",
		"https://e.com/search?s=slack&sid=7":                                        "https://e.com/search?s=slack&sid=7", // not session tokens
		"https://e.com/a%20b?q=a b":                                                 "https://e.com/a%20b?q=a%20b",
	}
	for in, want := range cases {
		if got := CanonicalURL(in); got != want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestQueryParts(t *testing.T) {
	drop := func(k, _ string) bool { return k == "page" }
	for in, want := range map[string]string{
		"":                        "",
		"a=1&page=2&&b":           "a=1&b",
		"threads/x.5/&page=3":     "threads/x.5/",
		"topic=1.0;all&page%3D=1": "topic=1.0;all&page%3D=1",
		"pa%67e=2&x=%zz":          "x=%zz",
	} {
		if got := FilterQuery(in, drop); got != want {
			t.Errorf("FilterQuery(%q) = %q, want %q", in, got, want)
		}
	}
	if !TrackingParam("UTM_Source") || TrackingParam("id") {
		t.Error("TrackingParam")
	}
	if !SessionParam("SID", "0123456789ABCDEF0123456789abcdef") || SessionParam("sid", "short") || !SessionParam("PHPSESSID", "x") {
		t.Error("SessionParam")
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
	f.Add("https://x.example/index.php?threads/x.903/&b=2&a=1&sid=0123456789abcdef0123456789abcdef")
	f.Fuzz(func(t *testing.T, s string) {
		c := CanonicalURL(s)
		if CanonicalURL(c) != c {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, c, CanonicalURL(c))
		}
	})
}
