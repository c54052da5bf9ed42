package main

import (
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

func TestUserHash(t *testing.T) {
	code, out, errs := cli(t, "correct horse\r\n", "user", "hash")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	hash := strings.TrimSpace(out)
	if err := bcrypt.CompareHashAndPassword([]byte(hash), []byte("correct horse")); err != nil {
		t.Errorf("hash %q does not match the password without its line ending: %v", hash, err)
	}
	if c, _ := bcrypt.Cost([]byte(hash)); c < 10 {
		t.Errorf("cost %d", c)
	}
	if code, _, _ := cli(t, "", "user", "hash"); code != exitUsage {
		t.Errorf("empty stdin: exit %d", code)
	}
	if code, _, _ := cli(t, "x\n", "user", "list"); code != exitUsage {
		t.Errorf("user list: exit %d", code)
	}
}

// TestUserHashTakesConfigFlag: like every command, user hash takes
// -c/--config on either side of its name (it needs no config, so the file
// need not exist), and refuses other flags and arguments.
func TestUserHashTakesConfigFlag(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"user", "hash", "-c", "elsewhere.yaml"}, exitOK},
		{[]string{"user", "-c", "elsewhere.yaml", "hash"}, exitOK},
		{[]string{"user", "hash", "--config=elsewhere.yaml"}, exitOK},
		{[]string{"-c", "elsewhere.yaml", "user", "hash"}, exitOK},
		{[]string{"user", "hash", "--json"}, exitUsage},
		{[]string{"user", "hash", "extra"}, exitUsage},
		{[]string{"user", "-c", "elsewhere.yaml"}, exitUsage},
	} {
		code, out, errs := cli(t, "pw\n", tc.args...)
		if code != tc.code {
			t.Errorf("%q: exit %d, want %d\n%s", tc.args, code, tc.code, errs)
			continue
		}
		if code == exitOK {
			if err := bcrypt.CompareHashAndPassword([]byte(strings.TrimSpace(out)), []byte("pw")); err != nil {
				t.Errorf("%q: %v", tc.args, err)
			}
		}
	}
}
