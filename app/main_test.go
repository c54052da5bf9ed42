package app

import (
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/testenv/pgtest"
)

// TestMain stops the PostgreSQL cluster the tests started, if any.
func TestMain(m *testing.M) { pgtest.Main(m) }
