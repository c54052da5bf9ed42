package charset

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// russian is a paragraph of ordinary Russian prose, long enough for the
// sniffer to judge.
const russian = "Вчера клиенты банка снова жаловались на долгое ожидание ответа службы поддержки. " +
	"Один из них написал, что перевод завис на три дня, а оператор так и не перезвонил. " +
	"Представитель компании обещал разобраться и вернуть деньги до конца недели."

// english is Western European text with accents and curly quotes.
const english = "The café’s owner said “we’re thrilled” about the naïve résumé contest — déjà vu."

func enc(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return b
}

func page(head, body string) string {
	return "<!DOCTYPE html>\n<html><head>" + head + "<title>Reviews</title></head><body><p>" + body + "</p></body></html>"
}

func TestDecodeHTML(t *testing.T) {
	utf16le := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	utf16be := unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	tests := []struct {
		name        string
		body        []byte
		contentType string
		wantEnc     string
		want        string // substring of the decoded text
	}{
		{"cp1251 in header", enc(t, charmap.Windows1251, page("", russian)), "text/html; charset=windows-1251", Windows1251, russian},
		{"cp1251 in meta charset", enc(t, charmap.Windows1251, page(`<meta charset="windows-1251">`, russian)), "text/html", Windows1251, russian},
		{"koi8-r in meta http-equiv", enc(t, charmap.KOI8R, page(`<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">`, russian)), "", KOI8R, russian},
		{"meta attributes reversed, quoted charset", enc(t, charmap.KOI8R, page(`<meta content='text/html; charset="KOI8-R"' http-equiv=content-type>`, russian)), "", KOI8R, russian},
		{"undeclared cp1251 sniffed", enc(t, charmap.Windows1251, page("", russian)), "", Windows1251, russian},
		{"undeclared koi8-r sniffed", enc(t, charmap.KOI8R, page("", russian)), "text/html", KOI8R, russian},
		{"undeclared iso-8859-5 sniffed", enc(t, charmap.ISO8859_5, page("", russian)), "", ISO88595, russian},
		{"utf-16le with BOM", enc(t, utf16le, page("", russian)), "", UTF16LE, russian},
		{"utf-16be with BOM", enc(t, utf16be, page("", russian)), "text/html; charset=windows-1251", UTF16BE, russian},
		{"utf-8 with BOM beats header", append([]byte("\xEF\xBB\xBF"), page("", russian)...), "text/html; charset=koi8-r", UTF8, russian},
		{"iso-8859-2 declared", enc(t, charmap.ISO8859_2, page(`<meta charset="iso-8859-2">`, "Zażółć gęślą jaźń")), "", "iso-8859-2", "Zażółć gęślą jaźń"},
		{"meta says cp1251, bytes are utf-8", []byte(page(`<meta charset="windows-1251">`, russian)), "", UTF8, russian},
		{"header says utf-8, bytes and meta cp1251", enc(t, charmap.Windows1251, page(`<meta charset="windows-1251">`, russian)), "text/html; charset=UTF-8", Windows1251, russian},
		{"header says utf-8, undeclared koi8-r", enc(t, charmap.KOI8R, page("", russian)), "text/html; charset=utf-8", KOI8R, russian},
		{"meta says koi8-r, bytes are cp1251", enc(t, charmap.Windows1251, page(`<meta charset="koi8-r">`, russian)), "", Windows1251, russian},
		{"meta says latin-1, bytes are cp1251 Russian", enc(t, charmap.Windows1251, page(`<meta charset="iso-8859-1">`, russian)), "", Windows1251, russian},
		{"undeclared windows-1252", enc(t, charmap.Windows1252, page("", english)), "", Windows1252, english},
		{"latin-1 declared stays latin", enc(t, charmap.Windows1252, page(`<meta charset="iso-8859-1">`, english)), "", Windows1252, english},
		{"utf-8 with stray invalid bytes", []byte(page(`<meta charset="utf-8">`, russian+"\xff\xfe конец")), "", UTF8, russian + "\uFFFD конец"},
		{"pure ascii with unknown label", []byte(page(`<meta charset="x-no-such">`, "plain words")), "", UTF8, "plain words"},
		{"pure ascii declared koi8-r", []byte(page(`<meta charset="koi8-r">`, "plain words")), "", KOI8R, "plain words"},
		{"meta after a long script", enc(t, charmap.KOI8R, "<html><head><script>"+strings.Repeat("var x = 1;\n", 300)+"</script><meta charset=koi8-r></head><body>Привет</body></html>"), "", KOI8R, "Привет"},
		{"meta in body ignored", enc(t, charmap.Windows1251, "<html><head></head><body><p>"+russian+`</p><meta charset="koi8-r"></body></html>`), "", Windows1251, russian},
		{"xhtml with xml declaration", enc(t, charmap.KOI8R, `<?xml version="1.0" encoding="koi8-r"?><html><body>Привет</body></html>`), "", KOI8R, "Привет"},
		{"empty body", nil, "text/html; charset=windows-1251", Windows1251, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			decodedAs(t, tt.body, tt.contentType, tt.wantEnc, tt.want)
		})
	}
}

