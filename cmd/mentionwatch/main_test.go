package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/testenv/pgtest"
)

// TestMain lets the test binary stand in for the mentionwatch binary: run
// with MENTIONWATCH_TEST_MAIN set, it runs main() with the arguments that
// follow "--", so signal handling is tested on a real process.
func TestMain(m *testing.M) {
	if os.Getenv("MENTIONWATCH_TEST_MAIN") == "1" {
		for i, a := range os.Args {
			if a == "--" {
				os.Args = append([]string{"mentionwatch"}, os.Args[i+1:]...)
				break
			}
		}
		main()
		return
	}
	pgtest.Main(m)
}

// cli runs a command in-process and returns its exit status and output.
func cli(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, ctx: context.Background()}
	code := run(e, args)
	return code, out.String(), errb.String()
}

// feedServer serves a small RSS feed and a robots.txt.
func feedServer(t *testing.T) *httptest.Server {
	t.Helper()
	now := time.Now().UTC()
	rss := `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>
<item><guid>a1</guid><title>Акме Банк снова заблокировал карту</title><link>https://news.example/a1</link>
<description>Третий раз за месяц Акме Банк блокирует карту без причины. Ухожу в другой банк.</description><pubDate>` + now.Add(-time.Hour).Format(time.RFC1123Z) + `</pubDate></item>
<item><guid>a2</guid><title>Acme Bank launches a savings account</title><link>https://news.example/a2</link>
<description>Acme Bank launched a new savings account with a great rate. Love it!</description><pubDate>` + now.Add(-2*time.Hour).Format(time.RFC1123Z) + `</pubDate></item>
</channel></rss>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nAllow: /\n")
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			io.WriteString(w, rss)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func writeConfig(t *testing.T, feedURL, listen string) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	cfg := fmt.Sprintf(`
storage: {path: %q}
http: {min_delay: 0s, timeout: 5s}
brands:
  - name: Acme Bank
    query: '"Acme Bank" OR "Акме Банк"'
sources:
  - name: News
    url: %s
    schedule: "@every 1h"
alerts:
  routes:
    - {when: 'true', stdout: true}
digest:
  schedule: "0 9 * * MON"
server: {listen: %q}
`, filepath.Join(dir, "mw.db"), feedURL, listen)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCheck(t *testing.T) {
	code, out, _ := cli(t, "", "check", "-c", "../../rules.yaml")
	if code != 0 || !strings.Contains(out, "ok (2 brands") {
		t.Fatalf("shipped config: %d %q", code, out)
	}
	bad := filepath.Join(t.TempDir(), "rules.yaml")
	os.WriteFile(bad, []byte("brands:\n  - name: A\n    query: '(a'\nsources:\n  - name: N\n    url: ftp://x\n    schedule: \"61 * * * *\"\n"), 0o600)
	code, out, _ = cli(t, "", "check", "--config", bad)
	if code != 2 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		bad + `:3: brands[0].query: col 1: unbalanced "("`,
		bad + `:6: sources[0].url: bad URL "ftp://x": scheme must be http or https`,
		bad + `:7: sources[0].schedule: bad cron expression`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	code, out, _ = cli(t, "", "check", "-c", filepath.Join(t.TempDir(), "missing.yaml"))
	if code != 2 || !strings.Contains(out, "missing.yaml: cannot read config") {
		t.Errorf("missing file: exit %d", code)
	}
}

func TestUsage(t *testing.T) {
	if code, _, _ := cli(t, "", "frobnicate"); code != 2 {
		t.Errorf("unknown command: exit %d", code)
	}
	if code, out, errOut := cli(t, ""); code != 2 || out != "" || !strings.Contains(errOut, "usage: mentionwatch") {
		t.Errorf("no command: exit %d, want 2 and the usage on stderr only\nstdout: %s", code, out)
	}
	if code, _, errOut := cli(t, "", "mentions", "--limit", "x"); code != 2 || !strings.Contains(errOut, "usage: mentionwatch mentions") {
		t.Errorf("bad flag: exit %d %q", code, errOut)
	} else if strings.Count(errOut, `invalid value "x"`) != 1 || strings.Contains(errOut, "Usage of") {
		t.Errorf("bad flag: want the error once and no flag list:\n%s", errOut)
	}
	if code, _, errOut := cli(t, "", "mentions", "-h"); code != 0 || !strings.Contains(errOut, "-limit int") {
		t.Errorf("-h: exit %d, want the flag list:\n%s", code, errOut)
	}
	if code, out, _ := cli(t, "", "help"); code != 0 || !strings.Contains(out, "preview") {
		t.Errorf("help: exit %d", code)
	}
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"version"}, 0},
		{[]string{"version", "-c", "elsewhere.yaml"}, 0},
		{[]string{"version", "--json"}, 2},
		{[]string{"version", "extra"}, 2},
	} {
		if code, out, errOut := cli(t, "", c.args...); code != c.code || (code == 0 && !strings.HasPrefix(out, "mentionwatch ")) {
			t.Errorf("%q: exit %d, want %d\n%s%s", c.args, code, c.code, out, errOut)
		}
	}
}

func TestMatchJSON(t *testing.T) {
	path := writeConfig(t, "https://feed.example/rss", "")
	in := `{"title":"Акме Банка больше нет","text":"Закрыл счёт в Акме Банке.","url":"https://x.example/1"}
{"title":"nothing here","text":"weather"}
not json
{"text":"Acme Bank &amp; friends"}
`
	code, out, _ := cli(t, in, "match", "--json", "-c", path)
	if code != 1 {
		t.Errorf("a bad input line must give exit 1, got %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("want one output line per input line, got %d:\n%s", len(lines), out)
	}
	var first struct {
		Brands  []string `json:"brands"`
		Matched []string `json:"matched"`
		Snippet string   `json:"snippet"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if len(first.Brands) != 1 || first.Brands[0] != "Acme Bank" || len(first.Matched) == 0 || !strings.Contains(first.Snippet, "**") {
		t.Errorf("first line: %s", lines[0])
	}
	if !strings.HasPrefix(lines[1], `{"brands":[],"matched":[]`) {
		t.Errorf("no-match line: %s", lines[1])
	}
	if !strings.Contains(lines[2], `"error":"line 3:`) {
		t.Errorf("bad line: %s", lines[2])
	}
	if !strings.Contains(lines[3], `"brands":["Acme Bank"]`) {
		t.Errorf("entity line: %s", lines[3])
	}
}

