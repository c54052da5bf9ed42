package emailtest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
)

// Parsed is a received message taken apart with the standard library.
type Parsed struct {
	Header   mail.Header
	Subject  string // decoded
	Type     string // media type of the message, e.g. multipart/alternative
	Text     string // decoded text/plain part
	HTML     string // decoded text/html part
	Parts    []Part
	Boundary string
}

// Part is one MIME part as found.
type Part struct {
	Type     string // media type
	Charset  string
	Encoding string // Content-Transfer-Encoding
	Body     string // decoded
}

// Parse reads a MIME message: headers, then either a single text part or
// a multipart/alternative body with text and HTML parts.
func Parse(data []byte) (*Parsed, error) {
	if len(data) == 0 {
		return nil, ErrNoMessage
	}
	m, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("emailtest: read message: %w", err)
	}
	p := &Parsed{Header: m.Header}
	dec := new(mime.WordDecoder)
	if p.Subject, err = dec.DecodeHeader(m.Header.Get("Subject")); err != nil {
		return nil, fmt.Errorf("emailtest: subject: %w", err)
	}
	mt, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil {
		return nil, fmt.Errorf("emailtest: content type: %w", err)
	}
	p.Type = mt
	if !strings.HasPrefix(mt, "multipart/") {
		part, err := decodePart(mt, params["charset"], m.Header.Get("Content-Transfer-Encoding"), m.Body)
		if err != nil {
			return nil, err
		}
		p.add(part)
		return p, nil
	}
	p.Boundary = params["boundary"]
	mr := multipart.NewReader(m.Body, p.Boundary)
	for {
		rp, err := mr.NextRawPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("emailtest: next part: %w", err)
		}
		pt, pparams, err := mime.ParseMediaType(rp.Header.Get("Content-Type"))
		if err != nil {
			return nil, fmt.Errorf("emailtest: part content type: %w", err)
		}
		part, err := decodePart(pt, pparams["charset"], rp.Header.Get("Content-Transfer-Encoding"), rp)
		if err != nil {
			return nil, err
		}
		p.add(part)
	}
	return p, nil
}

func (p *Parsed) add(part Part) {
	p.Parts = append(p.Parts, part)
	switch part.Type {
	case "text/plain":
		p.Text = part.Body
	case "text/html":
		p.HTML = part.Body
	}
}

func decodePart(mediaType, charset, cte string, r io.Reader) (Part, error) {
	part := Part{Type: mediaType, Charset: charset, Encoding: strings.ToLower(cte)}
	switch part.Encoding {
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, &newlineStripper{r})
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return part, fmt.Errorf("emailtest: decode %s part: %w", mediaType, err)
	}
	part.Body = strings.ReplaceAll(string(b), "\r\n", "\n")
	return part, nil
}

// newlineStripper drops CR and LF, which base64 bodies are wrapped with.
type newlineStripper struct{ r io.Reader }

func (n *newlineStripper) Read(p []byte) (int, error) {
	for {
		k, err := n.r.Read(p)
		j := 0
		for _, c := range p[:k] {
			if c != '\r' && c != '\n' {
				p[j] = c
				j++
			}
		}
		if j > 0 || err != nil {
			return j, err
		}
	}
}
