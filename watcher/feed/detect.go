package feed

import (
	"bytes"
	"strings"
)

// Format is the kind of document a body holds.
type Format int

// Formats Sniff recognises.
const (
	Unknown Format = iota
	RSS            // RSS 0.9x, 2.0, and RSS 1.0 (RDF)
	Atom           // Atom 0.3 and 1.0
	JSON           // JSON Feed
	HTML           // a web page, not a feed
)

func (f Format) String() string {
	switch f {
	case RSS:
		return "RSS"
	case Atom:
		return "Atom"
	case JSON:
		return "JSON Feed"
	case HTML:
		return "HTML"
	}
	return "unknown"
}

// Sniff tells what kind of document body is from its first bytes: the
// root element of XML (skipping the declaration, comments, processing
// instructions and a DOCTYPE), or an opening brace for JSON. It reads
// UTF-16 too, by looking at every other byte.
func Sniff(body []byte) Format {
	body = bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF"))
	if len(body) >= 2 && (body[0] == 0xFF && body[1] == 0xFE || body[0] == 0xFE && body[1] == 0xFF) {
		body = narrow(body[2:])
	} else if len(body) >= 2 && (body[0] == 0 || body[1] == 0) {
		body = narrow(body)
	}
	name, brace := root(body)
	if brace {
		return JSON
	}
	return formatOf(name)
}

// narrow keeps the non-zero bytes of the start of a UTF-16 body, enough
// to find its root element.
func narrow(b []byte) []byte {
	b = b[:min(len(b), 8192)]
	out := make([]byte, 0, len(b)/2)
	for _, c := range b {
		if c != 0 {
			out = append(out, c)
		}
	}
	return out
}

func formatOf(rootName string) Format {
	local := rootName
	if i := strings.LastIndexByte(local, ':'); i >= 0 {
		local = local[i+1:]
	}
	switch strings.ToLower(local) {
	case "rss", "rdf":
		return RSS
	case "feed":
		return Atom
	case "html", "head", "body", "!doctype html":
		return HTML
	}
	return Unknown
}

// root returns the name of the first element of an XML or HTML body, or
// brace=true when the first non-blank character is "{".
func root(b []byte) (name string, brace bool) {
	i := 0
	for i < len(b) {
		switch c := b[i]; {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			i++
		case c == '{':
			return "", true
		case c != '<':
			return "", false
		case bytes.HasPrefix(b[i:], []byte("<!--")):
			j := bytes.Index(b[i+4:], []byte("-->"))
			if j < 0 {
				return "", false
			}
			i += 4 + j + 3
		case bytes.HasPrefix(b[i:], []byte("<?")):
			j := bytes.Index(b[i:], []byte("?>"))
			if j < 0 {
				return "", false
			}
			i += j + 2
		case len(b) >= i+9 && strings.EqualFold(string(b[i:i+9]), "<!DOCTYPE"):
			rest := b[i+9:]
			word := bytes.TrimLeft(rest, " \t\r\n")
			if len(word) >= 4 && strings.EqualFold(string(word[:4]), "html") && (len(word) == 4 || isNameEnd(word[4])) {
				return "!doctype html", false
			}
			k := bytes.IndexAny(rest, "[>")
			if k < 0 {
				return "", false
			}
			if rest[k] == '[' { // an internal subset: skip to "]" and then ">"
				j := bytes.IndexByte(rest[k:], ']')
				if j < 0 {
					return "", false
				}
				k += j
				m := bytes.IndexByte(rest[k:], '>')
				if m < 0 {
					return "", false
				}
				k += m
			}
			i += 9 + k + 1
		default:
			j := i + 1
			for j < len(b) && !isNameEnd(b[j]) {
				j++
			}
			return string(b[i+1 : j]), false
		}
	}
	return "", false
}

func isNameEnd(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '>' || c == '/'
}
