package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Each file in testdata/bad holds one kind of mistake and, in its leading
// comments, the problems it must produce: "# want: LINE: path: message".
func TestBadConfigs(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var wants []string
			for _, l := range strings.Split(string(data), "\n") {
				if w, ok := strings.CutPrefix(l, "# want: "); ok {
					wants = append(wants, "rules.yaml:"+w)
				}
			}
			if len(wants) == 0 {
				t.Fatal("fixture has no # want lines")
			}
			_, probs := Parse("rules.yaml", data)
			if len(probs) == 0 {
				t.Fatal("no problems reported")
			}
			got := probs.Error()
			for _, w := range wants {
				if !strings.Contains(got, w) {
					t.Errorf("missing problem\n want: %s\n got:\n%s", w, got)
				}
			}
			for _, p := range probs {
				if p.Line == 0 {
					t.Errorf("problem without a line: %s", p)
				}
			}
		})
	}
}

func TestGoodConfigDefaults(t *testing.T) {
	cfg, err := Load("testdata/good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := cfg.Sources[0]
	if s.Type != "feed" || s.Schedule != DefaultSchedule || s.Weight != 1 || s.BackfillWindow() != DefaultBackfill || !s.IsEnabled() {
		t.Errorf("source defaults not applied: %+v", s)
	}
	if cfg.HTTP.Timeout.D() != DefaultTimeout || cfg.HTTP.MaxBody != DefaultMaxBody || cfg.HTTP.PerHost != DefaultPerHost || !cfg.HTTP.RobotsEnabled() {
		t.Errorf("http defaults not applied: %+v", cfg.HTTP)
	}
	if cfg.Storage.Path != DefaultStoragePath || cfg.Server.Listen != DefaultListen {
		t.Errorf("storage/server defaults: %+v %+v", cfg.Storage, cfg.Server)
	}
	if cfg.Scoring.Thresholds.Negative != DefaultNegative || cfg.Scoring.Thresholds.Positive != DefaultPositive {
		t.Errorf("threshold defaults: %+v", cfg.Scoring.Thresholds)
	}
	if cfg.Digest.Since.D() != DefaultDigestSince {
		t.Errorf("digest since: %v", cfg.Digest.Since)
	}
}

func TestExplicitZeroKept(t *testing.T) {
	cfg, probs := Parse("r.yaml", []byte(`
brands: [{name: A, query: a}]
sources:
  - {name: N, url: "https://n.example/", weight: 0, backfill: 0s}
http: {robots: false, min_delay: 0s}
`))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if cfg.Sources[0].Weight != 0 || cfg.Sources[0].BackfillWindow() != 0 {
		t.Errorf("explicit zero overwritten: %+v", cfg.Sources[0])
	}
	if cfg.HTTP.RobotsEnabled() || cfg.HTTP.MinDelay != 0 {
		t.Errorf("explicit http values overwritten: %+v", cfg.HTTP)
	}
}

func TestEnvExpansion(t *testing.T) {
	t.Setenv("MW_TEST_HOOK", "https://hooks.slack.example/services/T/B/secret")
	t.Setenv("MW_TEST_PORT", "2525")
	cfg, probs := Parse("r.yaml", []byte(`
brands: [{name: A, query: a}]
sources: [{name: N, url: "https://n.example/"}]
alerts:
  slack: {webhook_url: "${MW_TEST_HOOK}"}
  routes: [{slack: "#a"}]
digest:
  email:
    from: a@b.example
    to: [c@d.example]
    smtp: {host: "${MW_TEST_SMTP_HOST:-localhost}", port: ${MW_TEST_PORT}, password: "${MW_TEST_UNSET}"}
`))
	if len(probs.Errors()) > 0 {
		t.Fatal(probs)
	}
	if cfg.Alerts.Slack.WebhookURL != "https://hooks.slack.example/services/T/B/secret" {
		t.Errorf("webhook not expanded: %q", cfg.Alerts.Slack.WebhookURL)
	}
	if cfg.Digest.Email.SMTP.Port != 2525 || cfg.Digest.Email.SMTP.Host != "localhost" || cfg.Digest.Email.SMTP.Password != "" {
		t.Errorf("smtp: %+v", cfg.Digest.Email.SMTP)
	}
	if !cfg.Alerts.Slack.Configured() {
		t.Error("slack should be configured")
	}
}

func TestUnsetSecretLeavesSlackOff(t *testing.T) {
	cfg, probs := Parse("r.yaml", []byte(`
brands: [{name: A, query: a}]
sources: [{name: N, url: "https://n.example/"}]
alerts:
  slack: {webhook_url: "${MW_TEST_SURELY_UNSET_VAR}"}
  routes: [{slack: "#a"}]
`))
	if len(probs.Errors()) > 0 {
		t.Fatal(probs)
	}
	if cfg.Alerts.Slack.Configured() {
		t.Error("slack configured from an unset variable")
	}
}

func TestSecretNotInProblems(t *testing.T) {
	_, probs := Parse("r.yaml", []byte(`
brands: [{name: A, query: a}]
sources: [{name: N, url: "https://n.example/"}]
alerts:
  slack: {webhook_url: "hooks.slack.example/services/T/B/s3cr3t"}
  routes: [{slack: "#a", slack_webhook: "ftp://x/s3cr3t"}]
`))
	if len(probs) != 2 {
		t.Fatalf("want 2 problems, got %v", probs)
	}
	if strings.Contains(probs.Error(), "s3cr3t") {
		t.Errorf("secret leaked into problems: %s", probs)
	}
}

func TestShippedRulesValid(t *testing.T) {
	cfg, err := Load("../../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Brands) == 0 || len(cfg.Sources) == 0 || len(cfg.Alerts.Routes) == 0 {
		t.Errorf("shipped config is missing sections")
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if err == nil || !strings.Contains(err.Error(), "nope.yaml: cannot read config") {
		t.Fatalf("got %v", err)
	}
}

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"90s": 90 * time.Second, "72h": 72 * time.Hour, "14d": 14 * 24 * time.Hour,
		"1w": 7 * 24 * time.Hour, "1d12h": 36 * time.Hour, "0": 0, "1.5d": 36 * time.Hour,
	} {
		got, err := ParseDuration(in)
		if err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "d", "3 days", "1x", "h1"} {
		if _, err := ParseDuration(in); err == nil {
			t.Errorf("ParseDuration(%q) accepted", in)
		}
	}
}

