package config

import (
	"strings"
	"testing"
)

// TestStorageURL: storage.url takes a PostgreSQL URL (with ${ENV}
// expanded) instead of the default SQLite path, and Location answers it.
func TestStorageURL(t *testing.T) {
	t.Setenv("MW_TEST_PG_PASSWORD", "s3cret")
	cfg, probs := Parse("rules.yaml", []byte("version: 1\nstorage:\n  url: postgres://mw:${MW_TEST_PG_PASSWORD}@db.internal:5432/mentionwatch\n"))
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	if cfg.Storage.Path != "" || cfg.Storage.URL != "postgres://mw:s3cret@db.internal:5432/mentionwatch" ||
		cfg.Storage.Location() != cfg.Storage.URL {
		t.Errorf("storage: %+v, location %q", cfg.Storage, cfg.Storage.Location())
	}
	cfg, probs = Parse("rules.yaml", []byte("version: 1\n"))
	if len(probs) > 0 || cfg.Storage.Location() != DefaultStoragePath {
		t.Errorf("default location %q, %v", cfg.Storage.Location(), probs)
	}
}

// TestStorageURLProblems: a URL beside a path, of another scheme, without
// a host or database, or empty is refused, and no message quotes the
// password.
func TestStorageURLProblems(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"storage: {path: mw.db, url: 'postgres://u:hunter2@h/db'}", "rules.yaml:2: storage.url: set either storage.path (SQLite) or storage.url (PostgreSQL), not both"},
		{"storage: {url: 'mysql://u:hunter2@h/db'}", "storage.url: must be a postgres:// or postgresql:// URL"},
		{"storage: {url: 'postgresql://u:hunter2@/db'}", "storage.url: names no host"},
		{"storage: {url: 'postgres://u:hunter2@h:5432'}", "storage.url: names no database"},
		{"storage: {url: 'postgres://u:hunter2@h:5432/db%zz'}", "storage.url: is not a valid URL"},
		{"storage: {url: '${MW_TEST_SURELY_UNSET_URL}'}", "storage.url: is empty"},
	} {
		_, probs := Parse("rules.yaml", []byte("version: 1\n"+c.yaml+"\n"))
		got := probs.Error()
		if !strings.Contains(got, c.want) {
			t.Errorf("%s:\ngot  %s\nwant %s", c.yaml, got, c.want)
		}
		if strings.Contains(got, "hunter2") {
			t.Errorf("%s: the password is in the message: %s", c.yaml, got)
		}
	}
}
