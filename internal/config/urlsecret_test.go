package config

import (
	"strings"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/redact"
)

// TestSourceURLSecretsNotInProblems: a source URL the config rejects is
// quoted in the problem with its secrets redacted — a password, a
// credential query parameter, a value from the environment — and a value
// the config took from the environment is known to redact afterwards.
func TestSourceURLSecretsNotInProblems(t *testing.T) {
	t.Setenv("MW_TEST_URL_TOKEN", "envtok-5e3c7a91")
	data := `brands: [{name: A, query: a}]
sources:
  - {name: pw, url: "ftp://user:hunter2pw@forum.example/feed"}
  - {name: key, url: "ftp://forum.example/rss?key=keyleak42&page=2"}
  - {name: env, url: "ftp://api.example/wall.get?v=1&t=${MW_TEST_URL_TOKEN}"}
  - {name: ok, url: "https://api.example/wall.get?access_token=${MW_TEST_URL_TOKEN}"}
`
	_, probs := Parse("rules.yaml", []byte(data))
	var msgs []string
	for _, p := range probs {
		msgs = append(msgs, p.String())
	}
	all := strings.Join(msgs, "\n")
	for _, leak := range []string{"hunter2pw", "keyleak42", "envtok-5e3c7a91"} {
		if strings.Contains(all, leak) {
			t.Errorf("problems show %q:\n%s", leak, all)
		}
	}
	for _, want := range []string{"user:***@forum.example", "key=***&page=2", "t=${MW_TEST_URL_TOKEN}"} {
		if !strings.Contains(all, want) {
			t.Errorf("problems lack %q:\n%s", want, all)
		}
	}
	got := redact.URL("https://api.example/wall.get?access_token=envtok-5e3c7a91")
	if want := "https://api.example/wall.get?access_token=${MW_TEST_URL_TOKEN}"; got != want {
		t.Errorf("a value from the environment is not redacted after Parse: %q", got)
	}
}
