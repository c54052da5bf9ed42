package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBacktestAndEvalCommands: after a real crawl, `backtest` of a
// narrower query reports the dropped mention in text and JSON (one line
// per change, then the summary) on the store the daemon left closed, and
// `eval` reports on the mentions reviewed.
func TestBacktestAndEvalCommands(t *testing.T) {
	srv := feedServer(t)
	path := writeConfig(t, srv.URL+"/feed.xml", "")
	if code, _, errOut := cli(t, "", "-c", path, "run", "--once"); code != 0 {
		t.Fatalf("run --once: exit %d\n%s", code, errOut)
	}
	cfg, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	next := filepath.Join(filepath.Dir(path), "new.yaml")
	narrow := strings.Replace(string(cfg), `query: '"Acme Bank" OR "Акме Банк"'`, `query: '"Acme Bank"'`, 1)
	if err := os.WriteFile(next, []byte(narrow), 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(filepath.Dir(path), "mw.db")
	before, _ := os.Stat(db)

	code, out, errOut := cli(t, "", "-c", path, "backtest", next)
	if code != 0 {
		t.Fatalf("backtest: exit %d\n%s", code, errOut)
	}
	for _, want := range []string{"2 documents stored", "Acme Bank       1      0        1         0",
		"route 1  as_it_happens  1 alerts in 1 messages  (2 alerts in 2 messages)",
		"dropped (1):", "https://news.example/a1", "false positives removed: 0 of 0"} {
		if !strings.Contains(out, want) {
			t.Errorf("backtest output lacks %q:\n%s", want, out)
		}
	}
	code, out, errOut = cli(t, "", "backtest", "--json", "--since", "24h", next, "-c", path)
	if code != 0 {
		t.Fatalf("backtest --json: exit %d\n%s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one change and the summary:\n%s", out)
	}
	var ch struct {
		URL, Title, Brand, Change string
		Before                    map[string]any
		After                     *map[string]any
	}
	if err := json.Unmarshal([]byte(lines[0]), &ch); err != nil {
		t.Fatal(err)
	}
	if ch.URL != "https://news.example/a1" || ch.Change != "dropped" || ch.Brand != "Acme Bank" || ch.After != nil ||
		ch.Before["sentiment"] != "negative" || ch.Before["severity"] == nil {
		t.Errorf("change: %s", lines[0])
	}
	var sum struct {
		Summary struct {
			Documents int
			Brands    []struct {
				Brand         string
				Kept, Dropped int
			}
		}
	}
	if err := json.Unmarshal([]byte(lines[1]), &sum); err != nil || sum.Summary.Documents != 2 || len(sum.Summary.Brands) != 1 ||
		sum.Summary.Brands[0].Kept != 1 || sum.Summary.Brands[0].Dropped != 1 {
		t.Errorf("summary: %s (%v)", lines[1], err)
	}
	after, _ := os.Stat(db)
	if !after.ModTime().Equal(before.ModTime()) || after.Size() != before.Size() {
		t.Errorf("the backtest touched the database file")
	}

	if code, _, errOut := cli(t, "", "-c", path, "backtest"); code != 2 || !strings.Contains(errOut, "NEW_CONFIG") {
		t.Errorf("backtest without NEW_CONFIG: exit %d %s", code, errOut)
	}
	if code, _, errOut := cli(t, "", "-c", path, "backtest", "--since", "soon", next); code != 2 || !strings.Contains(errOut, "--since") {
		t.Errorf("bad --since: exit %d %s", code, errOut)
	}

	// A query word of the new config that never matches is said on
	// stderr; the JSON stays clean.
	warned := strings.Replace(string(cfg), `query: '"Acme Bank" OR "Акме Банк"'`, `query: '"Acme Bank" OR Acme &'`, 1)
	if err := os.WriteFile(next, []byte(warned), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = cli(t, "", "-c", path, "backtest", "--json", next)
	if code != 0 || !strings.Contains(errOut, `brands[0].query: warning: col 21: "&" on its own matches nothing`) ||
		strings.Contains(out, "warning") {
		t.Errorf("backtest with a query warning: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}

	code, out, errOut = cli(t, "", "-c", path, "eval")
	if code != 0 || !strings.Contains(out, "2 mentions, 0 reviewed") || !strings.Contains(out, "Acme Bank") {
		t.Errorf("eval: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = cli(t, "", "-c", path, "eval", "--json")
	var ev struct {
		Overall struct {
			Mentions  int
			Precision *float64
		}
	}
	if code != 0 || json.Unmarshal([]byte(out), &ev) != nil || ev.Overall.Mentions != 2 || ev.Overall.Precision != nil {
		t.Errorf("eval --json: exit %d %s", code, out)
	}
}