func TestScore(t *testing.T) {
	path := writeConfig(t, "https://feed.example/rss", "")
	code, out, _ := cli(t, `{"text":"Не рекомендую Акме Банк: списали деньги без спроса, не могу дозвониться!","brand":"Acme Bank"}
{"text":"Thanks Acme Bank, the support team was great :)","lang":"en"}
`, "score", "--json", "-c", path)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("lines: %q", out)
	}
	type result struct {
		Lang       string              `json:"lang"`
		Sentiment  string              `json:"sentiment"`
		Negativity float64             `json:"negativity"`
		Importance float64             `json:"importance"`
		Severity   string              `json:"severity"`
		Tags       []string            `json:"tags"`
		Rules      []map[string]string `json:"rules"`
	}
	var a, b result
	json.Unmarshal([]byte(lines[0]), &a)
	json.Unmarshal([]byte(lines[1]), &b)
	if a.Lang != "ru" || a.Sentiment != "negative" || a.Negativity < 0.6 || a.Severity == "" || len(a.Rules) == 0 {
		t.Errorf("complaint: %s", lines[0])
	}
	if b.Lang != "en" || b.Sentiment != "positive" {
		t.Errorf("praise: %s", lines[1])
	}
	code, out, _ = cli(t, "", "score", "-c", path, "This is the worst service, I want a refund")
	if code != 0 || !strings.HasPrefix(out, "negative") {
		t.Errorf("TEXT form: %d %q", code, out)
	}
}

