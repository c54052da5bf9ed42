package main

import (
	"strings"
	"testing"
)

// TestConfigFlagEitherSide: -c/--config PATH, -c=PATH and --config=PATH
// work before the command's name as well as after it.
func TestConfigFlagEitherSide(t *testing.T) {
	path := writeConfig(t, "https://feed.example/rss", "")
	for _, args := range [][]string{
		{"-c", path, "check"},
		{"--config", path, "check"},
		{"-c=" + path, "check"},
		{"--config=" + path, "check"},
		{"check", "-c", path},
		{"check", "--config=" + path},
		// The command's own -c wins over the one before it.
		{"-c", path + ".missing", "check", "-c", path},
	} {
		code, out, errOut := cli(t, "", args...)
		if code != 0 || !strings.Contains(out, path+": ok") {
			t.Errorf("%q: exit %d\n%s%s", args, code, out, errOut)
		}
	}
	code, out, _ := cli(t, "", "-c", path, "score", "Ужасный банк, верните деньги")
	if code != 0 || !strings.HasPrefix(out, "negative") {
		t.Errorf("-c before score: exit %d %q", code, out)
	}
	// Without -c anywhere the default is rules.yaml in the working
	// directory, which the test's directory does not have.
	if code, _, _ := cli(t, "", "check"); code != 2 {
		t.Errorf("check without -c: exit %d", code)
	}
}

// TestOtherFlagsBeforeTheCommand: any flag but -c before the command's
// name is bad usage that says where the flag goes.
func TestOtherFlagsBeforeTheCommand(t *testing.T) {
	path := writeConfig(t, "https://feed.example/rss", "")
	code, _, errOut := cli(t, "", "--json", "-c", path, "mentions")
	if code != 2 || !strings.Contains(errOut, "flag --json must come after the command's name") {
		t.Errorf("--json before the command: exit %d\n%s", code, errOut)
	}
	code, _, errOut = cli(t, "", "-c", path)
	if code != 2 || !strings.Contains(errOut, "no command given") {
		t.Errorf("-c and no command: exit %d\n%s", code, errOut)
	}
	code, _, errOut = cli(t, "", "-c")
	if code != 2 || !strings.Contains(errOut, "flag -c needs a config file path") {
		t.Errorf("-c without a path: exit %d\n%s", code, errOut)
	}
	if code, out, _ := cli(t, "", "-c", path, "--help"); code != 0 || !strings.Contains(out, "usage: mentionwatch") {
		t.Errorf("--help: exit %d", code)
	}
}
