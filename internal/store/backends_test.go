package store

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/testenv/pgtest"
)

// TestMain stops the PostgreSQL cluster the tests started, if any.
func TestMain(m *testing.M) { pgtest.Main(m) }

// eachBackend runs fn as two subtests, "sqlite" and "postgres": the
// stores fn opens through newLocation (open, openOutbox, …) are of that
// engine. The postgres one skips where PostgreSQL is not installed
// (see pgtest).
func eachBackend(t *testing.T, fn func(t *testing.T)) {
	t.Run("sqlite", fn)
	t.Run("postgres", fn)
}

// eachBackendB is eachBackend for benchmarks.
func eachBackendB(b *testing.B, fn func(b *testing.B)) {
	b.Run("sqlite", fn)
	b.Run("postgres", fn)
}

// onPostgres reports whether t runs under eachBackend's postgres subtest.
func onPostgres(t testing.TB) bool {
	parts := strings.Split(t.Name(), "/")
	return len(parts) > 1 && parts[1] == "postgres"
}

// newLocation returns where a new database of t's engine is: a file
// named file in a temporary directory, or a new PostgreSQL database.
func newLocation(t testing.TB, file string) string {
	t.Helper()
	if onPostgres(t) {
		return pgtest.URL(t)
	}
	return filepath.Join(t.TempDir(), file)
}
