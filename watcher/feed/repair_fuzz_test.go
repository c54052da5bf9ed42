package feed

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf16"
)

// FuzzRepairXML: a feed repairXML mended needs no mending again, and
// Sniff reads the same root from a feed's UTF-16 form as from the feed.
func FuzzRepairXML(f *testing.F) {
	fixtures, _ := filepath.Glob("testdata/*.*")
	for _, p := range fixtures {
		if b, err := os.ReadFile(p); err == nil && len(b) < 16<<10 {
			f.Add(b)
		}
	}
	f.Add([]byte(`<rss><channel><item><title>a</title></item><item><title>b`))
	f.Add([]byte(`<?xml version="1.0"?><!-- c --><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title></entry></fee`))
	f.Add([]byte(`<!DOCTYPE rss [<!ENTITY a "b">]><a:rss><channel></a:rss>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if out, ok := repairXML(b); ok {
			if again, ok := repairXML(out); ok {
				t.Fatalf("repairXML(%q) = %q, which it mends again to %q", b, out, again)
			}
		}
		if len(b) > 4000 || bytes.ContainsFunc(b, func(r rune) bool { return r == 0 || r >= 0x80 }) {
			return
		}
		want := Sniff(b)
		u := []byte{0xFF, 0xFE}
		for _, c := range utf16.Encode([]rune(string(b))) {
			u = binary.LittleEndian.AppendUint16(u, c)
		}
		if got := Sniff(u); got != want {
			t.Fatalf("Sniff(%q) = %s, of its UTF-16 %s", b, want, got)
		}
	})
}
