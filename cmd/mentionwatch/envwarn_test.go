package main

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestUnsetVariableWarning: `check` and `run` both say which ${NAME} is
// not set, with the file, line and field, and neither fails for it: the
// value is empty, as for a webhook that is not wanted yet.
func TestUnsetVariableWarning(t *testing.T) {
	os.Unsetenv("MW_TEST_UNSET_WEBHOOK")
	srv := feedServer(t)
	path := writeConfig(t, srv.URL+"/feed.xml", "")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cfg := strings.Replace(string(data), "alerts:\n", "alerts:\n  webhook: {url: \"${MW_TEST_UNSET_WEBHOOK}\"}\n", 1)
	if cfg == string(data) {
		t.Fatal("no alerts section to add to")
	}
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	line := 0
	for i, l := range strings.Split(cfg, "\n") {
		if strings.Contains(l, "MW_TEST_UNSET_WEBHOOK") {
			line = i + 1
		}
	}
	want := path + ":" + strconv.Itoa(line) + ": alerts.webhook.url: warning: ${MW_TEST_UNSET_WEBHOOK} is not set in the environment; the value is empty"

	code, out, errOut := cli(t, "", "check", "-c", path)
	if code != 0 || !strings.Contains(out, want) || !strings.Contains(out, ": ok (") {
		t.Errorf("check: exit %d\nstdout:\n%s\nstderr:\n%s\nwant %q", code, out, errOut, want)
	}
	code, _, errOut = cli(t, "", "run", "--once", "-c", path)
	if code != 0 || !strings.Contains(errOut, want) {
		t.Errorf("run --once: exit %d\nstderr:\n%s\nwant %q", code, errOut, want)
	}

	// Set, it is quiet.
	t.Setenv("MW_TEST_UNSET_WEBHOOK", srv.URL+"/hook")
	if code, out, _ := cli(t, "", "check", "-c", path); code != 0 || strings.Contains(out, "warning") {
		t.Errorf("set: exit %d\n%s", code, out)
	}
}
