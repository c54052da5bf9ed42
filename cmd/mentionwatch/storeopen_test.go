package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStoredCommandsNeedTheDatabase: the commands that show what the
// daemon stored refuse (exit 1) a SQLite file that is not there — saying
// where they looked and that a relative storage.path is relative to the
// working directory — instead of creating an empty database and listing
// nothing.
func TestStoredCommandsNeedTheDatabase(t *testing.T) {
	cfgDir, elsewhere := t.TempDir(), t.TempDir()
	path := filepath.Join(cfgDir, "rules.yaml")
	if err := os.WriteFile(path, []byte("storage: {path: mw.db}\nbrands: [{name: Acme Bank, query: acme}]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Chdir(elsewhere)
	for _, args := range [][]string{
		{"mentions"}, {"mentions", "--json"}, {"sources"}, {"outbox"}, {"outbox", "retry", "--all"},
		{"digest", "--dry-run"}, {"eval"}, {"backtest", path},
	} {
		code, out, errOut := cli(t, "", append(args, "-c", path)...)
		if code != exitFailure || !strings.Contains(errOut, "no database at "+filepath.Join(elsewhere, "mw.db")) ||
			!strings.Contains(errOut, "relative to the working directory") {
			t.Errorf("%q: exit %d\n%s%s", args, code, out, errOut)
		}
	}
	if entries, _ := os.ReadDir(elsewhere); len(entries) > 0 {
		t.Errorf("files left in the working directory: %v", entries)
	}

	// Where the daemon runs, they work.
	t.Chdir(cfgDir)
	if code, _, errOut := cli(t, "", "run", "--once", "-c", path); code != exitOK {
		t.Fatalf("run --once: exit %d\n%s", code, errOut)
	}
	for _, args := range [][]string{{"mentions"}, {"sources"}, {"outbox"}, {"digest", "--dry-run"}, {"eval"}} {
		if code, _, errOut := cli(t, "", append(args, "-c", path)...); code != exitOK {
			t.Errorf("%q after a run: exit %d\n%s", args, code, errOut)
		}
	}
}
