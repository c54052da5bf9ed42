// Package testenv finds the shared test data that lives beside the
// repository rather than in it: the corpus of real feeds and pages (third
// party content that may be used for testing but not redistributed) and
// the labelled sentiment sets.
package testenv

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// SharedDir returns the directory holding corpus/ and eval/: the value of
// $MENTIONWATCH_SHARED, else a "shared" directory beside the repository or
// one of its parents. It returns "" when there is none.
func SharedDir() string {
	if d := os.Getenv("MENTIONWATCH_SHARED"); d != "" {
		return d
	}
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return ""
	}
	// file is <repo>/internal/testenv/testenv.go
	dir := filepath.Dir(filepath.Dir(filepath.Dir(file)))
	for i := 0; i < 4; i++ {
		for _, c := range []string{filepath.Join(dir, "shared"), filepath.Join(dir, "..", "shared")} {
			if st, err := os.Stat(filepath.Join(c, "corpus")); err == nil && st.IsDir() {
				return c
			}
		}
		dir = filepath.Dir(dir)
	}
	return ""
}

// Corpus returns the path of corpus/sub (e.g. "feeds"), skipping the test
// when the corpus is not available.
func Corpus(t testing.TB, sub string) string {
	t.Helper()
	return need(t, "corpus", sub)
}

// Eval returns the path of the labelled sets directory (eval/), skipping
// the test when it is not available.
func Eval(t testing.TB) string {
	t.Helper()
	return need(t, "eval", "")
}

func need(t testing.TB, kind, sub string) string {
	t.Helper()
	d := SharedDir()
	if d == "" {
		t.Skipf("shared %s not found (set MENTIONWATCH_SHARED)", kind)
	}
	p := filepath.Join(d, kind, sub)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared %s not found at %s", kind, p)
	}
	return p
}

// SyncBuffer is a bytes.Buffer safe for concurrent use: a log or output
// sink that the code under test writes from its goroutines while the test
// reads it.
type SyncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p.
func (s *SyncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String returns what was written so far.
func (s *SyncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