func TestRunOnceThenListPreviewDigestSources(t *testing.T) {
	srv := feedServer(t)
	path := writeConfig(t, srv.URL+"/feed.xml", "")
	code, out, errOut := cli(t, "", "run", "--once", "-c", path)
	if code != 0 {
		t.Fatalf("run --once: exit %d\n%s", code, errOut)
	}
	if !strings.Contains(out, "Акме Банк снова заблокировал карту") {
		t.Errorf("alert not printed:\n%s", out)
	}

	code, out, _ = cli(t, "", "mentions", "--json", "-c", path)
	if code != 0 {
		t.Fatalf("mentions: exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("mentions: %q", out)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "brand", "source", "source_type", "url", "title", "snippet", "author", "published_at",
		"found_at", "lang", "matched", "sentiment", "negativity", "importance", "severity", "tags", "status"} {
		if _, ok := m[k]; !ok {
			t.Errorf("mention JSON lacks %q: %s", k, lines[0])
		}
	}
	code, out, _ = cli(t, "", "mentions", "--json", "--sentiment", "negative", "--limit", "5", "-c", path)
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.Contains(out, `"sentiment":"negative"`) {
		t.Errorf("filtered mentions: %d %q", code, out)
	}

	code, out, _ = cli(t, "", "preview", "News", "--json", "-c", path)
	if code != 0 || strings.Count(out, "\n") != 2 || !strings.Contains(out, `"id":"guid:`) {
		t.Errorf("preview: %d %q", code, out)
	}
	if code, _, _ := cli(t, "", "preview", "Nope", "-c", path); code != 2 {
		t.Errorf("preview of an unknown source: exit %d", code)
	}

	code, out, _ = cli(t, "", "digest", "--dry-run", "--since", "24h", "-c", path)
	if code != 0 || !strings.Contains(out, "multipart/alternative") || !strings.Contains(out, "Subject:") {
		t.Errorf("digest --dry-run: %d\n%s", code, out)
	}
	if code, _, _ := cli(t, "", "digest", "-c", path); code != 2 {
		t.Errorf("digest without e-mail configured: exit %d", code)
	}

	code, out, _ = cli(t, "", "sources", "-c", path)
	if code != 0 || !regexp.MustCompile(`(?m)^News\s+feed\s+\d+s ago\s+200\s+2\s+0\s`).MatchString(out) || !strings.Contains(out, "alerts: 0 pending") {
		t.Errorf("sources:\n%s", out)
	}
}

func TestRunOnceReportsUndelivered(t *testing.T) {
	srv := feedServer(t)
	dead := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer dead.Close()
	path := writeConfig(t, srv.URL+"/feed.xml", "")
	raw, _ := os.ReadFile(path)
	cfg := strings.Replace(string(raw), "    - {when: 'true', stdout: true}", "    - {when: 'true', webhook: "+dead.URL+"}", 1)
	os.WriteFile(path, []byte(cfg), 0o600)
	code, _, errOut := cli(t, "", "run", "--once", "--deliver-timeout", "2s", "-c", path)
	if code != 1 || !strings.Contains(errOut, "2 pending, kept in the outbox and retried by the next run") ||
		strings.Contains(errOut, "failed for good") {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	_, out, _ := cli(t, "", "sources", "-c", path)
	if !strings.Contains(out, "alerts: 2 pending") {
		t.Errorf("undelivered alerts not pending:\n%s", out)
	}
	_, out, _ = cli(t, "", "outbox", "-c", path)
	// The more urgent one (the complaint) was tried and waits for its
	// retry, the other behind it.
	rows := regexp.MustCompile(`(?m)^\d+\s+pending\s+#\d+\s+Acme Bank\s+webhook:\w+\s+(\d+)\s+\S+(?: \S+)?\s+(.*)$`).FindAllStringSubmatch(out, -1)
	tried := 0
	for _, r := range rows {
		if r[1] != "0" && strings.Contains(r[2], "HTTP 503") {
			tried++
		}
	}
	if len(rows) != 2 || tried == 0 {
		t.Errorf("outbox lists %d pending deliveries, want 2, one tried with its error:\n%s", len(rows), out)
	}
}

// daemon runs the real binary (this test binary standing in) and follows
// its log.
type daemon struct {
	cmd   *exec.Cmd
	lines chan string
}

func startDaemon(t *testing.T, path string) *daemon {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$", "--", "run", "-c", path)
	cmd.Env = append(os.Environ(), "MENTIONWATCH_TEST_MAIN=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	d := &daemon{cmd: cmd, lines: make(chan string, 1000)}
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			d.lines <- sc.Text()
		}
		close(d.lines)
	}()
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return d
}

// waitLog returns the first log line matching re.
func (d *daemon) waitLog(t *testing.T, re string) string {
	t.Helper()
	rx := regexp.MustCompile(re)
	timeout := time.After(20 * time.Second)
	for {
		select {
		case l, ok := <-d.lines:
			if !ok {
				t.Fatalf("daemon exited before logging %q", re)
			}
			if rx.MatchString(l) {
				return l
			}
		case <-timeout:
			t.Fatalf("no log line matching %q", re)
		}
	}
}

func TestDaemonSignals(t *testing.T) {
	srv := feedServer(t)
	path := writeConfig(t, srv.URL+"/feed.xml", "127.0.0.1:0")
	d := startDaemon(t, path)
	line := d.waitLog(t, `msg=serving`)
	addr := regexp.MustCompile(`addr=(\S+)`).FindStringSubmatch(line)[1]
	d.waitLog(t, `msg="new mentions" source=News count=2`)
	res, err := http.Get("http://" + addr + "/healthz")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", res, err)
	}
	res.Body.Close()

	// SIGHUP with a broken config: logged, the running config kept.
	good, _ := os.ReadFile(path)
	os.WriteFile(path, []byte(strings.Replace(string(good), `query: '"Acme Bank"`, `query: '("Acme Bank"`, 1)), 0o600)
	d.cmd.Process.Signal(syscall.SIGHUP)
	d.waitLog(t, `keeping the running config.*unbalanced`)
	// SIGHUP with a good one: reloaded.
	os.WriteFile(path, good, 0o600)
	d.cmd.Process.Signal(syscall.SIGHUP)
	d.waitLog(t, `msg="config reloaded"`)

	// SIGINT and at once SIGTERM, as a stop sent to the process and to its
	// group arrives: one clean stop within the bound, not "exiting now".
	start := time.Now()
	d.cmd.Process.Signal(syscall.SIGINT)
	d.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- d.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("daemon exit: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("daemon did not stop on SIGINT and SIGTERM")
	}
	if time.Since(start) > 12*time.Second {
		t.Errorf("stop took %s", time.Since(start))
	}
	// The mentions found before the stop are there, once.
	code, out, _ := cli(t, "", "mentions", "--json", "-c", path)
	if code != 0 || strings.Count(out, "\n") != 2 {
		t.Errorf("after stop: %d %q", code, out)
	}
}

