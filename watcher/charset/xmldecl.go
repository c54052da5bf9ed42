package charset

import "bytes"

// xmlDecl locates an XML declaration: body[start:end] is "<?xml ... ?>".
type xmlDecl struct {
	start, end int
	encoding   string
}

// xmlPrologScan bounds the search for an XML declaration.
const xmlPrologScan = 4 << 10

// findXMLDecl finds the XML declaration at the start of body, allowing
// for what real feeds put before it: whitespace and comments.
func findXMLDecl(body []byte) (xmlDecl, bool) {
	i := 0
	for i < len(body) && i < xmlPrologScan {
		switch c := body[i]; {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			i++
		case bytes.HasPrefix(body[i:], []byte("<!--")):
			j := bytes.Index(body[i+4:], []byte("-->"))
			if j < 0 {
				return xmlDecl{}, false
			}
			i += 4 + j + 3
		case bytes.HasPrefix(body[i:], []byte("<?xml")) && len(body) > i+5 && isXMLSpace(body[i+5]):
			j := bytes.Index(body[i:], []byte("?>"))
			if j < 0 {
				return xmlDecl{}, false
			}
			return xmlDecl{start: i, end: i + j + 2, encoding: pseudoAttr(body[i+5:i+j], "encoding")}, true
		default:
			return xmlDecl{}, false
		}
	}
	return xmlDecl{}, false
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// pseudoAttr returns the value of name="value" (or 'value') in the body
// of an XML declaration.
func pseudoAttr(b []byte, name string) string {
	for {
		i := bytes.Index(b, []byte(name))
		if i < 0 {
			return ""
		}
		b = b[i+len(name):]
		t := bytes.TrimLeft(b, " \t\r\n")
		if len(t) == 0 || t[0] != '=' {
			continue
		}
		t = bytes.TrimLeft(t[1:], " \t\r\n")
		if len(t) == 0 || (t[0] != '"' && t[0] != '\'') {
			return ""
		}
		j := bytes.IndexByte(t[1:], t[0])
		if j < 0 {
			return ""
		}
		return string(bytes.TrimSpace(t[1 : j+1]))
	}
}

// stripXMLDecl removes the XML declaration (its encoding no longer holds
// once the body is UTF-8) and the whitespace before the first markup. It
// avoids copying when the declaration is at the start, which is usual.
func stripXMLDecl(b []byte) []byte {
	d, ok := findXMLDecl(b)
	if !ok {
		return bytes.TrimLeft(b, " \t\r\n")
	}
	if len(bytes.TrimLeft(b[:d.start], " \t\r\n")) == 0 {
		return b[d.end:]
	}
	out := make([]byte, 0, len(b)-(d.end-d.start))
	out = append(out, b[:d.start]...)
	return append(out, b[d.end:]...)
}
