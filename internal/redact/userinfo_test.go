package redact

import "testing"

// TestUserinfoName: a userinfo name that is a credential is masked, with
// or without a password; a plain user's name is kept.
func TestUserinfoName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		// a token as the name
		{"https://3f2a9c1be07d4e55a1c8b2d6f0e9a7c4@feeds.example/feed", "https://***@feeds.example/feed"},
		{"https://3f2a9c1be07d4e55a1c8b2d6f0e9a7c4:x-oauth-basic@github.example/org/repo.atom",
			"https://***:***@github.example/org/repo.atom"},
		{"https://anything:x-oauth-basic@github.example/a", "https://***:***@github.example/a"},
		{"https://ghp_abcdefghij@github.example/feed", "https://***@github.example/feed"},
		{"https://glpat-Zx9_kQ2mWb7TrP4vYs1n@gitlab.example/a.atom", "https://***@gitlab.example/a.atom"},
		{"https://sk_test_4eC39HqLyjWDarjtT1zdp7dc:@api.example/v1", "https://***:***@api.example/v1"},
		{"https://Zx9kQ2mWb7TrP4vYs1nA@x.example/feed?page=2", "https://***@x.example/feed?page=2"},
		{"https://0c9e5b5a-7f3d-4b8e-9a61-2d4c8e7f1b03@x.example/", "https://***@x.example/"},
		{"https://UQrl05Ff_5UIi3GHUXtLAWSrGjcCAAip@x.example", "https://***@x.example"},
		{"https://3f2a9c1be07d4e55a1c8b2d6f0e9a7c4@x.example/a?token=t", "https://***@x.example/a?token=***"},
		// a plain name stays, its password does not
		{"https://reader@forum.example/feed", "https://reader@forum.example/feed"},
		{"https://reader:pw@forum.example/feed", "https://reader:***@forum.example/feed"},
		{"https://anna.ivanova2024@x.example/", "https://anna.ivanova2024@x.example/"},
		{"https://feedreader2024account:pw@x.example/", "https://feedreader2024account:***@x.example/"},
		{"https://svc_mentionwatch_prod01@x.example/", "https://svc_mentionwatch_prod01@x.example/"},
		{"https://mentionwatch-crawler-bot@x.example/", "https://mentionwatch-crawler-bot@x.example/"},
		{"https://JohnSmithTheGreatReader@x.example/", "https://JohnSmithTheGreatReader@x.example/"},
		{"https://anna%40acme.example:pw@x.example/", "https://anna%40acme.example:***@x.example/"},
		{"https://user2024@x.example/", "https://user2024@x.example/"},
		{"https://ghp_@x.example/", "https://ghp_@x.example/"},
		{"https://${FEED_TOKEN}@x.example/", "https://${FEED_TOKEN}@x.example/"},
		// not userinfo
		{"https://x.example/@3f2a9c1be07d4e55a1c8b2d6f0e9a7c4", "https://x.example/@3f2a9c1be07d4e55a1c8b2d6f0e9a7c4"},
		{"https://x.example/feed?by=3f2a9c1be07d4e55a1c8b2d6f0e9a7c4@x", "https://x.example/feed?by=3f2a9c1be07d4e55a1c8b2d6f0e9a7c4@x"},
		{"mailto:3f2a9c1be07d4e55a1c8b2d6f0e9a7c4@x.example", "mailto:3f2a9c1be07d4e55a1c8b2d6f0e9a7c4@x.example"},
	} {
		if got := URL(tc.in); got != tc.want {
			t.Errorf("URL(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
	// In a text, as in an error.
	in := `Get "https://3f2a9c1be07d4e55a1c8b2d6f0e9a7c4@feeds.example/feed": EOF`
	if got, want := Text(in), `Get "https://***@feeds.example/feed": EOF`; got != want {
		t.Errorf("Text\n got %q\nwant %q", got, want)
	}
}
