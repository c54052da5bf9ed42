package redact

import "testing"

// TestWithoutCredentials: a link loses its userinfo and its credential
// parameters, and keeps every other part as written.
func TestWithoutCredentials(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://forum.example/thread?t=5&key=s3cr3t", "https://forum.example/thread?t=5"},
		{"https://forum.example/thread?key=s3cr3t&t=5", "https://forum.example/thread?t=5"},
		{"https://forum.example/thread?key=s3cr3t", "https://forum.example/thread"},
		{"https://forum.example/t?API_KEY=a&access_token=b&Auth-Token=c&page=2", "https://forum.example/t?page=2"},
		{"https://forum.example/t?%74oken=a&x=1", "https://forum.example/t?x=1"},
		{"https://watcher:pw@forum.example/t?x=1", "https://forum.example/t?x=1"},
		{"https://3f2a9c1be07d4e55a1c8b2d6f0e9a7c4@forum.example/t", "https://forum.example/t"},
		{"https://x.example/cb#access_token=abc&state=1", "https://x.example/cb#state=1"},
		{"https://x.example/cb?key=k#p12", "https://x.example/cb#p12"},
		{"https://forum.example/index.php?topic=45.msg1;topicseen&sig=x", "https://forum.example/index.php?topic=45.msg1;topicseen"},
		{"https://forum.example/index.php?threads/slug.12/&token=t", "https://forum.example/index.php?threads/slug.12/"},
		// nothing to drop: as written
		{"https://forum.example/thread?t=5&keyword=acme&monkey=1", "https://forum.example/thread?t=5&keyword=acme&monkey=1"},
		{"https://forum.example/thread?t=5&b=%2F", "https://forum.example/thread?t=5&b=%2F"},
		{"https://forum.example/@user/post#p1", "https://forum.example/@user/post#p1"},
		{"https://forum.example/a?token=", "https://forum.example/a"},
		{"not a url ?key=x", "not a url ?key=x"},
		{"", ""},
	} {
		if got := WithoutCredentials(tc.in); got != tc.want {
			t.Errorf("WithoutCredentials(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}
