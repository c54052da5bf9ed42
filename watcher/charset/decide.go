package charset

import "unicode/utf8"

// cyrillicFamily are the single-byte Russian encodings the sniffer can
// tell apart, and that a declaration may confuse with each other.
var cyrillicFamily = map[string]bool{
	Windows1251: true, KOI8R: true, "koi8-u": true, ISO88595: true, IBM866: true, "x-mac-cyrillic": true,
}

// decide picks the encoding of a body that has no byte order mark, given
// the charset label from the HTTP header and the one the document
// declares itself. The header is tried first, then the document; a label
// is believed unless the bytes contradict it:
//   - a single-byte charset is declared but the bytes are UTF-8 with
//     non-ASCII characters (a page re-saved as UTF-8 with its old meta),
//     valid or nearly so (mostlyUTF8: a stray byte, a body cut inside a
//     character);
//   - UTF-8 is declared but most non-ASCII bytes are invalid UTF-8 and the
//     text is recognisably Russian in a single-byte encoding;
//   - one Cyrillic charset (or windows-1252) is declared and the letter
//     frequencies say, clearly, another Cyrillic one.
//
// With no usable label, UTF-8 (valid or nearly so) is UTF-8, Russian
// text is sniffed, and anything else is windows-1252, the web's default.
func decide(body []byte, header, inDoc string) string {
	st := scan(body)
	utf8Declared := false
	for _, label := range [2]string{header, inDoc} {
		_, name := lookup(label)
		if name == "" {
			continue
		}
		if !st.high {
			return name // pure ASCII reads the same in every candidate
		}
		if name == UTF8 {
			if st.validUTF8 || st.utf8Runes >= st.utf8Invalid {
				return UTF8
			}
			utf8Declared = true
			continue
		}
		if (st.validUTF8 && st.utf8Runes > 0) || st.mostlyUTF8() {
			return UTF8
		}
		if cyrillicFamily[name] || name == Windows1252 {
			if s, ok := sniffCyrillic(body); ok && s.name != name && s.clearlyBeats(name) {
				return s.name
			}
		}
		return name
	}
	if st.validUTF8 || st.mostlyUTF8() {
		return UTF8
	}
	if s, ok := sniffCyrillic(body); ok {
		return s.name
	}
	if utf8Declared {
		return UTF8
	}
	return Windows1252
}

// stats summarises a body's bytes for decide.
type stats struct {
	high        bool // any byte >= 0x80
	validUTF8   bool
	utf8Runes   int // well-formed multi-byte UTF-8 sequences
	utf8Invalid int // bytes that are not part of one
}

// UTF-8 text with a few stray bytes has this many well-formed sequences
// per stray byte, or more. Text in a single-byte encoding hardly forms
// any: a Cyrillic letter there is a lead byte followed by another letter,
// not by a continuation byte.
const (
	minUTF8Runes    = 8
	utf8RunesPerBad = 10
)

// mostlyUTF8 reports whether the bytes are UTF-8 with a few invalid ones.
func (s stats) mostlyUTF8() bool {
	return s.utf8Runes >= minUTF8Runes && s.utf8Runes >= utf8RunesPerBad*s.utf8Invalid
}

func scan(b []byte) stats {
	var s stats
	i := 0
	for i < len(b) && b[i] < utf8.RuneSelf {
		i++
	}
	if i == len(b) {
		s.validUTF8 = true
		return s
	}
	s.high = true
	if utf8.Valid(b[i:]) {
		s.validUTF8 = true
		s.utf8Runes = 1 // at least one; exact count is not needed
		return s
	}
	for i < len(b) {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			s.utf8Invalid++
		} else {
			s.utf8Runes++
		}
		i += n
	}
	return s
}