// TestRunDeliverTimeoutUsage: --deliver-timeout is a duration of zero or
// more, and only with --once; anything else is bad usage.
func TestRunDeliverTimeoutUsage(t *testing.T) {
	path := writeConfig(t, "https://feed.example/rss", "")
	for _, args := range [][]string{
		{"run", "--once", "--deliver-timeout", "-5s"},
		{"run", "--deliver-timeout", "10s"},
		{"run", "--once", "--deliver-timeout", "soon"},
	} {
		code, _, errOut := cli(t, "", append(args, "-c", path)...)
		if code != exitUsage || !strings.Contains(errOut, "deliver-timeout") {
			t.Errorf("%q: exit %d\n%s", args, code, errOut)
		}
	}
}

func TestRunRefusesBadConfig(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "rules.yaml")
	os.WriteFile(bad, []byte("brands: [{name: A, query: 'a'}]\nsources: [{name: N, url: 'https://n.example/', type: blog}]\n"), 0o600)
	code, _, errOut := cli(t, "", "run", "-c", bad)
	if code != 2 || !strings.Contains(errOut, `:2: sources[0].type: unknown source type "blog"`) {
		t.Fatalf("exit %d: %s", code, errOut)
	}
}

// TestRunOnceWithoutAlertsPrints: a config with no alerts section prints
// every new mention to stdout.
func TestRunOnceWithoutAlertsPrints(t *testing.T) {
	srv := feedServer(t)
	path := writeConfig(t, srv.URL+"/feed.xml", "")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cfg := strings.Replace(string(b), "alerts:\n  routes:\n    - {when: 'true', stdout: true}\n", "", 1)
	if cfg == string(b) {
		t.Fatal("the alerts section was not removed")
	}
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cli(t, "", "run", "--once", "-c", path)
	if code != 0 {
		t.Fatalf("run --once: exit %d\n%s", code, errOut)
	}
	for _, title := range []string{"Акме Банк снова заблокировал карту", "Acme Bank launches a savings account"} {
		if !strings.Contains(out, title) {
			t.Errorf("alert %q not printed:\n%s", title, out)
		}
	}
}

