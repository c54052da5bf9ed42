package fetch

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strings"
)

// acceptEncoding is what the fetcher asks servers for; the transport's
// own transparent gzip is off so the size cap applies to what we inflate.
const acceptEncoding = "gzip, deflate"

// errTooLarge marks a body cut at the cap.
var errTooLarge = errors.New("body too large")

// decoder wraps body in the decompressor its Content-Encoding names.
func decoder(body io.Reader, contentEncoding string) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(contentEncoding)) {
	case "", "identity":
		return body, nil
	case "gzip", "x-gzip":
		return gzip.NewReader(body)
	case "deflate":
		// "deflate" should be zlib-wrapped, but some servers send raw
		// DEFLATE; the zlib header tells them apart.
		br := bufio.NewReader(body)
		hdr, err := br.Peek(2)
		if err != nil {
			return nil, err
		}
		if hdr[0]&0x0f == 8 && (uint16(hdr[0])<<8|uint16(hdr[1]))%31 == 0 {
			return zlib.NewReader(br)
		}
		return flate.NewReader(br), nil
	}
	return nil, fmt.Errorf("unsupported Content-Encoding %q", contentEncoding)
}

// readCapped reads all of r, but no more than max bytes: a longer body
// fails with errTooLarge after reading max+1 bytes, so memory stays
// bounded however much the server sends. sizeHint (Content-Length, or -1)
// sizes the buffer.
func readCapped(r io.Reader, max, sizeHint int64) ([]byte, error) {
	const defaultInitial = 64 << 10
	initial := int64(defaultInitial)
	if sizeHint > 0 {
		initial = sizeHint + bytes.MinRead // ReadFrom wants room to see EOF
	}
	initial = min(initial, max+1)
	buf := bytes.NewBuffer(make([]byte, 0, initial))
	n, err := buf.ReadFrom(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if n > max {
		return nil, errTooLarge
	}
	return buf.Bytes(), nil
}
