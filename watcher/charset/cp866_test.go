package charset

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// TestDecodeCyrillicLabels: CP866 (IBM866, the DOS Cyrillic code page old
// boards and FidoNet archives still serve) declared or not, and pages
// whose labels lie, read as the Russian they are: the BOM beats the HTTP
// header, the header beats the meta, and bytes that contradict a label
// beat it.
func TestDecodeCyrillicLabels(t *testing.T) {
	cp866 := func(s string) []byte { return enc(t, charmap.CodePage866, s) }
	cp1251 := func(s string) []byte { return enc(t, charmap.Windows1251, s) }
	koi8 := func(s string) []byte { return enc(t, charmap.KOI8R, s) }
	short := "Банк списал деньги дважды"
	tests := []struct {
		name        string
		body        []byte
		contentType string
		wantEnc     string
		want        string
	}{
		// CP866 declared, by every label and place.
		{"cp866 in meta charset", cp866(page(`<meta charset="cp866">`, russian)), "", "ibm866", russian},
		{"ibm866 in meta http-equiv", cp866(page(`<meta http-equiv="Content-Type" content="text/html; charset=IBM866">`, russian)), "", "ibm866", russian},
		{"866 in header", cp866(page("", russian)), "text/html; charset=866", "ibm866", russian},
		{"csibm866 in header", cp866(page("", russian)), "text/html; charset=csIBM866", "ibm866", russian},
		{"cp866 declared, short text", cp866(page(`<meta charset="cp866">`, short)), "", "ibm866", short},
		// CP866 undeclared, or mislabelled as another Cyrillic charset or UTF-8.
		{"undeclared cp866 sniffed", cp866(page("", russian)), "", "ibm866", russian},
		{"meta says cp1251, bytes cp866", cp866(page(`<meta charset="windows-1251">`, russian)), "", "ibm866", russian},
		{"meta says koi8-r, bytes cp866", cp866(page(`<meta charset="koi8-r">`, russian)), "", "ibm866", russian},
		{"header says utf-8, bytes cp866", cp866(page("", russian)), "text/html; charset=utf-8", "ibm866", russian},
		// The others are not taken for CP866.
		{"meta says cp866, bytes cp1251", cp1251(page(`<meta charset="cp866">`, russian)), "", Windows1251, russian},
		{"meta says cp866, bytes koi8-r", koi8(page(`<meta charset="cp866">`, russian)), "", KOI8R, russian},
		{"undeclared cp1251 still cp1251", cp1251(page("", russian)), "", Windows1251, russian},
		{"undeclared koi8-r still koi8-r", koi8(page("", russian)), "", KOI8R, russian},
		// Mislabelled UTF-8 and cp1251, and precedence.
		{"meta cp1251, bytes utf-8", []byte(page(`<meta charset="windows-1251">`, russian)), "", UTF8, russian},
		{"meta utf-8, bytes cp1251", cp1251(page(`<meta charset="utf-8">`, russian)), "", Windows1251, russian},
		{"header cp1251, meta utf-8, bytes utf-8", []byte(page(`<meta charset="utf-8">`, russian)), "text/html; charset=windows-1251", UTF8, russian},
		{"header utf-8, meta cp1251, bytes cp1251", cp1251(page(`<meta charset="windows-1251">`, russian)), "text/html; charset=utf-8", Windows1251, russian},
		{"header koi8-r beats meta cp1251, bytes koi8-r", koi8(page(`<meta charset="windows-1251">`, russian)), "text/html; charset=koi8-r", KOI8R, russian},
		{"BOM utf-8 beats header and meta cp1251", append([]byte("\xEF\xBB\xBF"), page(`<meta charset="windows-1251">`, russian)...), "text/html; charset=windows-1251", UTF8, russian},
		// A UTF-8 page labelled cp1251 with one stray byte (a signature
		// pasted from an old page, a body cut in a character) is still
		// UTF-8: its Cyrillic must not turn into "РЎР..." mojibake.
		{"meta cp1251, utf-8 with a stray byte", []byte(page(`<meta charset="windows-1251">`, russian+" \xE9 конец")), "", UTF8, "конец"},
		{"header cp1251, utf-8 cut in a character", append([]byte("<html><body><p>"+strings.TrimSuffix(russian, "ели.")), "е"[0]), "text/html; charset=windows-1251", UTF8, "Представитель компании"},
		{"undeclared utf-8 with a stray byte", []byte(page("", russian+" \xE9 конец")), "", UTF8, "конец"},
		// And cp1251 labelled UTF-8 that happens to hold a valid UTF-8 pair
		// stays cp1251.
		{"meta utf-8, cp1251 with a valid pair", cp1251(page(`<meta charset="utf-8">`, russian+" Сё")), "", Windows1251, russian},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := decodedAs(t, tt.body, tt.contentType, tt.wantEnc, tt.want)
			if strings.Contains(out, "РЎ") || strings.Contains(out, "Р±") {
				t.Errorf("mojibake in output:\n%s", out)
			}
		})
	}
}

// TestDecodeXMLCyrillicLabels: feeds go through the same decision: CP866
// sniffed, a UTF-8 feed declared windows-1251 (with a stray byte too)
// read as UTF-8, and the header before the XML declaration.
func TestDecodeXMLCyrillicLabels(t *testing.T) {
	feed := func(decl, text string) string {
		return `<?xml version="1.0"` + decl + `?><rss version="2.0"><channel><title>t</title><item><title>` + text + `</title></item></channel></rss>`
	}
	tests := []struct {
		name        string
		body        []byte
		contentType string
		wantEnc     string
	}{
		{"undeclared cp866", enc(t, charmap.CodePage866, feed("", russian)), "", IBM866},
		{"declared cp866", enc(t, charmap.CodePage866, feed(` encoding="cp866"`, russian)), "", IBM866},
		{"declared cp1251, bytes utf-8", []byte(feed(` encoding="windows-1251"`, russian)), "", UTF8},
		{"declared cp1251, utf-8 with a stray byte", []byte(feed(` encoding="windows-1251"`, russian+" \xE9 конец")), "", UTF8},
		{"header koi8-r beats declaration cp1251", enc(t, charmap.KOI8R, feed(` encoding="windows-1251"`, russian)), "application/rss+xml; charset=koi8-r", KOI8R},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, name, err := DecodeXML(tt.body, tt.contentType)
			if err != nil {
				t.Fatalf("DecodeXML: %v", err)
			}
			if name != tt.wantEnc {
				t.Errorf("encoding = %q, want %q", name, tt.wantEnc)
			}
			if !bytes.Contains(out, []byte(russian)) {
				t.Errorf("output lacks the Russian text:\n%s", out)
			}
		})
	}
}
