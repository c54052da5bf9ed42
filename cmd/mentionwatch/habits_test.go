package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
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

// brandConfig writes a config with a Cyrillic brand and a source whose
// name has capitals, over a feed served by a test server.
func brandConfig(t *testing.T) string {
	t.Helper()
	now := time.Now().UTC()
	rss := `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>
<item><guid>t1</guid><title>Т-Банк снова списал деньги</title><link>https://news.example/t1</link>
<description>Т-Банк списал деньги без спроса, поддержка не отвечает. Ужасно!</description><pubDate>` + now.Add(-time.Hour).Format(time.RFC1123Z) + `</pubDate></item>
<item><guid>a1</guid><title>Acme Bank opens an office</title><link>https://news.example/a1</link>
<description>Acme Bank opened a new office in Riga.</description><pubDate>` + now.Add(-2*time.Hour).Format(time.RFC1123Z) + `</pubDate></item>
</channel></rss>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/feed.xml" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, rss)
	}))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	cfg := fmt.Sprintf(`
storage: {path: %q}
http: {min_delay: 0s, timeout: 5s, robots: false}
brands:
  - name: Т-Банк
    query: '"Т-Банк" OR Тинькофф'
  - name: Acme Bank
    query: '"Acme Bank"'
sources:
  - name: NewsRU
    url: %s/feed.xml
alerts:
  routes: []
`, filepath.Join(dir, "mw.db"), srv.URL)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestMentionsFilters: --brand finds a brand in any case, Cyrillic too;
// a value that names nothing is bad usage naming the flag and what it
// takes.
func TestMentionsFilters(t *testing.T) {
	path := brandConfig(t)
	if code, _, errOut := cli(t, "", "-c", path, "run", "--once"); code != 0 {
		t.Fatalf("run --once: exit %d\n%s", code, errOut)
	}
	for _, brand := range []string{"Т-Банк", "т-банк", "Т-БАНК"} {
		code, out, errOut := cli(t, "", "mentions", "--json", "--brand", brand, "-c", path)
		if code != 0 || strings.Count(out, "\n") != 1 || !strings.Contains(out, `"brand":"Т-Банк"`) {
			t.Errorf("--brand %s: exit %d\n%s%s", brand, code, out, errOut)
		}
	}
	code, out, _ := cli(t, "", "-c", path, "mentions", "--json", "--source", "newsru", "--sentiment", "Negative")
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.Contains(out, `"title":"Т-Банк снова списал деньги"`) {
		t.Errorf("--source newsru --sentiment Negative: exit %d\n%s", code, out)
	}
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"--sentiment", "bogus"}, `mentionwatch mentions: --sentiment: unknown value "bogus"; use "negative", "neutral" or "positive"`},
		{[]string{"--severity", "urgent"}, `--severity: unknown value "urgent"; use "info", "warning" or "critical"`},
		{[]string{"--status", "done"}, `--status: unknown value "done"; use "new", "handled" or "false_positive"`},
		{[]string{"--brand", "т-банл"}, `--brand: no brand "т-банл"; did you mean "Т-Банк"?`},
		{[]string{"--brand", "Nope"}, `--brand: no brand "Nope"; known brands: "Т-Банк", "Acme Bank"`},
		{[]string{"--source", "Lenta"}, `--source: no source "Lenta"; known sources: "NewsRU"`},
		{[]string{"--since", "yesterday"}, `--since: bad duration "yesterday"`},
		{[]string{"--limit", "-3"}, `--limit: "-3" is not a whole number`},
	} {
		code, out, errOut := cli(t, "", append([]string{"mentions", "-c", path}, c.args...)...)
		if code != 2 || out != "" || !strings.Contains(errOut, c.msg) || !strings.Contains(errOut, "usage: mentionwatch mentions") {
			t.Errorf("%q: exit %d, stderr:\n%s\nwant %s", c.args, code, errOut, c.msg)
		}
	}
}

// TestScorePlainTextOnStdin: a line that does not start with "{" is the
// text itself; a bad JSON line's error shows its characters as written.
func TestScorePlainTextOnStdin(t *testing.T) {
	path := brandConfig(t)
	in := "\ufeffТ-Банк опять списал деньги без спроса, ужасно!\n" +
		"\n" +
		`{"text":"Thanks Acme Bank, great support :)","lang":"en"}` + "\n" +
		`{"text": "ok" Жжж}` + "\n" +
		"Спасибо, Т-Банк, всё отлично\n"
	code, out, errOut := cli(t, in, "-c", path, "score", "--json", "--brand", "Т-Банк")
	if code != 1 || !strings.Contains(errOut, "1 input line(s) were not valid JSON") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("want one output line per non-empty input line, got:\n%s", out)
	}
	type result struct {
		Lang, Sentiment, Error string
		Negativity             float64
	}
	var res []result
	for _, l := range lines {
		var r result
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		res = append(res, r)
	}
	if r := res[0]; r.Lang != "ru" || r.Sentiment != "negative" || r.Negativity < 0.6 || r.Error != "" {
		t.Errorf("Russian complaint as plain text: %s", lines[0])
	}
	if r := res[1]; r.Lang != "en" || r.Sentiment != "positive" {
		t.Errorf("JSON line: %s", lines[1])
	}
	if want := `line 4: not a JSON object {text,title,lang,brand}: invalid character 'Ж' after object key:value pair at column 15`; res[2].Error != want {
		t.Errorf("bad JSON line's error:\n got %s\nwant %s", res[2].Error, want)
	}
	if r := res[3]; r.Lang != "ru" || r.Sentiment != "positive" {
		t.Errorf("Russian praise as plain text: %s", lines[3])
	}

	// Text output, the way a shell pipe gives it: one result per line.
	code, out, _ = cli(t, "Т-Банк опять списал деньги без спроса, ужасно!\n", "score", "-c", path)
	if code != 0 || !strings.HasPrefix(out, "negative  negativity ") || !strings.Contains(out, "lang ru") {
		t.Errorf("text output: exit %d\n%s", code, out)
	}
}

// TestScoreStdinPipe: `echo "…" | mentionwatch -c rules.yaml score` in a
// real process reading its real stdin.
func TestScoreStdinPipe(t *testing.T) {
	path := brandConfig(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$", "--", "-c", path, "score", "--json")
	cmd.Env = append(os.Environ(), "MENTIONWATCH_TEST_MAIN=1")
	cmd.Stdin = strings.NewReader("Т-Банк заблокировал карту, верните деньги!\n")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	var r struct{ Lang, Sentiment string }
	if err := json.Unmarshal(out, &r); err != nil || r.Lang != "ru" || r.Sentiment != "negative" {
		t.Errorf("output %s (%v)", out, err)
	}
}

// TestMatchErrorKeepsCharacters: match's error for a bad JSON line shows
// a Cyrillic character whole.
func TestMatchErrorKeepsCharacters(t *testing.T) {
	path := brandConfig(t)
	code, out, _ := cli(t, "Привет\n", "match", "--json", "-c", path)
	if code != 1 || !strings.Contains(out, `invalid character 'П' looking for beginning of value at column 1`) {
		t.Errorf("exit %d: %s", code, out)
	}
}