func TestParseByteSize(t *testing.T) {
	for in, want := range map[string]int64{
		"5MiB": 5 << 20, "512KB": 512000, "1GiB": 1 << 30, "100": 100, "2m": 2 << 20, "1.5KiB": 1536,
	} {
		got, err := ParseByteSize(in)
		if err != nil || got != want {
			t.Errorf("ParseByteSize(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "MiB", "-1", "5 mega", "1e30GB"} {
		if _, err := ParseByteSize(in); err == nil {
			t.Errorf("ParseByteSize(%q) accepted", in)
		}
	}
}

func TestAdjust(t *testing.T) {
	cases := []struct {
		in   string
		x    float64
		want float64
	}{
		{"+0.3", 0.5, 0.8}, {"-0.2", 0.1, 0}, {"0.9", 0.2, 0.9}, {"=0.1", 0.7, 0.1}, {"+0.5", 0.8, 1},
	}
	for _, c := range cases {
		a, err := ParseAdjust(c.in)
		if err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		if got := a.Apply(c.x); got < c.want-1e-9 || got > c.want+1e-9 {
			t.Errorf("%s.Apply(%v) = %v, want %v", c.in, c.x, got, c.want)
		}
	}
	for _, in := range []string{"1.5", "+2", "abc", ""} {
		if _, err := ParseAdjust(in); err == nil {
			t.Errorf("ParseAdjust(%q) accepted", in)
		}
	}
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/*.yaml")
	files = append(files, "testdata/good.yaml", "../../rules.yaml")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, probs := Parse("f.yaml", data)
		if cfg == nil {
			t.Fatal("nil config")
		}
		for _, p := range probs {
			if p.Msg == "" {
				t.Fatalf("empty problem message: %#v", p)
			}
		}
	})
}

// The example in the product contract must load as written, including its
// unquoted ${SMTP_USER} inside a flow mapping.
func TestSpecExample(t *testing.T) {
	t.Setenv("SMTP_USER", "mailer")
	t.Setenv("SMTP_PASSWORD", "pw")
	cfg, err := Load("testdata/spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Digest.Email.SMTP; got.Username != "mailer" || got.Password != "pw" || got.Port != 587 || !got.UseStartTLS() {
		t.Errorf("smtp = %+v", got)
	}
	if len(cfg.Sources) != 3 || cfg.Sources[1].Selectors.Date != "time@datetime" || cfg.Sources[2].Tags[0] != "advocate" {
		t.Errorf("sources = %+v", cfg.Sources)
	}
	r := cfg.Scoring.Rules[0]
	if r.Negativity == nil || !r.Negativity.Relative || r.Negativity.Value != 0.3 {
		t.Errorf("rule adjust = %+v", r.Negativity)
	}
	if cfg.Alerts.Routes[1].Frequency != FrequencyAsItHappens || cfg.Alerts.Routes[2].Frequency != FrequencyHourly {
		t.Errorf("routes = %+v", cfg.Alerts.Routes)
	}
}

// TestDefaultRoute: without alerts.routes every mention goes, as it
// happens, to whatever is configured, or to stdout; `routes: []` is kept.
func TestDefaultRoute(t *testing.T) {
	base := "brands: [{name: A, query: a}]\nsources: [{name: N, url: \"https://n.example/\"}]\n"
	for _, c := range []struct {
		name, alerts string
		want         []Route
	}{
		{"nothing configured", "", []Route{{Name: "default", When: "true", Slack: "default", Frequency: FrequencyAsItHappens}}},
		{"slack webhook", "alerts: {slack: {webhook_url: \"https://hooks.slack.com/services/T/B/x\"}}\n",
			[]Route{{Name: "default", When: "true", Slack: "default", Frequency: FrequencyAsItHappens}}},
		{"bot token without a channel", "alerts: {slack: {token: xoxb-1}}\n",
			[]Route{{Name: "default", When: "true", Stdout: true, Frequency: FrequencyAsItHappens}}},
		{"webhook and telegram", "alerts: {slack: {token: xoxb-1}, webhook: {url: \"https://h.example/\"}, telegram: {token: \"1:x\", chat_id: \"-100\"}}\n",
			[]Route{{Name: "default", When: "true", Webhook: "true", Telegram: "default", Frequency: FrequencyAsItHappens}}},
		{"explicitly none", "alerts: {routes: []}\n", []Route{}},
	} {
		cfg, probs := Parse("r.yaml", []byte(base+c.alerts))
		if len(probs) > 0 {
			t.Fatalf("%s: %v", c.name, probs)
		}
		if !reflect.DeepEqual(cfg.Alerts.Routes, c.want) && !(len(c.want) == 0 && len(cfg.Alerts.Routes) == 0) {
			t.Errorf("%s: routes = %+v, want %+v", c.name, cfg.Alerts.Routes, c.want)
		}
	}
}