// TestCheckReportsAProblemOnce: a field the config validation already
// reported is not reported again by the compiler.
func TestCheckReportsAProblemOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rules.yaml")
	os.WriteFile(path, []byte("brands:\n  - name: A\n    query: ''\nsources:\n  - {name: N, url: \"https://n.example/\"}\n"+
		"scoring:\n  rules:\n    - name: r\n      when: 'true'\n"), 0o600)
	code, out, _ := cli(t, "", "check", "-c", path)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 2 || len(lines) != 2 || !strings.HasPrefix(lines[0], path+":3: brands[0].query: ") ||
		!strings.HasPrefix(lines[1], path+":8: scoring.rules[0]") {
		t.Errorf("exit %d, want 2 and one line per problem:\n%s", code, out)
	}
}

// TestMatchAndScoreNeedNoSources: a config with brands only serves match
// and score; check accepts it with a warning.
func TestMatchAndScoreNeedNoSources(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rules.yaml")
	os.WriteFile(path, []byte("brands:\n  - name: Acme Bank\n    query: '\"Акме Банк\"'\n"), 0o600)
	code, out, errOut := cli(t, `{"text":"Акме Банк снова заблокировал карту"}`+"\n", "match", "--json", "-c", path)
	if code != 0 || !strings.Contains(out, `"brands":["Acme Bank"]`) {
		t.Errorf("match: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = cli(t, "", "score", "--json", "-c", path, "Ужасный банк, верните деньги")
	if code != 0 || !strings.Contains(out, `"sentiment":"negative"`) {
		t.Errorf("score: exit %d\n%s%s", code, out, errOut)
	}
	code, _, errOut = cli(t, "", "check", "-c", path)
	if code != 0 || !strings.Contains(errOut, "warning: no sources") {
		t.Errorf("check: exit %d, stderr %q", code, errOut)
	}
}

// slackAPI is a Slack Web API for chat.postMessage: it answers
// invalid_auth to any token but the one it is given, and
// channel_not_found for a channel it does not have.
type slackAPI struct {
	*httptest.Server
	mu       sync.Mutex
	token    string
	channels map[string]string // name → ID
	calls    int               // chat.postMessage requests
	posts    []string          // texts of the messages accepted
}

func newSlackAPI(t *testing.T, token string, channels ...string) *slackAPI {
	t.Helper()
	s := &slackAPI{token: token, channels: map[string]string{}}
	for i, c := range channels {
		s.channels[c] = fmt.Sprintf("C%04d", i+1)
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *slackAPI) serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if r.URL.Path != "/api/chat.postMessage" || r.ParseForm() != nil {
		fmt.Fprint(w, `{"ok":false,"error":"unknown_method"}`)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	tok := r.PostForm.Get("token")
	if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
		tok = strings.TrimPrefix(h, "Bearer ")
	}
	id, ok := s.channels[strings.TrimPrefix(r.PostForm.Get("channel"), "#")]
	switch {
	case tok != s.token:
		fmt.Fprint(w, `{"ok":false,"error":"invalid_auth"}`)
	case !ok:
		fmt.Fprint(w, `{"ok":false,"error":"channel_not_found"}`)
	default:
		s.posts = append(s.posts, r.PostForm.Get("text"))
		fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":"1700000000.%06d"}`, id, len(s.posts))
	}
}

func (s *slackAPI) counts() (calls, posts int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls, len(s.posts)
}

// TestOutboxRetryAfterTokenFixed: with a revoked token every alert fails
// for good; run --once says so and that they stay failed; outbox lists
// them; a later run does not try them again; once the token in the
// config is fixed, outbox retry --all queues them and the next run
// delivers them.
func TestOutboxRetryAfterTokenFixed(t *testing.T) {
	feed := feedServer(t)
	slack := newSlackAPI(t, "xoxb-new-token", "pr-alerts")
	path := writeConfig(t, feed.URL+"/feed.xml", "")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	withToken := func(token string) {
		t.Helper()
		cfg := strings.Replace(string(raw), "alerts:\n  routes:\n    - {when: 'true', stdout: true}",
			"alerts:\n  slack: {token: "+token+", api_url: "+slack.URL+"/api/}\n  routes:\n    - {when: 'true', slack: '#pr-alerts'}", 1)
		if cfg == string(raw) {
			t.Fatal("the alerts section was not replaced")
		}
		if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	withToken("xoxb-revoked-token")

	code, _, errOut := cli(t, "", "run", "--once", "--deliver-timeout", "5s", "-c", path)
	if code != 1 || !strings.Contains(errOut, "2 failed for good, kept failed until `mentionwatch outbox retry`") ||
		strings.Contains(errOut, "retried by the next run") {
		t.Fatalf("run --once with a revoked token: exit %d, stderr:\n%s", code, errOut)
	}
	if strings.Contains(errOut, "xoxb-revoked-token") {
		t.Errorf("the token is in the output:\n%s", errOut)
	}
	if calls, posts := slack.counts(); calls != 2 || posts != 0 {
		t.Fatalf("%d calls, %d posts; want 2 refused calls", calls, posts)
	}

	code, out, errOut := cli(t, "", "outbox", "-c", path)
	if code != 0 {
		t.Fatalf("outbox: exit %d\n%s", code, errOut)
	}
	failedRow := regexp.MustCompile(`(?m)^(\d+)\s+failed\s+#\d+\s+Acme Bank\s+slack #pr-alerts\s+1\s+-\s+slack: chat.postMessage: invalid_auth$`)
	rows := failedRow.FindAllStringSubmatch(out, -1)
	if len(rows) != 2 || !strings.Contains(out, "outbox retry --all") {
		t.Fatalf("outbox lists %d failed deliveries, want 2:\n%s", len(rows), out)
	}
	code, out, _ = cli(t, "", "outbox", "--json", "-c", path)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 2 {
		t.Fatalf("outbox --json: exit %d\n%s", code, out)
	}
	var entry map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &entry); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(entry["id"]) != rows[0][1] || entry["kind"] != "delivery" || entry["status"] != "failed" ||
		entry["channel"] != "slack" || entry["target"] != "#pr-alerts" || entry["attempts"] != 1.0 ||
		entry["last_error"] != "slack: chat.postMessage: invalid_auth" || entry["mention_id"] == nil {
		t.Errorf("outbox --json: %s", lines[0])
	}

	// A failed alert is not tried again by the next run, and the run says
	// that it is still failed.
	code, _, errOut = cli(t, "", "run", "--once", "--deliver-timeout", "5s", "-c", path)
	if code != 0 || !strings.Contains(errOut, "failed for good in an earlier run") || !strings.Contains(errOut, "count=2") {
		t.Errorf("second run: exit %d, stderr:\n%s", code, errOut)
	}
	if calls, _ := slack.counts(); calls != 2 {
		t.Errorf("the second run tried a failed alert again: %d calls", calls)
	}

	// Bad usage changes nothing.
	for _, args := range [][]string{
		{"outbox", "retry"},
		{"outbox", "retry", "999"},
		{"outbox", "retry", "abc"},
		{"outbox", "retry", "--all", rows[0][1]},
		{"outbox", "--all"},
		{"outbox", "retry", "--json", "--all"},
		{"outbox", "resend"},
	} {
		code, _, errOut := cli(t, "", append(args, "-c", path)...)
		if code != 2 || !strings.Contains(errOut, "usage: mentionwatch outbox") {
			t.Errorf("%v: exit %d, want 2\n%s", args, code, errOut)
		}
		if args[len(args)-1] == "999" && !strings.Contains(errOut, "no delivery 999 in the outbox") {
			t.Errorf("unknown ID: %s", errOut)
		}
	}
	if _, out, _ := cli(t, "", "outbox", "-c", path); len(failedRow.FindAllString(out, -1)) != 2 {
		t.Fatalf("bad usage changed the outbox:\n%s", out)
	}

	// The token is fixed: retry, then the next run delivers.
	withToken("xoxb-new-token")
	code, out, errOut = cli(t, "", "outbox", "retry", "--all", "-c", path)
	if code != 0 || !strings.Contains(out, "2 failed deliveries queued again") {
		t.Fatalf("outbox retry --all: exit %d\n%s%s", code, out, errOut)
	}
	_, out, _ = cli(t, "", "outbox", "-c", path)
	if n := len(regexp.MustCompile(`(?m)^\d+\s+pending\s+#\d+\s+Acme Bank\s+slack #pr-alerts\s+0\s+now\s`).FindAllString(out, -1)); n != 2 {
		t.Errorf("after retry, %d pending, want 2:\n%s", n, out)
	}
	code, _, errOut = cli(t, "", "run", "--once", "--deliver-timeout", "5s", "-c", path)
	if code != 0 {
		t.Fatalf("run --once after the retry: exit %d\n%s", code, errOut)
	}
	if _, posts := slack.counts(); posts != 2 {
		t.Errorf("%d alerts delivered after the retry, want 2", posts)
	}
	if _, out, _ := cli(t, "", "outbox", "-c", path); !strings.Contains(out, "nothing pending or failed") {
		t.Errorf("outbox after delivery:\n%s", out)
	}
	code, _, errOut = cli(t, "", "outbox", "retry", rows[0][1], "-c", path)
	if code != 2 || !strings.Contains(errOut, "delivery "+rows[0][1]+" was sent") {
		t.Errorf("retry of a delivered alert: exit %d\n%s", code, errOut)
	}
	code, out, _ = cli(t, "", "outbox", "retry", "--all", "-c", path)
	if code != 0 || !strings.Contains(out, "nothing to retry") {
		t.Errorf("retry --all with nothing failed: exit %d\n%s", code, out)
	}
}

// TestCheckWarnsAboutQueries: a query word that can never match as
// written is a warning with its line: printed, but check succeeds; with
// a real problem as well, both are printed and check fails.
func TestCheckWarnsAboutQueries(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rules.yaml")
	os.WriteFile(path, []byte("brands:\n  - name: PG\n    query: 'Procter & Gamble'\n  - name: ATT\n    query: 'AT&T OR .NET'\n"), 0o600)
	code, out, _ := cli(t, "", "check", "-c", path)
	want := []string{
		path + `:3: brands[0].query: warning: col 9: "&" on its own matches nothing`,
		path + `:5: brands[1].query: warning: col 9: ".NET": "." before "NET" is not part of the word`,
		path + ": ok (2 brands",
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != len(want) {
		t.Fatalf("exit %d, want 0 and %d lines:\n%s", code, len(want), out)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d = %q, want it to begin %q", i+1, lines[i], w)
		}
	}

	// match and backtest, where a query is tried, say so on stderr and
	// keep stdout for their output.
	code, out, errOut := cli(t, `{"text":"AT&T outage"}`+"\n", "match", "--json", "-c", path)
	if code != 0 || !strings.Contains(out, `"brands":["ATT"]`) || strings.Contains(out, "warning") ||
		!strings.Contains(errOut, `brands[0].query: warning: col 9: "&" on its own matches nothing`) ||
		!strings.Contains(errOut, `brands[1].query: warning: col 9: ".NET"`) {
		t.Errorf("match: exit %d, want 0 with the matches on stdout and the warnings on stderr:\n%s\n%s", code, out, errOut)
	}
	os.WriteFile(path, []byte("brands:\n  - name: ATT\n    query: 'AT&T'\n"), 0o600)
	if code, _, errOut := cli(t, `{"text":"AT&T outage"}`+"\n", "match", "-c", path); code != 0 || errOut != "" {
		t.Errorf("match with a clean query: exit %d, stderr %q, want 0 and nothing", code, errOut)
	}

	os.WriteFile(path, []byte("brands:\n  - name: PG\n    query: 'Procter & Gamble'\n  - name: B\n    query: '(b'\n"), 0o600)
	code, out, _ = cli(t, "", "check", "-c", path)
	lines = strings.Split(strings.TrimSpace(out), "\n")
	if code != 2 || len(lines) != 2 || !strings.HasPrefix(lines[0], path+":3: brands[0].query: warning: ") ||
		!strings.HasPrefix(lines[1], path+`:5: brands[1].query: col 1: unbalanced "("`) {
		t.Errorf("exit %d, want 2 with the warning and the problem:\n%s", code, out)
	}
}

// TestCheckCounts: check's summary counts in English, one thing singular.
func TestCheckCounts(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	os.WriteFile(path, []byte(fmt.Sprintf("storage: {path: %q}\nbrands:\n  - name: A\n    query: acme\nsources:\n  - name: N\n    url: https://feed.example/rss\n", filepath.Join(dir, "mw.db"))), 0o600)
	code, out, _ := cli(t, "", "check", "-c", path)
	if want := path + ": ok (1 brand, 1 source, 0 rules, 1 route)"; code != 0 || !strings.Contains(out, want) {
		t.Errorf("check: %d %q, want %q", code, out, want)
	}
}
