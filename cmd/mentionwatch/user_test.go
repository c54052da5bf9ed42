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
