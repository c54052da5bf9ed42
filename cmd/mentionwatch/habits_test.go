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

	"github.com/mentionwatch/mentionwatch/internal/testenv"
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
	// An empty path is bad usage on either side of the command's name.
	for _, args := range [][]string{{"-c", "", "check"}, {"check", "-c", ""}, {"check", "--config="}} {
		if code, _, errOut := cli(t, "", args...); code != 2 || !strings.Contains(errOut, "empty config file path") {
			t.Errorf("%q: exit %d\n%s", args, code, errOut)
		}
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
	if strings.Contains(lines[2], `"sentiment"`) || !strings.Contains(lines[2], `"line":4`) {
		t.Errorf("bad JSON line carries scoring fields or no line number: %s", lines[2])
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

// TestPreviewNameInAnyCase: a source name is found in any case when only
// one name fits; otherwise the nearest names are suggested.
func TestPreviewNameInAnyCase(t *testing.T) {
	path := brandConfig(t)
	code, out, errOut := cli(t, "", "-c", path, "preview", "newsru", "--json")
	if code != 0 || strings.Count(out, "\n") != 2 {
		t.Errorf("preview newsru: exit %d\n%s%s", code, out, errOut)
	}
	for _, c := range []struct{ name, msg string }{
		{"newsrv", `mentionwatch preview: no source "newsrv"; did you mean "NewsRU"?`},
		{"Lenta", `mentionwatch preview: no source "Lenta"; known sources: "NewsRU"`},
	} {
		code, out, errOut := cli(t, "", "preview", c.name, "-c", path)
		if code != 2 || out != "" || !strings.Contains(errOut, c.msg) {
			t.Errorf("preview %s: exit %d, stderr:\n%s", c.name, code, errOut)
		}
	}
}

// previewLine is the part of a `preview --json` line the tests read.
type previewLine struct {
	URL, Title, Lang string
	Brands           []struct {
		Brand                  string
		Matched, Tags          []string
		Sentiment, Severity    string
		Negativity, Importance float64
	}
}

// TestPreviewShowsBrandsAndScores: preview says of each document which
// brands it would be a mention of, with the matched words and the scores.
func TestPreviewShowsBrandsAndScores(t *testing.T) {
	path := brandConfig(t)
	code, out, errOut := cli(t, "", "preview", "NewsRU", "--json", "-c", path)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 documents:\n%s", out)
	}
	for _, k := range []string{`"url":`, `"title":`, `"text":`, `"author":`, `"published_at":`, `"id":`, `"brands":[`} {
		if !strings.Contains(lines[0], k) {
			t.Errorf("preview JSON lacks %s: %s", k, lines[0])
		}
	}
	var ru, en previewLine
	if err := json.Unmarshal([]byte(lines[0]), &ru); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(lines[1]), &en); err != nil {
		t.Fatal(err)
	}
	if len(ru.Brands) != 1 || ru.Lang != "ru" {
		t.Fatalf("Russian complaint: %s", lines[0])
	}
	if b := ru.Brands[0]; b.Brand != "Т-Банк" || strings.Join(b.Matched, ",") != "т-банк" || b.Sentiment != "negative" ||
		b.Negativity < 0.6 || b.Severity == "" || b.Importance <= 0 {
		t.Errorf("Russian complaint: %s", lines[0])
	}
	if len(en.Brands) != 1 || en.Brands[0].Brand != "Acme Bank" || en.Brands[0].Sentiment == "negative" {
		t.Errorf("English news: %s", lines[1])
	}

	code, out, _ = cli(t, "", "preview", "NewsRU", "-c", path)
	for _, want := range []string{
		"   brand:     Т-Банк (matched: т-банк)\n              negative, negativity ",
		"   brand:     Acme Bank (matched: acme bank)\n",
		"2 document(s), 2 mentioning a brand\n",
	} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
}

// TestPreviewCorpusFeedAsTheDaemonScoresIt: a real Russian news feed in
// windows-1251 (the shared corpus), previewed: the brands and scores it
// shows are those the daemon then stores for the same documents.
func TestPreviewCorpusFeedAsTheDaemonScoresIt(t *testing.T) {
	body, err := os.ReadFile(filepath.Join(testenv.Corpus(t, "feeds"), "chardet__cp1251__newsru.com.xml"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	cfg := fmt.Sprintf(`
storage: {path: %q}
http: {min_delay: 0s, timeout: 5s, robots: false}
brands:
  - name: Газпром
    query: 'газпром'
  - name: Microsoft
    query: 'Windows OR Microsoft'
sources:
  - name: NewsRU
    url: %s/all.xml
alerts:
  routes: []
`, filepath.Join(dir, "mw.db"), srv.URL)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cli(t, "", "-c", path, "preview", "newsru", "--json")
	if code != 0 {
		t.Fatalf("preview: exit %d\n%s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 30 {
		t.Fatalf("want the feed's 30 items, got %d", len(lines))
	}
	previewed := map[string]previewLine{}
	brands := map[string]int{}
	for _, l := range lines {
		var p previewLine
		if err := json.Unmarshal([]byte(l), &p); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		if p.Brands == nil {
			t.Errorf("brands must be an array, empty when none: %s", l)
		}
		for _, b := range p.Brands {
			brands[b.Brand]++
		}
		previewed[p.URL] = p
	}
	if brands["Газпром"] == 0 || brands["Microsoft"] == 0 {
		t.Fatalf("brands previewed: %v", brands)
	}

	if code, _, errOut := cli(t, "", "-c", path, "run", "--once"); code != 0 {
		t.Fatalf("run --once: exit %d\n%s", code, errOut)
	}
	code, out, _ = cli(t, "", "-c", path, "mentions", "--json")
	if code != 0 {
		t.Fatalf("mentions: exit %d", code)
	}
	stored := 0
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m struct {
			URL, Brand, Sentiment, Severity string
			Matched, Tags                   []string
			Negativity, Importance          float64
		}
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		stored++
		p, ok := previewed[m.URL]
		if !ok || len(p.Brands) != 1 {
			t.Errorf("stored mention of %s %s was previewed as %+v", m.Brand, m.URL, p)
			continue
		}
		b := p.Brands[0]
		if b.Brand != m.Brand || strings.Join(b.Matched, ",") != strings.Join(m.Matched, ",") || b.Sentiment != m.Sentiment ||
			b.Negativity != m.Negativity || b.Importance != m.Importance || b.Severity != m.Severity ||
			strings.Join(b.Tags, ",") != strings.Join(m.Tags, ",") {
			t.Errorf("%s: previewed %+v, stored %+v", m.URL, b, m)
		}
	}
	if want := brands["Газпром"] + brands["Microsoft"]; stored != want {
		t.Errorf("stored %d mentions, previewed %d", stored, want)
	}
}