// decodedAs decodes the HTML body served with contentType and checks
// that it was read as wantEnc into valid UTF-8 holding want; it returns
// the text.
func decodedAs(t *testing.T, body []byte, contentType, wantEnc, want string) string {
	t.Helper()
	out, name, err := DecodeHTML(body, contentType)
	if err != nil {
		t.Fatalf("DecodeHTML: %v", err)
	}
	if name != wantEnc {
		t.Errorf("encoding = %q, want %q", name, wantEnc)
	}
	if !utf8.Valid(out) {
		t.Errorf("output is not valid UTF-8")
	}
	if !bytes.Contains(out, []byte(want)) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
	return string(out)
}

func TestDecodeXML(t *testing.T) {
	rss := func(decl string) string {
		return decl + "<rss version=\"2.0\"><channel><title>Новости</title><item><description>" + russian + "</description></item></channel></rss>"
	}
	utf16le := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	utf16leNoBOM := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	tests := []struct {
		name        string
		body        []byte
		contentType string
		wantEnc     string
		wantPrefix  string
	}{
		{"declared cp1251", enc(t, charmap.Windows1251, rss(`<?xml version="1.0" encoding="windows-1251"?>`)), "", Windows1251, "<rss"},
		{"declared mixed-case label, space before ?>", enc(t, charmap.KOI8R, rss(`<?xml version="1.0" encoding="KOI8-R" ?>`+"\n")), "application/rss+xml", KOI8R, "\n<rss"},
		{"single-quoted encoding", enc(t, charmap.KOI8R, rss(`<?xml version='1.0' encoding='koi8-r'?>`)), "", KOI8R, "<rss"},
		{"leading whitespace before declaration", enc(t, charmap.Windows1251, rss("  \n\t"+`<?xml version="1.0" encoding="windows-1251"?>`)), "", Windows1251, "<rss"},
		{"comment before declaration", enc(t, charmap.Windows1251, rss(`<!-- generator -->`+"\r\n"+`<?xml version="1.0" encoding="windows-1251"?>`)), "", Windows1251, "<!-- generator -->\r\n<rss"},
		{"no declaration, koi8-r sniffed", enc(t, charmap.KOI8R, rss("")), "", KOI8R, "<rss"},
		{"header charset beats declaration", enc(t, charmap.KOI8R, rss(`<?xml version="1.0" encoding="windows-1251"?>`)), "text/xml; charset=koi8-r", KOI8R, "<rss"},
		{"declared cp1251, bytes utf-8", []byte(rss(`<?xml version="1.0" encoding="windows-1251"?>`)), "", UTF8, "<rss"},
		{"utf-16le with BOM and declaration", enc(t, utf16le, rss(`<?xml version="1.0" encoding="utf-16"?>`)), "", UTF16LE, "<rss"},
		{"utf-16le without BOM", enc(t, utf16leNoBOM, rss(`<?xml version="1.0" encoding="utf-16"?>`)), "", UTF16LE, "<rss"},
		{"utf-16 declared in ascii bytes is a lie", []byte(rss(`<?xml version="1.0" encoding="utf-16"?>`)), "", UTF8, "<rss"},
		{"utf-8 BOM then comment", []byte("\xEF\xBB\xBF<!-- c --><rss><channel><title>Новости</title><item><description>" + russian + "</description></item></channel></rss>"), "", UTF8, "<!-- c --><rss"},
		{"iso-8859-1 declared", enc(t, charmap.ISO8859_1, `<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>Notícias de São Paulo</title></channel></rss>`), "", Windows1252, "<rss"},
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
			if !bytes.HasPrefix(out, []byte(tt.wantPrefix)) {
				t.Errorf("output starts %q, want prefix %q", out[:min(len(out), 40)], tt.wantPrefix)
			}
			if bytes.Contains(out, []byte("<?xml")) {
				t.Errorf("XML declaration left in output")
			}
			if !bytes.Contains(out, []byte("Новости")) && !bytes.Contains(out, []byte("São Paulo")) {
				t.Errorf("title not decoded: %q", out)
			}
		})
	}
}

