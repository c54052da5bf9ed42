package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnsetVariableWarns: a ${NAME} whose variable is not set is a warning
// naming the file, the line and the field (the value is left empty and the
// config still loads); a default, or a variable set (even to ""), is not.
func TestUnsetVariableWarns(t *testing.T) {
	t.Setenv("MW_TEST_SET", "https://hooks.slack.example/services/T/B/x")
	t.Setenv("MW_TEST_EMPTY", "")
	os.Unsetenv("MW_TEST_NOT_SET_A")
	os.Unsetenv("MW_TEST_NOT_SET_B")
	os.Unsetenv("MW_TEST_NOT_SET_C")
	os.Unsetenv("MW_TEST_NOT_SET_D")
	data := `brands: [{name: A, query: a}]
sources: [{name: N, url: "https://n.example/"}]
alerts:
  slack: {webhook_url: "${MW_TEST_SET}"}
digest:
  email:
    from: a@b.example
    to: [c@d.example]
    smtp: {host: "${MW_TEST_NOT_SET_C:-localhost}", username: ${MW_TEST_NOT_SET_A}, password: "${MW_TEST_EMPTY}"}
server:
  api_tokens: [tok-0123456789abcdef-${MW_TEST_NOT_SET_B}]
`
	path := filepath.Join(t.TempDir(), "rules.yaml")
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(path)
	if err != nil {
		t.Fatalf("a config with only unset variables must load: %v", err)
	}
	var got []string
	for _, w := range cfg.Warnings {
		if !w.Warning {
			t.Errorf("not a warning: %v", w)
		}
		got = append(got, w.String())
	}
	want := []string{
		path + ":9: digest.email.smtp.username: warning: ${MW_TEST_NOT_SET_A} is not set in the environment; the value is empty",
		path + ":11: server.api_tokens[0]: warning: ${MW_TEST_NOT_SET_B} is not set in the environment; the value is empty",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if cfg.Digest.Email.SMTP.Username != "" || cfg.Digest.Email.SMTP.Host != "localhost" {
		t.Errorf("smtp = %+v", cfg.Digest.Email.SMTP)
	}

	// With a real error beside it, the error fails the load and the
	// warning is listed with it.
	if err := os.WriteFile(path, []byte(data+"bogus: 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = Load(path)
	if err == nil || !strings.Contains(err.Error(), "bogus: unknown field") || !strings.Contains(err.Error(), "MW_TEST_NOT_SET_A") {
		t.Errorf("error and warning: %v", err)
	}

	// Every variable set: no warning.
	t.Setenv("MW_TEST_NOT_SET_A", "mailer")
	t.Setenv("MW_TEST_NOT_SET_B", "b")
	cfg, err = Load(writeTemp(t, data))
	if err != nil || len(cfg.Warnings) != 0 {
		t.Errorf("all set: %v %v", err, cfg.Warnings)
	}
}

func writeTemp(t *testing.T, data string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rules.yaml")
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestEnvValuesNeverShown: a value taken from the environment and written
// where it cannot be read (a secret in a number or duration field, or a
// malformed URL) is named by its ${NAME} in every message, never shown,
// not even the seven bytes yaml quotes of a long value.
func TestEnvValuesNeverShown(t *testing.T) {
	const secret = "xoxb-s3cret-0123456789"
	t.Setenv("MW_TEST_SECRET", secret)
	t.Setenv("MW_TEST_SHORT", "tok9")
	data := `brands: [{name: A, query: a}]
sources: [{name: N, url: "https://n.example/"}]
http: {timeout: "${MW_TEST_SECRET}"}
storage: {url: "${MW_TEST_SECRET}"}
digest:
  email:
    from: a@b.example
    to: [c@d.example]
    smtp: {host: localhost, port: ${MW_TEST_SECRET}, username: u, password: p}
server:
  api_tokens: [${MW_TEST_SHORT}]
`
	_, probs := Parse("rules.yaml", []byte(data))
	if len(probs.Errors()) < 3 {
		t.Fatalf("want errors for timeout, storage.url and smtp.port, got %v", probs)
	}
	paths := map[string]bool{}
	for _, p := range probs {
		paths[p.Path] = true
		s := p.String()
		if strings.Contains(s, secret) || strings.Contains(s, secret[:7]) {
			t.Errorf("a message shows the secret: %s", s)
		}
	}
	for _, want := range []string{"http.timeout", "digest.email.smtp.port"} {
		if !paths[want] {
			t.Errorf("no problem at %s: %v", want, probs)
		}
	}
	if !strings.Contains(probs.Error(), "${MW_TEST_SECRET}") {
		t.Errorf("the messages should name the variable: %v", probs)
	}
}
