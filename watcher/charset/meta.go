package charset

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// metaScanBytes bounds how much of an HTML page is searched for a <meta>
// charset declaration. Browsers look at 1024 bytes; real pages put a lot
// of script before their meta, so we look further, but stop at <body>.
const metaScanBytes = 32 << 10

// metaCharset returns the charset label an HTML page declares in its
// <head> with <meta charset> or <meta http-equiv="Content-Type">, or "".
func metaCharset(body []byte) string {
	if len(body) > metaScanBytes {
		body = body[:metaScanBytes]
	}
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "head" {
				return ""
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "body":
				return ""
			case "meta":
				if !hasAttr {
					continue
				}
				if cs := metaTagCharset(z); cs != "" {
					return cs
				}
			}
		}
	}
}

// metaTagCharset reads the charset of the current <meta> tag.
func metaTagCharset(z *html.Tokenizer) string {
	var content string
	httpEquiv := false
	for {
		key, val, more := z.TagAttr()
		switch string(key) {
		case "charset":
			return strings.TrimSpace(string(val))
		case "http-equiv":
			httpEquiv = strings.EqualFold(strings.TrimSpace(string(val)), "content-type")
		case "content":
			content = string(val)
		}
		if !more {
			break
		}
	}
	if httpEquiv && content != "" {
		return charsetFromContent(content)
	}
	return ""
}

// charsetFromContent extracts the charset from a meta content attribute
// ("text/html; charset=windows-1251"), following the HTML algorithm.
func charsetFromContent(s string) string {
	low := strings.ToLower(s)
	for {
		i := strings.Index(low, "charset")
		if i < 0 {
			return ""
		}
		s, low = s[i+len("charset"):], low[i+len("charset"):]
		t := strings.TrimLeft(s, " \t\n\f\r")
		if !strings.HasPrefix(t, "=") {
			continue
		}
		t = strings.TrimLeft(t[1:], " \t\n\f\r")
		if t == "" {
			return ""
		}
		if q := t[0]; q == '"' || q == '\'' {
			if j := strings.IndexByte(t[1:], q); j >= 0 {
				return t[1 : j+1]
			}
			return ""
		}
		if j := strings.IndexAny(t, " \t\n\f\r;"); j >= 0 {
			t = t[:j]
		}
		return t
	}
}
