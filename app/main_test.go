package app

import (
	"os"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/testenv/pgtest"
)

// TestMain stops the PostgreSQL cluster the tests started, if any, and
// removes the mentionwatch binary they built, if any.
func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	removeBinary()
	os.Exit(code)
}