// TestNoCopyForUTF8 checks that a UTF-8 body is returned without copying,
// which matters when thousands of feeds are crawled.
func TestNoCopyForUTF8(t *testing.T) {
	body := []byte(`<?xml version="1.0" encoding="utf-8"?><rss><channel><title>Новости</title></channel></rss>`)
	out, _, err := DecodeXML(body, "")
	if err != nil {
		t.Fatal(err)
	}
	if &out[len(out)-1] != &body[len(body)-1] {
		t.Errorf("DecodeXML copied a valid UTF-8 body")
	}
	hbody := []byte(page(`<meta charset="utf-8">`, russian))
	hout, _, _ := DecodeHTML(hbody, "")
	if &hout[0] != &hbody[0] {
		t.Errorf("DecodeHTML copied a valid UTF-8 body")
	}
}

func TestCharsetFromContent(t *testing.T) {
	tests := map[string]string{
		"text/html; charset=windows-1251":     "windows-1251",
		"text/html;charset=\"koi8-r\"":        "koi8-r",
		"text/html; CHARSET = 'utf-8'":        "utf-8",
		"text/html":                           "",
		"text/html; charset=":                 "",
		"text/html; charsetx; charset=cp1251": "cp1251",
	}
	for in, want := range tests {
		if got := charsetFromContent(in); got != want {
			t.Errorf("charsetFromContent(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHeaderCharset(t *testing.T) {
	tests := map[string]string{
		"text/xml; charset=KOI8-R":         "KOI8-R",
		"text/html":                        "",
		"":                                 "",
		"text/html; charset=utf-8; foo=\"": "utf-8", // malformed: found by hand
		"text/html; CHARSET=KOI8-R; x=\"":  "KOI8-R",
		// Malformed, with letters that grow when lowered ahead of the
		// parameter: the charset is still found where it is.
		"text/html; \u0130\u0130\u0130\u0130 charset=windows-1251":   "windows-1251",
		"\u0130\u0130\u0130\u0130\u0130\u0130\u0130\u0130; charset=": "",
	}
	for in, want := range tests {
		if got := headerCharset(in); got != want {
			t.Errorf("headerCharset(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzDecodeHTML(f *testing.F) {
	f.Add([]byte(page(`<meta charset="windows-1251">`, "Привет")), "text/html")
	f.Add([]byte("\xFF\xFE<\x00h\x00"), "")
	f.Add([]byte("<meta http-equiv=content-type content='text/html; charset=koi8-r'>\xf0\xd2\xc9\xd7\xc5\xd4"), "")
	f.Add([]byte("caf\xe9 \x93quoted\x94"), "text/html; charset=utf-8")
	f.Fuzz(func(t *testing.T, body []byte, ct string) {
		out, name, err := DecodeHTML(body, ct)
		if err != nil {
			t.Fatalf("DecodeHTML(%q, %q): %v", body, ct, err)
		}
		if name == "" {
			t.Fatalf("no encoding name")
		}
		if !utf8.Valid(out) {
			t.Fatalf("invalid UTF-8 output for %q (%s)", body, name)
		}
		// UTF-8 declared by the header and valid reads as itself, so a
		// second decoding of the output changes nothing.
		const utf8Type = "text/html; charset=utf-8"
		if !bytes.HasPrefix(out, []byte("\xEF\xBB\xBF")) {
			again, name2, err := DecodeHTML(out, utf8Type)
			if err != nil || name2 != UTF8 || !bytes.Equal(again, out) {
				t.Fatalf("decoding the output of %q (%s) again gives %q (%s, %v)", body, name, again, name2, err)
			}
		}
	})
}

func FuzzDecodeXML(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0" encoding="koi8-r"?><rss>`+"\xf0\xd2\xc9\xd7\xc5\xd4</rss>"), "")
	f.Add([]byte("\xFE\xFF\x00<\x00?"), "")
	f.Add([]byte("<\x00?\x00x\x00"), "")
	f.Add([]byte(" <!-- x --> <?xml encoding='utf-8' ?><a>\xa9</a>"), "text/xml; charset=\"")
	f.Fuzz(func(t *testing.T, body []byte, ct string) {
		out, _, err := DecodeXML(body, ct)
		if err != nil {
			t.Fatalf("DecodeXML(%q, %q): %v", body, ct, err)
		}
		if !utf8.Valid(out) {
			t.Fatalf("invalid UTF-8 output for %q", body)
		}
	})
}
