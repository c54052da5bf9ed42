package feed

import (
	"bytes"
	"encoding/xml"
	"io"
)

// repairXML mends a feed that ends early or breaks down part way — cut
// off in transfer, missing its closing tags ("</rss" without ">", no
// </rss> at all), or malformed after some entries — the way a lenient
// reader would: it keeps everything up to the last well-formed point,
// drops an entry left half-written, and closes the elements still open.
// It reports false when there is nothing to mend.
func repairXML(b []byte) ([]byte, bool) {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	type open struct {
		name string
		off  int64
	}
	var stack []open
	entry := -1 // stack index of the open <item>/<entry>, if any
	var good int64
	for {
		off := d.InputOffset()
		tok, err := d.RawToken()
		if err == io.EOF && len(stack) == 0 {
			return nil, false // complete: the parser's trouble is elsewhere
		}
		if err != nil {
			break
		}
		if t, ok := tok.(xml.StartElement); ok {
			stack = append(stack, open{rawName(t.Name), off})
			if entry < 0 && (t.Name.Local == "item" || t.Name.Local == "entry") {
				entry = len(stack) - 1
			}
		} else if t, ok := tok.(xml.EndElement); ok {
			if len(stack) == 0 || stack[len(stack)-1].name != rawName(t.Name) {
				break // a mismatched end tag: the document is broken here
			}
			stack = stack[:len(stack)-1]
			if entry == len(stack) {
				entry = -1
			}
		}
		good = d.InputOffset()
	}
	if entry >= 0 {
		good = stack[entry].off
		stack = stack[:entry]
	}
	if len(stack) == 0 {
		return nil, false
	}
	out := make([]byte, 0, int(good)+16*len(stack))
	out = append(out, b[:good]...)
	for i := len(stack) - 1; i >= 0; i-- {
		out = append(out, "</"...)
		out = append(out, stack[i].name...)
		out = append(out, '>')
	}
	return out, true
}

func rawName(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}
