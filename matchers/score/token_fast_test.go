package score

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// The byte-wise readings of isURLAt and inQuotation must answer as the
// rune-wise ones they replaced, on any text, broken UTF-8 included.
func TestByteWiseReadingsAgree(t *testing.T) {
	refURL := func(s string, i int) bool {
		t := s[i:]
		if len(t) > 12 {
			t = t[:12]
		}
		t = strings.ToLower(t)
		return strings.HasPrefix(t, "http://") || strings.HasPrefix(t, "https://") || strings.HasPrefix(t, "www.")
	}
	refQuote := func(text string, pos int) bool {
		if pos > len(text) {
			pos = len(text)
		}
		depth, straight := 0, 0
		for i := 0; i < pos; {
			r, n := utf8.DecodeRuneInString(text[i:])
			switch r {
			case '«', '“', '„':
				depth++
			case '»', '”':
				if depth > 0 {
					depth--
				}
			case '"':
				straight++
			}
			i += n
		}
		return depth > 0 || straight%2 == 1
	}
	texts := []string{
		"", "HTTPS://x.ru", "hTtP://a", "Www.site", "www", "http:/", "\u212Attp://", "ſ https://",
		"he said «why?» and “then?” „so“ ok?", "\"quoted?\" no? \"open?", "\xc2\xab\xe2\x80\x9c? \xc2? \xe2\x80? \x80\xab?",
		"Привет «Сбер»? “x”", "a\xe2\x80\x9dz \xc2\xbb? \xe2\x80\x9e\xc2\xbb?",
	}
	for _, c := range fixtureCases(t) {
		texts = append(texts, c.Text)
	}
	for _, s := range texts {
		// a quoteScan read forward, then from the start again, answers as
		// inQuotation does at every offset
		q := quoteScan{text: s}
		for _, i := range []int{-1, 0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 0, 7, len(s), len(s) + 1, 4} {
			if q.in(i) != refQuote(s, max(i, 0)) {
				t.Errorf("quoteScan(%q).in(%d) = %v", s, i, q.in(i))
			}
		}
		q = quoteScan{text: s}
		for i := 0; i <= len(s)+1; i++ {
			if q.in(i) != refQuote(s, i) {
				t.Errorf("quoteScan(%q).in(%d) in order = %v", s, i, !refQuote(s, i))
			}
		}
		for i := 0; i <= len(s)+1; i++ {
			if i < len(s) && isURLAt(s, i) != refURL(s, i) {
				t.Errorf("isURLAt(%q, %d) = %v", s, i, isURLAt(s, i))
			}
			if inQuotation(s, i) != refQuote(s, i) {
				t.Errorf("inQuotation(%q, %d) = %v", s, i, inQuotation(s, i))
			}
		}
	}
}

// wordMatches's quick refusal must refuse only what the full test refuses.
func TestWordMatchesQuickRefusal(t *testing.T) {
	ref := func(norm, stem string) bool {
		if !strings.HasPrefix(norm, stem) {
			if strings.IndexByte(norm, '-') < 0 {
				return false
			}
			norm = strings.ReplaceAll(norm, "-", "")
			if !strings.HasPrefix(norm, stem) {
				return false
			}
		}
		return wordMatches(norm, stem) // the prefix holds: the ending decides, as before
	}
	words := []string{"", "-", "a", "u", "un", "united", "unitedairlines", "u-nited", "-united", "un-ited", "uni-ted",
		"альфа-банка", "альфабанк", "а-льфа", "-альфа", "сбер", "сбербанка", "с", "\xd0", "x-", "sber-bank", "united's", "-a", "a-", "--", "альфа", "-альфа-банк"}
	for _, n := range words {
		for _, st := range words {
			if stemRefused(n, st) && ref(n, st) {
				t.Errorf("stemRefused(%q, %q) but the word matches", n, st)
			}
			if got, want := wordMatches(n, st), ref(n, st); got != want {
				t.Errorf("wordMatches(%q, %q) = %v, want %v", n, st, got, want)
			}
		}
	}
}

// wordStem's byte-wise steps must stop where ranging over the runes does.
func TestWordStemSteps(t *testing.T) {
	ref := func(w string) string {
		n := 0
		for i := range w {
			if n == stemLen {
				return w[:i]
			}
			n++
		}
		return w
	}
	for _, w := range []string{"", "a", "abcde", "abcdef", "сбербанк", "сбер", "ёлочка", "naïveté", "日本語のテキスト",
		"ab\xd0", "\xd0\xd0\xd0\xd0\xd0\xd0", "\x80\x80\x80\x80\x80\x80", "a\xc0\x80bcdef", "\xc2\x80\xc2\x80\xc2\x80\xc2\x80\xc2\x80\xc2\x80",
		"\xed\xa0\x80abcdef", "😀😀😀😀😀😀", "ab\xdf"} {
		if got, want := wordStem(w), ref(w); got != want {
			t.Errorf("wordStem(%q) = %q, want %q", w, got, want)
		}
	}
}
