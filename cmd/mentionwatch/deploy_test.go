package main

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
)

// deployInvocations returns the command lines the Dockerfile and the
// systemd unit run mentionwatch with, without the program's name.
func deployInvocations(t *testing.T) map[string][]string {
	t.Helper()
	got := map[string][]string{}
	docker, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	// Exec-form instructions; CMD's arguments follow ENTRYPOINT ["mentionwatch"].
	instr := regexp.MustCompile(`(?m)^(CMD|ENTRYPOINT|HEALTHCHECK[^\n]*\\\n\s*CMD)\s+(\[.*\])\s*$`)
	entrypoint := false
	for _, m := range instr.FindAllStringSubmatch(string(docker), -1) {
		var args []string
		if err := json.Unmarshal([]byte(m[2]), &args); err != nil {
			t.Fatalf("Dockerfile: %s %s: %v", m[1], m[2], err)
		}
		switch {
		case m[1] == "ENTRYPOINT":
			entrypoint = len(args) == 1 && args[0] == "mentionwatch"
		case m[1] == "CMD" && entrypoint:
			got["Dockerfile CMD"] = args
		case len(args) > 0 && args[0] == "mentionwatch":
			got["Dockerfile "+strings.Fields(m[1])[0]] = args[1:]
		}
	}
	unit, err := os.ReadFile("../../deploy/mentionwatch.service")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(unit), "\n") {
		key, cmd, ok := strings.Cut(line, "=")
		if !ok || !strings.HasPrefix(key, "Exec") {
			continue
		}
		if f := strings.Fields(cmd); len(f) > 0 && strings.HasSuffix(f[0], "/mentionwatch") {
			got["mentionwatch.service "+key+" "+f[1]] = f[1:]
		}
	}
	return got
}

// TestDeployCommandLines runs every command line of the Dockerfile and
// the systemd unit with -h added: the command exists and takes the flags
// given (-h stops before doing anything).
func TestDeployCommandLines(t *testing.T) {
	inv := deployInvocations(t)
	for _, want := range []string{"Dockerfile CMD", "Dockerfile HEALTHCHECK", "mentionwatch.service ExecStart run", "mentionwatch.service ExecStartPre check", "mentionwatch.service ExecReload check"} {
		if _, ok := inv[want]; !ok {
			t.Errorf("%s: not found (found %v)", want, inv)
		}
	}
	for where, args := range inv {
		if code, _, errOut := cli(t, "", append(args, "-h")...); code != 0 {
			t.Errorf("%s: mentionwatch %s: exit %d\n%s", where, strings.Join(args, " "), code, errOut)
		}
	}
}
