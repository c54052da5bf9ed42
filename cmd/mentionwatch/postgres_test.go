package main

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/testenv/pgtest"
)

// TestRunOnceOnPostgres: with storage.url the daemon's pass and the
// commands use PostgreSQL: a crawl stores and alerts its mentions, a
// second pass finds nothing new, the commands read what it stored, and the
// URL's password shows nowhere.
func TestRunOnceOnPostgres(t *testing.T) {
	url := strings.Replace(pgtest.URL(t), "postgres@", "postgres:hunter2@", 1)
	srv := feedServer(t)
	path := writeConfig(t, srv.URL+"/feed.xml", "")
	cfg, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cfg = regexp.MustCompile(`storage: \{path: ".*"\}`).ReplaceAllLiteral(cfg, []byte(`storage: {url: "${MW_TEST_PG_URL}"}`))
	if err := os.WriteFile(path, cfg, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("MW_TEST_PG_URL", url)

	code, out, errOut := cli(t, "", "run", "--once", "-c", path)
	if code != 0 {
		t.Fatalf("run --once: exit %d\n%s", code, errOut)
	}
	if !strings.Contains(out, "Акме Банк снова заблокировал карту") {
		t.Errorf("alert not printed:\n%s", out)
	}
	all := out + errOut
	code, out, errOut = cli(t, "", "run", "--once", "-c", path)
	if code != 0 || strings.Contains(out, "Акме Банк") {
		t.Errorf("second pass: exit %d, alerted again:\n%s\n%s", code, out, errOut)
	}
	all += out + errOut

	code, out, _ = cli(t, "", "mentions", "--json", "-c", path)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 2 {
		t.Fatalf("mentions: exit %d, %q", code, out)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &m); err != nil || m["brand"] != "Acme Bank" {
		t.Errorf("mention: %v %s", err, lines[0])
	}
	code, out, _ = cli(t, "", "sources", "-c", path)
	if code != 0 || !regexp.MustCompile(`(?m)^News\s+feed\s+\d+s ago\s+200\s+2\s+0\s`).MatchString(out) {
		t.Errorf("sources:\n%s", out)
	}
	all += out

	// A database that does not answer: the error names it without the password
	// (printed, as every URL, by the redaction rule: user:***@).
	t.Setenv("MW_TEST_PG_URL", "postgres://mw:hunter2@127.0.0.1:1/mw?connect_timeout=5")
	code, out, errOut = cli(t, "", "mentions", "-c", path)
	if code == 0 || !strings.Contains(out+errOut, "mw:***@127.0.0.1:1") {
		t.Errorf("unreachable database: exit %d\n%s%s", code, out, errOut)
	}
	all += out + errOut
	if strings.Contains(all, "hunter2") {
		t.Errorf("the password shows in the output:\n%s", all)
	}
}
