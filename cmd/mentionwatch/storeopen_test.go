package main

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// noDBConfig writes a config with two sources (one disabled, feed the
// other's URL) and the given storage.path into a directory of its own.
func noDBConfig(t *testing.T, storagePath, feed string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rules.yaml")
	cfg := "storage: {path: " + storagePath + "}\n" +
		"brands: [{name: Acme Bank, query: acme}]\n" +
		"sources:\n" +
		"  - {name: News, url: \"" + feed + "\"}\n" +
		"  - {name: Board, type: forum, preset: phpbb, url: \"https://forum.example/t1\", enabled: false}\n"
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestStoredCommandsWithoutDatabase: before the daemon's first run there
// is no SQLite file. mentions, sources, outbox and digest then show an
// empty store — every source never fetched and due now, no mentions,
// nothing pending, a digest with no mentions — exit 0, and say on one
// line of stderr where they looked and that `mentionwatch run` creates
// the database. They create no file there (nor a directory), and leave
// nothing in the temporary directory either. eval and backtest, which
// measure and replay what is stored, still exit 1.
func TestStoredCommandsWithoutDatabase(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	elsewhere := t.TempDir()
	t.Chdir(elsewhere)
	rel := noDBConfig(t, "mw.db", "https://news.example/feed.xml")
	absDB := filepath.Join(t.TempDir(), "data", "mw.db")
	abs := noDBConfig(t, absDB, "https://news.example/feed.xml")

	note := func(path string) string {
		return "mentionwatch: no database at " + path + " yet — nothing stored; `mentionwatch run` creates it"
	}
	relNote := note(filepath.Join(elsewhere, "mw.db")) + ` (storage.path "mw.db" is relative to the working directory)` + "\n"
	absNote := note(absDB) + "\n"
	digestWants := []string{"0 mentions, 0 negative", "ACME BANK", "No mentions in this period."}

	for _, tc := range []struct {
		args   []string
		code   int
		stdout []string // each is in stdout; nil: stdout is empty
		lines  int      // stdout lines, when > 0
		usage  string   // a usage error: in stderr (the note may come first)
	}{
		{args: []string{"mentions"}},
		{args: []string{"mentions", "--json"}},
		{args: []string{"mentions", "--json", "--since", "24h", "--brand", "acme bank", "--limit", "5"}},
		{args: []string{"sources"}, lines: 5, stdout: []string{
			"NAME ", "News   feed   never", "due now", "Board  forum  never", "disabled", "alerts: 0 pending, 0 failed, 0 sent"}},
		{args: []string{"outbox"}, stdout: []string{"outbox: nothing pending or failed\n"}, lines: 1},
		{args: []string{"outbox", "--json"}},
		{args: []string{"outbox", "retry", "--all"}, stdout: []string{"nothing to retry: no failed deliveries or digests\n"}, lines: 1},
		{args: []string{"digest", "--dry-run"}, stdout: digestWants},
		{args: []string{"digest", "--dry-run", "--since", "24h"}, stdout: digestWants},
		// Bad values are refused as with an empty database.
		{args: []string{"mentions", "--sentiment", "bogus"}, code: exitUsage, usage: "mentionwatch mentions: --sentiment: "},
		{args: []string{"mentions", "--brand", "Globex"}, code: exitUsage, usage: "mentionwatch mentions: --brand: "},
		{args: []string{"outbox", "retry", "7"}, code: exitUsage, usage: "mentionwatch outbox: "},
	} {
		for _, cfg := range []struct{ path, note string }{{rel, relNote}, {abs, absNote}} {
			code, out, errOut := cli(t, "", append(tc.args, "-c", cfg.path)...)
			if code != tc.code {
				t.Errorf("%q: exit %d, want %d\n%s%s", tc.args, code, tc.code, out, errOut)
				continue
			}
			if tc.usage != "" {
				if !strings.Contains(errOut, tc.usage) || out != "" {
					t.Errorf("%q: stdout %q, stderr %q", tc.args, out, errOut)
				}
				continue
			}
			if errOut != cfg.note {
				t.Errorf("%q: stderr %q, want %q", tc.args, errOut, cfg.note)
			}
			if tc.stdout == nil && out != "" {
				t.Errorf("%q: stdout %q, want none", tc.args, out)
			}
			for _, want := range tc.stdout {
				if !strings.Contains(out, want) {
					t.Errorf("%q: stdout lacks %q:\n%s", tc.args, want, out)
				}
			}
			if n := strings.Count(out, "\n"); tc.lines > 0 && n != tc.lines {
				t.Errorf("%q: %d lines, want %d:\n%s", tc.args, n, tc.lines, out)
			}
		}
	}

	for _, args := range [][]string{{"eval"}, {"eval", "--json"}, {"backtest", abs}} {
		code, out, errOut := cli(t, "", append(args, "-c", rel)...)
		if code != exitFailure || out != "" || !strings.Contains(errOut, "no database at "+filepath.Join(elsewhere, "mw.db")) ||
			!strings.Contains(errOut, "relative to the working directory") {
			t.Errorf("%q: exit %d\n%s%s", args, code, out, errOut)
		}
		code, out, errOut = cli(t, "", append(args, "-c", abs)...)
		if code != exitFailure || out != "" || !strings.Contains(errOut, "no database at "+absDB+" yet") ||
			!strings.Contains(errOut, "`mentionwatch run` creates it") {
			t.Errorf("%q (absolute path): exit %d\n%s%s", args, code, out, errOut)
		}
	}

	// Sending a digest needs the database: no e-mail of nothing goes out.
	smtp, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer smtp.Close()
	mail := noDBConfig(t, "mw.db", "https://news.example/feed.xml")
	withEmail := fmt.Sprintf("digest: {email: {from: mw@example.org, to: [team@example.org], smtp: {host: 127.0.0.1, port: %d, starttls: false}}}\n",
		smtp.Addr().(*net.TCPAddr).Port)
	cfg, err := os.ReadFile(mail)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(mail, append(cfg, withEmail...), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cli(t, "", "digest", "-c", mail)
	if code != exitFailure || out != "" || !strings.Contains(errOut, "no database at "+filepath.Join(elsewhere, "mw.db")) {
		t.Errorf("digest (sending): exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := cli(t, "", "digest", "--dry-run", "-c", mail); code != exitOK || errOut != relNote {
		t.Errorf("digest --dry-run with digest.email: exit %d\n%s", code, errOut)
	}
	smtp.(*net.TCPListener).SetDeadline(time.Now())
	if c, err := smtp.Accept(); err == nil {
		c.Close()
		t.Error("digest connected to the mail server")
	}

	for _, dir := range []string{elsewhere, tmp} {
		if entries, _ := os.ReadDir(dir); len(entries) > 0 {
			t.Errorf("files left in %s: %v", dir, entries)
		}
	}
	if _, err := os.Stat(filepath.Dir(absDB)); !os.IsNotExist(err) {
		t.Errorf("storage.path's directory was created (%v)", err)
	}
}

// TestStoredCommandsAfterTheFirstRun: where the daemon ran, the database
// is there and the commands say nothing about it.
func TestStoredCommandsAfterTheFirstRun(t *testing.T) {
	path := noDBConfig(t, "mw.db", feedServer(t).URL+"/feed.xml")
	t.Chdir(filepath.Dir(path))
	if code, _, errOut := cli(t, "", "run", "--once", "-c", path); code != exitOK {
		t.Fatalf("run --once: exit %d\n%s", code, errOut)
	}
	for _, args := range [][]string{{"mentions"}, {"sources"}, {"outbox"}, {"digest", "--dry-run"}, {"eval"}, {"backtest", path}} {
		code, _, errOut := cli(t, "", append(args, "-c", path)...)
		if code != exitOK || strings.Contains(errOut, "no database") {
			t.Errorf("%q after a run: exit %d\n%s", args, code, errOut)
		}
	}
}
