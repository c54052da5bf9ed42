// Package charset turns fetched HTML and XML bodies into UTF-8. It reads
// the byte order mark, the HTTP Content-Type charset and the document's
// own declaration (<meta charset>, <meta http-equiv>, <?xml encoding?>),
// and does not trust them blindly: bytes that are valid UTF-8 win over a
// declared single-byte charset, and Russian text is sniffed by letter
// frequencies to tell windows-1251, KOI8-R and ISO-8859-5 apart when the
// declaration is missing or wrong; CP866 (IBM866) is sniffed too.
package charset

import (
	"bytes"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
)

// Encoding names this package reports for the encodings it decides on
// itself; declared encodings are reported by their WHATWG name.
const (
	UTF8        = "utf-8"
	UTF16LE     = "utf-16le"
	UTF16BE     = "utf-16be"
	Windows1251 = "windows-1251"
	Windows1252 = "windows-1252"
	KOI8R       = "koi8-r"
	ISO88595    = "iso-8859-5"
	IBM866      = "ibm866" // CP866, the DOS Cyrillic code page
)

// DecodeHTML returns body as UTF-8, choosing the encoding from the BOM,
// the Content-Type charset, <meta charset>/<meta http-equiv>, and sniffing
// when they lie or are absent. It never fails on bad bytes: invalid UTF-8
// is replaced with U+FFFD. encoding is the WHATWG name of the encoding
// used. When body is already UTF-8 the result shares its memory.
func DecodeHTML(body []byte, contentType string) (utf8Body []byte, encoding string, err error) {
	if name, n := bomEncoding(body); name != "" {
		out, err := decodeAs(body[n:], name)
		return out, name, err
	}
	inDoc := metaCharset(body)
	if inDoc == "" {
		if d, ok := findXMLDecl(body); ok {
			inDoc = d.encoding
		}
	}
	name := decide(body, headerCharset(contentType), inDoc)
	out, err := decodeAs(body, name)
	return out, name, err
}

// DecodeXML does what DecodeHTML does for XML (BOM, Content-Type charset,
// <?xml encoding?>, sniffing), and removes the XML declaration so that a
// parser expecting UTF-8 reads the result correctly. Leading whitespace
// before the first markup is dropped too, since strict parsers reject it
// before a declaration.
func DecodeXML(body []byte, contentType string) (utf8Body []byte, encoding string, err error) {
	name, n := bomEncoding(body)
	if name == "" {
		name = utf16Sniff(body)
	}
	if name != "" {
		out, err := decodeAs(body[n:], name)
		if err != nil {
			return nil, name, err
		}
		return stripXMLDecl(out), name, nil
	}
	var inDoc string
	if d, ok := findXMLDecl(body); ok {
		inDoc = d.encoding
	}
	name = decide(body, headerCharset(contentType), inDoc)
	out, err := decodeAs(body, name)
	if err != nil {
		return nil, name, err
	}
	return stripXMLDecl(out), name, nil
}

// bomEncoding reports the encoding a byte order mark names, and the BOM's
// length.
func bomEncoding(b []byte) (string, int) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return UTF8, 3
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return UTF16LE, 2
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return UTF16BE, 2
	}
	return "", 0
}

// utf16Sniff recognises BOM-less UTF-16 XML by its first characters
// ("<?" with zero bytes between), as the XML spec's appendix F does.
func utf16Sniff(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte{'<', 0, '?', 0}):
		return UTF16LE
	case bytes.HasPrefix(b, []byte{0, '<', 0, '?'}):
		return UTF16BE
	}
	return ""
}

// headerCharset returns the charset parameter of a Content-Type value.
func headerCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		// Be lenient with malformed headers: look for charset= by hand.
		i := indexASCIIFold(contentType, "charset=")
		if i < 0 {
			return ""
		}
		v := contentType[i+len("charset="):]
		if j := strings.IndexAny(v, "; "); j >= 0 {
			v = v[:j]
		}
		return strings.Trim(v, `"'`)
	}
	return params["charset"]
}

// indexASCIIFold is strings.Index ignoring ASCII case. (Lowering the whole
// string would not do: some non-ASCII letters change length when lowered,
// and the index would then point into the wrong place of s.)
func indexASCIIFold(s, lowerSubstr string) int {
	for i := 0; i+len(lowerSubstr) <= len(s); i++ {
		if asciiEqualFold(s[i:i+len(lowerSubstr)], lowerSubstr) {
			return i
		}
	}
	return -1
}

func asciiEqualFold(a, lower string) bool {
	for i := 0; i < len(a); i++ {
		c := a[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// lookup resolves a charset label to its encoding and WHATWG name. Labels
// of encodings that are not ASCII-compatible (UTF-16) and "replacement"
// resolve to nothing when the label was read from ASCII bytes, because
// the declaration itself proves the document is not in them.
func lookup(label string) (encoding.Encoding, string) {
	label = strings.TrimSpace(label)
	if label == "" {
		return nil, ""
	}
	e, err := htmlindex.Get(label)
	if err != nil {
		return nil, ""
	}
	name, err := htmlindex.Name(e)
	if err != nil {
		return nil, ""
	}
	switch name {
	case UTF16LE, UTF16BE, "replacement":
		return nil, ""
	}
	return e, name
}

// decodeAs converts body from the named encoding to UTF-8. Invalid UTF-8
// is replaced; UTF-8 input without errors is returned as is.
func decodeAs(body []byte, name string) ([]byte, error) {
	if name == UTF8 {
		if utf8.Valid(body) {
			return body, nil
		}
		return bytes.ToValidUTF8(body, []byte("\uFFFD")), nil
	}
	e, err := htmlindex.Get(name)
	if err != nil {
		return nil, fmt.Errorf("charset: unknown encoding %q: %w", name, err)
	}
	if cm, ok := e.(*charmap.Charmap); ok {
		return decodeCharmap(body, cm), nil
	}
	out, err := e.NewDecoder().Bytes(body)
	if err != nil {
		return nil, fmt.Errorf("charset: decode %s: %w", name, err)
	}
	return out, nil
}

// decodeCharmap decodes a single-byte encoding. ASCII-only input is
// returned unchanged, since every charmap htmlindex returns for a label
// read from ASCII bytes is ASCII-compatible.
func decodeCharmap(body []byte, cm *charmap.Charmap) []byte {
	first := -1
	for i, c := range body {
		if c >= 0x80 {
			first = i
			break
		}
	}
	if first < 0 {
		return body
	}
	var table [128]rune
	for i := range table {
		table[i] = cm.DecodeByte(byte(0x80 + i))
	}
	out := make([]byte, first, len(body)+len(body)/2)
	copy(out, body[:first])
	for _, c := range body[first:] {
		if c < 0x80 {
			out = append(out, c)
			continue
		}
		out = utf8.AppendRune(out, table[c-0x80])
	}
	return out
}
