package score

import (
	"math/rand"
	"testing"
	"unicode/utf8"
)

// quotedBefore is inQuotation read byte by byte, as quoteScan read it
// before it skipped to the bytes that can open a quotation mark.
func quotedBefore(text string, pos int) bool {
	pos = min(max(pos, 0), len(text))
	depth, straight := 0, 0
	for i := 0; i < pos; i++ {
		switch text[i] {
		case '"':
			straight++
		case 0xC2, 0xE2:
			switch r, _ := utf8.DecodeRuneInString(text[i:]); r {
			case '«', '“', '„':
				depth++
			case '»', '”':
				if depth > 0 {
					depth--
				}
			}
		}
	}
	return depth > 0 || straight%2 == 1
}

// TestQuoteScanSkipsToMarks: quoteScan answers as a byte-by-byte reading
// for offsets asked in order, out of order and past the text's ends, on
// texts of quotation marks, other marks that open with the same bytes
// (…, —, ’, a no-break space) and Cyrillic.
func TestQuoteScanSkipsToMarks(t *testing.T) {
	parts := []string{"a", " ", "\"", "«", "»", "“", "”", "„", "…", "—", "’", "\u00a0", "б", "?", "\xc2", "\xe2\x80"}
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 3000; n++ {
		var b []byte
		for k := rng.Intn(30); k > 0; k-- {
			b = append(b, parts[rng.Intn(len(parts))]...)
		}
		text := string(b)
		q := quoteScan{text: text}
		pos := -2
		for k := 0; k < 12; k++ {
			if rng.Intn(5) == 0 {
				pos = rng.Intn(len(text)+4) - 2 // back, or anywhere
			} else {
				pos += rng.Intn(6)
			}
			if got, want := q.in(pos), quotedBefore(text, pos); got != want {
				t.Fatalf("%q at %d: %v, want %v", text, pos, got, want)
			}
		}
	}
}
