package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestMemProfile: with $MENTIONWATCH_MEMPROFILE set, the command leaves a
// heap profile (gzip-compressed protobuf, as pprof writes it) at that
// path; unset, it writes nothing.
func TestMemProfile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "heap.pb.gz")
	stop := startMemProfile(context.Background(), func(k string) string {
		if k == memProfileEnv {
			return path
		}
		return ""
	})
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
		t.Errorf("profile does not start with gzip's magic: % x", b[:min(len(b), 4)])
	}
	if err := startMemProfile(context.Background(), func(string) string { return "" })(); err != nil {
		t.Fatal(err)
	}
}
